/// Signature indexes in the order first added, without repeats: the first three inline, any
/// more in an array. A pending line matches one or two signatures, and an array per line
/// would cost an allocation for each.
struct SmallSignatureList: Sequence {
    private var first = 0, second = 0, third = 0
    private var more: [Int] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    subscript(i: Int) -> Int {
        switch i {
        case 0: return first
        case 1: return second
        case 2: return third
        default: return more[i - 3]
        }
    }

    func contains(_ s: Int) -> Bool {
        for i in 0..<count where self[i] == s { return true }
        return false
    }

    /// Adds `s` unless it is there.
    mutating func insert(_ s: Int) {
        if contains(s) { return }
        switch count {
        case 0: first = s
        case 1: second = s
        case 2: third = s
        default: more.append(s)
        }
        count += 1
    }

    struct Iterator: IteratorProtocol {
        let list: SmallSignatureList
        var i = 0
        mutating func next() -> Int? {
            guard i < list.count else { return nil }
            defer { i += 1 }
            return list[i]
        }
    }

    func makeIterator() -> Iterator { Iterator(list: self) }
}
