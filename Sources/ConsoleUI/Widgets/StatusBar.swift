import Foundation

/// The status line: device and transport, connection state (with the reconnect
/// countdown), privilege, which debugs are on (loudly), poll interval, snapshot age.
public enum StatusBar {
    public struct Segment: Equatable {
        public var text: String
        public var role: StyleRole
        /// Segments with a higher number are left out first when the line is too narrow.
        public var dropOrder = 0
    }

    public static func segments(_ s: ConsoleState) -> [Segment] {
        var out: [Segment] = []
        let c = s.connection
        let device = s.width < 100 ? c.device.truncated(toColumns: 16) : c.device
        out.append(Segment(text: "\(device) · \(c.transport)", role: .statusBar))
        switch c.state {
        case .connecting: out.append(Segment(text: "… connecting", role: .statusBar))
        case .connected: out.append(Segment(text: "● connected", role: .statusBar))
        case .disconnected(let reason): out.append(Segment(text: "✗ disconnected: \(reason)", role: .statusAlert))
        case .reconnecting(let at):
            let left = max(0, Int(at.timeIntervalSince(s.now).rounded(.up)))
            out.append(Segment(text: "↻ reconnecting in \(left)s", role: .statusAlert))
        case .replay(let finished): out.append(Segment(text: finished ? "read-only · end of log" : "read-only · reading…", role: .statusBar))
        }
        if let p = c.privilege { out.append(Segment(text: "priv \(p)", role: .statusBar, dropOrder: 2)) }
        if s.debugs.isEmpty {
            out.append(Segment(text: "debug off", role: .statusBar))
        } else {
            out.append(Segment(text: "▲ DEBUG ON: \(s.debugs.sorted().map(\.rawValue).joined(separator: " "))", role: .statusAlert))
        }
        if !c.isReadOnly { out.append(Segment(text: "poll \(NetworkText.duration(s.pollInterval))", role: .statusBar, dropOrder: 3)) }
        if let taken = s.history.current?.takenAt {
            out.append(Segment(text: "snapshot \(NetworkText.duration(s.now.timeIntervalSince(taken))) ago", role: .statusBar, dropOrder: 1))
        } else {
            out.append(Segment(text: "no snapshot yet", role: .statusBar, dropOrder: 1))
        }
        return out
    }

    public static func draw(into screen: inout Screen, area: Rect, state: ConsoleState) {
        screen.fill(area, role: .statusBar)
        var segments = segments(state)
        func width() -> Int { segments.reduce(0) { $0 + DisplayWidth.of($1.text) } + 3 * (segments.count - 1) + 1 }
        while width() > area.width, let drop = segments.indices.filter({ segments[$0].dropOrder > 0 }).max(by: {
            segments[$0].dropOrder < segments[$1].dropOrder
        }) {
            segments.remove(at: drop)
        }
        var x = area.x + 1
        for (i, seg) in segments.enumerated() {
            if i > 0 { x += screen.put(" │ ", x: x, y: area.y, role: .statusBar, maxWidth: area.maxX - x) }
            x += screen.put(seg.text, x: x, y: area.y, role: seg.role, maxWidth: area.maxX - x)
            if x >= area.maxX { break }
        }
    }
}

/// The bottom line: the command or search being typed, a notice, or key hints from the key table.
public enum BottomLine {
    public static let noticeSeconds: TimeInterval = 6

    public static func draw(into screen: inout Screen, area: Rect, state: ConsoleState) {
        screen.fill(area, role: .text)
        switch state.mode {
        case .command(let editor):
            drawInput(":", editor, into: &screen, area: area)
            return
        case .search(let editor, _):
            drawInput("/", editor, into: &screen, area: area)
            return
        case .normal:
            break
        }
        if let notice = state.notice, state.now.timeIntervalSince(notice.at) < noticeSeconds {
            screen.put((notice.isError ? "✗ " : "") + notice.text, x: area.x + 1, y: area.y,
                       role: notice.isError ? .error : .text, maxWidth: area.width - 1)
            return
        }
        var x = area.x + 1
        for hint in KeyTable.hints(for: state.focus) {
            guard x + DisplayWidth.of(hint.key) + DisplayWidth.of(hint.text) + 1 < area.maxX else { break }
            x += screen.put(hint.key, x: x, y: area.y, role: .keyHint)
            x += screen.put(" " + hint.text + "  ", x: x, y: area.y, role: .dim, maxWidth: area.maxX - x)
        }
    }

    static func drawInput(_ prompt: String, _ editor: LineEditor, into screen: inout Screen, area: Rect) {
        let room = area.width - 2
        var text = editor.text
        var cursorColumn = DisplayWidth.of(String(text.prefix(editor.cursor)))
        // Keep the cursor in view on long input by dropping characters from the left.
        while cursorColumn >= room, !text.isEmpty {
            cursorColumn -= DisplayWidth.of(text.removeFirst())
        }
        screen.put(prompt, x: area.x, y: area.y, role: .keyHint)
        screen.put(text, x: area.x + 1, y: area.y, role: .input, maxWidth: room)
        screen.cursor = (x: area.x + 1 + cursorColumn, y: area.y)
    }
}
