/// Notices a serial console read at the wrong speed: the bytes come out as garbage
/// (high-bit and control characters) instead of text.
public struct LineNoiseDetector: Sendable {
    public private(set) var total = 0
    public private(set) var garbage = 0
    /// Bytes looked at before judging.
    public let sampleSize: Int

    public init(sampleSize: Int = 32) { self.sampleSize = sampleSize }

    public mutating func feed(_ bytes: [UInt8]) {
        for b in bytes where total < 4096 {
            total += 1
            switch b {
            case 0x20...0x7E, 0x0A, 0x0D, 0x09, 0x08, 0x1B, 0x07: break
            default: garbage += 1
            }
        }
    }

    /// True once enough bytes were seen and more than a quarter were garbage.
    public var looksGarbled: Bool { total >= sampleSize && garbage * 4 > total }

    /// Advice naming other common console speeds.
    public static func advice(currentBaud: Int) -> String {
        let common = [9600, 115200, 38400, 19200, 57600].filter { $0 != currentBaud }
        return "The console prints unreadable characters at \(currentBaud) baud, so it is probably set to another speed; try baud=" +
            common.map(String.init).joined(separator: ", baud=") + " (the device's `line con 0` / `speed` setting)"
    }
}
