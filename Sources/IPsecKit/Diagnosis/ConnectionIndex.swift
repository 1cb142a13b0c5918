/// ISAKMP connection number -> exchange slot, asked on almost every negotiation line.
///
/// A dictionary behind a small direct-mapped cache: a hub interleaves a handful of
/// negotiations at a time, so nearly every lookup is answered by one compare instead of
/// hashing. The cache is kept exact on every change (an entry caches the dictionary's
/// answer for its key, present or absent), so lookups always agree with the dictionary.
struct ConnectionIndex {
    private var table: [Int: Int] = [:]
    /// Entry `c & mask`: the connection it caches (`Int.min` for none) and its slot (-1 for absent).
    private var cachedConnection = [Int](repeating: .min, count: 256)
    private var cachedSlot = [Int](repeating: -1, count: 256)
    private static let mask = 255

    subscript(connection: Int) -> Int? {
        @inline(__always) mutating get {
            let k = connection & Self.mask
            if cachedConnection[k] == connection { return cachedSlot[k] >= 0 ? cachedSlot[k] : nil }
            let slot = table[connection]
            cachedConnection[k] = connection
            cachedSlot[k] = slot ?? -1
            return slot
        }
        set {
            table[connection] = newValue
            let k = connection & Self.mask
            cachedConnection[k] = connection
            cachedSlot[k] = newValue ?? -1
        }
    }
}
