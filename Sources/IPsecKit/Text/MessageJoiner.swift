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
    /// The held-back line's bytes once copied (a line's own storage is gone once `consume` returns).
    private var held = HeldBytes()
    /// A held-back first part still in the caller's chunk (see `consume(_:readableUntilChunkEnds:_:)`):
    /// not copied, and not yet checked for a device message mark.
    private var borrowed: UnsafeBufferPointer<UInt8>?
    private var heldNumber = 0
    /// Parts in the held-back line; 0 when none is held. A held line always ends open and
    /// has fewer than `maximumParts` parts, so the next line may continue it.
    private var heldParts = 0

    public init(maximumParts: Int = 3) {
        self.maximumParts = maximumParts
    }

    /// Takes the next physical line; calls `emit` for every logical line completed.
    /// Only a line that could be continued (an open device message) is held back and
    /// copied; every other line goes straight through.
    @inline(__always)
    public mutating func consume(_ line: ByteLine, _ emit: (ByteLine) throws -> Void) rethrows {
        try consume(line, readableUntilChunkEnds: false, emit)
    }

    /// Takes the next physical line, as `consume(_:_:)`. When `readableUntilChunkEnds`, the
    /// caller keeps the line's bytes readable until it calls `chunkEnded(_:)` (a line framed
    /// straight out of a read buffer): an open line is then held without a copy, and whether
    /// it is a device message is only asked when the next line looks like its continuation
    /// or the chunk ends. Most open lines are followed by a timestamped line, so they go
    /// through uncopied and unscanned.
    @inline(__always)
    public mutating func consume(_ line: ByteLine, readableUntilChunkEnds: Bool, _ emit: (ByteLine) throws -> Void) rethrows {
        // The common case in a chunk, kept small enough to inline into the framing loop:
        // nothing held or an uncopied line the new one does not continue, and the new line
        // either closed or held where it is.
        if readableUntilChunkEnds, maximumParts > 1, heldParts == 0 || (borrowed != nil && !Self.startsLikeContinuation(line)) {
            if let held = borrowed {
                borrowed = nil
                heldParts = 0
                try emit(ByteLine(bytes: held, number: heldNumber))
            }
            guard line.withOpenEndingBeforeSpaces else { return try emit(line) }
            borrowed = line.bytes
            heldNumber = line.number
            heldParts = 1
            return
        }
        try consumeAnyLine(line, readableUntilChunkEnds: readableUntilChunkEnds, emit)
    }

    private mutating func consumeAnyLine(_ line: ByteLine, readableUntilChunkEnds: Bool, _ emit: (ByteLine) throws -> Void) rethrows {
        if heldParts > 0 {
            if Self.startsLikeContinuation(line), ownHeldMessage() { return try append(line, emit) }
            try flush(emit)
        }
        // With one part allowed nothing is ever joined, so nothing need wait.
        guard maximumParts > 1, line.withOpenEndingBeforeSpaces else { return try emit(line) }
        heldNumber = line.number
        if readableUntilChunkEnds {
            borrowed = line.bytes
            heldParts = 1
        } else if Self.holdsDeviceMessageMark(line) {
            hold(line.bytes)
        } else {
            try emit(line)
        }
    }

    /// The caller's chunk is about to go: a held line still in it is copied when it is a
    /// device message (the next line may continue it) and emitted otherwise.
    @inline(__always)
    public mutating func chunkEnded(_ emit: (ByteLine) throws -> Void) rethrows {
        guard borrowed != nil, !ownHeldMessage() else { return }
        try flush(emit)
    }

    /// Frames `chunk` (a read of a log) with `framer` and joins its lines, as framing and
    /// `consume(_:_:)` line by line would; the lines framed in place in the chunk are held
    /// without a copy (see `consume(_:readableUntilChunkEnds:_:)`).
    @inline(__always)
    public mutating func consume(chunk: UnsafeBufferPointer<UInt8>, framer: inout LineFramer,
                                 _ emit: (ByteLine) throws -> Void) rethrows {
        try framer.feed(chunk) { try consume($0, readableUntilChunkEnds: $0.isPart(of: chunk), emit) }
        try chunkEnded(emit)
    }

    /// Emits the held-back line, if any.
    @inline(__always)
    public mutating func flush(_ emit: (ByteLine) throws -> Void) rethrows {
        guard heldParts > 0 else { return }
        heldParts = 0
        if let line = borrowed {
            borrowed = nil
            return try emit(ByteLine(bytes: line, number: heldNumber))
        }
        let count = held.count
        held.count = 0
        // The bytes stay in place until the next line is held.
        try emit(ByteLine(bytes: UnsafeBufferPointer(start: held.base, count: count), number: heldNumber))
    }

    /// True when the held line is a device message in the joiner's own storage: a borrowed
    /// first part is checked for its mark and copied when it has one. False leaves a
    /// borrowed line that is no message where it is.
    @inline(__always)
    private mutating func ownHeldMessage() -> Bool {
        guard let line = borrowed else { return true }
        guard Self.holdsDeviceMessageMark(ByteLine(bytes: line, number: heldNumber)) else { return false }
        borrowed = nil
        hold(line)
        return true
    }

    /// Copies `bytes` in as the first part of a held-back message (`heldNumber` is set).
    private mutating func hold(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !isKnownUniquelyReferenced(&held) { held = held.copy() }
        held.count = 0
        held.append(bytes)
        heldParts = 1
    }

    /// Joins `line` (a continuation) to the held line; emits the result once it is closed
    /// or has `maximumParts` parts.
    private mutating func append(_ line: ByteLine, _ emit: (ByteLine) throws -> Void) rethrows {
        if !isKnownUniquelyReferenced(&held) { held = held.copy() }
        let part = line.trimmed()
        held.append(space: part.bytes)
        heldParts += 1
        if !part.withOpenEnding || heldParts == maximumParts { try flush(emit) }
    }

    /// True when the line holds `ISAKMP`, `%`, `IPSEC`, `IPsec`, `crypto_engine` or `IKEv`
    /// (a syslog tag or a debug facility: the lines whose wrapped rest is worth joining).
    /// Eight bytes at a time, stopping only at an `I`, `%` or `c`. Device output puts the
    /// tag right after a timestamp (byte 22 of `*Nov 28 00:00:01.000: ISAKMP...`), so on
    /// a long line the scan starts at byte 16 and looks at the head last.
    static func holdsDeviceMessageMark(_ line: ByteLine) -> Bool {
        guard let base = line.bytes.baseAddress else { return false }
        let n = line.count
        let head = n >= 24 ? 16 : 0
        return markIn(base, from: head, to: n, count: n) || markIn(base, from: 0, to: head, count: n)
    }

    /// A mark starting in `from..<to` (it may run on up to `count`).
    @inline(__always)
    private static func markIn(_ base: UnsafePointer<UInt8>, from: Int, to: Int, count n: Int) -> Bool {
        var i = from
        while i + 8 <= to {
            let word = ByteWord.load(base, i)
            var found = ByteWord.matches(word, UInt8(ascii: "I")) | ByteWord.matches(word, UInt8(ascii: "%"))
                | ByteWord.matches(word, UInt8(ascii: "c"))
            while found != 0 {
                if markAt(base, i + found.trailingZeroBitCount / 8, count: n) { return true }
                found &= found &- 1
            }
            i += 8
        }
        while i < to {
            let b = base[i]
            if b == UInt8(ascii: "I") || b == UInt8(ascii: "%") || b == UInt8(ascii: "c"), markAt(base, i, count: n) { return true }
            i += 1
        }
        return false
    }

    /// One of the marks starts at `i` (which holds an `I`, `%` or `c`). Compared four bytes
    /// at a time (little-endian words of `IKEv`, `IPSE`, `IPse`, `ISAK`, `cryp`, `to_e`, `ngin`).
    @inline(__always)
    private static func markAt(_ base: UnsafePointer<UInt8>, _ i: Int, count n: Int) -> Bool {
        func word(_ at: Int) -> UInt32 { UInt32(littleEndian: UnsafeRawPointer(base + at).loadUnaligned(as: UInt32.self)) }
        switch base[i] {
        case UInt8(ascii: "%"): return true
        case UInt8(ascii: "I"):
            guard i + 4 <= n else { return false }
            switch word(i) {
            case 0x7645_4B49: return true                                                      // IKEv
            case 0x4553_5049: return i + 5 <= n && base[i + 4] == UInt8(ascii: "C")            // IPSE C
            case 0x6573_5049: return i + 5 <= n && base[i + 4] == UInt8(ascii: "c")            // IPse c
            case 0x4B41_5349: return i + 6 <= n && base[i + 4] == UInt8(ascii: "M") && base[i + 5] == UInt8(ascii: "P") // ISAK MP
            default: return false
            }
        default:
            return i + 13 <= n && word(i) == 0x7079_7263 && word(i + 4) == 0x655F_6F74 && word(i + 8) == 0x6E69_676E
                && base[i + 12] == UInt8(ascii: "e")                                           // cryp to_e ngin e
        }
    }

    /// Starts with a lower-case word or `(` (or is a lone mnemonic tail), is not indented,
    /// and is neither a prompt nor a message with a syslog tag of its own.
    @inline(__always)
    static func startsLikeContinuation(_ line: ByteLine) -> Bool {
        guard let base = line.bytes.baseAddress, line.count > 0 else { return false }
        let first = base[0]
        if first &- UInt8(ascii: "a") >= 26 && first != UInt8(ascii: "(") {
            // Most lines that follow an open message have a timestamp or tag of their own:
            // its first space within eight bytes rules out a lone mnemonic tail.
            guard !first.isHorizontalSpace, !fieldEndsEarly(line), startsWithMnemonicTail(line) else { return false }
        }
        return rejoinsAfterFirstByte(line)
    }

    /// The rest of `startsLikeContinuation` for a line whose start qualifies: no `%TAG` of
    /// its own and not a prompt.
    static func rejoinsAfterFirstByte(_ line: ByteLine) -> Bool {
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
        let word = ByteWord.load(base, 0)
        // A space first: the usual stop (a timestamp's), and the other two only without one.
        guard ByteWord.matches(word, .space) != 0
            || ByteWord.matches(word, .tab) | ByteWord.matches(word, UInt8(ascii: ":")) != 0
        else { return false }
        // Something that is not a space or tab after the stop byte, at or past index 8.
        return !base[line.count - 1].isHorizontalSpace
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

    /// Ends mid-sentence: a letter, `,` or `:` (not `.`, `!`, `)` or a number, which end IOS
    /// messages such as `... peer at 10.0.0.1`).
    @inline(__always)
    static func endsOpen(_ last: UInt8) -> Bool {
        (last | 0x20) &- UInt8(ascii: "a") < 26 || last == UInt8(ascii: ",") || last == UInt8(ascii: ":")
    }
}

