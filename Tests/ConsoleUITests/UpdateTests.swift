import ConsoleUI
import Foundation
import IPsecKit
import Testing

/// Keys and messages in, state and effects out.
@Suite struct UpdateTests {
    typealias F = ConsoleFixtures

    @Test func numberKeysAndTabSwitchPanes() {
        var s = F.state(width: 80, height: 24)
        _ = F.send(&s, [.char("4")])
        #expect(s.focus == .debug)
        _ = F.send(&s, [.tab])
        #expect(s.focus == .findings)
        _ = F.send(&s, [.tab])
        #expect(s.focus == .phase1)
        _ = F.send(&s, [.backTab])
        #expect(s.focus == .findings)
    }

    @Test func quitWithoutDebugsQuitsAtOnce() {
        var s = F.state(width: 80, height: 24)
        #expect(F.send(&s, [.char("q")]) == [.quit])
    }

    @Test func quitWithDebugsOnAsksAndTurnsThemOff() {
        var s = F.state(width: 80, height: 24)
        _ = ConsoleUpdate.update(&s, .debugsChanged([.isakmp]))
        #expect(F.send(&s, [.char("q")]).isEmpty)
        guard case .dialog(.confirm) = s.overlay else { Issue.record("no confirmation dialog"); return }
        #expect(F.send(&s, [.char("n")]).isEmpty)
        #expect(s.overlay == nil)
        _ = F.send(&s, [.char("q")])
        #expect(F.send(&s, [.char("y")]) == [.debugOff, .quit])
    }

    @Test func disruptiveCommandRunsOnlyAfterYes() {
        var s = F.state(width: 80, height: 24)
        let reason = "it tears down security associations"
        _ = ConsoleUpdate.update(&s, .confirmDisruptive(command: "clear crypto sa peer 10.1.0.2", reason: reason))
        guard case .dialog(.confirm(let title, let message, _))? = s.overlay else {
            Issue.record("no confirmation dialog: \(String(describing: s.overlay))"); return
        }
        #expect(title == "Disruptive command")
        #expect(message.contains("clear crypto sa peer 10.1.0.2") && message.contains { $0.contains(reason) })
        #expect(F.send(&s, [.char("n")]).isEmpty, "no sends nothing")
        #expect(s.overlay == nil)
        _ = ConsoleUpdate.update(&s, .confirmDisruptive(command: "clear crypto sa peer 10.1.0.2", reason: reason))
        #expect(F.send(&s, [.char("x")]).isEmpty, "other keys keep the dialog open")
        #expect(s.overlay != nil)
        #expect(F.send(&s, [.char("y")]) == [.executeConfirmed("clear crypto sa peer 10.1.0.2")])
    }

    @Test func signalQuitsAndSwitchesDebugsOff() {
        var s = F.state(width: 80, height: 24)
        #expect(ConsoleUpdate.update(&s, .quitRequested) == [.quit])
        _ = ConsoleUpdate.update(&s, .debugsChanged([.ipsec]))
        #expect(ConsoleUpdate.update(&s, .quitRequested) == [.debugOff, .quit])
    }

    @Test func commandLineRunsDebugOnAgainstALiveDevice() {
        var s = F.state(width: 80, height: 24)
        _ = F.send(&s, [.char(":")])
        _ = F.type(&s, "debug on isakmp ipsec")
        #expect(F.send(&s, [.enter]) == [.debugOn([.isakmp, .ipsec])])
        #expect(s.mode == .normal)
        #expect(s.commandHistory == ["debug on isakmp ipsec"])
    }

    @Test func replayRefusesDeviceCommands() {
        var s = F.state(width: 80, height: 24)
        _ = ConsoleUpdate.update(&s, .connection(ConnectionInfo(device: "log", transport: "replay", state: .replay(finished: true))))
        for command in ["debug on isakmp", "debug off", "exec show clock", "poll 10s"] {
            _ = F.send(&s, [.char(":")])
            _ = F.type(&s, command)
            #expect(F.send(&s, [.enter]).isEmpty, "\(command)")
            #expect(s.notice?.isError == true)
        }
    }

