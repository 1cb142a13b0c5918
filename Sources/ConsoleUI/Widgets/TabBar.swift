/// The top line: the program name and the panes with their number keys.
public enum TabBar {
    static let name = " ipsec-console "

    static func label(_ pane: PaneID) -> String { " \(pane.rawValue) \(pane.title) " }

    public static func draw(into screen: inout Screen, area: Rect, focus: PaneID, counts: [PaneID: Int]) {
        screen.fill(area, role: .statusBar)
        var x = area.x + screen.put(name, x: area.x, y: area.y, role: .title)
        for pane in PaneID.allCases {
            x += 1
            var text = label(pane)
            if let n = counts[pane], area.width >= 100 { text = " \(pane.rawValue) \(pane.title) (\(n)) " }
            x += screen.put(text, x: x, y: area.y, role: pane == focus ? .selection : .statusBar, maxWidth: area.maxX - x)
        }
    }

    /// The pane whose tab is at column `x` (mouse clicks), for the short labels.
    public static func pane(at x: Int, width: Int) -> PaneID? {
        var start = DisplayWidth.of(name)
        for pane in PaneID.allCases {
            start += 1
            let w = DisplayWidth.of(label(pane))
            if x >= start && x < start + w { return pane }
            start += w
        }
        return nil
    }
}
