/// SplitMix64: a tiny, fast generator whose whole sequence follows from the seed, so a lab
/// device started with the same seed prints the same SPIs, ids and counters.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A non-zero 32-bit SPI above the reserved range (RFC 4303 reserves 1-255).
    public mutating func spi() -> UInt32 {
        UInt32.random(in: 0x1000_0000...0xFFFF_FFF0, using: &self)
    }
}