    @Test func themeExportLogAndWalkBecomeEffects() {
        var s = F.state(width: 80, height: 24)
        func run(_ line: String) -> [ConsoleEffect] {
            _ = F.send(&s, [.char(":")])
            _ = F.type(&s, line)
            return F.send(&s, [.enter])
        }
        #expect(run("theme light") == [.loadTheme("light")])
        #expect(run("log /tmp/x.log") == [.startLog(path: "/tmp/x.log")])
        // The export is the latest snapshot with the findings the console shows.
        var exported = F.report(second: true)
        exported.findings = s.sortedFindings.map(\.finding)
        #expect(!exported.findings.isEmpty)
        #expect(run("export /tmp/snap.json") == [.export(path: "/tmp/snap.json", report: exported)])
        #expect(run("walk phase1") == [.startWalkthrough("phase1", peer: nil)])
        #expect(run("walk mtu 10.1.0.2") == [.startWalkthrough("mtu", peer: "10.1.0.2")])
        #expect(run("poll 10s") == [.setPollInterval(10)])
        #expect(s.pollInterval == 10)
        #expect(run("bogus").isEmpty)
        #expect(s.notice?.text.contains("unknown command") == true)
    }

    @Test func exportWithoutSnapshotIsRefused() {
        var s = ConsoleState(width: 80, height: 24, now: F.t0, theme: .fallback, connection: F.connection)
        _ = F.send(&s, [.char(":")])
        _ = F.type(&s, "export /tmp/a.json")
        #expect(F.send(&s, [.enter]).isEmpty)
        #expect(s.notice?.isError == true)
    }

    @Test func escapeLeavesCommandModeAndTabCompletes() {
        var s = F.state(width: 80, height: 24)
        _ = ConsoleUpdate.update(&s, .themesAvailable(["default", "light", "solarized-dark"]))
        _ = F.send(&s, [.char(":")])
        _ = F.type(&s, "th")
        _ = F.send(&s, [.tab])
        #expect(s.mode == .command(LineEditor("theme ")))
        _ = F.type(&s, "so")
        _ = F.send(&s, [.tab])
        #expect(s.mode == .command(LineEditor("theme solarized-dark ")))
        _ = F.send(&s, [.escape])
        #expect(s.mode == .normal)
    }

    @Test func peerCommandFiltersTheDebugStream() {
        var s = F.state(width: 80, height: 24)
        _ = F.send(&s, [.char(":")])
        _ = F.type(&s, "peer 198.51.100.9")
        _ = F.send(&s, [.enter])
        #expect(s.debugLog.filter.peer == "198.51.100.9")
        #expect(s.debugLog.visibleCount == 2)
        _ = F.send(&s, [.char(":")])
        _ = F.type(&s, "peer")
        _ = F.send(&s, [.enter])
        #expect(s.debugLog.visibleCount == 12)
    }

    @Test func classFilterCyclesThroughClasses() {
        var s = F.state(width: 80, height: 24, focus: .debug)
        _ = F.send(&s, [.char("c")])
        #expect(s.debugLog.filter.kind == .isakmp)
        _ = F.send(&s, [.char("c")])
        #expect(s.debugLog.filter.kind == .ipsec)
        #expect(s.debugLog.visibleCount == 2)
        for _ in 0..<4 { _ = F.send(&s, [.char("c")]) }
        #expect(s.debugLog.filter.kind == nil)
    }

    @Test func scrollingUpPausesFollowAndEndResumes() {
        var s = F.state(width: 80, height: 10, focus: .debug)
        #expect(s.isFollowing)
        _ = F.send(&s, [.up])
        #expect(!s.isFollowing)
        let top = s.debugTop
        _ = ConsoleUpdate.update(&s, .debugLines([DebugInput(text: "ISAKMP: new line", sourceLine: 200)]))
        #expect(s.debugTop == top, "a paused view does not move when lines arrive")
        _ = F.send(&s, [.char("G")])
        #expect(s.isFollowing)
        _ = F.send(&s, [.char("f")])
        #expect(!s.isFollowing)
        _ = F.send(&s, [.char("f")])
        #expect(s.isFollowing)
    }

