/// A walkthrough the menu offers: its name and the symptom it starts from.
public struct WalkthroughChoice: Equatable, Sendable {
    public var id: String
    /// One line: the symptom (`The tunnel does not come up`).
    public var title: String
    /// A sentence or two more, shown under the list for the selected one.
    public var summary: String

    public init(id: String, title: String, summary: String = "") { self.id = id; self.title = title; self.summary = summary }
}

/// The walkthrough menu (`w`, `:walk` alone): pick one, Enter starts it for `peer`.
public struct WalkthroughMenu: Equatable, Sendable {
    public var choices: [WalkthroughChoice]
    public var selected = 0
    /// The peer of the row selected when the menu opened (or the `:peer` focus); nil lets the
    /// session use its own focus.
    public var peer: String?

    public init(choices: [WalkthroughChoice], peer: String?) { self.choices = choices; self.peer = peer }

    /// Opens the menu over the panes with the choices the console knows.
    static func open(_ s: inout ConsoleState) -> [ConsoleEffect] {
        guard !s.connection.isReadOnly else {
            ConsoleUpdate.notify(&s, "a replay is read-only: a walkthrough needs a live session", isError: true)
            return []
        }
        let choices = s.walkthroughChoices.isEmpty ? s.walkthroughNames.map { WalkthroughChoice(id: $0, title: "") } : s.walkthroughChoices
        guard !choices.isEmpty else { ConsoleUpdate.notify(&s, "no walkthroughs loaded", isError: true); return [] }
        s.overlay = .walkMenu(WalkthroughMenu(choices: choices, peer: selectedPeer(s)))
        return []
    }

    /// The peer of the focused pane's selected row, else the `:peer` filter.
    static func selectedPeer(_ s: ConsoleState) -> String? {
        let i = s.cursor(s.focus).selected
        var peer: String?
        if let report = s.history.current?.report {
            switch s.focus {
            case .phase1:
                let v1 = report.isakmpSas, v2 = report.ikev2Sas
                if i < v1.count { peer = Phase1Row.peer(v1[i]) } else if i - v1.count < v2.count { peer = v2[i - v1.count].remote }
            case .phase2:
                if i < report.ipsecSas.count { peer = report.ipsecSas[i].peer }
            case .engine, .debug, .findings: break
            }
        }
        if s.focus == .findings {
            let items = s.sortedFindings
            if i < items.count { peer = items[i].peer }
        }
        return peer ?? s.debugLog.filter.peer
    }

    static func handleKey(_ s: inout ConsoleState, _ menu: WalkthroughMenu, _ key: Key) -> [ConsoleEffect] {
        var menu = menu
        switch key {
        case .escape, .char("q"), .char("w"):
            s.overlay = nil
            return []
        case .up, .char("k"): menu.selected = max(0, menu.selected - 1)
        case .down, .char("j"), .tab: menu.selected = min(menu.choices.count - 1, menu.selected + 1)
        case .home, .char("g"): menu.selected = 0
        case .end, .char("G"): menu.selected = menu.choices.count - 1
        case .char(let c) where c.isNumber:
            // 1-9 picks directly.
            guard let n = c.wholeNumberValue, n >= 1, n <= menu.choices.count else { return [] }
            menu.selected = n - 1
            return start(&s, menu)
        case .enter:
            return start(&s, menu)
        default: break
        }
        s.overlay = .walkMenu(menu)
        return []
    }

    private static func start(_ s: inout ConsoleState, _ menu: WalkthroughMenu) -> [ConsoleEffect] {
        s.overlay = nil
        let id = menu.choices[menu.selected].id
        return ConsoleUpdate.run(&s, .walk(id, peer: menu.peer))
    }
}

/// Draws the walkthrough menu as a box over the panes.
enum WalkthroughMenuView {
    static let width = 96

    static func draw(into screen: inout Screen, menu: WalkthroughMenu, area: Rect) {
        let boxWidth = min(width, area.width)
        let room = boxWidth - 4
        let idWidth = min(room / 3, (menu.choices.map { DisplayWidth.of($0.id) }.max() ?? 0) + 2)
        var lines: [(text: String, role: StyleRole, selected: Bool)] = []
        lines.append(("For " + (menu.peer.map { "peer \($0)" } ?? "the session's peer (:peer IP to choose one)"), .dialog, false))
        lines.append(("", .dialog, false))
        for (n, choice) in menu.choices.enumerated() {
            let text = "\(n + 1) " + choice.id.padded(toColumns: idWidth) + choice.title
            lines.append((text.truncated(toColumns: room), .dialog, n == menu.selected))
        }
        let summary = menu.choices[menu.selected].summary
        if !summary.isEmpty {
            lines.append(("", .dialog, false))
            // Keep the footer on screen: the summary gets what rows are left.
            let left = max(0, area.height - 2 - lines.count - 2)
            for text in TextWrap.wrap(summary, width: room).prefix(left) { lines.append((text, .dialog, false)) }
        }
        lines.append(("", .dialog, false))
        lines.append(("↑↓ choose · enter start · 1-\(menu.choices.count) start that one · esc close", .keyHint, false))
        let box = area.centered(width: boxWidth, height: min(area.height, lines.count + 2))
        guard box.width >= 10, box.height >= 4 else { return }
        screen.fill(box, role: .dialog)
        Overlays.drawBorder(into: &screen, box: box, title: "Walkthroughs")
        for (i, line) in lines.enumerated() where i < box.height - 2 {
            let y = box.y + 1 + i
            if line.selected { screen.fill(Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1), role: .selection) }
            screen.put(line.text, x: box.x + 2, y: y, role: line.selected ? .selection : line.role, maxWidth: box.width - 4)
        }
    }
}
