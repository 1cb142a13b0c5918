import Foundation
import Testing
import TestSupport

/// The live console against the lab in a real terminal, over each transport a user has:
/// the built-in `lab://`, a real sshd on 127.0.0.1 and a pty serial line. One set of checks
/// runs on every transport (in parallel: each case has its own tmux server, device and
/// files): the tables fill, the debug lines that prove the fault carry its finding id, the
/// finding appears with its fix, help opens and
/// closes, the debug stream follows and pauses, a theme switch works, the layout follows a
/// resize, and `q` turns the debugs off (the device's audit log shows `undebug all`) and
/// restores the terminal.
@Suite struct LiveConsoleE2ETests {
    static func start(_ endpoint: LabEndpoint, width: Int = 160, height: Int = 48) throws -> TmuxSession {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-live-config-\(UUID().uuidString.prefix(8))").path
        return try TmuxSession(command: [try ReplayConsoleE2ETests.product(), endpoint.target, "--interval", "1", "--state-directory", config]
                                   + endpoint.consoleArguments,
                               width: width, height: height,
                               environment: ["XDG_CONFIG_HOME": config, "TERM": "tmux-256color", "LANG": "C.UTF-8"])
    }

    @Test(arguments: LiveTransport.allCases)
    func faultScenarioEndToEnd(over transport: LiveTransport) throws {
        let lab = try LabEndpoint(transport, scenario: "main-mode-failed")
        let session = try Self.start(lab)
        try Self.tablesFill(session)
        try Self.debugsGoOnAndTheStreamFollows(session)
        try Self.evidenceLinesCarryTheFindingId(session)
        try Self.theFindingShowsItsFix(session)
        try Self.helpOpensAndCloses(session)
        try Self.debugStreamPauses(session)
        try Self.themeSwitches(session)
        try Self.resizeRedraws(session)
        try Self.quitTurnsDebugsOffAndRestoresTheTerminal(session, lab: lab)
    }

    @Test func sigtermTurnsDebugsOff() throws {
        let lab = try LabEndpoint(.lab, scenario: "healthy", persona: "asa")
        let session = try Self.start(lab)
        #expect(try session.waitFor(timeout: 20) { $0.contains("MM_ACTIVE") }.ok)
        try session.type(":debug on isakmp")
        try session.send("Enter")
        #expect(try session.waitFor(timeout: 20) { $0.contains("DEBUG ON") }.ok)
        let pid = try #require(try session.programPID())
        kill(pid, SIGTERM)
        _ = try session.waitForExit(timeout: 30)
        #expect(lab.received("undebug all"))
    }

    /// `:exec clear crypto sa` is not read-only: the console asks, `n` sends nothing, `y`
    /// sends it (the lab's audit log is the device's side of the story).
    @Test func disruptiveCommandNeedsTheUsersYes() throws {
        let lab = try LabEndpoint(.lab, scenario: "healthy")
        let session = try Self.start(lab)
        #expect(try session.waitFor(timeout: 20) { $0.contains("QM_IDLE") && $0.contains("● connected") }.ok)
        for answer in ["n", "y"] {
            try session.type(":exec clear crypto sa peer 10.1.0.2")
            try session.send("Enter")
            let asked = try session.waitFor(timeout: 20) { $0.contains("Disruptive command") && $0.contains("Send it to the device?") }
            #expect(asked.ok, "the console asks before sending it:\n\(asked.screen)")
            #expect(!lab.received("clear crypto sa peer 10.1.0.2"), "nothing is sent before the answer")
            try session.send(answer)
            #expect(try session.waitFor { !$0.contains("Disruptive command") }.ok, "the dialog closes on \(answer)")
        }
        #expect(try session.waitFor(timeout: 20) { _ in lab.received("clear crypto sa peer 10.1.0.2") }.ok, "yes sends it")
        #expect(lab.auditLines().filter { $0.hasSuffix("clear crypto sa peer 10.1.0.2") }.count == 1, "no sent nothing, yes sent it once")
        try session.send("q")
        #expect(try session.waitForExit(timeout: 30) == 0)
    }

    // MARK: - The checks, in the order a user meets them

    static func tablesFill(_ session: TmuxSession) throws {
        let filled = try session.waitFor(timeout: 30) {
            $0.contains("MM_NO_STATE") && $0.contains("192.168.2.0/24") && $0.contains("● connected")
        }
        #expect(filled.ok, "the tables fill from the device:\n\(filled.screen)")
    }

    /// Debugs on from the command line; in follow mode the newest line is the last row (only
    /// numbered stream lines so far: the last row is line N of N).
    static func debugsGoOnAndTheStreamFollows(_ session: TmuxSession) throws {
        try session.type(":debug on isakmp")
        try session.send("Enter")
        #expect(try session.waitFor(timeout: 20) { $0.contains("DEBUG ON: isakmp") }.ok, "the status bar says debugs are on")
        let following = try session.waitFor(timeout: 30) { screen in
            guard screen.contains("atts are not acceptable"), screen.contains("FOLLOW"),
                  let count = ScreenText.debugLineCount(screen) else { return false }
            return ScreenText.lastDebugRowNumber(screen) == count
        }
        #expect(following.ok, "the debug stream follows the newest line:\n\(following.screen)")
    }

