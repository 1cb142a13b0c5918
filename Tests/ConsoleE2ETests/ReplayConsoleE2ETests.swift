import Foundation
import Testing
import TestSupport

/// `ipsec-console replay` in a real terminal (a private tmux server): the tables show what
/// the analyzer parsed, the debug stream fills, help opens and closes, the layout survives a
/// resize to 80x24, the theme switches, and q (or SIGTERM) quits with the terminal restored.
///
/// Needs tmux (scripts/install-deps.sh installs it) and the built product
/// (`swift build --build-tests` builds it beside the tests).
@Suite(.serialized) struct ReplayConsoleE2ETests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/replay-two-polls.log").path

    /// The built program (TestSupport's `BuiltProducts`: beside the running test bundle).
    static func product() throws -> String {
        let path = BuiltProducts.executable().path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TmuxSession.Failure(description: "ipsec-console not built; run swift build --build-tests (looked at \(path))")
        }
        return path
    }

    static func start(width: Int = 120, height: Int = 40, directory: String? = nil, environment: [String: String] = [:]) throws -> TmuxSession {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-config-\(UUID().uuidString.prefix(8))").path
        let base = ["XDG_CONFIG_HOME": config, "TERM": "tmux-256color", "LANG": "C.UTF-8"]
        return try TmuxSession(command: [try product(), "replay", fixture], width: width, height: height,
                               environment: base.merging(environment) { _, new in new }, directory: directory)
    }

    /// What `analyze --json` parses from the fixture: the console must show the same rows.
    static func analyzed() throws -> [String: Any] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-analyze-\(UUID().uuidString.prefix(8)).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let status = try TmuxSession.spawn([try product(), "analyze", "--json", fixture], stdout: out.path, stderr: "/dev/null")
        // 0: nothing found, 1: findings (both are a successful analysis)
        guard status == 0 || status == 1 else { throw TmuxSession.Failure(description: "analyze --json exited with \(status)") }
        return try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any] ?? [:]
    }

    @Test func tablesAndDebugStreamFill() throws {
        let report = try Self.analyzed()
        let session = try Self.start()
        let loaded = try session.waitFor { $0.contains("end of log") }
        #expect(loaded.ok, "replay did not finish loading:\n\(loaded.screen)")

        // Each check waits for its screen: a capture can land in the middle of a repaint.
        let isakmp = report["isakmp_sas"] as? [[String: Any]] ?? []
        let phase1 = try session.waitFor { screen in
            isakmp.isEmpty ? screen.contains("no phase 1 SAs in the last snapshot")
                : isakmp.allSatisfy { sa in
                    screen.contains((sa["peer"] ?? sa["dst"]) as? String ?? "?") && screen.contains(sa["state"] as? String ?? "")
                }
        }
        #expect(phase1.ok, "phase 1 pane does not show what analyze parsed (\(isakmp.count) rows):\n\(phase1.screen)")

        try session.send("2")
        let flows = report["ipsec_sas"] as? [[String: Any]] ?? []
        let phase2 = try session.waitFor { screen in
            guard screen.contains("─ 2 Phase 2 ") else { return false }
            return flows.isEmpty ? screen.contains("no IPsec SAs in the last snapshot")
                : screen.contains("Δ over 5s") && flows.allSatisfy { screen.contains($0["peer"] as? String ?? "?") }
        }
        #expect(phase2.ok, "phase 2 pane does not show what analyze parsed (\(flows.count) flows):\n\(phase2.screen)")

        try session.send("4")
        let debug = try session.waitFor { screen in
            screen.contains("─ 4 Debug ") && screen.contains("%CRYPTO-6-IKMP_MODE_FAILURE")
                && screen.contains("atts are not acceptable") && screen.contains("FOLLOW")
                && screen.contains("[main-mode-failed]")
        }
        #expect(debug.ok, "debug stream not shown:\n\(debug.screen)")
        try session.send("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func helpOpensAndCloses() throws {
        let session = try Self.start()
        #expect(try session.waitFor { $0.contains("end of log") }.ok)
        try session.send("?")
        #expect(try session.waitFor { $0.contains("Help") && $0.contains("Everywhere") }.ok)
        try session.send("Escape")
        let closed = try session.waitFor { !$0.contains("Everywhere") }
        #expect(closed.ok, "help still open:\n\(closed.screen)")
        try session.send("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func resizeTo80x24KeepsItUsable() throws {
        let session = try Self.start()
        #expect(try session.waitFor { $0.contains("end of log") }.ok)
        try session.resize(width: 80, height: 24)
        let small = try session.waitFor { ScreenText.isRedrawn($0, width: 80, height: 24) && $0.contains("debug off") }
        #expect(small.ok, "not redrawn at 80x24:\n\(small.screen)")
        #expect(small.screen.contains(" 1 Phase 1 "))
        try session.send("1") // any key clears a notice from the bottom line, showing the hints
        #expect(try session.waitFor { $0.contains("q quit") }.ok)
        try session.send("4")
        #expect(try session.waitFor { $0.contains("─ 4 Debug ") && $0.contains("IKMP_MODE_FAILURE") }.ok)
        try session.send("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func themeSwitchesAndBadNamesAreReported() throws {
        let session = try Self.start()
        #expect(try session.waitFor { $0.contains("end of log") }.ok)
        let before = try session.styledScreen()
        try session.type(":theme light")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("theme light") }.ok)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(try session.styledScreen() != before, "the styles on screen changed")
        try session.type(":theme no-such-theme")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("no theme named no-such-theme") }.ok)
        try session.send("q")
        #expect(try session.waitForExit() == 0)
    }

    /// The shipped themes are found relative to the executable, not the working directory.
    @Test func themesAreFoundFromAnyDirectory() throws {
        let session = try Self.start(directory: "/")
        #expect(try session.waitFor { $0.contains("end of log") }.ok)
        try session.type(":theme solarized-dark")
        try session.send("Enter")
        let switched = try session.waitFor { $0.contains("theme solarized-dark") }
        #expect(switched.ok, "\(switched.screen)")
        try session.send("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func noColorKeepsMono() throws {
        let session = try Self.start(environment: ["NO_COLOR": "1"])
        #expect(try session.waitFor { $0.contains("end of log") }.ok)
        try session.type(":theme light")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("staying with mono") }.ok)
        try session.send("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func exportAndLogWriteFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-out-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("snap.json").path
        let session = try Self.start()
        #expect(try session.waitFor { $0.contains("end of log") }.ok)
        try session.type(":export \(json)")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("report written to") }.ok)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect(object?["isakmp_sas"] != nil, "a .json export is the analyze --json contract")
        #expect(object?["findings"] != nil)
        let markdown = folder.appendingPathComponent("report.md").path
        try session.type(":export \(markdown)")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("report written to \(markdown)") }.ok)
        let text = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(text.hasPrefix("# ipsec-console report: "), "any other name gets the Markdown report")
        #expect(text.contains("## Findings") && text.contains("## Phase 1"))
        try session.type(":log \(folder.appendingPathComponent("debug.log").path)")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("logging the debug stream") }.ok)
        try session.send("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func quitRestoresTheTerminal() throws {
        let session = try Self.start()
        #expect(try session.waitFor { $0.contains("end of log") }.ok)
        #expect(try session.format("#{alternate_on}") == "1", "the console runs on the alternate screen")
        try session.send("q")
        #expect(try session.waitForExit() == 0)
        #expect(try session.format("#{alternate_on}") == "0")
        #expect(!(try session.screen().contains("─ 1 Phase 1 ")))
    }

    @Test func sigtermQuitsCleanly() throws {
        let session = try Self.start()
        #expect(try session.waitFor { $0.contains("end of log") }.ok)
        let pid = try #require(try session.programPID())
        #expect(kill(pid, SIGTERM) == 0)
        #expect(try session.waitForExit() == 0)
        #expect(try session.format("#{alternate_on}") == "0")
    }
}
