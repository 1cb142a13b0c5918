/// An array of plain values kept from line to line and emptied by resetting its count:
/// `Array.removeAll(keepingCapacity:)` costs a generic range replacement on every line, more
/// than the rare signature line's own work with it.
struct ReusableArray<Element>: RandomAccessCollection {
    private var storage: [Element] = []
    private(set) var count = 0

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> Element {
        get { storage[i] }
        set { storage[i] = newValue }
    }

    mutating func removeAll() { count = 0 }

    mutating func append(_ element: Element) {
        if count < storage.count { storage[count] = element } else { storage.append(element) }
        count += 1
    }

    /// Inserts at `i` (0...count), moving the later elements up.
    mutating func insert(_ element: Element, at i: Int) {
        append(element)
        var k = count - 1
        while k > i { storage[k] = storage[k - 1]; k -= 1 }
        storage[i] = element
    }
}
