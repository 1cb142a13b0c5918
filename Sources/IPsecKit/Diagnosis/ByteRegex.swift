#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A backtracking regex matcher over bytes for the subset of ICU syntax the signature
/// catalog uses: literals, `.`, classes (`[^,\s]`, ranges), `\d \D \s \S \w \W \b \B`,
/// groups (capturing, `(?:...)`, `(?<name>...)`), alternation, greedy and lazy `? * + {n,m}`,
/// `^` and `$`.
///
/// The diagnosis runs a pattern's regex on every line holding its literals; through
/// `NSRegularExpression` that costs a `String`, its bridging to `NSString` and ICU reading
/// it back in UTF-16, many times the match itself. This matcher gives the same leftmost
/// match and the same groups as ICU (the same backtracking order) on lines of printable
/// ASCII and tabs, where ICU's classes reduce to the ASCII ones used here; other lines,
/// and patterns using anything outside the subset, stay with ICU (`compile` returns nil).
struct ByteRegex: Sendable {
    fileprivate enum Op: UInt8 {
        case byte, literal, set, any, repeatSet, split, jump, save, lineStart, lineEnd, wordBoundary, notWordBoundary, match
    }

    fileprivate struct Inst: Sendable {
        var op: Op
        /// `byte`: the byte; `literal`: offset in `literals`; `set`: class index; `split`: preferred
        /// target; `jump`: target; `save`: slot.
        var a: Int = 0
        /// `split`: the other target; `literal`: its length; `repeatSet`: the least count.
        var b: Int = 0
        /// `repeatSet`: the most count (`Int.max` for no bound).
        var c: Int = 0
    }

    private let program: [Inst]
    /// The byte runs of `literal` instructions (a run of plain bytes is one step, not one per byte).
    private let literals: [UInt8]
    /// 256-bit membership bitmaps, four words per class.
    private let classes: [UInt64]
    /// Capturing groups (group k saves slots 2k and 2k+1; group 0 is the whole match).
    let groupCount: Int
    /// Bytes a match can start with (four words), or nil when a match can be empty (then
    /// every position is tried).
    private let startSet: [UInt64]?
    /// The one byte a match can start with, when there is one (found with `memchr`).
    private let startByte: UInt8?
    /// Work allowed per start position before giving up (the caller then asks ICU).
    private static let stepLimit = 20_000

    /// The program for `pattern`, or nil when it uses syntax outside the subset.
    static func compile(_ pattern: String) -> ByteRegex? {
        var parser = Parser(Array(pattern.utf8))
        guard let tree = parser.parseAll() else { return nil }
        var emitter = Emitter(classes: parser.classes)
        emitter.emit(.group(0, tree))
        emitter.program.append(Inst(op: .match))
        let (first, nullable) = Self.firstBytes(tree, classes: parser.classes)
        let startSet = nullable ? nil : first
        var startByte: UInt8?
        if let startSet, startSet.map(\.nonzeroBitCount).reduce(0, +) == 1, let w = startSet.firstIndex(where: { $0 != 0 }) {
            startByte = UInt8(w * 64 + startSet[w].trailingZeroBitCount)
        }
        return ByteRegex(program: emitter.program, literals: emitter.literals, classes: emitter.classes.flatMap { $0 },
                         groupCount: parser.groupCount + 1, startSet: startSet, startByte: startByte)
    }

    /// The bytes a match of `node` can begin with, and whether it can match nothing.
    private static func firstBytes(_ node: Node, classes: [ByteSet]) -> (ByteSet, Bool) {
        let none = ByteSet(repeating: 0, count: 4)
        func union(_ a: ByteSet, _ b: ByteSet) -> ByteSet { (0..<4).map { a[$0] | b[$0] } }
        switch node {
        case .empty, .lineStart, .lineEnd, .wordBoundary: return (none, true)
        case .byte(let b):
            var set = none
            set[Int(b >> 6)] |= 1 << UInt64(b & 63)
            return (set, false)
        case .set(let k): return (classes[k], false)
        case .any: return (ByteSet(repeating: ~0, count: 4), false)
        case .group(_, let inner): return firstBytes(inner, classes: classes)
        case .concat(let parts):
            var set = none
            for part in parts {
                let (s, nullable) = firstBytes(part, classes: classes)
                set = union(set, s)
                if !nullable { return (set, false) }
            }
            return (set, true)
        case .alternation(let branches):
            var set = none, nullable = false
            for branch in branches {
                let (s, n) = firstBytes(branch, classes: classes)
                set = union(set, s)
                nullable = nullable || n
            }
            return (set, nullable)
        case .repetition(let inner, let min, _, _):
            let (s, n) = firstBytes(inner, classes: classes)
            return (s, n || min == 0)
        }
    }

