import Foundation

/// A line the device printed on its own (debug, syslog) rather than as command output.
public struct AsynchronousLine: Equatable, Sendable {
    public var text: String
    public var receivedAt: Date
    /// True when the classifier recognised it as debug/syslog; false for stray lines
    /// that arrived while no command ran (kept so nothing is lost).
    public var recognised: Bool

    public init(text: String, receivedAt: Date, recognised: Bool) {
        self.text = text; self.receivedAt = receivedAt; self.recognised = recognised
    }
}

/// What one command printed, framed between its echo and the next prompt.
public struct CommandResult: Equatable, Sendable {
    public var command: String
    /// The prompt the command was typed at (`R1#`).
    public var prompt: String
    /// Output lines, cleaned of terminal artefacts, without asynchronous lines.
    public var output: [String]
    /// Asynchronous lines that arrived while the command ran, in order.
    public var asynchronous: [AsynchronousLine]
    /// The device's complaint (`% Invalid input detected at '^' marker.`), if any.
    public var deviceError: String?
    public var startedAt: Date
    public var finishedAt: Date

    public var text: String { output.joined(separator: "\n") }

    /// The command as a session log shows it, which `analyze` reads back.
    public var transcript: String { ([prompt + command] + output).joined(separator: "\n") + "\n" }
}