extension ByteLine {
    /// True when the text ends mid-sentence (see `MessageJoiner.endsOpen`).
    var withOpenEnding: Bool {
        guard let last = bytes.last else { return false }
        return MessageJoiner.endsOpen(last)
    }

    /// `withOpenEnding` of the line without its trailing spaces and tabs (what `trimmed()`
    /// would end with), read in place: the joiner's first test of every line.
    @inline(__always)
    var withOpenEndingBeforeSpaces: Bool {
        guard let base = bytes.baseAddress else { return false }
        var end = count
        while end > 0, base[end - 1].isHorizontalSpace { end -= 1 }
        return end > 0 && MessageJoiner.endsOpen(base[end - 1])
    }
}

/// The joiner's held-back line: a buffer that only grows, so holding a line is one copy
/// into storage already there. Shared by copies of a joiner until one of them writes.
private final class HeldBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    func copy() -> HeldBytes {
        let other = HeldBytes(capacity: capacity)
        other.base.initialize(from: base, count: count)
        other.count = count
        return other
    }

    /// Appends `bytes`.
    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(count + bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends a space, then `bytes`.
    func append(space bytes: UnsafeBufferPointer<UInt8>) {
        reserve(count + 1)
        base[count] = .space
        count += 1
        append(bytes)
    }

    @inline(__always)
    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let grown = max(needed, capacity * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = grown
    }
}
