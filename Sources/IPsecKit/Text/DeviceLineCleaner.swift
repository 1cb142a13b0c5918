/// Undoes what a live terminal session does to device output, line by line.
///
/// A captured SSH or console session holds overprinting (`\r`, backspaces), pager
/// prompts and their erasure (`--More--`, ASA `<--- More --->`), and ANSI escape
/// sequences. Parsers want the text as it would look on screen. Lines without any of
/// that (nearly all) are passed through untouched, with no copy.
public struct DeviceLineCleaner {
    private var scratch: [UInt8] = []

    public init() {}

    /// Calls `body` with the cleaned form of `line` (same line number).
    public mutating func clean<R>(_ line: ByteLine, _ body: (ByteLine) throws -> R) rethrows -> R {
        guard Self.needsCleaning(line) else { return try body(line) }
        scratch.removeAll(keepingCapacity: true)
        Self.render(line.bytes, into: &scratch)
        Self.removePagerPrompts(&scratch)
        while let last = scratch.last, last.isHorizontalSpace { scratch.removeLast() }
        return try scratch.withUnsafeBufferPointer { try body(ByteLine(bytes: $0, number: line.number)) }
    }

    /// Cleans a whole string (convenience for tests and small inputs).
    public static func clean(_ text: String) -> String {
        var cleaner = DeviceLineCleaner()
        return text.withByteLine { line in cleaner.clean(line) { $0.string } }
    }

    /// True when the line holds a control byte (other than tab), DEL, or a pager prompt.
    ///
    /// Runs on every line of every input, so it reads eight bytes at a time: a word with no
    /// byte below 0x20, no DEL, no `M` (of `--More--`) and no `<` (of `<--- More --->`)
    /// is passed without looking at its bytes one by one. (Swift's `SIMD16` comparisons were
    /// measured ten times slower here than this plain 64-bit arithmetic.)
    static func needsCleaning(_ line: ByteLine) -> Bool {
        let bytes = line.bytes
        let n = bytes.count
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if mayHoldMarker(word) {
                for j in i..<(i + 8) where isMarker(line, at: j) { return true }
            }
            i += 8
        }
        while i < n {
            if isMarker(line, at: i) { return true }
            i += 1
        }
        return false
    }

    /// Whether any byte of `word` is below 0x20, DEL, `M` or `<` (exact: no false negatives,
    /// and no false positives either when no byte qualifies).
    @inline(__always)
    private static func mayHoldMarker(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZeroByte(word ^ (ones &* 0x7F)) || hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "M"))))
            || hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "<"))))
    }

    @inline(__always)
    private static func isMarker(_ line: ByteLine, at j: Int) -> Bool {
        let b = line[j]
        if b < 0x20 { return b != .tab }
        if b == 0x7F { return true }
        if b == UInt8(ascii: "M") { return line.matches("--More--", at: j - 2) }
        if b == UInt8(ascii: "<") { return line.matches("<--- More --->", at: j) }
        return false
    }

    /// Plays the bytes onto a one-line "screen": CR returns to column 0, BS moves left,
    /// escape sequences and other controls vanish.
    static func render(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var cursor = 0
        var i = 0
        let n = bytes.count
        func put(_ b: UInt8) {
            if cursor < out.count { out[cursor] = b } else { out.append(b) }
            cursor += 1
        }
        while i < n {
            let b = bytes[i]
            switch b {
            case .carriageReturn:
                cursor = 0; i += 1
            case .backspace:
                if cursor > 0 { cursor -= 1 }
                i += 1
            case .escape:
                i = skipEscapeSequence(bytes, from: i)
            case .tab:
                put(b); i += 1
            case 0x9B: // 8-bit CSI
                i = skipCSIParameters(bytes, from: i + 1)
            case 0..<0x20, 0x7F:
                i += 1
            default:
                put(b); i += 1
            }
        }
    }

    /// Returns the index after the escape sequence starting at `from` (an ESC).
    static func skipEscapeSequence(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = bytes.count
        var i = from + 1
        guard i < n else { return i }
        switch bytes[i] {
        case UInt8(ascii: "["):
            return skipCSIParameters(bytes, from: i + 1)
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
            // OSC / DCS / SOS / PM / APC: until BEL or ESC \ (or end of line).
            i += 1
            while i < n {
                if bytes[i] == 0x07 { return i + 1 }
                if bytes[i] == .escape, i + 1 < n, bytes[i + 1] == UInt8(ascii: "\\") { return i + 2 }
                i += 1
            }
            return n
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "#"):
            return min(n, i + 2) // charset designation: ESC ( B
        default:
            return i + 1 // two-byte sequence such as ESC 7, ESC =
        }
    }

    static func skipCSIParameters(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b >= 0x40 && b <= 0x7E { break }
        }
        return i
    }

    static func removePagerPrompts(_ out: inout [UInt8]) {
        for prompt in [Array(" --More-- ".utf8), Array("--More--".utf8), Array("<--- More --->".utf8)] {
            while let r = firstRange(of: prompt, in: out) { out.removeSubrange(r) }
        }
    }

    private static func firstRange(of needle: [UInt8], in hay: [UInt8]) -> Range<Int>? {
        guard hay.count >= needle.count else { return nil }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }
}
