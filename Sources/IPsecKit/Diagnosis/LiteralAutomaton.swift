#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Multi-literal search over byte strings: one left-to-right pass over a line reports
/// every literal it contains, however many literals there are.
///
/// The stream prefilter of the diagnosis: almost every line of a debug capture contains no
/// signature literal, so almost every line costs exactly this pass and nothing else.
///
/// Two engines behind one interface. An Aho-Corasick DFA (complete transition table,
/// indexed by byte class so it stays small enough for the cache; states with output
/// numbered last so the hot loop tests one compare) handles any literal set. When every
/// literal is at least 4 bytes long, a Wu-Manber block-shift scan is used instead (a few
/// short literals holding a rare byte are searched apart with `memchr`, so that they do
/// not shorten the window): it hashes
/// the three bytes at the end of a window of the shortest literal's length and skips
/// ahead by up to that length when they end no literal prefix, so ordinary text costs a
/// fraction of a table lookup per byte; only windows whose last three bytes hash like the
/// end of some literal's prefix compare literals (first four bytes, then all).
public struct LiteralAutomaton: Sendable {
    /// Byte -> column in the transition table (bytes in no literal share column 0).
    private let byteClass: [UInt8]
    private let classCount: Int
    /// `transitions[state * classCount + class]` = next state, pre-multiplied by `classCount`.
    private let transitions: [Int32]
    /// States at or above this (pre-multiplied) value have output.
    private let firstOutputState: Int32
    /// For output state k (numbered from `firstOutputState`): `outputs[outputStart[k]..<outputStart[k+1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    public let literalCount: Int

    // Wu-Manber tables (used when `windowLength` >= 4).
    /// Every literal's bytes, back to back: literal `id` is `literalData[literalStart[id]..<literalStart[id + 1]]`
    /// (flat, so the scan reads them without touching a nested array's reference count).
    private let literalData: [UInt8]
    private let literalStart: [Int32]
    private let windowLength: Int
    /// Literals shorter than the window, found apart: `memchr` for their rarest byte, then a
    /// compare. A single short literal such as ` NEW SA` would otherwise bound every skip of
    /// the block-shift scan by its own length.
    private let shortLiterals: [ShortLiteral]
    /// Three-byte block hash -> how far the window may move.
    private let blockShift: [UInt8]
    /// Block hash -> literals whose prefix of `windowLength` ends with such a block (CSR layout).
    private let bucketStart: [Int32]
    private let bucketLiterals: [Int32]
    /// First four bytes of each literal, compared before the full `memcmp`.
    private let literalHeads: [UInt32]
    /// The block-shift window (the shortest literal scanned in blocks), 0 without it.
    public var blockShiftWindow: Int { windowLength }
    /// The bytes of literal `id`.
    public func literal(_ id: Int) -> [UInt8] { Array(literalData[Int(literalStart[id])..<Int(literalStart[id + 1])]) }
    /// True when the Wu-Manber scan is in use.
    public var usesBlockShift: Bool { windowLength >= 4 }

