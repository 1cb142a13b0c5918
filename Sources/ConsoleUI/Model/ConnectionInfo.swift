import Foundation
import IPsecKit

/// What the status bar says about the device connection; the session layer sends it.
public struct ConnectionInfo: Equatable, Sendable {
    public enum State: Equatable, Sendable {
        case connecting
        case connected
        case disconnected(reason: String)
        /// Next attempt at `at` (the status bar counts down).
        case reconnecting(at: Date)
        /// Reading a recorded session; `finished` once all of it was read.
        case replay(finished: Bool)
    }

    public var device: String
    public var transport: String
    public var state: State
    /// IOS privilege level (15 = enable), when known.
    public var privilege: Int?

    public init(device: String, transport: String, state: State, privilege: Int? = nil) {
        self.device = device; self.transport = transport; self.state = state; self.privilege = privilege
    }

    public var isReadOnly: Bool {
        if case .replay = state { return true }
        return false
    }
}

