import Foundation
import Testing

/// The live console on the built-in lab in a real terminal: the tables fill from the
/// device, the fault's findings appear with its fix, debugs go on from the command line and
/// are turned off again when the user quits or the process is told to stop (the lab's
/// audit log shows `undebug all`), and the terminal is restored.
@Suite(.serialized) struct LiveConsoleE2ETests {
    static func start(_ target: String, audit: String, width: Int = 160, height: Int = 48) throws -> TmuxSession {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-live-config-\(UUID().uuidString.prefix(8))").path
        return try TmuxSession(command: [try ReplayConsoleE2ETests.product(), target, "--lab-audit", audit, "--interval", "1",
                                         "--state-directory", config],
                               width: width, height: height,
                               environment: ["XDG_CONFIG_HOME": config, "TERM": "tmux-256color", "LANG": "C.UTF-8"])
    }

    static func auditPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("e2e-live-audit-\(UUID().uuidString.prefix(8)).log").path
    }

    @Test func faultScenarioShowsStateFindingAndFixThenCleansUpOnQuit() throws {
        let audit = Self.auditPath()
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let session = try Self.start("lab://main-mode-failed?persona=ios", audit: audit)
        #expect(try session.waitFor(timeout: 20) { $0.contains("MM_NO_STATE") && $0.contains("connected") }.ok, "the tables fill from the lab")
        #expect(try session.waitFor(timeout: 20) { $0.contains("Main mode failed") }.ok, "the fault's finding appears")
        // The explanation with the fix.
        try session.send("5")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("Likely causes") && $0.contains("show crypto isakmp policy") }.ok, "the finding's fix shows the exact commands")
        try session.send("Escape")
        // Debugs on from the command line: the status bar says so, loudly.
        try session.type(":debug on isakmp")
        try session.send("Enter")
        #expect(try session.waitFor(timeout: 20) { $0.contains("DEBUG ON: isakmp") }.ok)
        #expect(try session.waitFor(timeout: 20) { $0.contains("atts are not acceptable") }.ok, "the debug stream follows")
        // q asks first while debugs are on, then turns them off.
        try session.send("q")
        #expect(try session.waitFor { $0.contains("Quit") }.ok)
        try session.send("y")
        #expect(try session.waitForExit(timeout: 30) == 0)
        let log = try String(contentsOfFile: audit, encoding: .utf8)
        #expect(log.contains("debug crypto isakmp"))
        #expect(log.contains("undebug all"), "debugs are off again after quitting")
    }

    @Test func sigtermTurnsDebugsOff() throws {
        let audit = Self.auditPath()
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let session = try Self.start("lab://healthy?persona=asa", audit: audit)
        #expect(try session.waitFor(timeout: 20) { $0.contains("MM_ACTIVE") }.ok)
        try session.type(":debug on isakmp")
        try session.send("Enter")
        #expect(try session.waitFor(timeout: 20) { $0.contains("DEBUG ON") }.ok)
        let pid = try #require(try session.programPID())
        kill(pid, SIGTERM)
        _ = try session.waitForExit(timeout: 30)
        let log = try String(contentsOfFile: audit, encoding: .utf8)
        #expect(log.contains("undebug all"))
    }
}