    @Test func searchInDebugMarksMatchesAndRepeats() throws {
        var s = F.state(width: 80, height: 24, focus: .debug)
        _ = F.send(&s, [.char("/")])
        _ = F.type(&s, "ISAKMP (0")
        _ = F.send(&s, [.enter])
        let first = try #require(s.debugMark)
        #expect(s.debugLog.line(seq: first)?.sourceLine == 100)
        _ = F.send(&s, [.char("n")])
        #expect(s.debugLog.line(seq: s.debugMark!)?.sourceLine == 103)
        _ = F.send(&s, [.char("N")])
        #expect(s.debugLog.line(seq: s.debugMark!)?.sourceLine == 100)
        _ = F.send(&s, [.escape])
        #expect(s.debugMark == nil && s.searches[.debug] == nil)
    }

    @Test func searchInTableMovesTheSelection() {
        var s = F.state(width: 80, height: 24, focus: .phase1)
        _ = F.send(&s, [.char("/")])
        _ = F.type(&s, "203.0")
        _ = F.send(&s, [.enter])
        #expect(s.cursor(.phase1).selected == 2)
        _ = F.send(&s, [.char("/")])
        _ = F.type(&s, "nothing-like-this")
        _ = F.send(&s, [.enter])
        #expect(s.notice?.isError == true)
        #expect(s.cursor(.phase1).selected == 2)
    }

