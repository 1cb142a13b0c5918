import Foundation
import Testing

/// `:walk` in the live console on the lab, in a real terminal: the walkthrough pane shows
/// the steps as they run and ends with the scenario's conclusion and its fix steps; going
/// back and quitting leave the device's debugs off. Over `lab://` (one session, the lab 10x
/// fast) and over a real sshd (the console's separate debug session, real time: the first
/// negotiation retry comes 3 s after login, inside a 12 s debug wait).
@Suite struct WalkthroughConsoleE2ETests {
    @Test(arguments: [LiveTransport.lab, .sshd])
    func walkTunnelDownOnAFaultShowsTheConclusion(over transport: LiveTransport) throws {
        let lab = try LabEndpoint(transport, scenario: "main-mode-failed")
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-walk-config-\(UUID().uuidString.prefix(8))").path
        let session = try TmuxSession(command: [try ReplayConsoleE2ETests.product(), lab.target, "--interval", "1", "--state-directory", config,
                                                    "--walk-debug-wait", transport == .lab ? "3s" : "12s"]
                                          + lab.consoleArguments,
                                      width: 160, height: 48,
                                      environment: ["XDG_CONFIG_HOME": config, "TERM": "tmux-256color", "LANG": "C.UTF-8",
                                                    "IPSEC_CONSOLE_LAB_TIME_SCALE": "10"])
        #expect(try session.waitFor(timeout: 20) { $0.contains("MM_NO_STATE") && $0.contains("connected") }.ok)
        // w: the menu of walkthroughs with their purpose; Esc leaves it without starting one.
        try session.send("w")
        let menu = try session.waitFor { $0.contains("─ Walkthroughs ─") && $0.contains("tunnel-down   The tunnel does not come up") }
        #expect(menu.ok, "\(menu.screen)")
        try session.send("Escape")
        #expect(try session.waitFor { !$0.contains("─ Walkthroughs ─") }.ok)
        try session.type(":walk tun")
        try session.send("Tab")
        #expect(try session.waitFor { $0.contains(":walk tunnel-down") }.ok, "tab completes the walkthrough name")
        try session.send("Enter")
        let concluded = try session.waitFor(timeout: 30) { $0.contains("Conclusion: main-mode-failed") }
        #expect(concluded.ok, "the walkthrough reaches the scenario's catalog id:\n\(concluded.screen)")
        #expect(concluded.screen.contains("✓ 2. phase1-state  isakmp-state = MM_NO_STATE -> policy-debug"))
        #expect(concluded.screen.contains("Fix steps:") && concluded.screen.contains("show crypto isakmp policy"))
        // :export writes the snapshot and, after it, the walkthrough.
        let report = config + "-report.md"
        defer { try? FileManager.default.removeItem(atPath: report) }
        try session.type(":export \(report)")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("report written to") }.ok)
        let exported = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        #expect(exported.contains("# Walkthrough tunnel-down: The tunnel does not come up"))
        #expect(exported.contains("`main-mode-failed`: **Main mode failed"))
        // FILE.json: the analyze document with the walkthrough in the `walkthrough --json` shape.
        let json = config + "-report.json"
        defer { try? FileManager.default.removeItem(atPath: json) }
        try session.type(":export \(json)")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("report written to \(json)") }.ok)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let walkthrough = document?["walkthrough"] as? [String: Any]
        #expect(walkthrough?["walkthrough"] as? String == "tunnel-down")
        #expect((walkthrough?["conclusion"] as? [String: Any])?["id"] as? String == "main-mode-failed")
        #expect(((walkthrough?["steps"] as? [[String: Any]])?.first?["commands"] as? [String])?.isEmpty == false)
        // Expand the second step's evidence, then go back one step and leave.
        try session.send("k")
        try session.send("k")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("isakmp-state = MM_NO_STATE: ISAKMP SA with 10.1.0.2 in MM_NO_STATE") }.ok)
        try session.send("b")
        #expect(try session.waitFor { !$0.contains("Conclusion: main-mode-failed") && $0.contains("· 3. policy-debug") }.ok)
        try session.send("Escape")
        try session.send("q")
        #expect(try session.waitForExit(timeout: 30) == 0)
        let audit = lab.auditLines()
        let lastDebug = try #require(audit.lastIndex { $0.hasSuffix(" debug crypto isakmp") }, "the walkthrough armed its debug")
        #expect(audit[lastDebug...].contains { $0.hasSuffix(" undebug all") }, "and turned it off")
    }
}
