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

    @Test func leavesOtherSyntaxAndLinesToICU() {
        for pattern in ["(?i)abc", "a\\1", "[[:alpha:]]", "\\p{L}", "a++", "(?=x)", "[a&&b]", "(a*)*"] {
            #expect(ByteRegex.compile(pattern) == nil, "\(pattern)")
        }
        #expect("caf\u{E9} ok".withByteLine { ByteRegex.canMatch($0) } == false)
        #expect("a\rb".withByteLine { ByteRegex.canMatch($0) } == false)
        #expect("plain\ttext".withByteLine { ByteRegex.canMatch($0) })
    }
}
