import Foundation
import Testing

/// `:compare` in the live console, in a real terminal: this lab device against the other
/// end of its pair (a second, short-lived `lab://` session), the mismatch marked in the
/// side-by-side pane, its fix steps on Enter, and `:export` carrying the comparison.
@Suite(.serialized) struct CompareConsoleE2ETests {
    @Test func compareShowsThePairMismatchAndExportsIt() throws {
        let lab = try LabEndpoint(.lab, scenario: "proxy-id-unsupported")
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-compare-\(UUID().uuidString.prefix(8)).md").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let session = try LiveConsoleE2ETests.start(lab)
        #expect(try session.waitFor(timeout: 20) { $0.contains("connected") && $0.contains("QM_IDLE") }.ok)
        // An other end that refuses the connection: a detail view names side B and what to do.
        try session.type(":compare telnet://127.0.0.1:1")
        try session.send("Enter")
        let failed = try session.waitFor(timeout: 20) { $0.contains("Compare: the other end failed") && $0.contains("What to do:") }
        #expect(failed.ok, "\(failed.screen)")
        #expect(failed.screen.contains("Side B, the other end: telnet://127.0.0.1:1"))
        try session.send("Escape")
        #expect(try session.waitFor { !$0.contains("Compare: the other end failed") }.ok)
        try session.type(":compare lab://proxy-id-unsupported?persona=ios&peer-of=R1")
        try session.send("Enter")
        let pane = try session.waitFor(timeout: 20) { $0.contains("Compare R1 ↔ R2") && $0.contains("✗ proxy-id-unsupported") }
        #expect(pane.ok, "the comparison pane names the scenario's mismatch:\n\(pane.screen)")
        #expect(pane.screen.contains("192.168.1.0/25"), "both ACLs side by side")
        #expect(!pane.screen.contains("Lab-Key"), "keys are compared, never shown")
        // Enter on the marked section: the catalog entry's fix steps.
        try session.send("n")
        try session.send("Enter")
        let detail = try session.waitFor(timeout: 20) { $0.contains("Mismatch:") && $0.contains("What to do") }
        #expect(detail.ok, "\(detail.screen)")
        try session.send("Escape")
        try session.type(":export \(report)")
        try session.send("Enter")
        #expect(try session.waitFor(timeout: 20) { $0.contains("report written") }.ok)
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        #expect(markdown.contains("## Configuration comparison: R1 and R2") && markdown.contains("proxy-id-unsupported"))
        #expect(!markdown.contains("Lab-Key"))
        try session.send("Escape")
        #expect(try session.waitFor { $0.contains("1 Phase 1") }.ok, "Esc closes the pane")
        try session.send("q")
        #expect(try session.waitForExit(timeout: 30) == 0)
        let log = lab.auditLines().joined(separator: "\n")
        #expect(log.components(separatedBy: "show running-config").count - 1 >= 2, "both ends were asked:\n\(log)")
        #expect(!log.contains("configure"))
    }
}
