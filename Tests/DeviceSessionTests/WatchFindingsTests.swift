import Foundation
import Testing

/// `watch` diagnoses what it streams: findings appear as events while the run goes on,
/// cite the stream's own line numbers, and are listed again at the end.
@Suite("watch findings", .serialized)
struct WatchFindingsTests {
    static func events(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
    }

    static func watch(_ scenario: String, seconds: Int) throws -> (CommandLineTests.Run, [[String: Any]]) {
        let run = try CommandLineTests.run(["watch", "lab://\(scenario)", "--json", "--debug", "isakmp", "--duration", "\(seconds)s",
                                            "--state-directory", TestEnvironment.temporaryDirectory("state")])
        return (run, try events(run.stdout))
    }

    @Test func aFailingMainModeIsReportedFromTheStreamAndTheSnapshot() throws {
        let (run, events) = try Self.watch("main-mode-failed", seconds: 8)
        #expect(run.status == 0, "findings do not change the exit status")
        let lines = events.filter { $0["type"] as? String == "line" }
        #expect(lines.compactMap { $0["number"] as? Int } == Array(1...max(1, lines.count)), "lines numbered 1, 2, 3... as received")
        let findings = events.filter { $0["type"] as? String == "finding" }
        let stream = try #require(findings.first { ($0["finding"] as? [String: Any])?["id"] as? String == "main-mode-failed" })
        #expect(stream["source"] as? String == "stream")
        let finding = try #require(stream["finding"] as? [String: Any])
        #expect(finding["peer"] as? String == "10.1.0.2")
        #expect(finding["severity"] as? String == "critical")
        let evidence = try #require(finding["evidence"] as? [Int])
        let texts = evidence.compactMap { n in lines.first { $0["number"] as? Int == n }?["text"] as? String }
        #expect(texts.count == evidence.count && !texts.isEmpty)
        #expect(texts.contains { $0.contains("ISAKMP") }, "evidence numbers point at the streamed lines")
        // The finding event comes right after the line that proved it.
        let last = try #require(finding["last_line"] as? Int)
        let lineIndex = try #require(events.firstIndex { $0["type"] as? String == "line" && $0["number"] as? Int == last })
        let findingIndex = try #require(events.firstIndex { ($0["finding"] as? [String: Any])?["id"] as? String == "main-mode-failed" })
        #expect(findingIndex > lineIndex)
        #expect(findings.contains { $0["source"] as? String == "show crypto isakmp sa"
            && ($0["finding"] as? [String: Any])?["id"] as? String == "isakmp-mm-no-state" }, "state finding from the polled SA table")
        let summary = try #require(events.last { $0["type"] as? String == "summary" })
        #expect(summary["lines_received"] as? Int == lines.count)
        let listed = try #require(summary["findings"] as? [[String: Any]])
        let described = try #require(listed.compactMap { $0["finding"] as? [String: Any] }.first { $0["id"] as? String == "main-mode-failed" })
        #expect((described["fixes"] as? [Any])?.isEmpty == false, "the summary carries the catalog's fixes")
    }

    @Test func aHealthyTunnelRaisesNoFinding() throws {
        let (run, events) = try Self.watch("healthy", seconds: 5)
        #expect(run.status == 0)
        #expect(events.contains { $0["type"] as? String == "snapshot" })
        #expect(!events.contains { $0["type"] as? String == "finding" })
        let summary = try #require(events.last { $0["type"] as? String == "summary" })
        #expect((summary["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func textModePrintsOneReadableLinePerFinding() throws {
        let run = try CommandLineTests.run(["watch", "lab://main-mode-failed", "--debug", "isakmp", "--duration", "8s",
                                            "--state-directory", TestEnvironment.temporaryDirectory("state")])
        #expect(run.status == 0)
        #expect(run.stdout.contains("FINDING [critical] main-mode-failed 10.1.0.2: "))
        #expect(run.stdout.contains("Summary: "))
    }
}
