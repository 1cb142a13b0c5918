import Foundation
import Testing
@testable import IPsecKit

/// `ByteRegex` must decide exactly as ICU (`NSRegularExpression`) does: same match or not,
/// same groups. Checked on every built-in pattern against its examples, against the examples
/// of every other pattern, and against mutated copies of them.
@Suite struct ByteRegexTests {
    /// ICU's answer: nil for no match, else each group's text (nil when it did not take part).
    func icu(_ pattern: String, _ text: String) throws -> [String?]? {
        let regex = try NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (0..<m.numberOfRanges).map { k in
            let r = m.range(at: k)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
    }

    /// The byte matcher's answer in the same shape; `.some(nil)` for no match, nil when undecided.
    func bytes(_ regex: ByteRegex, _ text: String) -> [String?]?? {
        text.withByteLine { line -> [String?]?? in
            switch regex.firstMatch(in: line) {
            case .noMatch: return .some(nil)
            case .undecided: return nil
            case .match(let slots):
                return .some((0..<regex.groupCount).map { k in
                    slots[2 * k] >= 0 ? line.string(slots[2 * k], slots[2 * k + 1]) : nil
                })
            }
        }
    }

    func expectSame(_ pattern: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (plain, _) = RegexLiteral.numberedGroups(in: pattern)
        guard let regex = ByteRegex.compile(plain) else { return }
        guard text.withByteLine({ ByteRegex.canMatch($0) }) else { return }
        guard let answer = bytes(regex, text) else { return }
        let expected = try icu(plain, text)
        #expect(answer == expected, "\(pattern) on \(text)", sourceLocation: sourceLocation)
    }

    @Test func compilesEveryBuiltInPattern() throws {
        let catalog = try SignatureCatalog.builtIn()
        for sig in catalog.signatures {
            for p in sig.patterns {
                let (plain, _) = RegexLiteral.numberedGroups(in: p.regex)
                #expect(ByteRegex.compile(plain) != nil, "\(sig.id): \(p.regex)")
            }
        }
    }

    @Test func agreesWithICUOnTheCatalog() throws {
        let catalog = try SignatureCatalog.builtIn()
        let patterns = catalog.signatures.flatMap(\.patterns)
        var texts = patterns.flatMap { $0.examples ?? [] }
        // Variants: cut short, doubled, stripped of punctuation, with a timestamp in front.
        for e in texts {
            texts.append(String(e.prefix(e.count / 2)))
            texts.append(String(e.dropFirst(e.count / 3)))
            texts.append(e + " " + e)
            texts.append("*Nov 29 01:20:44.871: " + e)
            texts.append(e.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ".", with: ""))
            texts.append(e.replacingOccurrences(of: " ", with: "  "))
        }
        for p in patterns {
            for t in texts { try expectSame(p.regex, t) }
        }
    }

    @Test func agreesWithICUOnConstructs() throws {
        let cases: [(String, [String])] = [
            ("a(b|bc)c", ["abcc", "abc", "abbc"]),
            ("x(?:ab)*?y", ["xy", "xababy", "xaby"]),
            ("(a+)(a*)", ["aaa", "b", ""]),
            ("(\\d{1,3})(?:\\.(\\d{1,3})){3}", ["10.1.2.3", "1.2.3", "999.1.2.3.4"]),
            ("\\bspi=([0-9A-Fa-f]+)", ["xspi=12 spi=ab", "spi=", "spi=FFz"]),
            ("(?:.*?\\bid=(\\d+))?end", ["id=1 end", "end", "xid=2 id=3 end"]),
            ("[^,\\s]+, (x)?", ["ab, x", "a b, ", ",, x"]),
            ("transform proposal\\s*$", ["transform proposal", "transform proposal  ", "transform proposal x"]),
            ("^(ab|a)(b?)$", ["ab", "abb", "a"]),
            ("an? (ESP|AH)", ["a ESP", "an AH", "ann ESP"]),
            ("[-a-c_]+", ["-_b", "d"]),
            ("rec'?d", ["recd", "rec'd", "rec''d"]),
        ]
        for (pattern, texts) in cases {
            #expect(ByteRegex.compile(pattern) != nil, "\(pattern)")
            for t in texts { try expectSame(pattern, t) }
        }
    }

