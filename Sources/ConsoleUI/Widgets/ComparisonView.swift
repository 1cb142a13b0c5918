/// Draws the `:compare` pane over the tab bar and the panes: both ends in two columns,
/// sections marked `✗ CATALOG-ID` (error style) where the comparison found a mismatch.
public enum ComparisonView {
    /// Rows of data the pane has room for at this terminal height.
    public static func dataRows(height: Int) -> Int { max(1, height - 5) }

    static func area(width: Int, height: Int) -> Rect { Rect(x: 0, y: 0, width: width, height: max(0, height - 2)) }

    public static func draw(into screen: inout Screen, pane: ComparisonPane, width: Int, height: Int) {
        let area = area(width: width, height: height)
        screen.fill(area, role: .text)
        let r = pane.result
        let info = r.isClean ? "\(ComparisonRows.matchMark) no mismatch"
            : "\(ComparisonRows.mismatchMark) \(r.mismatches.count) mismatch\(r.mismatches.count == 1 ? "" : "es")"
        Frame.draw(into: &screen, area: area, title: "Compare \(r.labelA) ↔ \(r.labelB)", info: info, focused: true)
        let inner = area.inner
        guard inner.width > 8, inner.height > 1 else { return }
        let column = (inner.width - 2 - 3) / 2
        let leftX = inner.x + 2, separatorX = leftX + column, rightX = separatorX + 3
        screen.put("A  \(r.labelA)".padded(toColumns: column), x: leftX, y: inner.y, role: .header)
        screen.put(" │ ", x: separatorX, y: inner.y, role: .frame)
        screen.put("B  \(r.labelB)", x: rightX, y: inner.y, role: .header, maxWidth: inner.maxX - rightX)
        let rows = pane.rows
        var cursor = pane.cursor
        cursor.clamp(count: rows.count, visible: dataRows(height: height))
        for (n, index) in (cursor.offset..<min(rows.count, cursor.offset + dataRows(height: height))).enumerated() {
            let y = inner.y + 1 + n
            guard y < inner.maxY else { break }
            let row = rows[index]
            let marked = row.kind != .fact && row.mismatch != nil
            if marked { screen.put(ComparisonRows.mismatchMark, x: inner.x, y: y, role: .error) }
            switch row.kind {
            case .heading:
                let used = screen.put("── \(row.left) ", x: leftX, y: y, role: .header, maxWidth: inner.maxX - leftX)
                if let signature = row.signature {
                    screen.put("\(ComparisonRows.mismatchMark) \(signature)", x: leftX + used + 1, y: y, role: .error, maxWidth: max(0, inner.maxX - leftX - used - 1))
                }
            case .mismatch:
                let id = row.signature ?? ""
                let used = screen.put(id, x: leftX, y: y, role: .error, maxWidth: inner.maxX - leftX)
                let room = max(0, inner.maxX - leftX - used)
                screen.put(String(row.left.dropFirst(id.count)).truncated(toColumns: room), x: leftX + used, y: y, role: .text, maxWidth: room)
            case .fact:
                // Facts of a section with a mismatch keep the warning style next to the marked heading.
                let role: StyleRole = row.mismatch != nil ? .warning : .text
                screen.put(row.left.padded(toColumns: column), x: leftX, y: y, role: role)
                screen.put(" │ ", x: separatorX, y: y, role: .frame)
                screen.put(row.right, x: rightX, y: y, role: role, maxWidth: inner.maxX - rightX)
            }
            if index == cursor.selected {
                screen.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
                screen.put(marked ? ComparisonRows.mismatchMark : "›", x: inner.x, y: y, role: .selection)
            }
        }
        let hint = " " + KeyTable.hintLine(for: .comparison) + " "
        if DisplayWidth.of(hint) + 4 <= area.width {
            screen.put(hint, x: area.x + 2, y: area.maxY - 1, role: .keyHint)
        }
    }
}
