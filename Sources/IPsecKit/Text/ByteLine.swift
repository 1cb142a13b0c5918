#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of device output as raw bytes, without its line terminator.
///
/// A `ByteLine` borrows its storage: it is valid only during the call that hands it
/// out (parsers copy what they keep into `String`s). Working on bytes keeps the hot
/// paths free of `String` construction: a hub's `show crypto ipsec sa` is tens of MB.
public struct ByteLine {
    public let bytes: UnsafeBufferPointer<UInt8>
    /// 1-based line number in the input the line came from.
    public let number: Int

    public init(bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        self.bytes = bytes
        self.number = number
    }

    @inlinable public var count: Int { bytes.count }
    @inlinable public var isEmpty: Bool { bytes.isEmpty }
    @inlinable public subscript(_ i: Int) -> UInt8 { bytes[i] }

    /// The whole line decoded as UTF-8 (invalid bytes become U+FFFD).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Bytes `from..<to` decoded as UTF-8.
    @inlinable public func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    /// A sub-line sharing this line's storage and number.
    @inlinable public func slice(_ from: Int, _ to: Int) -> ByteLine {
        ByteLine(bytes: UnsafeBufferPointer(rebasing: bytes[from..<to]), number: number)
    }

    /// True when the line's bytes lie inside `buffer` (framed in place rather than copied).
    @inlinable public func isPart(of buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress, let first = buffer.baseAddress else { return false }
        return start >= first && start + count <= first + buffer.count
    }

    /// True when the line holds only spaces and tabs (or nothing).
    public var isBlank: Bool {
        for b in bytes where b != .space && b != .tab { return false }
        return true
    }

    /// Number of leading spaces and tabs.
    @inlinable public var indentation: Int {
        var i = 0
        while i < bytes.count, bytes[i] == .space || bytes[i] == .tab { i += 1 }
        return i
    }

    /// The line without leading and trailing spaces and tabs.
    public func trimmed() -> ByteLine {
        var start = 0, end = bytes.count
        while start < end, bytes[start].isHorizontalSpace { start += 1 }
        while end > start, bytes[end - 1].isHorizontalSpace { end -= 1 }
        return slice(start, end)
    }

    /// True when the line, after leading whitespace, starts with `prefix`.
    @inlinable public func hasPrefix(_ prefix: StaticString, ignoringIndentation: Bool = true) -> Bool {
        let start = ignoringIndentation ? indentation : 0
        return matches(prefix, at: start)
    }

    /// True when the bytes at `offset` equal `literal`.
    @inlinable public func matches(_ literal: StaticString, at offset: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard offset >= 0, offset + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where bytes[offset + k] != p[k] { return false }
        return true
    }

    /// Offset of the first occurrence of `literal` at or after `from`.
    public func firstOffset(of literal: StaticString, from: Int = 0) -> Int? {
        let n = literal.utf8CodeUnitCount
        guard n > 0, from >= 0, bytes.count - from >= n, let base = bytes.baseAddress else { return nil }
        guard let hit = ByteSearch.find(literal.utf8Start, n, in: base + from, bytes.count - from) else { return nil }
        return from + hit
    }

    /// Offset of the first occurrence of `needle` (any bytes) at or after `from`.
    public func firstOffset(of needle: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, from >= 0, bytes.count - from >= needle.count, let base = bytes.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { n -> Int? in
            guard let hit = ByteSearch.find(n.baseAddress!, n.count, in: base + from, bytes.count - from) else { return nil }
            return from + hit
        }
    }

    @inlinable public func contains(_ literal: StaticString) -> Bool { firstOffset(of: literal) != nil }

    /// Offset just past `marker`, when the line contains it.
    public func offset(after marker: StaticString, from: Int = 0) -> Int? {
        firstOffset(of: marker, from: from).map { $0 + marker.utf8CodeUnitCount }
    }