    /// Builds the automaton; literal ids are indexes in `literals` (empty literals never match).
    public init(literals: [[UInt8]], allowBlockShift: Bool = true) {
        literalCount = literals.count
        literalData = literals.flatMap { $0 }
        var dataStarts: [Int32] = [0]
        for lit in literals { dataStarts.append(dataStarts.last! + Int32(lit.count)) }
        literalStart = dataStarts
        literalHeads = literals.map { lit in
            lit.count >= 4 ? UInt32(lit[0]) | UInt32(lit[1]) << 8 | UInt32(lit[2]) << 16 | UInt32(lit[3]) << 24 : 0
        }
        let (m, apart) = allowBlockShift ? Self.window(for: literals) : (0, [])
        windowLength = m
        shortLiterals = m >= 4 ? apart.map { ShortLiteral(id: $0, bytes: literals[$0], start: Int(dataStarts[$0])) } : []
        if m >= 4 {
            var shift = [UInt8](repeating: UInt8(m - 2), count: Self.blockCount)
            var buckets = [[Int32]](repeating: [], count: 0)
            var bucketOf: [Int: Int] = [:]
            for (id, lit) in literals.enumerated() where !apart.contains(id) {
                for q in 3...m {
                    let block = Self.blockHash(lit[q - 3], lit[q - 2], lit[q - 1])
                    shift[block] = min(shift[block], UInt8(m - q))
                    if q == m {
                        if bucketOf[block] == nil { bucketOf[block] = buckets.count; buckets.append([]) }
                        buckets[bucketOf[block]!].append(Int32(id))
                    }
                }
            }
            var starts = [Int32](repeating: 0, count: Self.blockCount + 1)
            var flat: [Int32] = []
            for block in 0..<Self.blockCount {
                starts[block] = Int32(flat.count)
                if let b = bucketOf[block] { flat.append(contentsOf: buckets[b]) }
            }
            starts[Self.blockCount] = Int32(flat.count)
            blockShift = shift
            bucketStart = starts
            bucketLiterals = flat
        } else {
            blockShift = []
            bucketStart = []
            bucketLiterals = []
        }
        var classes = [UInt8](repeating: 0, count: 256)
        var next = 1
        for lit in literals { for b in lit where classes[Int(b)] == 0 { classes[Int(b)] = UInt8(next); next += 1 } }
        precondition(next <= 256)
        byteClass = classes
        classCount = next

        // Trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: next)]
        var out: [[Int32]] = [[]]
        for (id, lit) in literals.enumerated() where !lit.isEmpty {
            var s = 0
            for b in lit {
                let c = Int(classes[Int(b)])
                if children[s][c] < 0 {
                    children[s][c] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: next))
                    out.append([])
                }
                s = Int(children[s][c])
            }
            out[s].append(Int32(id))
        }
        // Failure links by breadth-first order; complete the transitions into a DFA.
        let stateCount = children.count
        var fail = [Int](repeating: 0, count: stateCount)
        var queue: [Int] = []
        for c in 0..<next {
            if children[0][c] < 0 { children[0][c] = 0 } else { queue.append(Int(children[0][c])) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            out[s].append(contentsOf: out[fail[s]])
            for c in 0..<next {
                let t = children[s][c]
                if t < 0 {
                    children[s][c] = children[fail[s]][c]
                } else {
                    fail[Int(t)] = Int(children[fail[s]][c])
                    queue.append(Int(t))
                }
            }
        }
        // Renumber: states without output first.
        var order = (0..<stateCount).filter { out[$0].isEmpty }
        let silent = order.count
        order += (0..<stateCount).filter { !out[$0].isEmpty }
        var newIndex = [Int32](repeating: 0, count: stateCount)
        for (n, s) in order.enumerated() { newIndex[s] = Int32(n) }
        var table = [Int32](repeating: 0, count: stateCount * next)
        for (n, s) in order.enumerated() {
            for c in 0..<next { table[n * next + c] = newIndex[Int(children[s][c])] * Int32(next) }
        }
        transitions = table
        firstOutputState = Int32(silent * next)
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for s in order[silent...] {
            flat.append(contentsOf: out[s])
            starts.append(Int32(flat.count))
        }
        outputStart = starts
        outputs = flat
    }

    /// Appends to `hits` the id of every literal occurrence in `bytes` (an id may repeat).
    @inlinable @inline(__always)
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, into hits: inout [Int32]) {
        scanImpl(bytes, into: &hits)
    }

    @usableFromInline
    func scanImpl(_ bytes: UnsafeBufferPointer<UInt8>, into hits: inout [Int32]) {
        if windowLength >= 4 { blockShiftScan(bytes, into: &hits) } else { automatonScan(bytes, into: &hits) }
    }

    /// The Aho-Corasick pass (any literal set); public for cross-checking the two engines.
    public func automatonScan(_ bytes: UnsafeBufferPointer<UInt8>, into hits: inout [Int32]) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        let cc = Int32(classCount)
        let limit = firstOutputState
        transitions.withUnsafeBufferPointer { tp in
            byteClass.withUnsafeBufferPointer { bp in
                let t = tp.baseAddress!, cls = bp.baseAddress!
                var s: Int32 = 0
                var i = 0
                while i < n {
                    s = t[Int(s) &+ Int(cls[Int(base[i])])]
                    i &+= 1
                    if s >= limit {
                        let k = Int((s &- limit) / cc)
                        for o in outputStart[k]..<outputStart[k + 1] { hits.append(outputs[Int(o)]) }
                    }
                }
            }
        }
    }

    /// Bits of the block hash. The scan loads the shift table once per window, each load
    /// depending on the one before, so the table (16 KiB) is kept small enough for the L1
    /// cache; 64 KiB with the older three-multiply hash was slower.
    static let blockBits: UInt32 = 14
    static let blockCount = 1 << Int(blockBits)

    /// Multiplicative hash of three bytes (`a` first), packed little-endian.
    @inline(__always)
    static func blockHash(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        blockHash(packed: UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16)
    }

    @inline(__always)
    static func blockHash(packed: UInt32) -> Int {
        Int((packed &* 2_654_435_761) >> (32 - blockBits))
    }

    private func blockShiftScan(_ bytes: UnsafeBufferPointer<UInt8>, into hits: inout [Int32]) {
        guard let text = bytes.baseAddress else { return }
        let n = bytes.count
        let m = windowLength
        literalData.withUnsafeBufferPointer { dataBuffer in
            let data = dataBuffer.baseAddress.unsafelyUnwrapped
            if !shortLiterals.isEmpty {
                shortLiterals.withUnsafeBufferPointer { shorts in
                    for short in shorts { short.scan(text, n, literals: data, into: &hits) }
                }
            }
            guard n >= m else { return }
            blockShift.withUnsafeBufferPointer { sp in
                let shift = sp.baseAddress.unsafelyUnwrapped
                /// The shift for the window ending at `pos`; 0 after comparing the window's
                /// bucket (the caller then moves on by one byte).
                @inline(__always) func step(_ pos: Int) -> Int {
                    // One load for the three bytes ending at `pos` (m >= 4, so `pos - 3` is in the line).
                    let word = UInt32(littleEndian: UnsafeRawPointer(text + pos - 3).loadUnaligned(as: UInt32.self))
                    let block = Self.blockHash(packed: word >> 8)
                    let s = Int(shift[block])
                    if s != 0 { return s }
                    // Compare the literals of the block's bucket with the window.
                    let start = pos - m + 1
                    let head = UInt32(littleEndian: UnsafeRawPointer(text + start).loadUnaligned(as: UInt32.self))
                    for k in Int(bucketStart[block])..<Int(bucketStart[block + 1]) {
                        let id = Int(bucketLiterals[k])
                        if literalHeads[id] != head { continue }
                        let from = Int(literalStart[id]), count = Int(literalStart[id + 1]) - from
                        if count <= n - start, Self.same(text + start, data + from, count) { hits.append(Int32(id)) }
                    }
                    return 1
                }
                // Two lanes: windows ending before `split`, and the rest. Each lane's next
                // window depends on the table load of its last one, so one lane waits on
                // memory latency; two interleaved lanes overlap their waits. Every window end
                // position is covered by exactly one lane, so no occurrence is lost or doubled.
                var a = m - 1
                let split = max(m - 1, n / 2)
                var b = split
                while a < split, b < n {
                    let sa = step(a), sb = step(b)
                    a &+= sa
                    b &+= sb
                }
                while a < split { a &+= step(a) }
                while b < n { b &+= step(b) }
            }
        }
    }

    /// `memcmp(a, b, count) == 0` without the call: eight bytes at a time, the last word
    /// overlapping (the literals compared here are at least the window, four bytes, long).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count >= 8 else { return memcmp(a, b, count) == 0 }
        func word(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 { UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) }
        var i = 0
        while i + 8 < count {
            if word(a, i) != word(b, i) { return false }
            i += 8
        }
        return word(a, count - 8) == word(b, count - 8)
    }

    /// The block-shift window and the literals kept out of it. The window is the shortest
    /// literal's length, except that up to `maximumShortLiterals` literals shorter than
    /// `preferredWindow` that hold a rare byte are searched apart when that widens it.
    static func window(for literals: [[UInt8]]) -> (length: Int, apart: [Int]) {
        let shortest = literals.map(\.count).min() ?? 0
        guard shortest >= 4 else { return (0, []) }
        let short = literals.indices.filter { literals[$0].count < preferredWindow }
        var apart: [Int] = []
        if !short.isEmpty, short.count <= maximumShortLiterals,
           short.allSatisfy({ ShortLiteral.rarity(of: literals[$0][ShortLiteral.rarestIndex(in: literals[$0])]) >= ShortLiteral.rare }) {
            apart = short
        }
        let window = literals.indices.filter { !apart.contains($0) }.map { literals[$0].count }.min() ?? shortest
        return window >= 4 && window <= 255 ? (window, apart) : (0, [])
    }

    static let preferredWindow = 10
    static let maximumShortLiterals = 4
}

