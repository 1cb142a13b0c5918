import IPsecKit

/// Draws the walkthrough pane over the panes' area: the steps done (evidence shown for the
/// expanded ones), the current step with what it is doing, the conclusion with its fix
/// steps, and the keys. Pure: lines are built first, then scrolled to the selection.
public enum WalkthroughPane {
    /// The pane's keys, from the key table (the same rows `?` lists and the pane obeys).
    public static var keyHint: String { KeyTable.hintLine(for: .walkthrough) }

    struct Line {
        var text: String
        var role: StyleRole
        /// The step index this line belongs to (for selection and scrolling).
        var step: Int?
    }

    public static func draw(into screen: inout Screen, area: Rect, pane: WalkthroughPaneState) {
        let p = pane.progress
        let r = p.report
        let info = p.isRunning ? "running" : (r.conclusion != nil ? "concluded" : (p.isAutomatic ? "waiting" : "paused"))
        Frame.draw(into: &screen, area: area, title: "Walkthrough \(r.walkthrough): \(r.title)", info: info, focused: true)
        let inner = area.inner
        guard inner.height >= 2, inner.width >= 10 else { return }
        screen.fill(inner, role: .text)
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        let all = lines(pane, width: body.width)
        let top = top(pane, lines: all, height: body.height)
        for (row, line) in all.dropFirst(top).prefix(body.height).enumerated() {
            let selected = line.step == pane.selected && line.step != nil
            // The selected step's first line is highlighted; its evidence keeps its own roles.
            let role: StyleRole = selected && !line.text.hasPrefix(" ") ? .selection : line.role
            if selected && role == .selection { screen.fill(Rect(x: body.x, y: body.y + row, width: body.width, height: 1), role: .selection) }
            screen.put(line.text, x: body.x, y: body.y + row, role: role, maxWidth: body.width)
        }
        screen.put(keyHint, x: inner.x, y: inner.maxY - 1, role: .keyHint, maxWidth: inner.width)
    }

    /// The first line shown: the scroll position, moved as little as needed to show the
    /// selected step's first line.
    static func top(_ pane: WalkthroughPaneState, lines all: [Line], height: Int) -> Int {
        let firstOfSelected = all.firstIndex { $0.step == pane.selected } ?? 0
        var top = min(max(0, pane.scroll), max(0, all.count - height))
        if firstOfSelected < top, pane.scroll == 0 { top = firstOfSelected }
        if firstOfSelected >= top + height { top = firstOfSelected - height + 1 }
        return top
    }

    static func lines(_ pane: WalkthroughPaneState, width: Int) -> [Line] {
        let p = pane.progress
        let r = p.report
        var out: [Line] = [Line(text: "Target \(r.target) (\(r.platform))" + (r.peer.map { ", peer \($0)" } ?? ""), role: .dim)]
        for (n, step) in r.steps.enumerated() {
            let mark = step.skipped ? "↷" : "✓"
            let branch = step.branch.map { "\($0.condition) -> \($0.targetText)" } ?? ""
            out.append(Line(text: "\(mark) \(n + 1). \(step.id)  \(branch)", role: step.skipped ? .dim : .healthy, step: n))
            guard pane.expanded.contains(n) else { continue }
            for text in TextWrap.wrap(step.checks, width: max(10, width - 6)) { out.append(Line(text: "      " + text, role: .dim, step: n)) }
            for command in step.commands { out.append(Line(text: "      $ " + command, role: .text, step: n)) }
            for e in step.evidence {
                for (i, text) in TextWrap.wrap("\(e.check) = \(e.value): \(e.detail)", width: max(10, width - 8)).enumerated() {
                    out.append(Line(text: (i == 0 ? "      - " : "        ") + text, role: .text, step: n))
                }
            }
        }
        let current = r.steps.count
        if let id = p.currentStep {
            let state = p.isRunning ? "▶" : "·"
            out.append(Line(text: "\(state) \(current + 1). \(id)", role: .title, step: current))
            if let checks = p.currentChecks {
                for text in TextWrap.wrap(checks, width: max(10, width - 6)) { out.append(Line(text: "      " + text, role: .dim, step: current)) }
            }
            if let activity = p.activity, p.isRunning { out.append(Line(text: "      " + activity, role: .warning, step: current)) }
        }
        if let problem = p.problem { out.append(Line(text: "problem: " + problem, role: .error)) }
        if let c = r.conclusion {
            out.append(Line(text: "", role: .text))
            if c.healthy {
                out.append(Line(text: "Conclusion: healthy", role: .healthy, step: current))
                for text in TextWrap.wrap(c.verified ?? c.title, width: max(10, width - 2)) { out.append(Line(text: "  " + text, role: .text, step: current)) }
            } else {
                out.append(Line(text: "Conclusion: \(c.id) - \(c.title)", role: .error, step: current))
                for text in TextWrap.wrap(c.summary ?? "", width: max(10, width - 2)) where !text.isEmpty {
                    out.append(Line(text: "  " + text, role: .text, step: current))
                }
                if !c.fixes.isEmpty { out.append(Line(text: "Fix steps:", role: .header, step: current)) }
                let platform = Platform(rawValue: r.platform) ?? .ios
                for (n, fix) in c.fixes.enumerated() {
                    for (i, text) in TextWrap.wrap(fix.text, width: max(10, width - 5)).enumerated() {
                        out.append(Line(text: (i == 0 ? " \(n + 1). " : "    ") + text, role: .text, step: current))
                    }
                    for (label, commands) in [("check", fix.verify), ("change", fix.fix)] {
                        guard let list = commands?.commands(for: platform), !list.isEmpty else { continue }
                        out.append(Line(text: "    \(label): " + list.joined(separator: " ; "), role: .dim, step: current))
                    }
                }
            }
        }
        return out
    }
}
