#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes values that repeat from block to block (transform, crypto map, settings) once
/// and shares the `String` afterwards.
///
/// A hub prints the same `esp-aes 256 esp-sha-hmac` for every peer; without sharing, each
/// copy longer than 15 bytes is its own heap allocation. One remembered value per field
/// is enough because repeats are consecutive.
struct RepeatedStrings {
    enum Field: Int, CaseIterable {
        case interface, cryptoMap, localAddr, transform, settings, saCryptoMap, status, flowId, dhGroup, vrf
    }

    private var lastBytes: [[UInt8]] = Array(repeating: [], count: Field.allCases.count)
    private var lastString: [String] = Array(repeating: "", count: Field.allCases.count)

    mutating func string(_ value: ByteLine, _ field: Field) -> String {
        let k = field.rawValue
        let n = value.count
        if n == lastBytes[k].count, n > 0,
           lastBytes[k].withUnsafeBufferPointer({ memcmp($0.baseAddress!, value.bytes.baseAddress!, n) == 0 }) {
            return lastString[k]
        }
        let s = value.string
        lastBytes[k] = Array(value.bytes)
        lastString[k] = s
        return s
    }
}
