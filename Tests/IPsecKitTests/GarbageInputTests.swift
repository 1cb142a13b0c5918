import Testing
@testable import IPsecKit

/// Whatever bytes arrive, reading them ends, without a crash, in bounded time.
@Suite struct GarbageInputTests {
    /// A small deterministic generator (xorshift) so failures reproduce.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let commandHeaders = [
        "R1#show crypto isakmp sa\n", "R1#show crypto ipsec sa detail\n", "asa# show crypto isakmp sa\n",
        "R1#show crypto ikev2 sa\n", "R1#show crypto engine connection active\n", "R1#show crypto session detail\n",
    ]

    static let fragments = [
        "interface: ", "Crypto map tag: ", ", local addr ", "local ident (addr/mask/prot/port): (", "/255.255.255.0/0/0)",
        "current_peer ", " port 500", "#pkts encaps: ", "#pkts decaps: ", "spi: 0x", "(", ")", "inbound esp sas:",
        "outbound esp sas:", "transform: esp-aes ", "conn id: ", "sa timing: remaining key lifetime (k/sec): (",
        "IKE Peer: ", "Type    : L2L", "State   : ", "MM_ACTIVE", "QM_IDLE", "dst src state conn-id slot status",
        "Tunnel-id Local Remote fvrf/ivrf Status", "/500 ", "Encr: ", "Life/Active Time: ", "Interface: ", "Peer: ",
        "IPSEC FLOW: permit ip ", "Active SAs: ", "Inbound:  #pkts dec'ed ", "ID Interface IP-Address State Algorithm Encrypt Decrypt",
        "10.0.0.1", "4294967295", "99999999999999999999999", "-1", "0x", ":", ",", " ", "\n", "\r\n", "\t", "\u{8}",
        "\u{1B}[31m", "--More--", "%CRYPTO-4-PKT_REPLAY_ERR: ", "\u{0}", "\u{FFFD}", "é", "中",
    ]

    func analyze(_ bytes: [UInt8]) -> AnalysisReport {
        var analyzer = SessionAnalyzer(options: .init(), isAsynchronous: { _ in false })
        analyzer.feed(bytes)
        return analyzer.finish()
    }

    @Test func randomBytesAreSurvived() {
        var rng = Random(state: 0x9E3779B97F4A7C15)
        for _ in 0..<200 {
            var bytes = Array(Self.commandHeaders[rng.below(Self.commandHeaders.count)].utf8)
            for _ in 0..<rng.below(2000) { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            _ = analyze(bytes)
        }
    }

    @Test func shuffledOutputFragmentsAreSurvived() {
        var rng = Random(state: 42)
        for _ in 0..<300 {
            var text = Self.commandHeaders[rng.below(Self.commandHeaders.count)]
            for _ in 0..<rng.below(400) { text += Self.fragments[rng.below(Self.fragments.count)] }
            let report = analyze(Array(text.utf8))
            #expect(report.sections.count >= 1)
        }
    }

    @Test func hugeNumbersDoNotTrap() {
        let text = """
        R1#show crypto ipsec sa
        interface: Gi0/0
            Crypto map tag: m, local addr 10.0.0.1
           local  ident (addr/mask/prot/port): (10.0.0.0/255.0.0.0/999999999999999999999/0)
           remote ident (addr/mask/prot/port): (10.1.0.0/255.0.0.0/0/0)
           current_peer 10.1.0.1 port 99999999999999999999999999
            #pkts encaps: 99999999999999999999999999, #pkts encrypt: 18446744073709551616
             current outbound spi: 0xFFFFFFFFFFFFFFFFFFFF(99999999999999999999)
             inbound esp sas:
              spi: 0x1FFFFFFFF(8589934591)
        """
        _ = analyze(Array(text.utf8))
    }
}
