import ConsoleUI
import Foundation
import IPsecKit
import Testing

/// The walkthrough pane's keys and progress handling (the screens are in PaneSnapshotTests).
@Suite struct WalkthroughPaneTests {
    func opened(concluded: Bool) -> ConsoleState {
        var s = ConsoleFixtures.state(width: 80, height: 24)
        s.walkthroughNames = ["intermittent", "mtu", "no-traffic", "split-tunnel", "tunnel-down"]
        _ = ConsoleUpdate.update(&s, .walkthrough(WalkthroughFixtures.progress(concluded: concluded)))
        return s
    }

    @Test func progressOpensThePaneOnTheCurrentStep() throws {
        let s = opened(concluded: false)
        let pane = try #require(s.walkthrough)
        #expect(pane.isVisible)
        #expect(pane.selected == 2)
        #expect(ConsoleView.render(s).text.contains("▶ 3. policy-debug"))
    }

    @Test(arguments: [(Key.char("n"), WalkthroughControl.step), (.char("a"), .resume), (.char("p"), .pause),
                      (.char("s"), .skip), (.char("b"), .back), (.char("r"), .rerun)])
    func keysControlTheRun(_ c: (Key, WalkthroughControl)) {
        var s = opened(concluded: false)
        #expect(ConsoleUpdate.update(&s, .key(c.0)) == [.walkthroughControl(c.1)])
    }

    @Test func onceConcludedOnlyBackRerunAndResumeMove() {
        var s = opened(concluded: true)
        #expect(ConsoleUpdate.update(&s, .key(.char("n"))).isEmpty)
        #expect(ConsoleUpdate.update(&s, .key(.char("s"))).isEmpty)
        #expect(ConsoleUpdate.update(&s, .key(.char("b"))) == [.walkthroughControl(.back)])
    }

    @Test func enterExpandsTheSelectedStepAndEscapeClosesThePane() throws {
        var s = opened(concluded: true)
        _ = ConsoleUpdate.update(&s, .key(.up))
        _ = ConsoleUpdate.update(&s, .key(.enter))
        #expect(s.walkthrough?.expanded == [2])
        #expect(ConsoleView.render(s).text.contains("debug-finding = main-mode-failed"))
        #expect(ConsoleUpdate.update(&s, .key(.escape)) == [.walkthroughControl(.pause)])
        #expect(s.walkthrough?.isVisible == false)
        // Closed, the keys are the panes' again.
        _ = ConsoleUpdate.update(&s, .key(.char("2")))
        #expect(s.focus == .phase2)
    }

    @Test func pageDownShowsTheRestOfTheFixSteps() {
        var s = opened(concluded: true)
        #expect(!ConsoleView.render(s).text.contains("change: clear crypto isakmp"))
        _ = ConsoleUpdate.update(&s, .key(.pageDown))
        #expect(ConsoleView.render(s).text.contains("change: clear crypto isakmp"))
        _ = ConsoleUpdate.update(&s, .key(.pageUp))
        #expect(ConsoleView.render(s).text.contains("Target ssh://admin@192.0.2.1"))
    }

    @Test func walkCompletesNamesAndChecksThem() {
        #expect(CommandCompleter.complete("walk tu", themes: [], walkthroughs: ["tunnel-down", "mtu"]).text == "walk tunnel-down ")
        var s = opened(concluded: false)
        _ = ConsoleUpdate.update(&s, .key(.char(":")))
        for c in "walk nosuch" { _ = ConsoleUpdate.update(&s, .key(.char(c))) }
        #expect(ConsoleUpdate.update(&s, .key(.enter)).isEmpty)
        #expect(s.notice?.text.contains("no walkthrough nosuch") == true)
    }

    /// `:export FILE.json` carries the walkthrough as `walkthrough`, the document `walkthrough --json` prints.
    @Test func exportCarriesTheWalkthroughInTheHeadlessShape() throws {
        var s = opened(concluded: true)
        _ = ConsoleUpdate.update(&s, .key(.escape))
        _ = ConsoleFixtures.send(&s, [.char(":")])
        _ = ConsoleFixtures.type(&s, "export out.json")
        let effects = ConsoleFixtures.send(&s, [.enter])
        guard case let .export(path, report)? = effects.first else { Issue.record("no export: \(effects)"); return }
        #expect(path == "out.json")
        let walkthrough = try #require(report.walkthrough)
        #expect(walkthrough == s.walkthrough?.progress.report)
        let encoder = AnalysisReport.makeJSONEncoder()
        let whole = try #require(try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any])
        let embedded = try #require(whole["walkthrough"] as? [String: Any])
        let headless = try #require(try JSONSerialization.jsonObject(with: encoder.encode(walkthrough)) as? [String: Any])
        #expect(NSDictionary(dictionary: embedded).isEqual(to: headless))
        #expect((embedded["steps"] as? [Any])?.count == 3)
        #expect((embedded["conclusion"] as? [String: Any])?["id"] as? String == "main-mode-failed")
    }

    @Test func exportWithoutAWalkthroughLeavesItOut() throws {
        var s = ConsoleFixtures.state(width: 80, height: 24)
        _ = ConsoleFixtures.send(&s, [.char(":")])
        _ = ConsoleFixtures.type(&s, "export out.json")
        guard case let .export(_, report)? = ConsoleFixtures.send(&s, [.enter]).first else { Issue.record("no export"); return }
        #expect(report.walkthrough == nil)
        let json = String(decoding: try AnalysisReport.makeJSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("\"walkthrough\""))
    }
}
