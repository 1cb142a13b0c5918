/// Draws the visible rows of the debug scrollback, and only those: the cost does not
/// depend on how many lines the buffer holds.
public enum DebugStreamView {
    public static func draw(into screen: inout Screen, area: Rect, state: ConsoleState) {
        guard !area.isEmpty else { return }
        let log = state.debugLog
        let n = log.visibleCount
        if n == 0 {
            let text = log.count == 0 ? "no debug or syslog lines yet" : "no lines match the filter"
            screen.put(text, x: area.x + 1, y: area.y, role: .dim, maxWidth: area.width - 1)
            return
        }
        let top = state.debugTop.map { log.position(ofSeq: $0) } ?? max(0, n - area.height)
        let gutter = area.width >= 60 ? 7 : 0
        let pattern = state.searches[.debug]
        for row in 0..<area.height {
            guard let seq = log.seq(atPosition: top + row), let line = log.line(seq: seq) else { break }
            let y = area.y + row
            let marked = seq == state.debugMark
            if gutter > 0 {
                let number = line.sourceLine.map(String.init) ?? ""
                screen.put(number.padded(toColumns: gutter - 1, alignRight: true), x: area.x, y: y, role: marked ? .selection : .dim)
            }
            let x = area.x + gutter
            var width = area.width - gutter
            if !line.findings.isEmpty {
                // The ids in words, right-aligned, in the most severe finding's style.
                let tag = evidenceTag(line.findings, maxColumns: max(3, width / 2))
                let tagWidth = DisplayWidth.of(tag)
                screen.put(tag, x: x + width - tagWidth, y: y, role: marked ? .selection : findingRole(line.findings, state))
                width -= tagWidth + 1
            }
            screen.put(line.text, x: x, y: y, role: marked ? .selection : line.kind.role, maxWidth: width)
            if let pattern, !marked {
                Highlighter.mark(pattern, in: line.text.truncated(toColumns: width, ellipsis: false), x: x, y: y, maxWidth: width, screen: &screen)
            }
        }
    }

    /// `[id]`, or for a line backing several findings `[id1 id2]`, or `[id1 +1]` when the
    /// ids do not fit in `maxColumns`.
    static func evidenceTag(_ ids: [String], maxColumns: Int) -> String {
        let all = "[" + ids.joined(separator: " ") + "]"
        if ids.count == 1 || DisplayWidth.of(all) <= maxColumns { return all.truncated(toColumns: maxColumns) }
        return "[\(ids[0]) +\(ids.count - 1)]".truncated(toColumns: maxColumns)
    }

    /// The style of the findings a line is evidence for: the most severe one's, once listed.
    static func findingRole(_ ids: [String], _ state: ConsoleState) -> StyleRole {
        let severities = ids.compactMap { id in state.findings.first { $0.signatureId == id }?.severity }
        return severities.max()?.role ?? .severityWarning
    }

    /// Frame info: follow state, filter and position.
    public static func info(_ state: ConsoleState) -> String {
        var parts: [String] = []
        let log = state.debugLog
        if let kind = log.filter.kind { parts.append("class \(kind.rawValue)") }
        if let peer = log.filter.peer { parts.append("peer \(peer)") }
        parts.append(state.isFollowing ? "FOLLOW" : "PAUSED")
        parts.append("\(log.visibleCount)\(log.filter.isActive ? "/\(log.count)" : "") lines")
        return parts.joined(separator: " · ")
    }
}
