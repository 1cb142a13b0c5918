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

    /// Keys while the pane is open (the `.walkthrough` bindings of `KeyTable`); nil when the
    /// key is not the pane's (it falls through).
    static func handle(_ s: inout ConsoleState, _ key: Key) -> [ConsoleEffect]? {
        guard var pane = s.walkthrough, pane.isVisible, let action = KeyTable.action(for: key, scope: .walkthrough) else { return nil }
        defer { s.walkthrough = pane }
        let last = pane.progress.report.steps.count
        switch action {
        case .back:
            pane.isVisible = false
            return [.walkthroughControl(.pause)]
        case .up: pane.selected = max(0, pane.selected - 1); pane.scroll = 0
        case .down: pane.selected = min(last, pane.selected + 1); pane.scroll = 0
        case .pageDown, .pageUp:
            // Long conclusions (fix steps) scroll by pages; the view keeps the selection in sight.
            let page = max(1, s.height - 6)
            let lines = WalkthroughPane.lines(pane, width: max(10, s.width - 2))
            let current = WalkthroughPane.top(pane, lines: lines, height: page)
            pane.scroll = max(0, min(lines.count - page, current + (action == .pageDown ? page : -page)))
        case .toggleStep:
            if pane.selected < last {
                if pane.expanded.contains(pane.selected) { pane.expanded.remove(pane.selected) } else { pane.expanded.insert(pane.selected) }
            }
        case .walkStep: return control(.step, pane)
        case .walkAll: return control(.resume, pane)
        case .walkPause: return [.walkthroughControl(.pause)]
        case .walkSkip: return control(.skip, pane)
        case .walkBack: return [.walkthroughControl(.back)]
        case .walkRerun: return [.walkthroughControl(.rerun)]
        default: return nil
        }
        return []
    }

    private static func control(_ c: WalkthroughControl, _ pane: WalkthroughPaneState) -> [ConsoleEffect] {
        pane.progress.report.conclusion == nil || c == .resume ? [.walkthroughControl(c)] : []
    }
}
