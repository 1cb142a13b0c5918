import Foundation

/// Draws a table: a header row, then the rows from the cursor's offset, the selected row
/// in the selection role when the table has the focus.
public struct TableWidget {
    public var model: TableModel
    public var cursor: ListCursor
    public var focused: Bool
    /// Case-insensitive text to highlight in cells.
    public var highlight: String?

    public init(model: TableModel, cursor: ListCursor, focused: Bool, highlight: String? = nil) {
        self.model = model; self.cursor = cursor; self.focused = focused; self.highlight = highlight
    }

    /// Columns that fit `width` (with one space between columns) and their widths.
    public static func fit(_ columns: [TableColumn], width: Int) -> [(index: Int, width: Int)] {
        var kept = Array(columns.indices)
        func needed() -> Int { kept.reduce(0) { $0 + columns[$1].width } + max(0, kept.count - 1) }
        while needed() > width, kept.count > 1 {
            let drop = kept.max { a, b in
                columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a < b
            }!
            kept.removeAll { $0 == drop }
        }
        var widths = kept.map { columns[$0].width }
        let spare = width - needed()
        let fills = kept.enumerated().filter { columns[$0.element].fill }.map(\.offset)
        if spare > 0, !fills.isEmpty {
            for (n, i) in fills.enumerated() { widths[i] += spare / fills.count + (n < spare % fills.count ? 1 : 0) }
        }
        return zip(kept, widths).map { ($0, $1) }
    }

    public func render(into screen: inout Screen, area: Rect) {
        guard !area.isEmpty else { return }
        let fitted = Self.fit(model.columns, width: area.width)
        func drawRow(_ cells: [TableCell], y: Int, role override: StyleRole?) {
            var x = area.x
            for (n, (index, width)) in fitted.enumerated() {
                let cell = index < cells.count ? cells[index] : TableCell("")
                let column = model.columns[index]
                let text = cell.text.padded(toColumns: width, alignRight: column.alignRight)
                screen.put(text, x: x, y: y, role: override ?? cell.role, maxWidth: width)
                if let highlight, !highlight.isEmpty, override == nil {
                    Highlighter.mark(highlight, in: text, x: x, y: y, maxWidth: width, screen: &screen)
                }
                x += width
                if n < fitted.count - 1 { x += 1 }
            }
        }
        let headers = model.columns.map { TableCell($0.title, .header) }
        screen.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), role: .header)
        drawRow(headers, y: area.y, role: .header)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !body.isEmpty else { return }
        if model.rows.isEmpty {
            screen.put(model.emptyText, x: body.x + 1, y: body.y, role: .dim, maxWidth: body.width - 1)
            return
        }
        for line in 0..<body.height {
            let i = cursor.offset + line
            guard i < model.rows.count else { break }
            let y = body.y + line
            let selected = focused && i == cursor.selected
            if selected { screen.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: .selection) }
            drawRow(model.rows[i].cells, y: y, role: selected ? .selection : nil)
        }
    }
}

/// Marks occurrences of a search pattern already drawn on screen.
enum Highlighter {
    static func mark(_ pattern: String, in text: String, x: Int, y: Int, maxWidth: Int, screen: inout Screen) {
        guard !pattern.isEmpty else { return }
        var searchStart = text.startIndex
        while let r = text.range(of: pattern, options: .caseInsensitive, range: searchStart..<text.endIndex) {
            let startColumn = DisplayWidth.of(String(text[text.startIndex..<r.lowerBound]))
            let width = DisplayWidth.of(String(text[r]))
            let from = x + startColumn
            let to = min(x + maxWidth, from + width)
            if from < to { screen.restyle(Rect(x: from, y: y, width: to - from, height: 1), role: .searchMatch) }
            searchStart = r.upperBound
            if r.isEmpty { break }
        }
    }
}
