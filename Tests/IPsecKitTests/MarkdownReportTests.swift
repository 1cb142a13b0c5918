import Testing
@testable import IPsecKit

@Suite struct MarkdownReportTests {
    @Test func findingsComeFirstWithFixesAndTheTablesFollow() throws {
        let catalog = try SignatureCatalog.builtIn()
        let report = LogAnalysis.analyze("""
        R1#show crypto isakmp sa
        dst             src             state          conn-id slot status
        10.1.0.2        10.1.0.1        MM_NO_STATE          1    0 ACTIVE
        R1#
        *Mar  1 00:10:01.119: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 10.1.0.2
        """, catalog: catalog)
        let md = MarkdownReport.render(report, title: "R1 \u{1B}[31mreport", subtitle: "from a test")
        #expect(md.hasPrefix("# R1  [31mreport\n"))
        #expect(md.contains("## Findings (2)"))
        #expect(md.contains("`main-mode-failed`"))
        #expect(md.contains("Evidence: line 5"))
        #expect(md.contains("     crypto isakmp policy 10"))
        #expect(md.contains("| 10.1.0.2 | 10.1.0.1 | MM_NO_STATE | 1 | ACTIVE |"))
        #expect(md.range(of: "## Findings")!.lowerBound < md.range(of: "## Phase 1")!.lowerBound)
    }

    @Test func cleanReportSaysSo() {
        #expect(MarkdownReport.render(AnalysisReport(), title: "x").contains("No problem found."))
    }
}
