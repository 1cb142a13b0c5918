/// Everything that can go wrong talking to a device, each with words for the user.
public enum DeviceSessionError: Error, CustomStringConvertible, Equatable {
    /// Could not connect or log in, or the connection dropped.
    case connection(ConnectionFailure)
    /// The device rejected a command (`% Invalid input detected at '^' marker.`).
    case device(command: String, message: String)
    /// No prompt came back after a command.
    case commandTimeout(command: String, seconds: Int, lastOutput: String)
    /// The safety rules refused a command.
    case refused(command: String, reason: String)
    /// SIGINT, SIGTERM or SIGHUP arrived.
    case interrupted(signal: Int32)

    public var description: String {
        switch self {
        case let .connection(failure): return failure.description
        case let .device(command, message): return "the device rejected \"\(command)\": \(message)"
        case let .commandTimeout(command, seconds, last):
            let tail = last.isEmpty ? "nothing" : "\"\(last)\""
            return "\"\(command)\" did not finish within \(seconds) s (no prompt came back; last output: \(tail)); the device may be busy or the command may wait for input"
        case let .refused(command, reason): return "refused \"\(command)\": \(reason)"
        case let .interrupted(signal): return "interrupted by signal \(signal)"
        }
    }

    /// True when the connection is gone and a reconnect is the way on.
    public var isConnectionLost: Bool {
        if case let .connection(f) = self { return f.kind == .closed }
        return false
    }
}

/// Why a connection could not be made or was lost, and what to do about it.
public struct ConnectionFailure: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case authenticationFailed = "authentication_failed"
        case connectionRefused = "connection_refused"
        case timedOut = "timed_out"
        case hostUnreachable = "host_unreachable"
        case unknownHostKey = "unknown_host_key"
        case changedHostKey = "changed_host_key"
        case algorithmMismatch = "algorithm_mismatch"
        case portInUse = "port_in_use"
        case noPrompt = "no_prompt"
        case closed
        case other
    }

    public var kind: Kind
    public var message: String
    /// What the user can do next, if anything specific.
    public var advice: String?
    /// For host key problems: the key's fingerprint (`SHA256:...`).
    public var fingerprint: String?
    /// For a changed host key: where the old key is recorded (`FILE:LINE`).
    public var knownHostsLine: String?
    /// For algorithm mismatches: the ssh option that makes the connection work.
    public var suggestedOption: String?

    public init(kind: Kind, message: String, advice: String? = nil, fingerprint: String? = nil,
                knownHostsLine: String? = nil, suggestedOption: String? = nil) {
        self.kind = kind; self.message = message; self.advice = advice; self.fingerprint = fingerprint
        self.knownHostsLine = knownHostsLine; self.suggestedOption = suggestedOption
    }

    public var description: String {
        advice.map { "\(message). \($0)" } ?? message
    }
}
