/// The top line: the program name and the panes with their number keys.
public enum TabBar {
    static let name = " ipsec-console "

    /// Row counts are shown from this width on.
    static let countsWidth = 100

    static func label(_ pane: PaneID, count: Int?, width: Int) -> String {
        if let count, width >= countsWidth { return " \(pane.rawValue) \(pane.title) (\(count)) " }
        return " \(pane.rawValue) \(pane.title) "
    }

    public static func draw(into screen: inout Screen, area: Rect, focus: PaneID, counts: [PaneID: Int]) {
        screen.fill(area, role: .statusBar)
        var x = area.x + screen.put(name, x: area.x, y: area.y, role: .title)
        for pane in PaneID.allCases {
            x += 1
            let text = label(pane, count: counts[pane], width: area.width)
            x += screen.put(text, x: x, y: area.y, role: pane == focus ? .selection : .statusBar, maxWidth: area.maxX - x)
        }
    }

    /// The pane whose tab is at column `x` (mouse clicks), laid out as `draw` does.
    public static func pane(at x: Int, width: Int, counts: [PaneID: Int]) -> PaneID? {
        var start = DisplayWidth.of(name)
        for pane in PaneID.allCases {
            start += 1
            let w = DisplayWidth.of(label(pane, count: counts[pane], width: width))
            if x >= start && x < start + w { return pane }
            start += w
        }
        return nil
    }
}
