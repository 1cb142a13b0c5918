#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps the labels of `#pkts ...` counters, under every spelling devices print, to the
/// counter they fill.
///
/// Labels are looked up as raw bytes (without the leading `#`s and a trailing `:`), so a
/// 10,000-peer output does not build a `String` per counter: an unknown label is
/// snake_cased once and remembered.
struct IpsecCounterLabels {
    enum Slot: Equatable {
        case encaps, encrypt, digest, decaps, decrypt, verify
        case compressed, decompressed, notCompressed, comprFailed, decompressFailed
        case sendErrors, recvErrors
        case extra(String)
    }

    private var entries: [(label: [UInt8], slot: Slot)]
    /// Where the previous label was found: counters come in the same order in every block,
    /// so the next label is usually the following entry.
    private var lastHit = -1

    init() {
        let known: [(String, Slot)] = [
            ("pkts encaps", .encaps), ("pkts encrypt", .encrypt), ("pkts digest", .digest),
            ("pkts decaps", .decaps), ("pkts decrypt", .decrypt), ("pkts verify", .verify),
            ("pkts compressed", .compressed), ("pkts decompressed", .decompressed),
            ("pkts not compressed", .notCompressed),
            ("pkts compr. failed", .comprFailed), ("pkts comp failed", .comprFailed),
            ("pkts compr failed", .comprFailed),
            ("pkts decompress failed", .decompressFailed), ("pkts decomp failed", .decompressFailed),
            ("send errors", .sendErrors), ("recv errors", .recvErrors),
            // ASA 8.x and 9.x spell the reassembly counter two ways; keep one name.
            ("decapsulated frags needing reassembly", .extra("decapsulated_frgs_needing_reassembly")),
        ]
        entries = known.map { (Array($0.0.utf8), $0.1) }
    }

    /// The slot for `label` (bytes as printed, e.g. `pkts no sa (send)`).
    mutating func slot(for label: ByteLine) -> Slot {
        let guess = lastHit + 1
        if guess < entries.count, Self.equal(entries[guess].label, label) {
            lastHit = guess
            return entries[guess].slot
        }
        for k in entries.indices where Self.equal(entries[k].label, label) {
            lastHit = k
            return entries[k].slot
        }
        let slot = Slot.extra(Self.snakeCase(label))
        entries.append((Array(label.bytes), slot))
        lastHit = entries.count - 1
        return slot
    }

    private static func equal(_ known: [UInt8], _ label: ByteLine) -> Bool {
        let n = label.count
        guard known.count == n, let base = label.bytes.baseAddress else { return false }
        return known.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, n) == 0 }
    }

    /// `pkts no sa (send)` -> `pkts_no_sa_send`, `PMTUs sent` -> `pmtus_sent`,
    /// `pre-frag successes` -> `pre_frag_successes`.
    static func snakeCase(_ label: ByteLine) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(label.count)
        var pendingSeparator = false
        for b in label.bytes {
            let lower: UInt8? = switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): b + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): b
            default: nil
            }
            if let lower {
                if pendingSeparator && !out.isEmpty { out.append(UInt8(ascii: "_")) }
                pendingSeparator = false
                out.append(lower)
            } else {
                pendingSeparator = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension IpsecCounters {
    mutating func set(_ slot: IpsecCounterLabels.Slot, _ value: Int) {
        switch slot {
        case .encaps: pktsEncaps = value
        case .encrypt: pktsEncrypt = value
        case .digest: pktsDigest = value
        case .decaps: pktsDecaps = value
        case .decrypt: pktsDecrypt = value
        case .verify: pktsVerify = value
        case .compressed: pktsCompressed = value
        case .decompressed: pktsDecompressed = value
        case .notCompressed: pktsNotCompressed = value
        case .comprFailed: pktsComprFailed = value
        case .decompressFailed: pktsDecompressFailed = value
        case .sendErrors: sendErrors = value
        case .recvErrors: recvErrors = value
        case .extra(let name): extra[name] = value
        }
    }
}
