import Testing
@testable import IPsecKit

/// The lines the stream diagnosis takes as evidence, reported with their finding id (the
/// console tags them in its debug stream).
@Suite struct EvidenceMarkTests {
    func diagnosis(marking: Bool, _ text: String) -> StreamDiagnosis {
        var stream = StreamDiagnosis(signatures: TestCatalog.signatures)
        stream.marksEvidence = marking
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            String(line).withByteLine(number: i + 1) { stream.consume($0) }
        }
        stream.flush()
        return stream
    }

    /// `n` failed main-mode exchanges with the same peer, five lines each (the first starts it).
    func failedExchanges(_ n: Int) -> String {
        (1...n).map { c in
            """
            1d00h: ISAKMP (0:\(c)): received packet from 198.51.100.1 dport 500 sport 500 Global (N) NEW SA
            1d00h: ISAKMP (0:\(c)): atts are not acceptable. Next payload is 0
            1d00h: ISAKMP (0:\(c)); no offers accepted!
            1d00h: ISAKMP (0:\(c)): SA not acceptable!
            1d00h: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 198.51.100.1
            """
        }.joined(separator: "\n")
    }

    @Test func theFindingsEvidenceLinesAreMarkedWithItsId() throws {
        var stream = diagnosis(marking: true, DebugSamples.mainModeFailed)
        let finding = try #require(stream.findings.first)
        let marks = stream.takeEvidenceMarks()
        #expect(Set(marks.map(\.line)) == Set(finding.evidence))
        #expect(marks.allSatisfy { $0.findingId == "main-mode-failed" })
        #expect(stream.takeEvidenceMarks().isEmpty, "marks are handed out once")
    }

    @Test func nothingIsNotedUnlessAsked() {
        var stream = diagnosis(marking: false, DebugSamples.mainModeFailed)
        #expect(!stream.findings.isEmpty)
        #expect(stream.takeEvidenceMarks().isEmpty)
    }

    @Test func linesBeyondTheFindingsEvidenceCapAreStillMarked() throws {
        var stream = diagnosis(marking: true, failedExchanges(10))
        let finding = try #require(stream.findings.first)
        #expect(finding.count == 10)
        #expect(finding.evidence.count == DiagnosisLimits().evidenceLines, "the finding keeps only the first lines")
        let marked = Set(stream.takeEvidenceMarks().map(\.line))
        let failing = Set((1...50).filter { $0 % 5 != 1 })
        #expect(marked == failing, "every exchange's failing lines are marked, also the last ones")
    }

    @Test func healthyNegotiationsMarkNothing() {
        var stream = diagnosis(marking: true, DebugSamples.healthyIsakmp)
        #expect(stream.takeEvidenceMarks().isEmpty)
    }
}
