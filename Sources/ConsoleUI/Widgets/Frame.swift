/// A box around a pane with a title on the top edge and optional info on the right.
public enum Frame {
    public static func draw(into screen: inout Screen, area: Rect, title: String, info: String = "", focused: Bool) {
        guard area.width >= 2, area.height >= 2 else { return }
        let role: StyleRole = focused ? .frameFocused : .frame
        let h = String(repeating: "─", count: area.width - 2)
        screen.put("┌" + h + "┐", x: area.x, y: area.y, role: role)
        for y in (area.y + 1)..<(area.maxY - 1) {
            screen.put("│", x: area.x, y: y, role: role)
            screen.put("│", x: area.maxX - 1, y: y, role: role)
        }
        screen.put("└" + h + "┘", x: area.x, y: area.maxY - 1, role: role)
        let room = area.width - 4
        guard room > 0 else { return }
        let titleText = " \(title) ".truncated(toColumns: room)
        let used = screen.put(titleText, x: area.x + 2, y: area.y, role: focused ? .title : .header)
        if !info.isEmpty {
            let infoText = " \(info) "
            let left = room - used - 1
            if left > 4 {
                let cut = infoText.truncated(toColumns: left)
                screen.put(cut, x: area.maxX - 2 - DisplayWidth.of(cut), y: area.y, role: .dim)
            }
        }
    }
}