    /// Index of the first byte at or after `from` that is not a space or tab.
    @inlinable public func skipSpaces(from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i].isHorizontalSpace { i += 1 }
        return i
    }

    /// The token starting at the first non-space at or after `from`, ending at a space,
    /// tab or one of `terminators`. Returns the token's range.
    public func tokenRange(from: Int, terminators: StaticString = "") -> Range<Int>? {
        let start = skipSpaces(from: from)
        var end = start
        let t = terminators.utf8Start, tn = terminators.utf8CodeUnitCount
        scan: while end < bytes.count {
            let b = bytes[end]
            if b.isHorizontalSpace { break }
            for k in 0..<tn where t[k] == b { break scan }
            end += 1
        }
        return end > start ? start..<end : nil
    }

    /// The token after `marker` (see `tokenRange`), decoded.
    public func token(after marker: StaticString, terminators: StaticString = ",") -> String? {
        guard let at = offset(after: marker), let r = tokenRange(from: at, terminators: terminators) else { return nil }
        return string(r.lowerBound, r.upperBound)
    }

    /// The decimal integer starting at the first non-space at or after `from`.
    public func integer(from: Int) -> (value: Int, end: Int)? {
        var i = skipSpaces(from: from)
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let start = i
        var value = 0
        while i < bytes.count, bytes[i] &- 48 < 10 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[i] &- 48))
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return i > start ? (negative ? -value : value, i) : nil
    }

    /// The decimal integer after `marker`, e.g. `integer(after: "conn id:")`.
    public func integer(after marker: StaticString, from: Int = 0) -> Int? {
        guard let at = offset(after: marker, from: from) else { return nil }
        return integer(from: at)?.value
    }

    /// The hexadecimal integer starting at `from` (an optional `0x` prefix is skipped).
    public func hexInteger(from: Int) -> (value: UInt64, end: Int)? {
        var i = skipSpaces(from: from)
        if matches("0x", at: i) || matches("0X", at: i) { i += 2 }
        let start = i
        var value: UInt64 = 0
        while i < bytes.count, let d = bytes[i].hexDigitValue {
            if value > (UInt64.max >> 4) { return nil }
            value = value << 4 | UInt64(d)
            i += 1
        }
        return i > start ? (value, i) : nil
    }

    /// Whitespace-separated fields (allocates: use for table rows, not per-byte scanning).
    public func fields() -> [ByteLine] {
        var out: [ByteLine] = []
        var i = 0
        while true {
            guard let r = tokenRange(from: i) else { break }
            out.append(slice(r.lowerBound, r.upperBound))
            i = r.upperBound
        }
        return out
    }

    /// Whitespace-separated fields, decoded.
    public func stringFields() -> [String] { fields().map(\.string) }
}

/// Substring search over raw bytes: `memchr` finds candidates for the first byte, then
/// the rest is compared. (glibc's `memmem` is not visible to Swift without _GNU_SOURCE.)
public enum ByteSearch {
    /// Offset of `needle` in `hay`, or nil.
    @inlinable public static func find(_ needle: UnsafePointer<UInt8>, _ n: Int, in hay: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        guard n > 0, count >= n else { return nil }
        let first = Int32(needle[0])
        var i = 0
        let last = count - n
        while i <= last {
            guard let raw = memchr(hay + i, first, last - i + 1) else { return nil }
            let at = hay.distance(to: raw.assumingMemoryBound(to: UInt8.self))
            if memcmp(hay + at, needle, n) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}

extension UInt8 {
    public static let space = UInt8(ascii: " ")
    public static let tab = UInt8(ascii: "\t")
    public static let newline = UInt8(ascii: "\n")
    public static let carriageReturn = UInt8(ascii: "\r")
    public static let backspace: UInt8 = 0x08
    public static let escape: UInt8 = 0x1B

    @inlinable public var isHorizontalSpace: Bool { self == .space || self == .tab }
    @inlinable public var isDigit: Bool { self &- 48 < 10 }

    @inlinable public var hexDigitValue: UInt8? {
        switch self {
        case 48...57: return self - 48
        case 65...70: return self - 55
        case 97...102: return self - 87
        default: return nil
        }
    }
}

extension String {
    /// Runs `body` with this string's UTF-8 bytes as a `ByteLine` numbered `number`.
    public func withByteLine<R>(number: Int = 1, _ body: (ByteLine) throws -> R) rethrows -> R {
        var copy = self
        return try copy.withUTF8 { try body(ByteLine(bytes: $0, number: number)) }
    }
}