/// A literal found by `memchr` for its rarest byte (then compared in place). Plain
/// values only (its bytes stay in the automaton's flat storage): no reference counting
/// per line.
struct ShortLiteral: Sendable {
    let id: Int32
    /// Where the literal's bytes start in the flat literal storage, and how many.
    let start: Int
    let count: Int
    /// Index of the byte searched for, and the byte.
    let rareIndex: Int
    let rareByte: UInt8

    init(id: Int, bytes: [UInt8], start: Int) {
        self.id = Int32(id)
        self.start = start
        count = bytes.count
        rareIndex = Self.rarestIndex(in: bytes)
        rareByte = bytes[rareIndex]
    }

    @inline(__always)
    func scan(_ text: UnsafePointer<UInt8>, _ n: Int, literals: UnsafePointer<UInt8>, into hits: inout [Int32]) {
        guard n >= count else { return }
        // The rare byte of an occurrence lies in `rareIndex...n - count + rareIndex`.
        var from = rareIndex
        let last = n - count + rareIndex
        while from <= last, let raw = memchr(text + from, Int32(rareByte), last - from + 1) {
            let at = text.distance(to: raw.assumingMemoryBound(to: UInt8.self))
            if memcmp(text + at - rareIndex, literals + start, count) == 0 { hits.append(id) }
            from = at + 1
        }
    }

