import Testing
@testable import IPsecKit

/// The diagnosis hot path replaces plain searches with faster equivalents; each must decide
/// exactly as the plain version on any line.
@Suite struct HotPathEquivalenceTests {
    /// Random lines mixing device words, timestamps and punctuation.
    static func lines(count: Int, seed: UInt64) -> [String] {
        var rng = seed
        func next() -> Int { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return Int(rng % 1_000_000) }
        let words = ["ISAKMP", "ISAKM", "IPSEC", "IPsec", "IPSec", "IKEv2", "IKE", "crypto_engine", "crypto_", "%CRYPTO-4-X:",
                     "%", "sa", "created", "NEW SA", " NEW SA", "(N)", "Nov 28", "00:00:01.5:", "PktEngReturn_MAC", "_", ":",
                     "(", "peer", "10.0.0.1", "\t", " ", "  ", "c", "I"]
        return (0..<count).map { _ in
            var s = ""
            for _ in 0..<(next() % 14) { s += words[next() % words.count]; if next() % 3 == 0 { s += " " } }
            return s
        }
    }

    @Test func deviceMessageMarkMatchesPlainSearch() {
        for text in Self.lines(count: 3000, seed: 0x5EED_1234_ABCD_0001) {
            let plain = ["ISAKMP", "%", "IPSEC", "IPsec", "crypto_engine", "IKEv"].contains { text.contains($0) }
            #expect(text.withByteLine { MessageJoiner.holdsDeviceMessageMark($0) } == plain, "\(text)")
        }
    }

    @Test func earlyFieldEndRulesOutAMnemonicTail() {
        var early = 0
        for text in Self.lines(count: 3000, seed: 0x5EED_1234_ABCD_0002) + ["*Nov 28 00:00:01: x", "PktEngReturn_MACMiscompare",
                                                                           "PktEngReturn_MACMiscompare   ", "a:b_cdefghij"] {
            text.withByteLine { line in
                if MessageJoiner.fieldEndsEarly(line) {
                    early += 1
                    #expect(!MessageJoiner.startsWithMnemonicTail(line), "\(text)")
                }
            }
        }
        #expect(early > 100)
    }

    @Test func shortLiteralsFoundApartAgreeWithTheAutomaton() {
        let literals = ["beginning Main Mode exchange", " NEW SA", "sa created", "getting spi", "atts are acceptable",
                        "IKE Initiator: New Phase 1", "received packet from"]
        let a = LiteralAutomaton(literals: literals.map { Array($0.utf8) })
        #expect(a.usesBlockShift)
        #expect(LiteralAutomaton.window(for: literals.map { Array($0.utf8) }) == (10, [1]))
        for text in Self.lines(count: 3000, seed: 0x5EED_1234_ABCD_0003)
            + ["ISAKMP (0:0): received packet from 10.0.0.2 dport 500 sport 500 Global (N) NEW SA", " NEW SA", "NEW SA"] {
            var fast: [Int32] = [], plain: [Int32] = []
            var copy = text
            copy.withUTF8 { a.scan($0, into: &fast); a.automatonScan($0, into: &plain) }
            #expect(Set(fast) == Set(plain), "\(text)")
        }
    }

    @Test func connectionParsingMatchesIntegerReading() {
        for (text, expected) in [("ISAKMP (0:1002): x", 1002), ("ISAKMP:(1311):purging", 1311), ("ISAKMP-PAK: (7):", 7),
                                 ("ISAKMP ( 3):", 3), ("ISAKMP (0:-4):", -4), ("xISAKMP (12345678901):", 12_345_678_901)] {
            #expect(text.withByteLine { LineClassifier.isakmpConnection(in: $0) } == expected, "\(text)")
        }
        for text in ["ISAKMP: no bracket here at all", "ISAKMP ( 0 : 3 ):", "ISAKMP (0:3", "ISAKM (0:3):", "IISAKMP", ""] {
            #expect(text.withByteLine { LineClassifier.isakmpConnection(in: $0) } == nil, "\(text)")
        }
    }

    /// The peer as read token by token: every space or `=` a hex digit follows is a
    /// candidate (what `LineClassifier.peer` finds eight bytes at a time).
    static func plainPeer(_ line: ByteLine, from start: Int = 0) -> String? {
        var best: (rank: Int, range: Range<Int>)?
        for j in start..<max(start, line.count) where line[j] == .space || line[j] == UInt8(ascii: "=") {
            let i = j + 1
            guard i < line.count, line[i].hexDigitValue != nil,
                  line[j] == UInt8(ascii: "=") || LineClassifier.followsMarkerEnd(line, at: i, start: start),
                  let r = LineClassifier.address(in: line, at: i),
                  let rank = LineClassifier.peerMarkerRank(line, before: r.lowerBound, start: start) else { continue }
            if rank < (best?.rank ?? Int.max) {
                best = (rank, r)
                if rank == 0 { break }
            }
        }
        return best.map { line.string($0.range.lowerBound, $0.range.upperBound) }
    }

    @Test func peerScanMatchesTokenByTokenReading() {
        var rng: UInt64 = 0x5EED_1234_ABCD_0004
        func next() -> Int { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return Int(rng % 1_000_000) }
        let words = ["from", "peer", "peer at", "IP =", "src=", "sa_dest=", "srcaddr=", "packet to", "remote peer", "=", " ",
                     "10.0.0.1", "192.0.2.17", "2001:db8::1", "fe80::a:b", "FE80::1", "a.b", "1.2.3", "300.1.1.1", "1.2.3.4x",
                     "dport", "500", "(0:1002):", "00:00:01.5:", "deadbeef:", "c", "A", ",", "\t", "x=", "==", "1", "f", ":", ".",
                     "1:2:3", "a.1.2.3.4", "at", "10.1.1.1.", "::", "1::", "ab:cd:", "peer node for", "message from"]
        var texts: [String] = (0..<4000).map { _ in
            var s = ""
            for _ in 0..<(next() % 16) { s += words[next() % words.count]; if next() % 2 == 0 { s += " " } }
            return s
        }
        texts += SeedErrorSamples.all.flatMap { $0.log.split(separator: "\n").map(String.init) }
        texts += [DebugSamples.healthyIsakmp, DebugSamples.healthyIpsec, DebugSamples.pixRejectThenAccept, DebugSamples.pixIpsec,
                  DebugSamples.interleaved, DebugSamples.modernHealthy].flatMap { $0.split(separator: "\n").map(String.init) }
        var found = 0
        for text in texts {
            text.withByteLine { line in
                let fast = LineClassifier.peer(in: line)
                #expect(fast == Self.plainPeer(line), "\(text)")
                if fast != nil { found += 1 }
                for start in [1, 5, 12] where start <= line.count {
                    #expect(LineClassifier.peer(in: line, from: start) == Self.plainPeer(line, from: start), "\(start): \(text)")
                }
            }
        }
        #expect(found > 500)
    }
}
