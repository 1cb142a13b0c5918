import IPsecKit
import Foundation

/// One line for the debug stream, as a source hands it over (not yet sanitised).
public struct DebugInput: Equatable, Sendable {
    public var text: String
    /// Line number in the session log or stream; findings cite it as evidence.
    public var sourceLine: Int?

    public init(text: String, sourceLine: Int? = nil) { self.text = text; self.sourceLine = sourceLine }
}

/// Everything that can happen to the console: input, time, and what the session layer
/// (or a replay) reports. `update` turns each into a new state and effects.
public enum ConsoleMsg: Equatable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// The clock; the runner sends it about once a second (ages, countdowns).
    case tick(Date)
    case snapshot(Snapshot)
    case debugLines([DebugInput])
    /// Debug lines (by `DebugInput.sourceLine`) the diagnosis took as evidence for a finding.
    case evidenceMarks([EvidenceMark])
    case connection(ConnectionInfo)
    /// Which debugs the device has on now (confirmed by the session layer).
    case debugsChanged(Set<DebugKind>)
    case pollIntervalChanged(TimeInterval)
    case findings([FindingItem])
    case themeLoaded(Theme)
    case themesAvailable([String])
    case askPassword(PasswordQuestion)
    case askHostKey(HostKeyQuestion)
    /// `:exec` of a command that tears tunnels down (`clear crypto sa ...`): the session
    /// layer asks before sending it; `reason` says what the command does.
    case confirmDisruptive(command: String, reason: String)
    /// A short message for the bottom line (results of effects, errors).
    case notice(String, isError: Bool)
    /// Where the running walkthrough stands.
    case walkthrough(WalkthroughProgress)
    /// `:compare` fetched and compared both ends: open the comparison pane.
    case comparison(ComparisonPane)
    /// `:compare` could not get or read one end's configuration.
    case comparisonFailed(ComparisonFailure)
    /// A signal or the session ending: leave now (debugs are switched off first).
    case quitRequested
}