    /// The lines the diagnosis took as evidence are tagged with the finding's id.
    static func evidenceLinesCarryTheFindingId(_ session: TmuxSession) throws {
        let tagged = try session.waitFor(timeout: 20) { screen in
            (ScreenText.paneRows("4 Debug", in: screen) ?? []).contains {
                $0.contains("no offers accepted") && $0.hasSuffix("[main-mode-failed]")
            }
        }
        #expect(tagged.ok, "the failing line is tagged with its finding:\n\(tagged.screen)")
    }

    /// Over ssh the device's log messages come with the debugs (terminal monitor): the
    /// finding is there once they are on.
    static func theFindingShowsItsFix(_ session: TmuxSession) throws {
        let found = try session.waitFor(timeout: 20) { $0.contains("Main mode failed") }
        #expect(found.ok, "the fault's finding appears:\n\(found.screen)")
        try session.send("5")
        try session.send("Enter")
        let fix = try session.waitFor { $0.contains("Likely causes") && $0.contains("show crypto isakmp policy") }
        #expect(fix.ok, "the finding's explanation shows the fix with the exact commands:\n\(fix.screen)")
        try session.send("Escape")
        #expect(try session.waitFor { !$0.contains("Likely causes") }.ok)
    }

    static func helpOpensAndCloses(_ session: TmuxSession) throws {
        try session.send("?")
        #expect(try session.waitFor { $0.contains("Help") && $0.contains("Everywhere") }.ok, "help opens")
        try session.send("Escape")
        let closed = try session.waitFor { !$0.contains("Everywhere") && $0.contains("─ 1 Phase 1 ") }
        #expect(closed.ok, "help closes:\n\(closed.screen)")
    }

    /// The view stays where it was while more lines than the pane holds arrive; following
    /// again jumps to the newest.
    static func debugStreamPauses(_ session: TmuxSession) throws {
        try session.send("4")
        try session.send("f")
        let paused = try session.waitFor { $0.contains("PAUSED") }
        #expect(paused.ok, "f pauses the stream:\n\(paused.screen)")
        let before = ScreenText.paneRows("4 Debug", in: paused.screen) ?? []
        let countBefore = try #require(ScreenText.debugLineCount(paused.screen))
        // :exec output goes into the stream: more lines than the pane has rows.
        try session.type(":exec show crypto ipsec sa")
        try session.send("Enter")
        let grown = try session.waitFor(timeout: 20) { screen in
            (ScreenText.debugLineCount(screen) ?? 0) >= countBefore + before.count && screen.contains("PAUSED")
        }
        #expect(grown.ok, "new lines arrive while paused:\n\(grown.screen)")
        let during = ScreenText.paneRows("4 Debug", in: grown.screen) ?? []
        #expect(!before.isEmpty && during.first == before.first, "the paused view stays put:\n\(grown.screen)")

        try session.send("f")
        let resumed = try session.waitFor { screen in
            screen.contains("FOLLOW") && ScreenText.paneRows("4 Debug", in: screen)?.first != before.first
        }
        #expect(resumed.ok, "f follows again and jumps to the newest lines:\n\(resumed.screen)")
    }

    /// The same text in other styles: the Phase 2 frame's top line (its text does not change
    /// between polls here) is compared with its escape sequences.
    static func themeSwitches(_ session: TmuxSession) throws {
        func frameLine() -> String? {
            guard let plain = try? session.screen().split(separator: "\n", omittingEmptySubsequences: false),
                  let y = plain.firstIndex(where: { $0.contains("─ 2 Phase 2 ") }),
                  let styled = try? session.styledScreen().split(separator: "\n", omittingEmptySubsequences: false),
                  y < styled.count else { return nil }
            return String(styled[y])
        }
        let before = try #require(frameLine())
        try session.type(":theme light")
        try session.send("Enter")
        #expect(try session.waitFor { $0.contains("theme light") }.ok)
        let changed = try session.waitFor { _ in frameLine().map { $0 != before } ?? false }
        #expect(changed.ok, "the frame is drawn in the new theme's styles:\n\(before)\n\(frameLine() ?? "")")
    }

    static func resizeRedraws(_ session: TmuxSession) throws {
        try session.resize(width: 80, height: 24)
        let small = try session.waitFor { ScreenText.isRedrawn($0, width: 80, height: 24) && $0.contains("DEBUG ON") }
        #expect(small.ok, "redrawn at 80x24:\n\(small.screen)")
        try session.resize(width: 160, height: 48)
        let large = try session.waitFor { ScreenText.isRedrawn($0, width: 160, height: 48) && $0.contains("─ 5 Findings ") }
        #expect(large.ok, "redrawn at 160x48 with every pane:\n\(large.screen)")
    }

    static func quitTurnsDebugsOffAndRestoresTheTerminal(_ session: TmuxSession, lab: LabEndpoint) throws {
        #expect(try session.format("#{alternate_on}") == "1", "the console runs on the alternate screen")
        try session.send("q")
        #expect(try session.waitFor { $0.contains("Quit") }.ok, "q asks first while debugs are on")
        try session.send("y")
        #expect(try session.waitForExit(timeout: 30) == 0)
        #expect(try session.format("#{alternate_on}") == "0", "the terminal is back on the normal screen")
        #expect(lab.received("debug crypto isakmp"))
        let audit = lab.auditLines()
        let armed = audit.lastIndex { $0.hasSuffix("debug crypto isakmp") && !$0.hasSuffix("undebug crypto isakmp") }
        let disarmed = audit.lastIndex { $0.hasSuffix("undebug all") }
        #expect(armed != nil && disarmed != nil && disarmed! > armed!, "debugs are off again after quitting:\n\(audit.suffix(8).joined(separator: "\n"))")
    }
}
