/// Line settings of a serial console. Cisco consoles ship at 9600 8N1 without flow control.
public struct SerialSettings: Equatable, Sendable {
    public enum Parity: String, Sendable { case none, even, odd }
    public enum Flow: String, Sendable { case none, xonxoff, rtscts }

    public var baud = 9600
    public var parity = Parity.none
    public var dataBits = 8
    public var stopBits = 1
    public var flow = Flow.none

    public init(baud: Int = 9600, parity: Parity = .none, dataBits: Int = 8, stopBits: Int = 1, flow: Flow = .none) {
        self.baud = baud; self.parity = parity; self.dataBits = dataBits; self.stopBits = stopBits; self.flow = flow
    }

    public static let supportedBauds = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]
}
