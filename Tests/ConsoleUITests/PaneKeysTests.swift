import ConsoleUI
import IPsecKit
import Testing

/// The walkthrough and comparison panes' keys come from the one key table: `?` lists them,
/// the panes' bottom hints are built from them, and the panes obey them.
@Suite struct PaneKeysTests {
    @Test(arguments: [KeyScope.walkthrough, .comparison])
    func helpListsEveryBindingOfThePane(_ scope: KeyScope) {
        let help = HelpContent.lines().map(\.text)
        #expect(help.contains(scope.title))
        let bindings = KeyTable.bindings.filter { $0.scope == scope }
        #expect(!bindings.isEmpty)
        for b in bindings {
            #expect(help.contains { $0.hasPrefix("  " + b.label) && $0.contains(b.description) }, "\(b.label) \(b.description)")
        }
    }

    @Test func thePanesDrawTheirHintsFromTheTable() {
        let walk = WalkthroughFixtures.state(width: 160, height: 48, concluded: false)
        let hint = KeyTable.hintLine(for: .walkthrough)
        #expect(hint == WalkthroughPane.keyHint)
        for word in ["n step", "s skip", "r rerun", "b back", "pgdn", "esc close"] { #expect(hint.contains(word)) }
        #expect(ConsoleView.render(walk).text.contains(hint))

        let compare = ComparisonFixtures.state(width: 160, height: 48)
        let compareHint = KeyTable.hintLine(for: .comparison)
        for word in ["↑↓ move", "n next mismatch", "enter fix steps", "esc close"] { #expect(compareHint.contains(word)) }
        #expect(ConsoleView.render(compare).text.contains(compareHint))
    }

    /// Every key the walkthrough table lists is the pane's: none falls through to the panes below.
    @Test func theWalkthroughPaneObeysEveryKeyItLists() {
        for b in KeyTable.bindings where b.scope == .walkthrough {
            for key in b.keys {
                var s = WalkthroughFixtures.state(width: 80, height: 24, concluded: false)
                let focus = s.focus
                _ = ConsoleUpdate.update(&s, .key(key))
                #expect(s.focus == focus && s.overlay == nil && s.mode == .normal, "\(key.label) fell through")
                #expect(s.notice == nil, "\(key.label) reached the main key table")
            }
        }
    }

    @Test func theComparisonPaneObeysItsKeysAndIgnoresTheRest() {
        var s = ComparisonFixtures.state(width: 80, height: 24)
        let before = s.comparison?.cursor.selected
        _ = ConsoleUpdate.update(&s, .key(.char("n")))
        #expect(s.comparison?.cursor.selected != before, "n moves to the next mismatch")
        _ = ConsoleUpdate.update(&s, .key(.char("2")))
        #expect(s.comparison != nil && s.focus == .phase1, "a main-view key does nothing while the pane is open")
        _ = ConsoleUpdate.update(&s, .key(.char("?")))
        #expect(s.overlay == .help(offset: 0))
        _ = ConsoleUpdate.update(&s, .key(.escape))
        _ = ConsoleUpdate.update(&s, .key(.char("q")))
        #expect(s.comparison == nil)
    }

    @Test func wIsTheWalkthroughMenuOnlyInTheMainView() {
        #expect(KeyTable.action(for: .char("w"), in: .phase1) == .walkMenu)
        #expect(KeyTable.bindings.filter { $0.keys.contains(.char("w")) }.count == 1, "w is bound once")
    }
}

/// The walkthrough menu: `w` or `:walk` alone, Enter starts the chosen one for the selected peer.
@Suite struct WalkthroughMenuTests {
    func menu(_ s: ConsoleState) -> WalkthroughMenu? {
        if case .walkMenu(let menu) = s.overlay { return menu }
        return nil
    }

    @Test func wOpensTheMenuForTheSelectedRowsPeerAndEnterStartsIt() throws {
        var s = WalkthroughFixtures.menuState(width: 80, height: 24)
        let opened = try #require(menu(s))
        #expect(opened.peer == "198.51.100.9")
        #expect(opened.choices.map(\.id).sorted() == ["intermittent", "mtu", "no-traffic", "split-tunnel", "tunnel-down"])
        let chosen = opened.choices[2].id
        let text = ConsoleView.render(s).text
        for choice in opened.choices { #expect(text.contains(choice.id) && text.contains(choice.title.prefix(30))) }
        #expect(text.contains("For peer 198.51.100.9"))
        #expect(ConsoleFixtures.send(&s, [.enter]) == [.startWalkthrough(chosen, peer: "198.51.100.9")])
        #expect(s.overlay == nil)
    }

    @Test func walkAloneOpensTheMenuWithTheFilteredPeerAndADigitStartsOne() throws {
        #expect(CommandInterpreter.parse("walk") == .success(.walkMenu))
        var s = ConsoleFixtures.state(width: 160, height: 48, focus: .engine)
        s.walkthroughChoices = WalkthroughFixtures.choices
        _ = ConsoleFixtures.send(&s, [.char(":")])
        _ = ConsoleFixtures.type(&s, "peer 203.0.113.5")
        _ = ConsoleFixtures.send(&s, [.enter, .char(":")])
        _ = ConsoleFixtures.type(&s, "walk")
        _ = ConsoleFixtures.send(&s, [.enter])
        let opened = try #require(menu(s))
        #expect(opened.peer == "203.0.113.5")
        #expect(ConsoleFixtures.send(&s, [.char("1")]) == [.startWalkthrough(opened.choices[0].id, peer: "203.0.113.5")])
    }

    @Test func escapeClosesAndAReplayRefuses() {
        var s = WalkthroughFixtures.menuState(width: 80, height: 24)
        #expect(ConsoleFixtures.send(&s, [.escape]).isEmpty)
        #expect(s.overlay == nil)
        s.connection = ConnectionInfo(device: "rec.log", transport: "replay", state: .replay(finished: false))
        _ = ConsoleFixtures.send(&s, [.char("w")])
        #expect(s.overlay == nil && s.notice?.isError == true)
    }
}
