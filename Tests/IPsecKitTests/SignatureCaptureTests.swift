import Testing
@testable import IPsecKit

/// How a line's named captures reach its findings: within one match a name captured twice
/// keeps the later group's value; over a line's matches the first pattern's value wins;
/// a failure's pending evidence comes before the failure line's own captures; a finding
/// keeps `capturesPerFinding` names, the first in name order.
@Suite struct SignatureCaptureTests {
    static func signature(_ id: String, _ regex: String, literal: String, role: PatternRole? = nil) -> Signature {
        Signature(id: id, title: id, phase: .phase1, severity: .error, summary: id,
                  patterns: [SignaturePattern(literals: [literal], regex: regex, role: role)],
                  causes: [], fixes: [], confirm: PlatformCommands())
    }

    /// Two triggers on the same line: the first captures `code` twice.
    static let overlapping = [
        signature("cap-a", #"ALPHA (?<code>\d+)-(?<code>\d+) (?<zeta>\w+)(?: (?<peer>\d+\.\d+\.\d+\.\d+))?"#, literal: "ALPHA"),
        signature("cap-b", #"ALPHA (?<code>\S+) (?<beta>\w+)"#, literal: "ALPHA"),
    ]

    func diagnose(_ signatures: [Signature], _ text: String, limits: DiagnosisLimits = DiagnosisLimits()) -> [Finding] {
        var engine = DiagnosisEngine(signatures: signatures, limits: limits)
        #expect(engine.patternProblems.isEmpty)
        engine.consume(text: text)
        return engine.findings.sorted { $0.id < $1.id }
    }

    @Test func aLineMatchesShareTheFirstValueOfEachName() {
        let f = diagnose(Self.overlapping, "ALPHA 1-2 word 10.0.0.9")
        #expect(f.map(\.id) == ["cap-a", "cap-b"])
        let expected = ["code": "2", "zeta": "word", "peer": "10.0.0.9", "beta": "word"]
        for finding in f {
            #expect(finding.captures == expected, "\(finding.id)")
            #expect(finding.peer == "10.0.0.9")
        }
    }

    @Test func aFindingKeepsTheFirstNamesInNameOrder() {
        var limits = DiagnosisLimits()
        limits.capturesPerFinding = 2
        let f = diagnose(Self.overlapping, "ALPHA 1-2 word 10.0.0.9\nALPHA 3-4 other 10.0.0.9", limits: limits)
        #expect(f.map(\.count) == [2, 2])
        for finding in f { #expect(finding.captures == ["beta": "word", "code": "2"], "\(finding.id)") }
    }

    @Test func pendingEvidenceCapturesComeBeforeTheFailureLines() {
        let signatures = [
            Self.signature("cap-explained", #"EXPL (?<why>\w+)"#, literal: "EXPL", role: .explanation),
            Self.signature("cap-failed", #"FAIL (?<why>\w+) (?<code>\d+)"#, literal: "FAIL", role: .failure),
        ]
        let f = diagnose(signatures, "EXPL hash\nEXPL group\nFAIL other 5")
        #expect(f.map(\.id) == ["cap-explained"])
        #expect(f.first?.captures == ["why": "hash", "code": "5"])
        #expect(f.first?.evidence == [1, 2, 3])
        // Without an explanation the failure raises itself with its own captures.
        let bare = diagnose(signatures, "FAIL other 5")
        #expect(bare.map(\.id) == ["cap-failed"])
        #expect(bare.first?.captures == ["why": "other", "code": "5"])
    }

    @Test func aLineThatIsNotPlainASCIIKeepsItsCaptures() {
        let signatures = [Self.signature("cap-text", #"NOTE (?<text>\S+) (?<peer>\d+\.\d+\.\d+\.\d+)"#, literal: "NOTE")]
        let f = diagnose(signatures, "NOTE caf\u{E9}-\u{4E2D} 10.0.0.3")
        #expect(f.first?.captures == ["text": "caf\u{E9}-\u{4E2D}", "peer": "10.0.0.3"])
        #expect(f.first?.peer == "10.0.0.3")
    }
}
