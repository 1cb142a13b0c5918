#if canImport(Glibc)
import Glibc
#endif

/// Writes a deterministic debug + logging capture of a busy VPN head-end: many peers
/// negotiating at once (IOS `debug crypto isakmp`/`ipsec` with timestamps and ISAKMP
/// connection numbers), interleaved with ordinary syslog traffic and, on about 1% of
/// lines, the catalog's error strings (failed main modes, hash mismatches, replay and SPI
/// errors, sanity checks, proxy identities) in IOS and ASA forms.
///
/// The same `seed` and `lines` always give the same bytes, so runs compare.
struct DiagnosisLogGenerator {
    var lines: Int
    var seed: UInt64 = 0x1F2E_3D4C_5B6A_7988

    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Writes the capture to `path`; returns its size in bytes.
    func write(to path: String) -> Int {
        guard let file = fopen(path, "w") else { fatalError("cannot write \(path)") }
        defer { fclose(file) }
        var rng = Random(state: seed)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        var written = 0, total = 0
        var conn = 1000
        // Scenarios in progress: each is a queue of lines; the generator interleaves them.
        var active: [[String]] = []
        var cursor: [Int] = []

        func peer(_ n: Int) -> String { "10.\(20 + n / 250).\(n % 250).\(1 + n % 7)" }

        while written < lines {
            // Keep about six negotiations going at once.
            while active.count < 6 {
                conn += 1
                active.append(scenario(&rng, peer: peer(rng.below(400)), conn: conn))
                cursor.append(0)
            }
            var bodies: [String] = []
            if rng.below(100) < 45 {
                // The next packet of one negotiation: its lines come out together, as a
                // device prints one packet's processing before the next packet's.
                let k = rng.below(active.count)
                repeat {
                    bodies.append(active[k][cursor[k]])
                    cursor[k] += 1
                } while cursor[k] < active[k].count && !active[k][cursor[k]].hasPrefix(">")
                if cursor[k] < active[k].count { active[k][cursor[k]].removeFirst() }
                if cursor[k] >= active[k].count { active.remove(at: k); cursor.remove(at: k) }
            } else {
                bodies.append(noise(&rng, peer: peer(rng.below(400))))
            }
            for body in bodies where written < lines {
                buffer.append(contentsOf: stamp(written).utf8)
                buffer.append(contentsOf: body.utf8)
                buffer.append(.newline)
                written += 1
            }
            if buffer.count >= 1 << 22 {
                total += buffer.count
                _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        total += buffer.count
        _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        return total
    }

    private func stamp(_ n: Int) -> String {
        let ms = n % 1000, s = (n / 1000) % 60, m = (n / 60_000) % 60, h = (n / 3_600_000) % 24
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "*Nov 28 \(two(h)):\(two(m)):\(two(s)).\(msText): "
    }

    private func noise(_ rng: inout Random, peer: String) -> String {
        switch rng.below(6) {
        case 0: return "%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel\(rng.below(64)), changed state to up"
        case 1: return "%SEC-6-IPACCESSLOGP: list 101 permitted tcp \(peer)(\(1024 + rng.below(60000))) -> 10.1.0.\(rng.below(250))(443), 1 packet"
        case 2: return "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.\(rng.below(250)))"
        case 3: return "%ASA-6-302013: Built inbound TCP connection \(rng.below(900000)) for outside:\(peer)/\(1024 + rng.below(60000)) (\(peer)/\(1024 + rng.below(60000))) to inside:10.1.0.\(rng.below(250))/443"
        case 4: return "ISAKMP:(\(1000 + rng.below(500))):purging node \(rng.below(2_000_000_000))"
        default: return "%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 192.0.2.\(rng.below(250))] [localport: 22]"
        }
    }

    /// One negotiation (or error burst) of `peer`, as the lines the device prints; a line
    /// starting with `>` starts the next packet (the marker is not printed).
    private func scenario(_ rng: inout Random, peer: String, conn: Int) -> [String] {
        let c = "ISAKMP:(\(conn)):"
        let roll = rng.below(1000)
        if roll < 27 {
            // Hash mismatch: phase 1 fails with an explanation.
            return ["ISAKMP (0:\(conn)): beginning Main Mode exchange",
                    "ISAKMP (0:\(conn)): sending packet to \(peer) (I) MM_NO_STATE",
                    ">ISAKMP (0:\(conn)): Checking ISAKMP transform 1 against priority 10 policy",
                    "ISAKMP:      hash MD5",
                    "ISAKMP (0:\(conn)): Hash algorithm offered does not match policy!",
                    "ISAKMP (0:\(conn)): atts are not acceptable. Next payload is 0",
                    "ISAKMP (0:\(conn)): no offers accepted!",
                    "ISAKMP (0:\(conn)): phase 1 SA not acceptable!"]
        }
        if roll < 47 {
            return ["ISAKMP (0:\(conn)): beginning Main Mode exchange",
                    "ISAKMP (0:\(conn)): sending packet to \(peer) (I) MM_NO_STATE",
                    ">ISAKMP (0:\(conn)): atts are not acceptable. Next payload is 0",
                    "ISAKMP (0:\(conn)); no offers accepted!",
                    "ISAKMP (0:\(conn)): SA not acceptable!",
                    "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at \(peer)"]
        }
        if roll < 61 { return ["%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=\(conn % 97)"] }
        if roll < 75 {
            return ["%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.1.0.1, prot=50, spi=0x\(String(rng.next() & 0xFFFF_FFFF, radix: 16, uppercase: true))(\(rng.below(1 << 31))), srcaddr=\(peer)"]
        }
        if roll < 82 { return ["%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from \(peer) failed its sanity check or is malformed"] }
        if roll < 89 { return ["ISAKMP: No cert, and no keys (public or pre-shared) with remote peer \(peer)"] }
        if roll < 96 {
            return ["%ASA-4-402119: IPSEC: Received an ESP packet (SPI= 0x0C190BF9, sequence number= 0x\(String(rng.below(1 << 24), radix: 16))) from \(peer) (user= \(peer)) to 10.1.0.1 that failed anti-replay checking."]
        }
        if roll < 107 {
            return [c + " received packet from \(peer) dport 500 sport 500 Global (R) QM_IDLE",
                    c + "Checking IPSec proposal 1",
                    "IPsec(validate_transform_proposal): proxy identities not supported",
                    "ISAKMP: IPsec policy invalidated proposal",
                    c + " phase 2 SA not acceptable!"]
        }
        // Healthy, sometimes after a rejected first transform. Phase 1 lines carry the
        // connection number (older IOS prints `ISAKMP (0:N):`).
        let o = "ISAKMP (0:\(conn)):"
        var out = [o + " beginning Main Mode exchange",
                   o + " sending packet to \(peer) my_port 500 peer_port 500 (I) MM_NO_STATE",
                   ">" + o + " received packet from \(peer) dport 500 sport 500 Global (I) MM_NO_STATE",
                   o + " processing SA payload. message ID = 0",
                   o + " Checking ISAKMP transform 1 against priority 10 policy",
                   "ISAKMP:      encryption AES-CBC",
                   "ISAKMP:      keylength of 256",
                   "ISAKMP:      hash SHA",
                   "ISAKMP:      default group 14",
                   "ISAKMP:      auth pre-share"]
        if rng.below(10) == 0 {
            out += [o + " atts are not acceptable. Next payload is 3",
                    o + " Checking ISAKMP transform 2 against priority 10 policy"]
        }
        out += [o + " atts are acceptable. Next payload is 0",
                o + " Old State = IKE_I_MM2  New State = IKE_I_MM3",
                ">" + o + " sending packet to \(peer) my_port 500 peer_port 500 (I) MM_KEY_EXCH",
                ">" + o + " received packet from \(peer) dport 500 sport 500 Global (I) MM_KEY_EXCH",
                o + " SKEYID state generated",
                ">" + c + "SA has been authenticated with \(peer)",
                c + "Old State = IKE_I_MM6  New State = IKE_P1_COMPLETE",
                ">" + c + " beginning Quick Mode exchange, M-ID of 1843427453",
                ">" + c + "Checking IPSec proposal 1",
                c + "atts are acceptable.",
                "IPSEC(validate_proposal_request): proposal part #1",
                "IPSEC(key_engine): got a queue event with 1 KMI message(s)",
                "IPSEC(spi_response): getting spi 203563166 for SA",
                ">" + c + " Creating IPSec SAs",
                "IPSEC(create_sa): sa created,",
                "  (sa) sa_dest= \(peer), sa_prot= 50,",
                "IPSEC(create_sa): sa created,",
                "  (sa) sa_dest= 10.1.0.1, sa_prot= 50,",
                c + "Old State = IKE_QM_I_QM1  New State = IKE_QM_PHASE2_COMPLETE"]
        return out
    }
}
