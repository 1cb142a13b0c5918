import Testing
@testable import IPsecKit

@Suite struct LiteralAutomatonTests {
    func hits(_ a: LiteralAutomaton, _ text: String, automatonOnly: Bool = false) -> [Int32] {
        var out: [Int32] = []
        var copy = text
        copy.withUTF8 { if automatonOnly { a.automatonScan($0, into: &out) } else { a.scan($0, into: &out) } }
        return Array(Set(out)).sorted()
    }

    @Test func findsOverlappingAndNestedLiterals() {
        let lits = ["atts are acceptable", "atts are not acceptable", "not acceptable", "SA not acceptable", "sa created"]
        let a = LiteralAutomaton(literals: lits.map { Array($0.utf8) })
        #expect(a.usesBlockShift)
        #expect(hits(a, "ISAKMP (0:1): atts are not acceptable. Next payload is 0") == [1, 2])
        #expect(hits(a, "ISAKMP (0:1): SA not acceptable!") == [2, 3])
        #expect(hits(a, "IPSEC(create_sa): sa created,") == [4])
        #expect(hits(a, "atts are acceptable") == [0])
        #expect(hits(a, "nothing here").isEmpty)
        #expect(hits(a, "").isEmpty)
    }

    @Test func shortLiteralsUseTheAutomaton() {
        let a = LiteralAutomaton(literals: [Array("%".utf8), Array("spi".utf8)])
        #expect(!a.usesBlockShift)
        #expect(hits(a, "%PIX-4-402101: invalid spi") == [0, 1])
    }

    @Test func bothEnginesAgreeOnRandomText() {
        let lits = ["replay check failed", "PKT_REPLAY_ERR", "-402119:", "no offers accepted!", "sending packet to",
                    "Hash algorithm offered", "ISAKMP", "peer at", "acceptable"]
        let block = LiteralAutomaton(literals: lits.map { Array($0.utf8) })
        #expect(block.usesBlockShift)
        var rng: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return Int(rng % 1_000_000) }
        let alphabet = Array("abcdeptsIAKMPR -_:!0123456789.%")
        for _ in 0..<2000 {
            var line = ""
            for _ in 0..<(next() % 120) {
                if next() % 25 == 0 { line += lits[next() % lits.count] } else { line.append(alphabet[next() % alphabet.count]) }
            }
            #expect(hits(block, line) == hits(block, line, automatonOnly: true), "\(line)")
        }
    }
}