    /// True when the matcher decides `line` exactly as ICU would: printable ASCII and tabs only.
    static func canMatch(_ line: ByteLine) -> Bool {
        guard let base = line.bytes.baseAddress else { return true }
        let n = line.count
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        // Eight bytes at a time: a high bit, or a byte that carries into its high bit when 1
        // is added (0x7F), is outside the range; a byte below 0x20 (a tab, say) sends the
        // word to the byte-by-byte check.
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if (w | (w &+ ones)) & highs != 0 { return false }
            if (w &- 0x20 &* ones) & ~w & highs != 0 {
                for k in i..<(i + 8) where !isPrintableOrTab(base[k]) { return false }
            }
            i += 8
        }
        while i < n {
            if !isPrintableOrTab(base[i]) { return false }
            i += 1
        }
        return true
    }

    /// Printable ASCII (0x20...0x7E) or a tab.
    @inline(__always)
    static func isPrintableOrTab(_ b: UInt8) -> Bool { b &- 0x20 < 0x5F || b == .tab }

    enum Outcome {
        /// Matched: `slots[2k]..<slots[2k+1]` is group k, or -1 when it did not take part.
        case match([Int])
        case noMatch
        /// The step limit was reached: ask ICU.
        case undecided
    }

    /// Buffers a match works in, kept by the caller across lines: a match then allocates nothing.
    struct Scratch {
        /// After a match: `slots[2k]..<slots[2k+1]` is group k, or -1 when it did not take part.
        fileprivate(set) var slots: [Int] = []
        /// The backtracking stack; doubled when an attempt needs more.
        fileprivate var stack: [Backtrack] = []
    }

    /// A branch to try (`restore` == -1: resume at `pc`, `pos`), a slot value to put back
    /// when backtracking (`restore` >= 0: `pc` = slot, `pos` = old value), or a greedy
    /// `repeatSet` giving back one byte (`restore` = -2 - the least end: resume at `pc`, `pos`,
    /// and leave the next shorter try).
    fileprivate struct Backtrack {
        var pc: Int
        var pos: Int
        var restore: Int
    }

    /// The leftmost match in `line` (which must pass `canMatch`).
    func firstMatch(in line: ByteLine) -> Outcome {
        var scratch = Scratch()
        switch firstMatch(in: line, scratch: &scratch) {
        case .some(true): return .match(Array(scratch.slots.prefix(groupCount * 2)))
        case .some(false): return .noMatch
        case .none: return .undecided
        }
    }

    private enum Attempt { case match, noMatch, undecided, stackFull }

    /// The leftmost match in `line` (which must pass `canMatch`): true with the groups in
    /// `scratch.slots`, false for no match, nil when undecided (ask ICU).
    func firstMatch(in line: ByteLine, scratch: inout Scratch) -> Bool? {
        let n = line.count
        // Sized for the largest program the scratch served; this one uses the first slots.
        if scratch.slots.count < groupCount * 2 { scratch.slots = [Int](repeating: -1, count: groupCount * 2) }
        if scratch.stack.count < 2 * program.count + 16 {
            scratch.stack = [Backtrack](repeating: Backtrack(pc: 0, pos: 0, restore: 0), count: 2 * program.count + 16)
        }
        while true {
            // Slots start at -1; a failed attempt restores every slot it set, so they stay
            // clean from one start position to the next.
            for k in 0..<(groupCount * 2) { scratch.slots[k] = -1 }
            let outcome = scratch.slots.withUnsafeMutableBufferPointer { slots in
                scratch.stack.withUnsafeMutableBufferPointer { stack in
                    program.withUnsafeBufferPointer { prog in
                        literals.withUnsafeBufferPointer { lits in
                            classes.withUnsafeBufferPointer { sets -> Attempt in
                                if let startByte, let base = line.bytes.baseAddress {
                                    // Only the positions holding the start byte.
                                    var from = 0
                                    while from < n, let hit = memchr(base + from, Int32(startByte), n - from) {
                                        let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                                        let attempt = run(line, from: start, prog: prog, lits: lits, sets: sets,
                                                          slots: slots.baseAddress!, stack: stack)
                                        if attempt != .noMatch { return attempt }
                                        from = start + 1
                                    }
                                    return .noMatch
                                }
                                if let startSet {
                                    // Only the positions holding a byte a match can start with.
                                    let (w0, w1, w2, w3) = (startSet[0], startSet[1], startSet[2], startSet[3])
                                    var start = 0
                                    while start < n {
                                        let b = line[start]
                                        let word = b < 128 ? (b < 64 ? w0 : w1) : (b < 192 ? w2 : w3)
                                        if word & (1 << UInt64(b & 63)) != 0 {
                                            let attempt = run(line, from: start, prog: prog, lits: lits, sets: sets,
                                                              slots: slots.baseAddress!, stack: stack)
                                            if attempt != .noMatch { return attempt }
                                        }
                                        start &+= 1
                                    }
                                    return .noMatch
                                }
                                for start in 0...n {
                                    let attempt = run(line, from: start, prog: prog, lits: lits, sets: sets,
                                                      slots: slots.baseAddress!, stack: stack)
                                    if attempt != .noMatch { return attempt }
                                }
                                return .noMatch
                            }
                        }
                    }
                }
            }
            switch outcome {
            case .match: return true
            case .noMatch: return false
            case .undecided: return nil
            case .stackFull:
                // Rare (long lines with many open branches): a bigger stack, and again from the start.
                scratch.stack += scratch.stack
            }
        }
    }

    /// One anchored attempt at `start`: a match (slots filled), none, past the step limit,
    /// or out of stack. Inlined: most attempts fail within a few steps, where a call costs
    /// as much as the work.
    @inline(__always)
    private func run(_ line: ByteLine, from start: Int, prog: UnsafeBufferPointer<Inst>, lits: UnsafeBufferPointer<UInt8>,
                     sets: UnsafeBufferPointer<UInt64>, slots: UnsafeMutablePointer<Int>,
                     stack: UnsafeMutableBufferPointer<Backtrack>) -> Attempt {
        let n = line.count
        var pc = 0, pos = start, steps = 0, top = 0
        while true {
            steps += 1
            if steps > Self.stepLimit { return .undecided }
            let inst = prog[pc]
            var fail = false
            switch inst.op {
            case .byte:
                if pos < n, Int(line[pos]) == inst.a { pos += 1; pc += 1 } else { fail = true }
            case .literal:
                if n &- pos >= inst.b, memcmp(line.bytes.baseAddress! + pos, lits.baseAddress! + inst.a, inst.b) == 0 {
                    pos &+= inst.b; pc &+= 1
                } else {
                    fail = true
                }
            case .set:
                if pos < n {
                    let b = line[pos]
                    if sets[inst.a * 4 + Int(b >> 6)] & (1 << UInt64(b & 63)) != 0 { pos += 1; pc += 1 } else { fail = true }
                } else {
                    fail = true
                }
            case .any:
                if pos < n { pos += 1; pc += 1 } else { fail = true }
            case .repeatSet:
                // As many as the class and the bound allow; the shorter counts stay to try
                // later, longest first, as the split chain this stands for would try them.
                let limit = Swift.min(inst.c, n &- pos)
                var k = 0
                while k < limit {
                    let b = line[pos &+ k]
                    if sets[inst.a &* 4 &+ Int(b >> 6)] & (1 << UInt64(b & 63)) == 0 { break }
                    k &+= 1
                }
                if k < inst.b {
                    fail = true
                } else {
                    if k > inst.b {
                        if top == stack.count { return .stackFull }
                        stack[top] = Backtrack(pc: pc &+ 1, pos: pos &+ k &- 1, restore: -2 &- (pos &+ inst.b))
                        top += 1
                    }
                    pos &+= k
                    pc &+= 1
                }
            case .split:
                if top == stack.count { return .stackFull }
                stack[top] = Backtrack(pc: inst.b, pos: pos, restore: -1)
                top += 1
                pc = inst.a
            case .jump:
                pc = inst.a
            case .save:
                if top == stack.count { return .stackFull }
                stack[top] = Backtrack(pc: inst.a, pos: slots[inst.a], restore: 1)
                top += 1
                slots[inst.a] = pos
                pc += 1
            case .lineStart:
                if pos == 0 { pc += 1 } else { fail = true }
            case .lineEnd:
                if pos == n { pc += 1 } else { fail = true }
            case .wordBoundary, .notWordBoundary:
                let before = pos > 0 && Self.isWord(line[pos - 1])
                let after = pos < n && Self.isWord(line[pos])
                if (before != after) == (inst.op == .wordBoundary) { pc += 1 } else { fail = true }
            case .match:
                return .match
            }
            if fail {
                // Backtrack: put slots back until a branch to try.
                while true {
                    if top == 0 { return .noMatch }
                    top -= 1
                    let entry = stack[top]
                    if entry.restore >= 0 {
                        slots[entry.pc] = entry.pos
                    } else {
                        pc = entry.pc; pos = entry.pos
                        if entry.restore < -1, pos > -2 - entry.restore {
                            // The next shorter count of a `repeatSet`, below the resumed branch.
                            stack[top] = Backtrack(pc: pc, pos: pos - 1, restore: entry.restore)
                            top += 1
                        }
                        break
                    }
                }
            }
        }
    }

    /// ICU's `\w` on ASCII: letters, digits, `_`.
    static func isWord(_ b: UInt8) -> Bool { b.isLetter || b.isDigit || b == UInt8(ascii: "_") }

    // MARK: - Parsing

    fileprivate indirect enum Node {
        case empty
        case byte(UInt8)
        case set(Int)
        case any
        case concat([Node])
        case alternation([Node])
        case group(Int?, Node)
        case repetition(Node, min: Int, max: Int?, lazy: Bool)
        case lineStart, lineEnd
        case wordBoundary(Bool)

        /// True when the node matches exactly one byte and captures nothing (a byte, a class,
        /// `.`, perhaps in a non-capturing group).
        var matchesOneByte: Bool {
            switch self {
            case .byte, .set, .any: return true
            case .group(nil, let inner): return inner.matchesOneByte
            default: return false
            }
        }

        /// True when the node can match without consuming a byte.
        var canBeEmpty: Bool {
            switch self {
            case .empty, .lineStart, .lineEnd, .wordBoundary: return true
            case .byte, .set, .any: return false
            case .concat(let parts): return parts.allSatisfy(\.canBeEmpty)
            case .alternation(let parts): return parts.contains(where: \.canBeEmpty)
            case .group(_, let node): return node.canBeEmpty
            case .repetition(let node, let min, _, _): return min == 0 || node.canBeEmpty
            }
        }
    }

    /// A 256-bit byte set.
    fileprivate typealias ByteSet = [UInt64]

    fileprivate struct Parser {
        let p: [UInt8]
        var i = 0
        var groupCount = 0
        var classes: [ByteSet] = []

        init(_ p: [UInt8]) { self.p = p }

        mutating func parseAll() -> Node? {
            guard p.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), let node = parseAlternation(), i == p.count else { return nil }
            return node
        }

        mutating func parseAlternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let c = parseConcat() else { return nil }
                branches.append(c)
                if i < p.count, p[i] == UInt8(ascii: "|") { i += 1; continue }
                break
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseConcat() -> Node? {
            var parts: [Node] = []
            while i < p.count, p[i] != UInt8(ascii: "|"), p[i] != UInt8(ascii: ")") {
                guard let atom = parseAtom(), let q = parseQuantifiers(atom) else { return nil }
                parts.append(q)
            }
            return parts.isEmpty ? .empty : parts.count == 1 ? parts[0] : .concat(parts)
        }

        mutating func parseQuantifiers(_ atom: Node) -> Node? {
            var node = atom
            var quantified = false
            while i < p.count {
                var min = 0, max: Int?
                switch p[i] {
                case UInt8(ascii: "?"): min = 0; max = 1; i += 1
                case UInt8(ascii: "*"): min = 0; max = nil; i += 1
                case UInt8(ascii: "+"): min = 1; max = nil; i += 1
                case UInt8(ascii: "{"):
                    i += 1
                    guard let lo = number() else { return nil }
                    min = lo; max = lo
                    if i < p.count, p[i] == UInt8(ascii: ",") {
                        i += 1
                        max = number()
                    }
                    guard i < p.count, p[i] == UInt8(ascii: "}") else { return nil }
                    i += 1
                    if let m = max, m < min { return nil }
                default:
                    return node
                }
                // A second quantifier (`a??` aside) is ICU's possessive/stacked form: not supported.
                if quantified { return nil }
                quantified = true
                var lazy = false
                if i < p.count, p[i] == UInt8(ascii: "?") { lazy = true; i += 1 }
                if i < p.count, p[i] == UInt8(ascii: "+") { return nil }
                // An unbounded repeat of something that can match nothing would loop.
                if max == nil, node.canBeEmpty { return nil }
                if min > 100 || (max ?? 0) > 100 { return nil }
                node = .repetition(node, min: min, max: max, lazy: lazy)
            }
            return node
        }

        mutating func number() -> Int? {
            let s = i
            var v = 0
            while i < p.count, p[i].isDigit, i - s < 4 { v = v * 10 + Int(p[i] - 48); i += 1 }
            return i > s ? v : nil
        }

        mutating func parseAtom() -> Node? {
            let c = p[i]
            i += 1
            switch c {
            case UInt8(ascii: "("):
                var capture: Int?
                if i < p.count, p[i] == UInt8(ascii: "?") {
                    if i + 1 < p.count, p[i + 1] == UInt8(ascii: ":") {
                        i += 2
                    } else if i + 2 < p.count, p[i + 1] == UInt8(ascii: "<"), p[i + 2] != UInt8(ascii: "="), p[i + 2] != UInt8(ascii: "!") {
                        guard let close = p[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                        guard p[(i + 2)..<close].allSatisfy({ $0.isLetter || $0.isDigit }), close > i + 2 else { return nil }
                        i = close + 1
                        groupCount += 1
                        capture = groupCount
                    } else {
                        return nil
                    }
                } else {
                    groupCount += 1
                    capture = groupCount
                }
                guard let inner = parseAlternation(), i < p.count, p[i] == UInt8(ascii: ")") else { return nil }
                i += 1
                return .group(capture, inner)
            case UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                return nil
            case UInt8(ascii: "["): return parseClass()
            case UInt8(ascii: "."): return .any
            case UInt8(ascii: "^"): return .lineStart
            case UInt8(ascii: "$"): return .lineEnd
            case UInt8(ascii: "\\"):
                guard i < p.count else { return nil }
                let e = p[i]
                i += 1
                switch e {
                case UInt8(ascii: "b"): return .wordBoundary(true)
                case UInt8(ascii: "B"): return .wordBoundary(false)
                default:
                    if let set = escapeSet(e) { return .set(add(set)) }
                    if let b = escapeByte(e) { return .byte(b) }
                    return nil
                }
            default:
                return .byte(c)
            }
        }

        /// `\d \D \s \S \w \W` as byte sets (ICU's classes on ASCII).
        func escapeSet(_ e: UInt8) -> ByteSet? {
            var set = ByteSet(repeating: 0, count: 4)
            func insert(_ b: UInt8) { set[Int(b >> 6)] |= 1 << UInt64(b & 63) }
            let negate: Bool
            switch e {
            case UInt8(ascii: "d"), UInt8(ascii: "D"):
                for b in UInt8(ascii: "0")...UInt8(ascii: "9") { insert(b) }
                negate = e == UInt8(ascii: "D")
            case UInt8(ascii: "s"), UInt8(ascii: "S"):
                // ICU: [\t\n\f\r\p{Z}].
                for b: UInt8 in [0x09, 0x0A, 0x0C, 0x0D, 0x20] { insert(b) }
                negate = e == UInt8(ascii: "S")
            case UInt8(ascii: "w"), UInt8(ascii: "W"):
                for b in 0...UInt8(0x7F) where ByteRegex.isWord(b) { insert(b) }
                negate = e == UInt8(ascii: "W")
            default:
                return nil
            }
            return negate ? set.map { ~$0 } : set
        }

        /// An escaped byte standing for itself (punctuation) or `\t \n \r`.
        func escapeByte(_ e: UInt8) -> UInt8? {
            switch e {
            case UInt8(ascii: "t"): return 0x09
            case UInt8(ascii: "n"): return 0x0A
            case UInt8(ascii: "r"): return 0x0D
            default: return e.isLetter || e.isDigit ? nil : e
            }
        }

        mutating func add(_ set: ByteSet) -> Int {
            classes.append(set)
            return classes.count - 1
        }

        mutating func parseClass() -> Node? {
            var set = ByteSet(repeating: 0, count: 4)
            func insert(_ b: UInt8) { set[Int(b >> 6)] |= 1 << UInt64(b & 63) }
            var negate = false
            if i < p.count, p[i] == UInt8(ascii: "^") { negate = true; i += 1 }
            // `[]...]`, nested sets, POSIX names and set operators: left to ICU.
            if i < p.count, p[i] == UInt8(ascii: "]") { return nil }
            while i < p.count, p[i] != UInt8(ascii: "]") {
                var low: UInt8
                let c = p[i]
                if c == UInt8(ascii: "[") { return nil }
                if c == UInt8(ascii: "&") || c == UInt8(ascii: "-"), i + 1 < p.count, p[i + 1] == c { return nil }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < p.count else { return nil }
                    let e = p[i + 1]
                    i += 2
                    if let s = escapeSet(e) {
                        for k in 0..<4 { set[k] |= s[k] }
                        continue
                    }
                    guard let b = escapeByte(e) else { return nil }
                    low = b
                } else {
                    low = c
                    i += 1
                }
                // A range `a-z` (a `-` before `]` is itself).
                if i + 1 < p.count, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") {
                    var high = p[i + 1]
                    i += 2
                    if high == UInt8(ascii: "\\") {
                        guard i < p.count, let b = escapeByte(p[i]) else { return nil }
                        high = b
                        i += 1
                    } else if high == UInt8(ascii: "[") {
                        return nil
                    }
                    guard low <= high else { return nil }
                    for b in low...high { insert(b) }
                } else {
                    insert(low)
                }
            }
            guard i < p.count else { return nil }
            i += 1
            return .set(add(negate ? set.map { ~$0 } : set))
        }
    }

    // MARK: - Code generation

    fileprivate struct Emitter {
        var program: [Inst] = []
        var literals: [UInt8] = []
        var classes: [ByteSet]

        init(classes: [ByteSet]) { self.classes = classes }

        /// The class index of a node that `matchesOneByte`, added to the classes when it is
        /// not a class already.
        mutating func byteSet(_ node: Node) -> Int {
            switch node {
            case .set(let k): return k
            case .group(_, let inner): return byteSet(inner)
            case .byte(let b):
                var set = ByteSet(repeating: 0, count: 4)
                set[Int(b >> 6)] |= 1 << UInt64(b & 63)
                classes.append(set)
            default:
                classes.append(ByteSet(repeating: ~0, count: 4))
            }
            return classes.count - 1
        }

        mutating func emit(_ node: Node) {
            switch node {
            case .empty: break
            case .byte(let b): program.append(Inst(op: .byte, a: Int(b)))
            case .set(let k): program.append(Inst(op: .set, a: k))
            case .any: program.append(Inst(op: .any))
            case .lineStart: program.append(Inst(op: .lineStart))
            case .lineEnd: program.append(Inst(op: .lineEnd))
            case .wordBoundary(let yes): program.append(Inst(op: yes ? .wordBoundary : .notWordBoundary))
            case .concat(let parts):
                // Runs of plain bytes become one `literal` instruction.
                var k = 0
                while k < parts.count {
                    var run: [UInt8] = []
                    while k < parts.count, case .byte(let b) = parts[k] { run.append(b); k += 1 }
                    if run.count > 1 {
                        program.append(Inst(op: .literal, a: literals.count, b: run.count))
                        literals += run
                    } else if let b = run.first {
                        program.append(Inst(op: .byte, a: Int(b)))
                    } else {
                        emit(parts[k])
                        k += 1
                    }
                }
            case .group(let capture, let inner):
                if let g = capture { program.append(Inst(op: .save, a: 2 * g)) }
                emit(inner)
                if let g = capture { program.append(Inst(op: .save, a: 2 * g + 1)) }
            case .alternation(let branches):
                // split L1, next; L1: branch; jump end; next: split L2, ...; last branch.
                var jumps: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = program.count
                        program.append(Inst(op: .split, a: split + 1, b: 0))
                        emit(branch)
                        jumps.append(program.count)
                        program.append(Inst(op: .jump))
                        program[split].b = program.count
                    } else {
                        emit(branch)
                    }
                }
                for j in jumps { program[j].a = program.count }
            case .repetition(let inner, let min, let max, lazy: false) where inner.matchesOneByte:
                // A greedy repeat of one byte class: one step, not a split per byte.
                program.append(Inst(op: .repeatSet, a: byteSet(inner), b: min, c: max ?? Int.max))
            case .repetition(let inner, let min, let max, let lazy):
                for _ in 0..<min { emit(inner) }
                if let max {
                    // Each optional copy: split (body, end of all copies).
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(program.count)
                        program.append(Inst(op: .split))
                        emit(inner)
                    }
                    let end = program.count
                    for s in splits {
                        program[s].a = lazy ? end : s + 1
                        program[s].b = lazy ? s + 1 : end
                    }
                } else {
                    // loop: split (body, out); body; jump loop.
                    let loop = program.count
                    program.append(Inst(op: .split))
                    emit(inner)
                    program.append(Inst(op: .jump, a: loop))
                    let out = program.count
                    program[loop].a = lazy ? out : loop + 1
                    program[loop].b = lazy ? loop + 1 : out
                }
            }
        }
    }
}
