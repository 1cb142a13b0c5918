#if canImport(Glibc)
import Glibc
#endif

/// A serial console's line speed. When the client's terminal runs at another speed than
/// the device's, each side samples the other's bits at the wrong rate: what arrives is
/// garbage. The lab reproduces that deterministically so clients can test baud detection.
public struct LineSpeed: Sendable {
    public static let deviceBaud: speed_t = speed_t(B9600)

    /// True when what the client on `fd` transmits (its output speed) arrives intact.
    public static func deviceHearsClient(_ fd: Int32) -> Bool {
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else { return true }
        return cfgetospeed(&t) == deviceBaud
    }

    /// True when the client on `fd` reads the device's bytes intact: its input speed is the
    /// device's (0 means "same as the output speed", as termios has it).
    public static func clientHearsDevice(_ fd: Int32) -> Bool {
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else { return true }
        let input = cfgetispeed(&t)
        return input == deviceBaud || input == 0 && cfgetospeed(&t) == deviceBaud
    }

    /// The byte a mismatched UART would deliver instead of `byte`: framing breaks the
    /// character into high-bit noise, never plain ASCII.
    public static func garble(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { b in (b &* 0x9D ^ 0x5A) | 0x80 }
    }
}
