import Foundation
import IPsecKit

/// Something `update` wants done outside the pure core. The runner executes it (or hands
/// it to the session layer) and reports back with messages.
public enum ConsoleEffect: Equatable, Sendable {
    case quit
    case debugOn([DebugKind])
    case debugOff
    /// `:peer IP` (nil: all peers): a live session conditions its debugs on this peer.
    case focusPeer(String?)
    case setPollInterval(TimeInterval)
    case loadTheme(String)
    /// Send a command to the device (`:exec`); its output comes back in the debug stream.
    case execute(String)
    /// The user confirmed a disruptive command in its dialog: send it.
    case executeConfirmed(String)
    /// Append the debug stream to a file from now on.
    case startLog(path: String)
    /// Write the current snapshot as JSON (the `analyze --json` contract).
    case export(path: String, report: AnalysisReport)
    /// Start a guided walkthrough (`:walk NAME [peer]`).
    case startWalkthrough(String, peer: String?)
    /// Step, skip, go back in, rerun or pause the running walkthrough.
    case walkthroughControl(WalkthroughControl)
    /// `:compare OTHER`: fetch this device's running-config and OTHER's (a saved file or a
    /// target), compare them and answer with `.comparison`.
    case compare(String)
    /// nil when the user cancelled.
    case answerPassword(id: Int, password: String?)
    case answerHostKey(id: Int, decision: HostKeyDecision)
    /// Clear and repaint the whole terminal.
    case redraw
}