    /// How seldom a byte occurs in device output and prose, roughly (higher is rarer):
    /// spaces, frequent lower-case letters and digits are everywhere; capitals are less
    /// common, the capitals rare in English text and most symbols rarer still.
    static func rarity(of b: UInt8) -> Int {
        switch b {
        case UInt8(ascii: " "), UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "i"),
             UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "h"), UInt8(ascii: "l"), UInt8(ascii: "d"),
             UInt8(ascii: "c"), UInt8(ascii: "u"): return 0
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ","),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="),
             UInt8(ascii: "/"): return 2
        case UInt8(ascii: "W"), UInt8(ascii: "Q"), UInt8(ascii: "Z"), UInt8(ascii: "X"), UInt8(ascii: "J"), UInt8(ascii: "V"),
             UInt8(ascii: "Y"), UInt8(ascii: "U"), UInt8(ascii: "G"), UInt8(ascii: "F"), UInt8(ascii: "B"), UInt8(ascii: "H"):
            return 4
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 3
        case 0x21...0x7E: return 4
        default: return 5
        }
    }

    /// Rarity a byte needs for its literal to be searched apart (a capital or rarer).
    static let rare = 3

    /// The index of the rarest byte (the first of equals).
    static func rarestIndex(in bytes: [UInt8]) -> Int {
        var best = 0
        for i in bytes.indices where rarity(of: bytes[i]) > rarity(of: bytes[best]) { best = i }
        return best
    }
}