    /// Runs of plain bytes (one step) and greedy repeats of one byte class (one step that
    /// gives bytes back on backtracking) decide as ICU does, groups included.
    @Test func agreesWithICUOnRepeatsAndLiteralRuns() throws {
        let cases: [(String, [String])] = [
            ("ab+c", ["abbbc", "ac", "abbb", "xabcx"]),
            ("(\\d{1,3})\\.(\\d+)x", ["1234.56x", "12.3x", "1.x", "9999.1x"]),
            ("a[^,]*,b", ["a1,2,b", "a,b", "a1,2", "a,,b"]),
            (".{2,4}z", ["abcdz", "az", "abcdefz", "zz z"]),
            ("(a+)(a+)", ["aaaa", "a", "baab"]),
            ("([0-9A-F]+)([0-9A-F]{2})", ["ABCDEF", "AB", "1A2"]),
            ("(?:x)*y", ["xxy", "y", "xx"]),
            ("ab(c|cd)+e", ["abcde", "abcdcde", "abce", "abe"]),
            ("(\\w*)(\\d)", ["abc123", "abc", "7"]),
            ("x\\s*$", ["x   ", "x  y", "x"]),
            ("(?<h>[0-9a-f]+)?g", ["12g", "g", "zz"]),
            ("literal run(s?) end", ["literal run end", "literal runs end", "literal run  end"]),
            ("(a{2,3})(a*)b", ["aaaaab", "ab", "aab"]),
        ]
        for (pattern, texts) in cases {
            #expect(ByteRegex.compile(pattern) != nil, "\(pattern)")
            for t in texts { try expectSame(pattern, t) }
        }
    }

    /// More open branches than the first stack holds: the stack grows and the answer stays ICU's.
    @Test func deepBacktrackingGrowsTheStack() throws {
        let long = String(repeating: "ab", count: 300)
        for t in [long + "c", long, "x" + long + "cab"] {
            for pattern in ["(?:a|b)*c", "((?:a|b)+?)(c|$)"] {
                let regex = try #require(ByteRegex.compile(pattern))
                #expect(bytes(regex, t) != nil, "decided: \(pattern)")
                try expectSame(pattern, t)
            }
        }
    }

    /// One scratch serves regexes of any number of groups, line after line, as fresh ones would.
    @Test func aReusedScratchMatchesAsAFreshOne() throws {
        var scratch = ByteRegex.Scratch()
        let regexes = try ["(a)(b)(c)(d)", "x", "(\\d+)-(\\d+)", ".*(q)", "(z)?"].map { try #require(ByteRegex.compile($0)) }
        for _ in 0..<2 {
            for regex in regexes {
                for text in ["abcd", "xx", "12-34", "zzq", "", "ab"] {
                    text.withByteLine { line in
                        let reused = regex.firstMatch(in: line, scratch: &scratch)
                        switch regex.firstMatch(in: line) {
                        case .match(let slots):
                            #expect(reused == true && Array(scratch.slots.prefix(slots.count)) == slots, "\(text)")
                        case .noMatch: #expect(reused == false, "\(text)")
                        case .undecided: #expect(reused == nil, "\(text)")
                        }
                    }
                }
            }
        }
    }

    /// The word-at-a-time check of a line agrees with its definition: printable ASCII and tabs.
    @Test func plainLineCheckAgreesWithItsDefinition() {
        var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng }
        let special: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        var rejected = 0
        for _ in 0..<5000 {
            let length = Int(next() % 40)
            var bytes = (0..<length).map { _ in UInt8(0x20 + next() % 0x5F) }
            if length > 0, next() % 2 == 0 { bytes[Int(next() % UInt64(length))] = special[Int(next() % UInt64(special.count))] }
            let expected = bytes.allSatisfy { ($0 >= 0x20 && $0 <= 0x7E) || $0 == 0x09 }
            if !expected { rejected += 1 }
            let got = bytes.withUnsafeBufferPointer { ByteRegex.canMatch(ByteLine(bytes: $0, number: 1)) }
            #expect(got == expected, "\(bytes)")
        }
        #expect(rejected > 1000)
    }

    @Test func leavesOtherSyntaxAndLinesToICU() {
        for pattern in ["(?i)abc", "a\\1", "[[:alpha:]]", "\\p{L}", "a++", "(?=x)", "[a&&b]", "(a*)*"] {
            #expect(ByteRegex.compile(pattern) == nil, "\(pattern)")
        }
        #expect("caf\u{E9} ok".withByteLine { ByteRegex.canMatch($0) } == false)
        #expect("a\rb".withByteLine { ByteRegex.canMatch($0) } == false)
        #expect("plain\ttext".withByteLine { ByteRegex.canMatch($0) })
    }
}
