/// Where everything goes for a terminal size. Wide terminals show all panes at once;
/// narrower ones show the focused pane, switched with the number keys or Tab.
public struct ConsoleLayout: Equatable, Sendable {
    public static let minimumWidth = 40
    public static let minimumHeight = 10
    /// From this size on, all panes are shown together.
    public static let wideWidth = 140
    public static let wideHeight = 36

    public var tabBar: Rect
    public var panes: [PaneID: Rect]
    public var status: Rect
    public var bottomLine: Rect
    public var isWide: Bool
    public var isTooSmall: Bool

    public static func make(width: Int, height: Int, focus: PaneID) -> ConsoleLayout {
        let full = Rect(x: 0, y: 0, width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            return ConsoleLayout(tabBar: full, panes: [:], status: Rect(x: 0, y: 0, width: 0, height: 0),
                                 bottomLine: Rect(x: 0, y: 0, width: 0, height: 0), isWide: false, isTooSmall: true)
        }
        let rows = Layout.vertical(full, [.fixed(1), .fill(1), .fixed(1), .fixed(1)])
        let body = rows[1]
        var panes: [PaneID: Rect] = [:]
        let wide = width >= wideWidth && height >= wideHeight
        if wide {
            let columns = Layout.horizontal(body, [.fill(1), .fill(1)])
            let left = Layout.vertical(columns[0], [.fill(3), .fill(4), .fill(3)])
            let right = Layout.vertical(columns[1], [.fill(3), .fill(2)])
            panes = [.phase1: left[0], .phase2: left[1], .engine: left[2], .debug: right[0], .findings: right[1]]
        } else {
            panes = [focus: body]
        }
        return ConsoleLayout(tabBar: rows[0], panes: panes, status: rows[2], bottomLine: rows[3], isWide: wide, isTooSmall: false)
    }

    /// Rows available for data in `pane` (inside the frame, below a table header).
    public func dataRows(_ pane: PaneID) -> Int {
        guard let r = panes[pane] else { return 1 }
        let inner = r.inner.height
        return max(1, pane == .debug ? inner : inner - 1)
    }
}
