/// Aligned plain-text tables for terminal output. Cells are padded by display width
/// (device text is ASCII in practice; wider characters are counted as one column).
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ cells: [String?]) {
        rows.append(cells.map { $0 ?? "-" })
    }

    func render(style: OutputStyle) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = [style.header(line(headers))]
        out += rows.map { line($0) }
        return out.joined(separator: "\n")
    }
}

/// Colour only when writing to a terminal and NO_COLOR is not set.
struct OutputStyle {
    let colour: Bool

    func header(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    func title(_ s: String) -> String { colour ? "\u{1B}[1;4m\(s)\u{1B}[0m" : s }
    func bad(_ s: String) -> String { colour ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
    func warn(_ s: String) -> String { colour ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
    func good(_ s: String) -> String { colour ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
}
