/// A column of a table widget. When the pane is too narrow, columns with the highest
/// `priority` number are left out first.
public struct TableColumn: Equatable, Sendable {
    public var title: String
    public var width: Int
    /// Takes a share of the spare width (at least `width`).
    public var fill: Bool
    public var alignRight: Bool
    public var priority: Int

    public init(_ title: String, width: Int, fill: Bool = false, alignRight: Bool = false, priority: Int = 0) {
        self.title = title; self.width = width; self.fill = fill; self.alignRight = alignRight; self.priority = priority
    }
}

public struct TableCell: Equatable, Sendable {
    public var text: String
    public var role: StyleRole

    public init(_ text: String, _ role: StyleRole = .text) { self.text = text; self.role = role }
}

public struct TableRow: Equatable, Sendable {
    /// Identity across snapshots.
    public var key: String
    public var cells: [TableCell]

    public init(key: String, cells: [TableCell]) { self.key = key; self.cells = cells }

    /// Everything searchable in the row.
    public var searchText: String { cells.map(\.text).joined(separator: " ") }
}

/// The rows of a table, built on access: a pane with 10,000 rows only formats the ones on screen.
public struct TableRows: RandomAccessCollection, Sendable {
    public let count: Int
    private let build: @Sendable (Int) -> TableRow

    public init(count: Int, build: @escaping @Sendable (Int) -> TableRow) { self.count = count; self.build = build }
    public init(_ rows: [TableRow]) { self.init(count: rows.count) { rows[$0] } }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> TableRow { build(position) }
}

public struct TableModel: Sendable {
    public var columns: [TableColumn]
    public var rows: TableRows
    /// Shown when there are no rows.
    public var emptyText: String

    public init(columns: [TableColumn], rows: TableRows, emptyText: String) {
        self.columns = columns; self.rows = rows; self.emptyText = emptyText
    }

    public init(columns: [TableColumn], rows: [TableRow], emptyText: String) {
        self.init(columns: columns, rows: TableRows(rows), emptyText: emptyText)
    }
}

/// Selection and scroll position of a table-like pane.
public struct ListCursor: Equatable, Sendable {
    public var selected = 0
    public var offset = 0

    public init(selected: Int = 0, offset: Int = 0) { self.selected = selected; self.offset = offset }

    /// Clamps to `count` rows and scrolls so the selection is among `visible` rows.
    public mutating func clamp(count: Int, visible: Int) {
        selected = count == 0 ? 0 : min(max(0, selected), count - 1)
        let v = max(1, visible)
        if selected < offset { offset = selected }
        if selected >= offset + v { offset = selected - v + 1 }
        offset = max(0, min(offset, max(0, count - v)))
    }

    public mutating func move(by delta: Int, count: Int, visible: Int) {
        selected += delta
        clamp(count: count, visible: visible)
    }
}
