/// Eight bytes at a time: the word-at-a-time byte tests the per-line scans share (the peer
/// scan, the joiner's message mark and field checks).
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The eight bytes at `base + offset`, the first one in the lowest byte.
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// The high bit set in each byte of `word` that equals `byte`, and only there (exact:
    /// no borrow runs from one byte into the next).
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & low7) &+ low7) | x | low7)
    }
}
