/// A device prompt at the start of a line, with what was typed after it:
/// `R1#show crypto isakmp sa`, `core-rtr.lab#`, `asa/ctx1(config)# sh run`, `R1>enable`.
public struct PromptLine: Equatable, Sendable {
    public var hostname: String
    /// Configuration sub-mode in parentheses (`config-isakmp`), if any.
    public var mode: String?
    /// `#` (privileged) or `>` (user EXEC).
    public var privileged: Bool
    /// The typed command, trimmed; empty for a bare prompt.
    public var command: String

    /// Reads a prompt from the start of `line`, or nil. Cisco hostnames start with a
    /// letter and hold letters, digits, dots, dashes and underscores; ASA adds `/context`.
    public static func parse(_ line: ByteLine) -> PromptLine? {
        let n = line.count
        guard n >= 2, Self.isLetter(line[0]) else { return nil }
        var i = 1
        while i < n, Self.isHostnameByte(line[i]) { i += 1 }
        guard i <= 64 else { return nil }
        let hostEnd = i
        var mode: String?
        if i < n, line[i] == UInt8(ascii: "(") {
            var j = i + 1
            while j < n, line[j] != UInt8(ascii: ")"), !line[j].isHorizontalSpace { j += 1 }
            guard j < n, line[j] == UInt8(ascii: ")"), j > i + 1 else { return nil }
            mode = line.string(i + 1, j)
            i = j + 1
        }
        guard i < n, line[i] == UInt8(ascii: "#") || line[i] == UInt8(ascii: ">") else { return nil }
        let privileged = line[i] == UInt8(ascii: "#")
        let rest = line.slice(i + 1, n).trimmed()
        return PromptLine(hostname: line.string(0, hostEnd), mode: mode, privileged: privileged, command: rest.string)
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }

    private static func isHostnameByte(_ b: UInt8) -> Bool {
        isLetter(b) || b.isDigit || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: "/")
    }
}
