/// Aho-Corasick automaton over byte strings: one left-to-right pass over a line reports
/// every literal it contains, however many literals there are.
///
/// The stream prefilter of the diagnosis: almost every line of a debug capture contains no
/// signature literal, so almost every line costs exactly this pass and nothing else. The
/// transition table is complete (a DFA), indexed by byte class so it stays small enough
/// for the cache; states with output are numbered last so the hot loop tests one compare.
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

    /// Builds the automaton; literal ids are indexes in `literals` (empty literals never match).
    public init(literals: [[UInt8]]) {
        literalCount = literals.count
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
}
