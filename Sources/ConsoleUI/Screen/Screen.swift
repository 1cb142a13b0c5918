/// An in-memory grid of cells: what the console looks like, independent of any terminal.
///
/// The view draws into it; the terminal layer paints only the cells that changed since
/// the previous screen; tests read it back as text and style runs.
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (text inputs), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX >= 0 ? (cursorX, cursorY) : nil }
        set { cursorX = newValue?.x ?? -1; cursorY = newValue?.y ?? -1 }
    }
    private var cursorX = -1
    private var cursorY = -1

    public init(width: Int, height: Int, role: StyleRole = .text) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(role), count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills `area` (clipped to the screen) with blanks of `role`.
    public mutating func fill(_ area: Rect, role: StyleRole, character: String = " ") {
        let r = area.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { self[x, y] = Cell(text: character, width: 1, role: role) }
        }
    }

    /// Sets the role of every cell in `area`, keeping the text (selection bars, highlights).
    public mutating func restyle(_ area: Rect, role: StyleRole) {
        let r = area.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].role = role }
        }
    }

    /// Writes `text` at (x, y), at most `maxWidth` columns and never past the right edge. A
    /// double-width grapheme that does not fit is replaced by a space. Text with control
    /// characters or escape sequences is sanitised first, so nothing that reaches the screen
    /// can act on the terminal. Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        if ScreenTextSanitizer.needsSanitizing(text) {
            return put(ScreenTextSanitizer.render(text, maximumColumns: width, trimTrailingSpaces: false),
                       x: x, y: y, role: role, maxWidth: maxWidth)
        }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for grapheme in text {
            let w = DisplayWidth.of(grapheme)
            if w == 0 {
                // A lone combining mark (rare after sanitising): attach to the previous cell.
                if column > max(x, 0), column - 1 < width {
                    var previous = column - 1
                    if self[previous, y].isContinuation, previous > 0 { previous -= 1 }
                    self[previous, y].text.append(grapheme)
                }
                continue
            }
            if column + w > limit {
                if w == 2, column < limit, column >= 0 { self[column, y] = .blank(role); column += 1 }
                break
            }
            if column >= 0 {
                clearHalfOf(x: column, y: y, role: role)
                self[column, y] = Cell(text: String(grapheme), width: UInt8(w), role: role)
                if w == 2 {
                    clearHalfOf(x: column + 1, y: y, role: role)
                    self[column + 1, y] = .continuation(role)
                }
            }
            column += w
        }
        return max(0, column - max(x, 0))
    }

    /// Overwriting half of a double-width grapheme leaves the other half blank.
    private mutating func clearHalfOf(x: Int, y: Int, role: StyleRole) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0, self[x - 1, y].width == 2 {
            self[x - 1, y] = .blank(self[x - 1, y].role)
        } else if cell.width == 2, x + 1 < width, self[x + 1, y].isContinuation {
            self[x + 1, y] = .blank(cell.role)
        }
    }

    /// Row `y` as plain text (continuation cells contribute nothing).
    public func text(row y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        return s
    }

    /// The whole screen as text, one line per row, trailing spaces kept.
    public var text: String { (0..<height).map { text(row: $0) }.joined(separator: "\n") }

    /// Consecutive cells of one row that share a role.
    public struct StyleRun: Equatable, Sendable {
        public var x: Int
        public var width: Int
        public var role: StyleRole
        public var text: String
    }

    public func styleRuns(row y: Int) -> [StyleRun] {
        var runs: [StyleRun] = []
        for x in 0..<width {
            let cell = self[x, y]
            if var last = runs.last, last.role == cell.role {
                last.width += 1; last.text += cell.text
                runs[runs.count - 1] = last
            } else {
                runs.append(StyleRun(x: x, width: 1, role: cell.role, text: cell.text))
            }
        }
        return runs
    }

    /// Cells that differ from `previous` (all of them when the size changed), per row as
    /// runs of adjacent columns: what the terminal layer repaints.
    public func changedSpans(since previous: Screen?) -> [(y: Int, x: Int, count: Int)] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { (y: $0, x: 0, count: width) }
        }
        var spans: [(y: Int, x: Int, count: Int)] = []
        for y in 0..<height {
            var x = 0
            let base = y * width
            while x < width {
                if cells[base + x] == previous.cells[base + x] { x += 1; continue }
                var start = x
                // Repaint a double-width grapheme whole, never only its right half.
                if cells[base + start].isContinuation, start > 0 { start -= 1 }
                while x < width, cells[base + x] != previous.cells[base + x] { x += 1 }
                if x < width, cells[base + x].isContinuation { x += 1 }
                if let last = spans.last, last.y == y, last.x + last.count >= start {
                    spans[spans.count - 1].count = x - last.x
                } else {
                    spans.append((y: y, x: start, count: x - start))
                }
            }
        }
        return spans
    }

    public static func == (a: Screen, b: Screen) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursorX == b.cursorX && a.cursorY == b.cursorY
    }
}
