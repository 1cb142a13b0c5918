import Testing
@testable import IPsecKit

/// The done-criterion of the diagnosis: with the shipped catalog, every error sample of the
/// source document gives its catalog id (for the right peer) and nothing else, and the
/// healthy negotiations give nothing.
@Suite struct SeedDiagnosisTests {
    let catalog = try! SignatureCatalog.builtIn()

    @Test(arguments: SeedErrorSamples.all.map(\.id))
    func errorSampleGivesItsSignature(id: String) throws {
        let sample = try #require(SeedErrorSamples.all.first { $0.id == id })
        let report = LogAnalysis.analyze(sample.log, catalog: catalog)
        let ids = report.findings.map(\.id)
        #expect(ids == [sample.id], "findings: \(report.findings.map { "\($0.id)@\($0.peer ?? "-")" })")
        if let peer = sample.peer {
            #expect(report.findings.first?.peer == peer)
        }
        let finding = try #require(report.findings.first)
        #expect(!finding.causes.isEmpty && !finding.fixes.isEmpty)
        #expect(!finding.evidence.isEmpty)
    }

    @Test(arguments: SeedHealthySamples.all.map(\.name))
    func healthySampleGivesNothing(name: String) throws {
        let sample = try #require(SeedHealthySamples.all.first { $0.name == name })
        let report = LogAnalysis.analyze(sample.log, catalog: catalog)
        #expect(report.findings.isEmpty, "findings: \(report.findings.map(\.id))")
    }

    @Test func bundledFaultySessionGivesTheEncryptionMismatch() {
        let log = """
        R1#show crypto isakmp sa
        dst             src             state          conn-id slot status
        10.1.0.2        10.1.0.1        MM_NO_STATE          1    0 ACTIVE

        R1#debug crypto isakmp
        *Mar  1 00:10:01.103: ISAKMP (0:1): found peer pre-shared key matching 10.1.0.2
        *Mar  1 00:10:01.107: ISAKMP (0:1): Checking ISAKMP transform 1 against priority 10 policy
        *Mar  1 00:10:01.111: ISAKMP (0:1): Encryption algorithm offered does not match policy!
        *Mar  1 00:10:01.111: ISAKMP (0:1): atts are not acceptable. Next payload is 0
        *Mar  1 00:10:01.115: ISAKMP (0:1): no offers accepted!
        *Mar  1 00:10:01.115: ISAKMP (0:1): phase 1 SA not acceptable!
        *Mar  1 00:10:01.119: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 10.1.0.2
        """
        let report = LogAnalysis.analyze(log, catalog: catalog)
        let ids = Set(report.findings.map(\.id))
        #expect(ids.contains("policy-encryption-mismatch"))
        #expect(ids.contains("isakmp-mm-no-state"))
        #expect(!ids.contains("main-mode-failed"))
        #expect(report.findings.allSatisfy { $0.peer == "10.1.0.2" })
        #expect(report.isakmpSas.first?.state == "MM_NO_STATE")
        #expect(report.timeline.first?.peer == "10.1.0.2")
    }
}
