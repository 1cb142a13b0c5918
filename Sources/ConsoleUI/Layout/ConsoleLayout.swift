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
            // Phase 2 has the most columns and the debug stream the longest lines: both get
            // the full width or most of it.
            let bands = Layout.vertical(body, [.fill(3), .fill(3), .fill(4)])
            let top = Layout.horizontal(bands[0], [.fill(1), .fill(1)])
            let bottom = Layout.horizontal(bands[2], [.fill(3), .fill(2)])
            panes = [.phase1: top[0], .engine: top[1], .phase2: bands[1], .debug: bottom[0], .findings: bottom[1]]
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
