/// Draws the whole console for a state. Pure: the same state gives the same screen.
public enum ConsoleView {
    public static func render(_ state: ConsoleState) -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        let layout = ConsoleLayout.make(width: state.width, height: state.height, focus: state.focus)
        if layout.isTooSmall {
            screen.put("Terminal too small", x: 0, y: 0, role: .error)
            screen.put("need \(ConsoleLayout.minimumWidth)x\(ConsoleLayout.minimumHeight)", x: 0, y: 1, role: .text)
            screen.put("q quits", x: 0, y: 2, role: .dim)
            return screen
        }
        if let comparison = state.comparison {
            ComparisonView.draw(into: &screen, pane: comparison, width: state.width, height: state.height)
        } else {
            TabBar.draw(into: &screen, area: layout.tabBar, focus: state.focus, counts: counts(state))
            for pane in PaneID.allCases {
                guard let rect = layout.panes[pane] else { continue }
                drawPane(pane, into: &screen, area: rect, state: state, focused: pane == state.focus)
            }
        }
        if let walkthrough = state.walkthrough, walkthrough.isVisible {
            let top = layout.tabBar.maxY
            WalkthroughPane.draw(into: &screen, area: Rect(x: 0, y: top, width: state.width, height: layout.status.y - top), pane: walkthrough)
        }
        StatusBar.draw(into: &screen, area: layout.status, state: state)
        BottomLine.draw(into: &screen, area: layout.bottomLine, state: state)
        if let overlay = state.overlay {
            screen.cursor = nil // only a dialog with an input shows the cursor
            Overlays.draw(into: &screen, overlay: overlay, area: Overlays.area(width: state.width, height: state.height))
        }
        return screen
    }

    public static func counts(_ s: ConsoleState) -> [PaneID: Int] {
        var c: [PaneID: Int] = [:]
        for pane in PaneID.allCases { c[pane] = ConsoleUpdate.rowCount(s, pane) }
        return c
    }

    static func drawPane(_ pane: PaneID, into screen: inout Screen, area: Rect, state: ConsoleState, focused: Bool) {
        let title = "\(pane.rawValue) \(pane.title)"
        let inner = area.inner
        switch pane {
        case .debug:
            Frame.draw(into: &screen, area: area, title: title, info: DebugStreamView.info(state), focused: focused)
            DebugStreamView.draw(into: &screen, area: inner, state: state)
        default:
            let model = ConsoleUpdate.tableModel(state, pane)
            let cursor = state.cursor(pane)
            var info = "\(model.rows.count) \(noun(pane, model.rows.count))"
            if model.rows.count > 0 && focused { info = "\(cursor.selected + 1)/\(model.rows.count) " + noun(pane, model.rows.count) }
            if pane == .phase2, let interval = state.history.interval { info += " · Δ over \(NetworkText.duration(interval))" }
            Frame.draw(into: &screen, area: area, title: title, info: info, focused: focused)
            TableWidget(model: model, cursor: cursor, focused: focused, highlight: state.searches[pane]).render(into: &screen, area: inner)
        }
    }

    static func noun(_ pane: PaneID, _ n: Int) -> String {
        switch pane {
        case .phase1: return n == 1 ? "SA" : "SAs"
        case .phase2: return n == 1 ? "flow" : "flows"
        case .engine: return n == 1 ? "connection" : "connections"
        case .findings: return n == 1 ? "finding" : "findings"
        case .debug: return "lines"
        }
    }
}
