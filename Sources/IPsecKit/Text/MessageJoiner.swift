/// Rejoins device messages that were wrapped onto several lines.
///
/// Saved logs, tickets and mails often wrap long syslog and debug messages
/// (`...IKE message from 198.51.100.1 failed its` / `sanity check or is malformed`), and the
/// part that names the peer or proves the problem can end up on the next line. A line
/// continues the previous one when the previous line is a device message left open (it ends
/// in a word, a comma or a colon rather than `.`/`!`) and the line itself starts like the
/// rest of a sentence (a lower-case word or a parenthesis), with no timestamp, prompt or
/// message tag of its own. At most `maximumParts` lines are joined, with single spaces.
///
/// The joined line keeps the first part's line number. Streaming: a line is held back
/// until the next one shows whether it continues; `flush()` releases it (at the end of
/// input, or when a live stream goes quiet).
public struct MessageJoiner {
    public let maximumParts: Int
    /// The held-back line is `pending[0..<pendingLength]`: the array is only ever grown, so
    /// holding a line back is a copy into storage already there (no clearing, no append).
    private var pending: [UInt8] = []
    private var pendingLength = 0
    private var pendingNumber = 0
    private var pendingParts = 0
    private var pendingIsOpen = false

    public init(maximumParts: Int = 3) {
        self.maximumParts = maximumParts
    }

    /// Takes the next physical line; calls `emit` for every logical line completed.
    /// Only a line that could be continued (an open device message) is held back and
    /// copied; every other line goes straight through.
    public mutating func consume(_ line: ByteLine, _ emit: (ByteLine) throws -> Void) rethrows {
        if pendingParts > 0 {
            if pendingIsOpen, pendingParts < maximumParts, Self.startsLikeContinuation(line) {
                let t = line.trimmed()
                hold([.space])
                hold(t.bytes)
                pendingParts += 1
                pendingIsOpen = t.withOpenEnding
                if !pendingIsOpen || pendingParts == maximumParts { try flush(emit) }
                return
            }
            try flush(emit)
        }
        guard Self.isOpenMessage(line) else { return try emit(line) }
        hold(line.bytes)
        pendingNumber = line.number
        pendingParts = 1
        pendingIsOpen = true
    }

    /// Emits the held-back line, if any.
    public mutating func flush(_ emit: (ByteLine) throws -> Void) rethrows {
        guard pendingParts > 0 else { return }
        let number = pendingNumber
        defer { pendingLength = 0; pendingParts = 0; pendingIsOpen = false }
        try pending.withUnsafeBufferPointer {
            try emit(ByteLine(bytes: UnsafeBufferPointer(rebasing: $0[0..<pendingLength]), number: number))
        }
    }

    /// Appends `bytes` to the held-back line.
    private mutating func hold(_ bytes: UnsafeBufferPointer<UInt8>) {
        let end = pendingLength + bytes.count
        if pending.count < end { pending.append(contentsOf: repeatElement(0, count: max(end, 256) - pending.count)) }
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let at = pendingLength
        pending.withUnsafeMutableBufferPointer { $0.baseAddress.unsafelyUnwrapped.advanced(by: at).update(from: source, count: bytes.count) }
        pendingLength = end
    }

    private mutating func hold(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { hold($0) }
    }

    /// A device message (syslog tag or a debug facility) that does not end a sentence.
    static func isOpenMessage(_ line: ByteLine) -> Bool {
        // The last byte before trailing spaces and tabs (what `trimmed()` would end with).
        var end = line.count
        while end > 0, line[end - 1].isHorizontalSpace { end -= 1 }
        guard end > 0, line.slice(0, end).withOpenEnding else { return false }
        return holdsDeviceMessageMark(line)
    }

