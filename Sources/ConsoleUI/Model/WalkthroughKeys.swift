/// The walkthrough pane's share of `update`: progress from the session, and the keys
/// that move through the steps while the pane is open.
enum WalkthroughKeys {
    static func receive(_ s: inout ConsoleState, _ progress: WalkthroughProgress) {
        if var pane = s.walkthrough, pane.progress.report.walkthrough == progress.report.walkthrough {
            let followed = pane.selected >= pane.progress.report.steps.count
            pane.progress = progress
            // The selection follows the running step unless the user moved it back.
            if followed { pane.selected = progress.report.steps.count }
            pane.selected = min(pane.selected, progress.report.steps.count)
            pane.expanded = pane.expanded.filter { $0 < progress.report.steps.count }
            s.walkthrough = pane
        } else {
            var pane = WalkthroughPaneState(progress: progress)
            pane.selected = progress.report.steps.count
            s.walkthrough = pane
        }
    }

    /// Keys while the pane is open; nil when the key is not the pane's (it falls through).
    static func handle(_ s: inout ConsoleState, _ key: Key) -> [ConsoleEffect]? {
        guard var pane = s.walkthrough, pane.isVisible else { return nil }
        defer { s.walkthrough = pane }
        let last = pane.progress.report.steps.count
        switch key {
        case .escape, .char("q"):
            pane.isVisible = false
            return [.walkthroughControl(.pause)]
        case .up, .char("k"): pane.selected = max(0, pane.selected - 1); pane.scroll = 0
        case .down, .char("j"): pane.selected = min(last, pane.selected + 1); pane.scroll = 0
        case .pageDown, .pageUp:
            // Long conclusions (fix steps) scroll by pages; the view keeps the selection in sight.
            let page = max(1, s.height - 6)
            let lines = WalkthroughPane.lines(pane, width: max(10, s.width - 2)).count
            let current = WalkthroughPane.top(pane, lines: WalkthroughPane.lines(pane, width: max(10, s.width - 2)), height: page)
            pane.scroll = max(0, min(lines - page, current + (key == .pageDown ? page : -page)))
        case .enter, .char(" "):
            if pane.selected < last {
                if pane.expanded.contains(pane.selected) { pane.expanded.remove(pane.selected) } else { pane.expanded.insert(pane.selected) }
            }
        case .char("n"): return control(.step, pane)
        case .char("a"): return control(.resume, pane)
        case .char("p"): return [.walkthroughControl(.pause)]
        case .char("s"): return control(.skip, pane)
        case .char("b"): return [.walkthroughControl(.back)]
        case .char("r"): return [.walkthroughControl(.rerun)]
        default: return nil
        }
        return []
    }

    private static func control(_ c: WalkthroughControl, _ pane: WalkthroughPaneState) -> [ConsoleEffect] {
        pane.progress.report.conclusion == nil || c == .resume ? [.walkthroughControl(c)] : []
    }
}
