/// A byte stream to a device's command line, whatever carries it (ssh in a pty,
/// a serial port, telnet, the lab on a pty). The CLI driver speaks only to this.
public protocol DeviceChannel: AnyObject {
    /// Waits up to `timeout` and returns what arrived ([] when nothing did).
    /// Throws `.connection(kind: .closed)` when the other side is gone, and
    /// `.interrupted` when a signal arrived and `interruptible` is set.
    func read(timeout: Duration, interruptible: Bool) throws(DeviceSessionError) -> [UInt8]
    /// Sends bytes as typed. Throws when the connection is gone.
    func write(_ bytes: [UInt8]) throws(DeviceSessionError)
    /// Sends a line break (serial consoles: ROMMON and password recovery).
    func sendBreak()
    /// Ends the connection and releases everything it holds.
    func close()
    /// How the channel is known to the user (no secrets): `ssh admin@10.0.0.1`.
    var label: String { get }
    /// A hint about the line itself when no prompt appears (a serial port at the wrong speed).
    var connectionHint: String? { get }
}

extension DeviceChannel {
    public func sendBreak() {}
    public var connectionHint: String? { nil }

    static func lostConnection(_ label: String, detail: String? = nil) -> DeviceSessionError {
        .connection(ConnectionFailure(kind: .closed, message: "the connection to \(label) was closed" + (detail.map { ": \($0)" } ?? "")))
    }
}
