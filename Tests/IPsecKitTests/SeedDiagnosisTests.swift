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

/// Repeated negotiations, as a live device shows them: each attempt is diagnosed afresh.
@Suite struct RepeatedNegotiationTests {
    let catalog = try! SignatureCatalog.builtIn()

    static let hashMismatchAttempt = """
    *Mar  1 11:45:55.812: ISAKMP (0:1001): received packet from 10.1.0.2 dport 500 sport 500 Global (N) NEW SA
    *Mar  1 11:45:55.820: ISAKMP (0:1001): processing SA payload. message ID = 0
    *Mar  1 11:45:55.824: ISAKMP (0:1001): found peer pre-shared key matching 10.1.0.2
    *Mar  1 11:45:55.828: ISAKMP (0:1001): Checking ISAKMP transform 1 against priority 10 policy
    *Mar  1 11:45:55.832: ISAKMP:      encryption 3DES-CBC
    *Mar  1 11:45:55.836: ISAKMP:      hash MD5
    *Mar  1 11:45:55.856: ISAKMP (0:1001): Hash algorithm offered does not match policy!
    *Mar  1 11:45:55.860: ISAKMP (0:1001): atts are not acceptable. Next payload is 0
    *Mar  1 11:45:55.864: ISAKMP (0:1001): Checking ISAKMP transform 1 against priority 65535 policy
    *Mar  1 11:45:55.868: ISAKMP:      encryption 3DES-CBC
    *Mar  1 11:45:55.892: ISAKMP (0:1001): Encryption algorithm offered does not match policy!
    *Mar  1 11:45:55.896: ISAKMP (0:1001): atts are not acceptable. Next payload is 0
    *Mar  1 11:45:55.900: ISAKMP (0:1001): no offers accepted!
    *Mar  1 11:45:55.904: ISAKMP (0:1001): phase 1 SA not acceptable!
    *Mar  1 11:45:55.908: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 10.1.0.2
    """

    @Test func aNewAttemptAfterAFailureIsDiagnosedAfresh() {
        let log = "*Mar  1 11:45:45.908: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 10.1.0.2\n"
            + Self.hashMismatchAttempt
        let ids = Set(LogAnalysis.analyze(log, catalog: catalog).findings.map(\.id))
        #expect(ids.contains("policy-hash-mismatch"), "found \(ids.sorted())")
    }

    @Test func theConfiguredPolicysMismatchIsTheOneReported() {
        let findings = LogAnalysis.analyze(Self.hashMismatchAttempt + "\n" + Self.hashMismatchAttempt, catalog: catalog).findings
        #expect(findings.map(\.id) == ["policy-hash-mismatch"], "the default policy's encryption mismatch is noise here")
        #expect(findings.first?.count == 2)
        #expect(findings.first?.peer == "10.1.0.2")
    }
}