    @Test func enterOpensEveryParsedFieldAndEscapeCloses() throws {
        var s = F.state(width: 80, height: 24, focus: .phase2)
        _ = F.send(&s, [.enter])
        guard case .detail(let title, let lines, _) = try #require(s.overlay) else { Issue.record("no detail"); return }
        #expect(title.contains("192.0.2.2"))
        #expect(lines.contains("current_outbound_spi: 0x5A3C01F2 (1513882098)"))
        #expect(lines.contains("  pkts_encaps: 1500"))
        #expect(lines.contains { $0.contains("pkts_encaps: +500 (50.0/s)") })
        _ = F.send(&s, [.pageDown])
        if case .detail(_, _, let offset) = s.overlay { #expect(offset > 0) }
        _ = F.send(&s, [.escape])
        #expect(s.overlay == nil)
    }

    @Test func selectionFollowsTheSameRowAcrossSnapshots() {
        var s = F.state(width: 80, height: 24, focus: .phase1)
        _ = F.send(&s, [.down, .down])
        #expect(s.cursor(.phase1).selected == 2)
        var report = F.report(second: true)
        report.isakmpSas.removeFirst()
        _ = ConsoleUpdate.update(&s, .snapshot(Snapshot(report: report, takenAt: F.now)))
        #expect(s.cursor(.phase1).selected == 1, "the IKEv2 row moved up one place and stays selected")
    }

    @Test func evidenceJumpsToTheCitedDebugLine() {
        var s = F.state(width: 80, height: 24, focus: .findings)
        _ = F.send(&s, [.char("e")])
        #expect(s.focus == .debug)
        #expect(s.debugMark.flatMap { s.debugLog.line(seq: $0)?.sourceLine } == 103)
        #expect(!s.isFollowing)
        _ = F.send(&s, [.char("5"), .char("e")])
        #expect(s.debugMark.flatMap { s.debugLog.line(seq: $0)?.sourceLine } == 105)
    }

    @Test func passwordDialogAnswersOrCancels() {
        var s = F.state(width: 80, height: 24)
        _ = ConsoleUpdate.update(&s, .askPassword(PasswordQuestion(prompt: "Password:", id: 9)))
        _ = F.type(&s, "ab c")
        _ = F.send(&s, [.backspace])
        #expect(F.send(&s, [.enter]) == [.answerPassword(id: 9, password: "ab ")])
        #expect(s.overlay == nil)
        _ = ConsoleUpdate.update(&s, .askPassword(PasswordQuestion(prompt: "Password:", id: 10)))
        _ = F.type(&s, "q")
        #expect(s.overlay != nil, "q is typed into the password, not a quit")
        #expect(F.send(&s, [.escape]) == [.answerPassword(id: 10, password: nil)])
    }

    @Test func hostKeyDecisions() {
        var s = F.state(width: 80, height: 24)
        let unknown = HostKeyQuestion(host: "h", port: 22, keyType: "ED25519", fingerprint: "SHA256:x", changed: false, id: 1)
        _ = ConsoleUpdate.update(&s, .askHostKey(unknown))
        #expect(F.send(&s, [.char("s")]) == [.answerHostKey(id: 1, decision: .acceptAndSave)])
        var changed = unknown
        changed.changed = true; changed.id = 2
        _ = ConsoleUpdate.update(&s, .askHostKey(changed))
        #expect(F.send(&s, [.char("a")]).isEmpty, "a changed key needs the deliberate capital A")
        #expect(F.send(&s, [.char("s")]).isEmpty)
        #expect(F.send(&s, [.char("A")]) == [.answerHostKey(id: 2, decision: .acceptOnce)])
        _ = ConsoleUpdate.update(&s, .askHostKey(changed))
        #expect(F.send(&s, [.escape]) == [.answerHostKey(id: 2, decision: .reject)])
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var s = F.state(width: 80, height: 24, focus: .debug)
        for i in 0..<50 { _ = ConsoleUpdate.update(&s, .debugLines([DebugInput(text: "line \(i)", sourceLine: 300 + i)])) }
        _ = ConsoleUpdate.update(&s, .resize(width: 60, height: 12))
        let screen = ConsoleView.render(s)
        #expect(screen.width == 60 && screen.height == 12)
        #expect(screen.text.contains("line 49"))
    }

    @Test func helpOpensAndClosesFromTheKeyTable() {
        var s = F.state(width: 80, height: 24)
        _ = F.send(&s, [.char("?")])
        #expect(s.overlay == .help(offset: 0))
        let text = ConsoleView.render(s).text
        for binding in KeyTable.bindings where binding.scope == .global {
            #expect(text.contains(binding.description) || HelpContent.lines().contains { $0.text.contains(binding.description) })
        }
        _ = F.send(&s, [.char("?")])
        #expect(s.overlay == nil)
    }

    @Test func mouseClickFocusesAndSelects() {
        var s = F.state(width: 160, height: 48, focus: .debug)
        let layout = ConsoleLayout.make(width: 160, height: 48, focus: .debug)
        let phase1 = layout.panes[.phase1]!
        _ = ConsoleUpdate.update(&s, .mouse(MouseEvent(x: phase1.x + 3, y: phase1.y + 3, kind: .press)))
        #expect(s.focus == .phase1)
        #expect(s.cursor(.phase1).selected == 1)
    }

    @Test func noticesExpire() {
        var s = F.state(width: 80, height: 24)
        _ = ConsoleUpdate.update(&s, .notice("hello there", isError: false))
        #expect(ConsoleView.render(s).text(row: 23).contains("hello there"))
        _ = ConsoleUpdate.update(&s, .tick(F.now.addingTimeInterval(60)))
        #expect(!ConsoleView.render(s).text(row: 23).contains("hello there"))
    }
}

extension UpdateTests {
    @Test func enterInDebugShowsTheWholeMarkedLine() throws {
        var s = ConsoleFixtures.state(width: 80, height: 24, focus: .debug)
        _ = ConsoleFixtures.send(&s, [.char("/")])
        _ = ConsoleFixtures.type(&s, "RECVD_PKT")
        _ = ConsoleFixtures.send(&s, [.enter, .enter])
        guard case .detail(let title, let lines, _) = try #require(s.overlay) else { Issue.record("no detail"); return }
        #expect(title == "Debug line 110")
        // The peer is the packet's source (srcaddr), not the local destaddr.
        #expect(lines[0] == "class syslog, peer 192.0.2.2")
        #expect(lines[2].hasSuffix("srcaddr=192.0.2.2"))
    }

    @Test func clickingATabFocusesItsPane() {
        var s = ConsoleFixtures.state(width: 120, height: 40)
        let counts = ConsoleView.counts(s)
        let x = (0..<120).first { TabBar.pane(at: $0, width: 120, counts: counts) == .findings }!
        #expect(ConsoleView.render(s).text(row: 0).dropFirst(x).hasPrefix(" 5 Findings (2)"))
        _ = ConsoleUpdate.update(&s, .mouse(MouseEvent(x: x + 2, y: 0, kind: .press)))
        #expect(s.focus == .findings)
    }
}