    /// True when the line holds `ISAKMP`, `%`, `IPSEC`, `IPsec`, `crypto_engine` or `IKEv`.
    /// One pass, eight bytes at a time, stopping only at an `I`, `%` or `c` (this runs on
    /// every line that ends mid-sentence, about half of a debug capture).
    static func holdsDeviceMessageMark(_ line: ByteLine) -> Bool {
        guard let base = line.bytes.baseAddress else { return false }
        let n = line.count
        func markAt(_ i: Int) -> Bool {
            switch base[i] {
            case UInt8(ascii: "%"): return true
            case UInt8(ascii: "I"):
                return line.matches("ISAKMP", at: i) || line.matches("IPSEC", at: i) || line.matches("IPsec", at: i)
                    || line.matches("IKEv", at: i)
            default: return line.matches("crypto_engine", at: i)
            }
        }
        let ones: UInt64 = 0x0101_0101_0101_0101, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// High bit set in each byte of `x` that is zero (exact: no borrow between bytes).
        func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }
        var i = 0
        while i + 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            var found = zeroBytes(word ^ (ones &* UInt64(UInt8(ascii: "I"))))
                | zeroBytes(word ^ (ones &* UInt64(UInt8(ascii: "%"))))
                | zeroBytes(word ^ (ones &* UInt64(UInt8(ascii: "c"))))
            while found != 0 {
                if markAt(i + found.trailingZeroBitCount / 8) { return true }
                found &= found &- 1
            }
            i += 8
        }
        while i < n {
            let b = base[i]
            if b == UInt8(ascii: "I") || b == UInt8(ascii: "%") || b == UInt8(ascii: "c"), markAt(i) { return true }
            i += 1
        }
        return false
    }

    /// Starts with a lower-case word or `(` (or is a lone mnemonic tail), is not indented,
    /// and is neither a prompt nor a message with a syslog tag of its own.
    static func startsLikeContinuation(_ line: ByteLine) -> Bool {
        guard let first = line.bytes.first, !first.isHorizontalSpace else { return false }
        let lower = first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")
        guard lower || first == UInt8(ascii: "(") || (!Self.fieldEndsEarly(line) && startsWithMnemonicTail(line)) else { return false }
        if let percent = line.firstOffset(of: "%"), percent + 1 < line.count,
           line[percent + 1] >= UInt8(ascii: "A"), line[percent + 1] <= UInt8(ascii: "Z") { return false }
        return PromptLine.parse(line) == nil
    }

    /// True when the line starts with a byte other than a space or tab, one of its first
    /// eight bytes is a space, tab or `:`, and it does not end in a space or tab: then it is
    /// not a single field (a timestamp's first space ends it), decided with one eight-byte load.
    @inline(__always)
    static func fieldEndsEarly(_ line: ByteLine) -> Bool {
        guard line.count > 8, let base = line.bytes.baseAddress, !base[0].isHorizontalSpace else { return false }
        let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
        let ones: UInt64 = 0x0101_0101_0101_0101, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }
        let stops = zeroBytes(word ^ (ones &* UInt64(UInt8.space))) | zeroBytes(word ^ (ones &* UInt64(UInt8.tab)))
            | zeroBytes(word ^ (ones &* UInt64(UInt8(ascii: ":"))))
        guard stops != 0 else { return false }
        // Something that is not a space or tab after the stop byte, at or past index 8.
        let last = line.count - 1
        return !line[last].isHorizontalSpace
    }

    /// An all-caps identifier with an underscore alone on the line, such as the
    /// `PktEngReturn_MACMiscompare` tail of a wrapped MOTCR message.
    static func startsWithMnemonicTail(_ line: ByteLine) -> Bool {
        // One field: no space or tab inside (checked without splitting: this runs on
        // every line that follows an open message, and a timestamp's first space ends it).
        var end = line.count
        while end > 0, line[end - 1].isHorizontalSpace { end -= 1 }
        var start = 0
        while start < end, line[start].isHorizontalSpace { start += 1 }
        guard start < end else { return false }
        var underscore = false
        for i in start..<end {
            let b = line[i]
            if b.isHorizontalSpace || b == UInt8(ascii: ":") { return false }
            if b == UInt8(ascii: "_") { underscore = true }
        }
        return underscore
    }
}

extension ByteLine {
    /// True when the text ends mid-sentence: in a letter, `,` or `:` (not `.`, `!`, `)` or
    /// a number, which end IOS messages such as `... peer at 10.0.0.1`).
    var withOpenEnding: Bool {
        guard let last = bytes.last else { return false }
        let isLetter = (last | 0x20) >= UInt8(ascii: "a") && (last | 0x20) <= UInt8(ascii: "z")
        return isLetter || last == UInt8(ascii: ",") || last == UInt8(ascii: ":")
    }
}
