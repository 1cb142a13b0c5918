import ConsoleUI
import Foundation
import IPsecKit
import Testing

/// The `:compare` command and pane: parsing, completion, help, keys, export and meaning
/// that does not rest on colour.
@Suite struct ComparisonPaneTests {
    @Test func commandParsesAndAsksTheSessionLayer() {
        #expect(CommandInterpreter.parse("compare lab://healthy?peer-of=R1") == .success(.compare("lab://healthy?peer-of=R1")))
        #expect(CommandInterpreter.parse("comp r2.cfg") == .success(.compare("r2.cfg")))
        guard case .failure(let error) = CommandInterpreter.parse("compare") else { Issue.record("bare compare accepted"); return }
        #expect(error.message.contains("usage: compare FILE|TARGET"))
        var s = ConsoleFixtures.state(width: 80, height: 24)
        _ = ConsoleFixtures.send(&s, [.char(":")])
        _ = ConsoleFixtures.type(&s, "compare ssh://admin@10.1.0.2")
        #expect(ConsoleFixtures.send(&s, [.enter]) == [.compare("ssh://admin@10.1.0.2")])
    }

    @Test func replayRefusesToFetch() {
        var s = ConsoleFixtures.state(width: 80, height: 24)
        s.connection = ConnectionInfo(device: "rec.log", transport: "replay", state: .replay(finished: false))
        _ = ConsoleFixtures.send(&s, [.char(":")])
        _ = ConsoleFixtures.type(&s, "compare r2.cfg")
        #expect(ConsoleFixtures.send(&s, [.enter]) == [])
        #expect(s.notice?.isError == true)
    }

    @Test func completionOffersTheCommandAndTargetSchemes() {
        #expect(CommandCompleter.complete("comp", themes: []).text == "compare ")
        #expect(CommandCompleter.complete("compare l", themes: []).text == "compare lab:// ")
        #expect(CommandCompleter.complete("compare ", themes: []).candidates == CommandCompleter.compareTargets)
    }

    @Test func helpListsTheCommand() {
        #expect(HelpContent.lines().contains { $0.text.hasPrefix("  :compare FILE|TARGET") })
    }

    @Test func mismatchesAreMarkedWithGlyphIdAndErrorStyle() throws {
        let s = ComparisonFixtures.state(width: 80, height: 24)
        let pane = try #require(s.comparison)
        #expect(pane.result.mismatches.map(\.signature).contains("transform-unsupported"))
        #expect(pane.result.mismatches.map(\.signature).contains("invalid-proxy-ids"))
        let screen = ConsoleView.render(s)
        let row = try #require((0..<24).first { screen.text(row: $0).contains("── Transform sets") })
        #expect(screen.text(row: row).contains("✗ transform-unsupported"))
        #expect(screen.styleRuns(row: row).contains { $0.role == .error && $0.text.contains("transform-unsupported") })
        let clean = try #require((0..<24).first { screen.text(row: $0).contains("── ISAKMP policies") })
        #expect(!screen.text(row: clean).contains("✗"))
        // Both ends side by side, the key only as equal/different.
        #expect(screen.text.contains("esp-3des esp-sha-hmac") && screen.text.contains("esp-aes esp-md5-hmac"))
        #expect(!screen.text.contains("Site-Key"))
    }

    @Test func enterOnAMismatchExplainsItWithTheCatalogFixSteps() throws {
        var s = ComparisonFixtures.state(width: 80, height: 24)
        _ = ConsoleFixtures.send(&s, [.enter])
        #expect(s.overlay == nil, "the first row carries no mismatch")
        _ = ConsoleFixtures.send(&s, [.char("n"), .enter])
        guard case let .detail(title, lines, _) = s.overlay else { Issue.record("no detail: \(String(describing: s.overlay))"); return }
        #expect(title == "Mismatch: The peer's transform set is not supported")
        #expect(lines.contains { $0.contains("no transform set in common") })
        #expect(lines.contains("What to do:") && lines.contains { $0.contains("Configure the same transform set") })
        _ = ConsoleFixtures.send(&s, [.escape])
        #expect(s.overlay == nil && s.comparison != nil, "Esc closes the explanation, the pane stays")
        _ = ConsoleFixtures.send(&s, [.escape])
        #expect(s.comparison == nil)
    }

    @Test func exportIncludesTheOpenComparison() throws {
        var s = ComparisonFixtures.state(width: 80, height: 24)
        _ = ConsoleFixtures.send(&s, [.char(":")])
        _ = ConsoleFixtures.type(&s, "export out.md")
        let effects = ConsoleFixtures.send(&s, [.enter])
        guard case let .export(_, report)? = effects.first else { Issue.record("no export: \(effects)"); return }
        let comparison = try #require(report.comparison)
        #expect(comparison == s.comparison?.result)
        let markdown = MarkdownReport.render(report, title: "t")
        #expect(markdown.contains("## Configuration comparison: R1 and R2"))
        #expect(markdown.contains("transform-unsupported"))
        #expect(!markdown.contains("Site-Key"))
    }

    /// A failed end opens a detail view naming the side, the problem and what to do.
    @Test func aFailedEndOpensADetailNamingTheSideAndWhatToDo() throws {
        var s = ConsoleFixtures.state(width: 80, height: 24)
        let failure = ComparisonFailure(side: .other, source: "ssh://admin@10.1.0.2", problem: "connection refused by 10.1.0.2 port 22",
                                        advice: ["Check that this machine reaches ssh://admin@10.1.0.2.", "Or save it to a file."])
        _ = ConsoleUpdate.update(&s, .comparisonFailed(failure))
        guard case let .detail(title, lines, _)? = s.overlay else { Issue.record("no detail view: \(String(describing: s.overlay))"); return }
        #expect(title == "Compare: the other end failed")
        #expect(lines.first == "Side B, the other end: ssh://admin@10.1.0.2")
        #expect(lines.contains("  connection refused by 10.1.0.2 port 22"))
        #expect(lines.contains("  - Or save it to a file."))
        #expect(s.notice?.isError == true)
        let text = ConsoleView.render(s).text
        #expect(text.contains("Compare: the other end failed") && text.contains("What to do:"))
        _ = ConsoleUpdate.update(&s, .key(.escape))
        #expect(s.overlay == nil)

        let own = ComparisonFailure(side: .own, source: "this device (R1)", problem: "timed out", advice: [])
        #expect(own.detail.title == "Compare: this device failed")
        #expect(own.detail.lines.first == "Side A, this device: this device (R1)")
        #expect(!own.detail.lines.contains("What to do:"))
    }

    @Test func aFailureDoesNotTakeTheKeysFromAnOpenDialog() {
        var s = ConsoleFixtures.state(width: 80, height: 24)
        _ = ConsoleUpdate.update(&s, .askPassword(PasswordQuestion(prompt: "Password:", id: 1)))
        _ = ConsoleUpdate.update(&s, .comparisonFailed(ComparisonFailure(side: .other, source: "r2.cfg", problem: "no such file", advice: [])))
        #expect(s.overlay == .dialog(.password(PasswordQuestion(prompt: "Password:", id: 1), typed: "")))
        #expect(s.notice?.text == "compare: r2.cfg: no such file")
    }
}
