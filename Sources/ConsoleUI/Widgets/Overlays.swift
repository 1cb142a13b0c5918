/// Boxes drawn over the panes: help, detail views and dialogs.
public enum Overlays {
    /// Inside the pane frames, above the status bar.
    public static func area(width: Int, height: Int) -> Rect {
        Rect(x: 1, y: 2, width: width - 2, height: height - 5)
    }

    static let helpWidth = 84
    static let detailWidth = 100

    /// The detail view's lines as drawn (wrapped to the box) for a terminal size.
    public static func wrappedDetail(_ lines: [String], width: Int, height: Int) -> [String] {
        let box = area(width: width, height: height)
        let inner = min(detailWidth, box.width) - 4
        return lines.flatMap { TextWrap.wrap($0, width: inner) }
    }

    /// The help's lines as drawn, descriptions wrapped under their column.
    public static func wrappedHelp(width: Int, height: Int) -> [(text: String, role: StyleRole)] {
        let inner = min(helpWidth, area(width: width, height: height).width) - 4
        return HelpContent.lines().flatMap { line in
            TextWrap.wrap(line.text, width: inner, hangingIndent: HelpContent.descriptionColumn).map { ($0, line.role) }
        }
    }

    /// Rows of text a scroll box shows at a terminal size.
    public static func visibleRows(height: Int) -> Int { max(1, area(width: 80, height: height).height - 2) }

    public static func draw(into screen: inout Screen, overlay: ConsoleState.Overlay, area: Rect) {
        switch overlay {
        case .help(let offset):
            let lines = wrappedHelp(width: area.width + 2, height: area.height + 5)
            scrollBox(into: &screen, area: area, width: helpWidth, title: "Help", lines: lines, offset: offset,
                      footer: "↑↓ scroll · esc close")
        case .detail(let title, let lines, let offset):
            let inner = min(detailWidth, area.width) - 4
            let wrapped = lines.flatMap { TextWrap.wrap($0, width: inner) }
            scrollBox(into: &screen, area: area, width: detailWidth, title: title, lines: wrapped.map { ($0, StyleRole.dialog) },
                      offset: offset, footer: "↑↓ scroll · esc close")
        case .dialog(let dialog):
            DialogView.draw(into: &screen, dialog: dialog, area: area)
        case .walkMenu(let menu):
            WalkthroughMenuView.draw(into: &screen, menu: menu, area: area)
        }
    }

    static func scrollBox(into screen: inout Screen, area: Rect, width: Int, title: String,
                          lines: [(text: String, role: StyleRole)], offset: Int, footer: String) {
        let box = area.centered(width: min(width, area.width), height: area.height)
        guard box.width >= 10, box.height >= 4 else { return }
        screen.fill(box, role: .dialog)
        let more = lines.count > box.inner.height ? " \(min(lines.count, offset + 1))-\(min(lines.count, offset + box.inner.height))/\(lines.count)" : ""
        drawBorder(into: &screen, box: box, title: title, info: more)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        for row in 0..<inner.height {
            let i = offset + row
            guard i < lines.count else { break }
            screen.put(lines[i].text, x: inner.x, y: inner.y + row, role: lines[i].role, maxWidth: inner.width)
        }
        let f = " \(footer) ".truncated(toColumns: box.width - 4)
        screen.put(f, x: box.maxX - 2 - DisplayWidth.of(f), y: box.maxY - 1, role: .dialog)
    }

    static func drawBorder(into screen: inout Screen, box: Rect, title: String, info: String = "") {
        let h = String(repeating: "─", count: box.width - 2)
        screen.put("┌" + h + "┐", x: box.x, y: box.y, role: .dialog)
        for y in (box.y + 1)..<(box.maxY - 1) {
            screen.put("│", x: box.x, y: y, role: .dialog)
            screen.put("│", x: box.maxX - 1, y: y, role: .dialog)
        }
        screen.put("└" + h + "┘", x: box.x, y: box.maxY - 1, role: .dialog)
        let used = screen.put(" \(title) ".truncated(toColumns: box.width - 4), x: box.x + 2, y: box.y, role: .dialogTitle)
        if !info.isEmpty, box.width - 4 - used > DisplayWidth.of(info) + 1 {
            screen.put(info + " ", x: box.maxX - 2 - DisplayWidth.of(info) - 1, y: box.y, role: .dialog)
        }
    }
}

/// Password, host-key and confirmation dialogs.
public enum DialogView {
    public static func draw(into screen: inout Screen, dialog: Dialog, area: Rect) {
        var lines: [(String, StyleRole)] = []
        let title: String
        var input: String?
        switch dialog {
        case .password(let question, let typed):
            title = "Password"
            lines.append((question.prompt, .dialog))
            input = String(repeating: "•", count: min(typed.count, 40))
            lines.append(("", .dialog))
            lines.append(("", .dialog))
            lines.append(("enter send · esc cancel (the password is never shown or logged)", .dialog))
        case .hostKey(let q):
            title = q.changed ? "HOST KEY CHANGED" : "Unknown host key"
            let endpoint = q.port == 22 ? q.host : "[\(q.host)]:\(q.port)"
            if q.changed {
                lines.append(("✗ The host key of \(endpoint) is not the one on file.", .error))
                lines.append(("Someone may be intercepting the connection, or the device was replaced.", .dialog))
            } else {
                lines.append(("The host key of \(endpoint) is not known yet.", .dialog))
            }
            lines.append(("", .dialog))
            lines.append(("\(q.keyType) key fingerprint:", .dialog))
            lines.append(("  \(q.fingerprint)", .dialogTitle))
            lines.append(("", .dialog))
            lines.append(("Compare it with the device's (show ip ssh / show crypto key mypubkey rsa).", .dialog))
            lines.append(("", .dialog))
            lines.append((q.changed ? "r reject (recommended) · A accept this once" : "a accept once · s accept and save · r reject", .keyHint))
        case .confirm(let t, let message, _):
            title = t
            // Long sentences wrap inside the box instead of being cut at the screen's edge.
            let room = max(20, area.width - 8)
            lines = message.flatMap { TextWrap.wrap($0, width: room) }.map { ($0, .dialog) }
            lines.append(("", .dialog))
            lines.append(("y yes · n no", .keyHint))
        }
        let contentWidth = max(DisplayWidth.of(title) + 4, lines.map { DisplayWidth.of($0.0) }.max() ?? 0)
        let box = area.centered(width: min(contentWidth + 4, area.width), height: lines.count + 2)
        guard box.width >= 10, box.height >= 3 else { return }
        screen.fill(box, role: .dialog)
        Overlays.drawBorder(into: &screen, box: box, title: title)
        for (i, line) in lines.enumerated() where i < box.height - 2 {
            screen.put(line.0, x: box.x + 2, y: box.y + 1 + i, role: line.1, maxWidth: box.width - 4)
        }
        if let input {
            let y = box.y + 2
            let width = box.width - 4
            screen.fill(Rect(x: box.x + 2, y: y, width: width, height: 1), role: .input)
            let used = screen.put(input, x: box.x + 2, y: y, role: .input, maxWidth: width - 1)
            screen.cursor = (x: box.x + 2 + used, y: y)
        }
    }
}
