import Foundation

/// The console's one state transition: pure, so every key and message can be tested by
/// comparing states and effects.
public enum ConsoleUpdate {
    public static func update(_ state: ConsoleState, _ msg: ConsoleMsg) -> (ConsoleState, [ConsoleEffect]) {
        var s = state
        let effects = update(&s, msg)
        return (s, effects)
    }

    public static func update(_ s: inout ConsoleState, _ msg: ConsoleMsg) -> [ConsoleEffect] {
        switch msg {
        case .key(let key):
            return handleKey(&s, key)
        case .mouse(let event):
            handleMouse(&s, event)
        case .resize(let width, let height):
            s.width = width; s.height = height
            clampAll(&s)
        case .tick(let now):
            s.now = now
        case .snapshot(let snapshot):
            let keys = selectedKeys(s)
            s.history.record(snapshot)
            if snapshot.takenAt > s.now { s.now = snapshot.takenAt }
            restoreSelection(&s, keys)
        case .debugLines(let lines):
            for line in lines { s.debugLog.append(line) }
            if let top = s.debugTop, top < s.debugLog.firstSeq { s.debugTop = s.debugLog.firstSeq }
        case .evidenceMarks(let marks):
            s.debugLog.mark(marks)
        case .connection(let info):
            s.connection = info
        case .debugsChanged(let kinds):
            s.debugs = kinds
        case .pollIntervalChanged(let seconds):
            s.pollInterval = seconds
        case .findings(let items):
            let key = selectedFindingId(s)
            s.findings = items
            if let key, let i = s.sortedFindings.firstIndex(where: { $0.id == key }) { s.cursors[.findings, default: ListCursor()].selected = i }
            clampAll(&s)
        case .themeLoaded(let theme):
            s.theme = theme
            notify(&s, "theme \(theme.name)")
        case .themesAvailable(let names):
            s.themeNames = names
        case .askPassword(let question):
            s.overlay = .dialog(.password(question, typed: ""))
        case .askHostKey(let question):
            s.overlay = .dialog(.hostKey(question))
        case .notice(let text, let isError):
            notify(&s, text, isError: isError)
        case .walkthrough(let progress):
            WalkthroughKeys.receive(&s, progress)
        case .confirmDisruptive(let command, let reason):
            s.overlay = .dialog(.confirm(title: "Disruptive command", message: [
                "\(command)",
                "is not read-only: \(reason).",
                "Send it to the device?",
            ], effects: [.executeConfirmed(command)]))
        case .comparison(let pane):
            s.comparison = pane
            s.walkthrough?.isVisible = false
            notify(&s, pane.result.isClean ? "compared: no mismatch" : "compared: \(pane.result.mismatches.count) mismatch(es); Enter on one shows its fix steps",
                   isError: !pane.result.isClean)
        case .comparisonFailed(let failure):
            failure.present(&s)
        case .quitRequested:
            return (s.debugs.isEmpty ? [] : [.debugOff]) + [.quit]
        }
        return []
    }

    // MARK: Keys

    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [ConsoleEffect] {
        if key == .ctrl("c") { return requestQuit(&s, force: false) }
        if let overlay = s.overlay { return handleOverlayKey(&s, overlay, key) }
        switch s.mode {
        case .command(var editor):
            return handleCommandKey(&s, &editor, key)
        case .search(var editor, let pane):
            handleSearchKey(&s, &editor, pane: pane, key)
            return []
        case .normal:
            break
        }
        s.notice = nil
        if let effects = WalkthroughKeys.handle(&s, key) { return effects }
        if s.comparison != nil { return ComparisonPane.handleKey(&s, key) }
        guard let action = KeyTable.action(for: key, in: s.focus) else { return [] }
        return perform(&s, action)
    }

    static func perform(_ s: inout ConsoleState, _ action: Action) -> [ConsoleEffect] {
        let layout = ConsoleLayout.make(width: s.width, height: s.height, focus: s.focus)
        let page = layout.dataRows(s.focus)
        switch action {
        case .quit: return requestQuit(&s, force: false)
        case .help: s.overlay = .help(offset: 0)
        case .nextPane: s.focus = s.focus.next
        case .previousPane: s.focus = s.focus.previous
        case .focusPhase1: s.focus = .phase1
        case .focusPhase2: s.focus = .phase2
        case .focusEngine: s.focus = .engine
        case .focusDebug: s.focus = .debug
        case .focusFindings: s.focus = .findings
        case .up: move(&s, by: -1)
        case .down: move(&s, by: 1)
        case .pageUp: move(&s, by: -page)
        case .pageDown: move(&s, by: page)
        case .top: move(&s, by: Int.min / 2)
        case .bottom:
            if s.focus == .debug { s.debugTop = nil } else { move(&s, by: Int.max / 2) }
        case .open: openDetail(&s)
        case .back:
            s.searches[s.focus] = nil
            if s.focus == .debug { s.debugMark = nil }
        case .commandLine: s.mode = .command(LineEditor())
        case .search: s.mode = .search(LineEditor(), pane: s.focus)
        case .searchNext: searchAgain(&s, forward: true)
        case .searchPrevious: searchAgain(&s, forward: false)
        case .toggleFollow:
            if s.isFollowing {
                s.debugTop = debugTopSeq(s)
                notify(&s, "debug stream paused (f or G to follow)")
            } else {
                s.debugTop = nil
            }
        case .cycleClassFilter:
            let order: [DebugClass?] = [nil] + DebugClass.allCases.map { Optional($0) }
            let current = s.debugLog.filter.kind
            let next = order[(order.firstIndex(of: current)! + 1) % order.count]
            s.debugLog.setFilter(DebugFilter(kind: next, peer: s.debugLog.filter.peer))
            notify(&s, next.map { "debug stream: \($0.rawValue) lines only" } ?? "debug stream: all classes")
        case .jumpToEvidence: jumpToEvidence(&s)
        case .redraw: return [.redraw]
        case .walkMenu: return WalkthroughMenu.open(&s)
        case .toggleStep, .walkStep, .walkAll, .walkPause, .walkSkip, .walkBack, .walkRerun, .nextMismatch:
            break // the walkthrough and comparison panes' own keys (WalkthroughKeys, ComparisonPane)
        }
        clampAll(&s)
        return []
    }

    static func requestQuit(_ s: inout ConsoleState, force: Bool) -> [ConsoleEffect] {
        if s.debugs.isEmpty || force { return s.debugs.isEmpty ? [.quit] : [.debugOff, .quit] }
        let on = s.debugs.sorted().map(\.rawValue).joined(separator: ", ")
        s.overlay = .dialog(.confirm(title: "Quit", message: [
            "Debugs are still on: \(on).",
            "They keep loading the device after the console leaves.",
            "Turn them off and quit?",
        ], effects: [.debugOff, .quit]))
        return []
    }

    static func handleOverlayKey(_ s: inout ConsoleState, _ overlay: ConsoleState.Overlay, _ key: Key) -> [ConsoleEffect] {
        let pageSize = Overlays.visibleRows(height: s.height)
        switch overlay {
        case .help(let offset):
            switch key {
            case .escape, .char("q"), .char("?"), .function(1), .enter: s.overlay = nil
            default:
                let total = Overlays.wrappedHelp(width: s.width, height: s.height).count
                s.overlay = .help(offset: scroll(offset, key, page: pageSize, total: total))
            }
        case .detail(let title, let lines, let offset):
            switch key {
            case .escape, .char("q"), .enter: s.overlay = nil
            default:
                let total = Overlays.wrappedDetail(lines, width: s.width, height: s.height).count
                s.overlay = .detail(title: title, lines: lines, offset: scroll(offset, key, page: pageSize, total: total))
            }
        case .dialog(let dialog):
            return handleDialogKey(&s, dialog, key)
        case .walkMenu(let menu):
            return WalkthroughMenu.handleKey(&s, menu, key)
        }
        return []
    }

    static func scroll(_ offset: Int, _ key: Key, page: Int, total: Int) -> Int {
        var o = offset
        switch key {
        case .up, .char("k"): o -= 1
        case .down, .char("j"): o += 1
        case .pageUp: o -= page
        case .pageDown, .char(" "): o += page
        case .home, .char("g"): o = 0
        case .end, .char("G"): o = total
        default: break
        }
        return max(0, min(o, max(0, total - page)))
    }

    static func handleDialogKey(_ s: inout ConsoleState, _ dialog: Dialog, _ key: Key) -> [ConsoleEffect] {
        switch dialog {
        case .password(let question, var typed):
            switch key {
            case .enter: s.overlay = nil; return [.answerPassword(id: question.id, password: typed)]
            case .escape: s.overlay = nil; return [.answerPassword(id: question.id, password: nil)]
            case .backspace: if !typed.isEmpty { typed.removeLast() }
            case .ctrl("u"): typed = ""
            case .char(let c): typed.append(c)
            default: break
            }
            s.overlay = .dialog(.password(question, typed: typed))
        case .hostKey(let question):
            let decision: HostKeyDecision?
            switch key {
            case .char("r"), .escape: decision = .reject
            case .char("a") where !question.changed: decision = .acceptOnce
            case .char("s") where !question.changed: decision = .acceptAndSave
            case .char("A") where question.changed: decision = .acceptOnce
            default: decision = nil
            }
            if let decision {
                s.overlay = nil
                return [.answerHostKey(id: question.id, decision: decision)]
            }
        case .confirm(_, _, let effects):
            switch key {
            case .char("y"), .char("Y"), .enter: s.overlay = nil; return effects
            case .char("n"), .char("N"), .escape, .char("q"): s.overlay = nil
            default: break
            }
        }
        return []
    }

    static func handleCommandKey(_ s: inout ConsoleState, _ editor: inout LineEditor, _ key: Key) -> [ConsoleEffect] {
        switch key {
        case .escape:
            s.mode = .normal
        case .enter:
            s.mode = .normal
            let line = editor.text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return [] }
            s.commandHistory.append(line)
            switch CommandInterpreter.parse(line) {
            case .success(let command): return run(&s, command)
            case .failure(let error): notify(&s, error.message, isError: true)
            }
        case .tab:
            let completion = CommandCompleter.complete(editor.text, themes: s.themeNames, walkthroughs: s.walkthroughNames)
            editor = LineEditor(completion.text)
            s.mode = .command(editor)
            if !completion.candidates.isEmpty { notify(&s, completion.candidates.joined(separator: "  ")) }
        case .up:
            if let last = s.commandHistory.last { s.mode = .command(LineEditor(last)) }
        case .backspace where editor.text.isEmpty:
            s.mode = .normal
        default:
            if editor.apply(key) { s.mode = .command(editor) }
        }
        return []
    }

    static func run(_ s: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect] {
        switch command {
        case .debugOn(let kinds):
            guard !s.connection.isReadOnly else { notify(&s, "a replay is read-only: debugs cannot be switched", isError: true); return [] }
            notify(&s, "turning on debug \(kinds.map(\.rawValue).joined(separator: ", "))…")
            return [.debugOn(kinds)]
        case .debugOff:
            guard !s.connection.isReadOnly else { notify(&s, "a replay is read-only: debugs cannot be switched", isError: true); return [] }
            notify(&s, "turning all debugs off…")
            return [.debugOff]
        case .peer(let peer):
            s.debugLog.setFilter(DebugFilter(kind: s.debugLog.filter.kind, peer: peer))
            notify(&s, peer.map { "debug stream: lines about \($0) only" } ?? "debug stream: all peers")
            clampAll(&s)
            if !s.connection.isReadOnly { return [.focusPeer(peer)] }
        case .poll(let seconds):
            guard !s.connection.isReadOnly else { notify(&s, "a replay is read-only: there is no polling", isError: true); return [] }
            s.pollInterval = seconds
            return [.setPollInterval(seconds)]
        case .theme(let name):
            return [.loadTheme(name)]
        case .exec(let text):
            guard !s.connection.isReadOnly else { notify(&s, "a replay is read-only: commands cannot be sent", isError: true); return [] }
            return [.execute(text)]
        case .log(let path):
            return [.startLog(path: path)]
        case .export(let path):
            guard var report = s.history.current?.report else { notify(&s, "nothing to export yet: no snapshot", isError: true); return [] }
            report.findings = s.sortedFindings.map(\.finding)
            report.comparison = s.comparison?.result
            report.walkthrough = s.walkthrough?.progress.report
            return [.export(path: path, report: report)]
        case .walk(let name, let peer):
            guard !s.connection.isReadOnly else { notify(&s, "a replay is read-only: a walkthrough needs a live session", isError: true); return [] }
            if !s.walkthroughNames.isEmpty, !s.walkthroughNames.contains(name) {
                notify(&s, "no walkthrough \(name) (known: \(s.walkthroughNames.joined(separator: ", ")))", isError: true)
                return []
            }
            s.comparison = nil
            return [.startWalkthrough(name, peer: peer)]
        case .walkMenu:
            return WalkthroughMenu.open(&s)
        case .compare(let other):
            guard !s.connection.isReadOnly else { notify(&s, "a replay is read-only: compare saved configurations with ipsec-console compare A B", isError: true); return [] }
            notify(&s, "fetching both running-configs to compare with \(other)…")
            return [.compare(other)]
        case .help:
            s.overlay = .help(offset: 0)
        case .quit:
            return requestQuit(&s, force: false)
        }
        return []
    }

    static func handleSearchKey(_ s: inout ConsoleState, _ editor: inout LineEditor, pane: PaneID, _ key: Key) {
        switch key {
        case .escape:
            s.mode = .normal
            s.searches[pane] = nil
        case .enter:
            s.mode = .normal
            s.searches[pane] = editor.text.isEmpty ? nil : editor.text
            if !editor.text.isEmpty { search(&s, pane: pane, pattern: editor.text, forward: true, includeCurrent: true) }
        default:
            if editor.apply(key) {
                s.mode = .search(editor, pane: pane)
                s.searches[pane] = editor.text.isEmpty ? nil : editor.text
            }
        }
    }

    // MARK: Movement

    static func rowCount(_ s: ConsoleState, _ pane: PaneID) -> Int {
        guard let report = s.history.current?.report else {
            return pane == .findings ? s.findings.count : pane == .debug ? s.debugLog.visibleCount : 0
        }
        switch pane {
        case .phase1: return report.isakmpSas.count + report.ikev2Sas.count
        case .phase2: return report.ipsecSas.count
        case .engine: return report.engineConnections.count
        case .debug: return s.debugLog.visibleCount
        case .findings: return s.findings.count
        }
    }

    static func move(_ s: inout ConsoleState, by delta: Int) {
        let layout = ConsoleLayout.make(width: s.width, height: s.height, focus: s.focus)
        if s.focus == .debug {
            let h = layout.dataRows(.debug)
            let n = s.debugLog.visibleCount
            let bottom = max(0, n - h)
            let top = s.debugTop.map { s.debugLog.position(ofSeq: $0) } ?? bottom
            let newTop = max(0, min(bottom, top + delta.clamped(-n - 1, n + 1)))
            s.debugTop = s.debugLog.seq(atPosition: newTop) ?? s.debugLog.firstSeq
            return
        }
        var c = s.cursor(s.focus)
        c.move(by: delta.clamped(-1_000_000, 1_000_000), count: rowCount(s, s.focus), visible: layout.dataRows(s.focus))
        s.cursors[s.focus] = c
        if s.focus == .findings { s.evidenceIndex = 0 }
    }

    static func clampAll(_ s: inout ConsoleState) {
        let layout = ConsoleLayout.make(width: s.width, height: s.height, focus: s.focus)
        for pane in [PaneID.phase1, .phase2, .engine, .findings] {
            var c = s.cursor(pane)
            c.clamp(count: rowCount(s, pane), visible: layout.dataRows(pane))
            s.cursors[pane] = c
        }
    }

    /// Sequence number of the debug pane's top row as drawn now.
    static func debugTopSeq(_ s: ConsoleState) -> Int {
        let layout = ConsoleLayout.make(width: s.width, height: s.height, focus: s.focus)
        let h = layout.dataRows(.debug)
        let position = s.debugTop.map { s.debugLog.position(ofSeq: $0) } ?? max(0, s.debugLog.visibleCount - h)
        return s.debugLog.seq(atPosition: position) ?? s.debugLog.nextSeq
    }

    static func handleMouse(_ s: inout ConsoleState, _ event: MouseEvent) {
        let layout = ConsoleLayout.make(width: s.width, height: s.height, focus: s.focus)
        guard s.overlay == nil, s.mode == .normal else { return }
        guard let (pane, rect) = layout.panes.first(where: { $0.value.contains(x: event.x, y: event.y) }) else {
            if event.kind == .press, layout.tabBar.contains(x: event.x, y: event.y),
               let pane = TabBar.pane(at: event.x, width: s.width, counts: ConsoleView.counts(s)) {
                s.focus = pane
            }
            return
        }
        s.focus = pane
        switch event.kind {
        case .scrollUp: move(&s, by: -3)
        case .scrollDown: move(&s, by: 3)
        case .press:
            guard pane != .debug else { return }
            let row = event.y - (rect.y + 2)
            guard row >= 0 else { return }
            var c = s.cursor(pane)
            c.selected = c.offset + row
            c.clamp(count: rowCount(s, pane), visible: layout.dataRows(pane))
            s.cursors[pane] = c
        }
    }

    // MARK: Details, search, evidence

    static func openDetail(_ s: inout ConsoleState) {
        let i = s.cursor(s.focus).selected
        let detail: (title: String, lines: [String])?
        switch s.focus {
        case .phase1: detail = Phase1Row.detail(s.history, index: i)
        case .phase2: detail = Phase2Row.detail(s.history, index: i)
        case .engine: detail = EngineRow.detail(s.history, index: i)
        case .findings:
            let items = s.sortedFindings
            detail = i < items.count ? FindingsRow.detail(items[i], now: s.now) : nil
        case .debug: detail = debugLineDetail(s)
        }
        if let detail { s.overlay = .detail(title: detail.title, lines: detail.lines, offset: 0) }
    }

    /// The marked debug line (search or evidence), else the newest one shown: whole, wrapped.
    static func debugLineDetail(_ s: ConsoleState) -> (title: String, lines: [String])? {
        let layout = ConsoleLayout.make(width: s.width, height: s.height, focus: s.focus)
        let h = layout.dataRows(.debug)
        let seq: Int?
        if let mark = s.debugMark, s.debugLog.line(seq: mark) != nil {
            seq = mark
        } else {
            let top = s.debugTop.map { s.debugLog.position(ofSeq: $0) } ?? max(0, s.debugLog.visibleCount - h)
            seq = s.debugLog.seq(atPosition: min(s.debugLog.visibleCount - 1, top + h - 1))
        }
        guard let seq, let line = s.debugLog.line(seq: seq) else { return nil }
        var facts = ["class \(line.kind.rawValue)"]
        if let peer = line.peer { facts.append("peer \(peer)") }
        return ("Debug line \(line.sourceLine.map(String.init) ?? "")", [facts.joined(separator: ", "), "", line.text])
    }

    static func searchAgain(_ s: inout ConsoleState, forward: Bool) {
        guard let pattern = s.searches[s.focus] else { notify(&s, "no search yet: / to search"); return }
        search(&s, pane: s.focus, pattern: pattern, forward: forward, includeCurrent: false)
    }

    static func search(_ s: inout ConsoleState, pane: PaneID, pattern: String, forward: Bool, includeCurrent: Bool) {
        if pane == .debug {
            let layout = ConsoleLayout.make(width: s.width, height: s.height, focus: s.focus)
            let h = layout.dataRows(.debug)
            let from: Int
            if let mark = s.debugMark, s.debugLog.line(seq: mark) != nil {
                from = s.debugLog.position(ofSeq: mark) + (includeCurrent ? -1 : 0)
            } else {
                let top = s.debugTop.map { s.debugLog.position(ofSeq: $0) } ?? max(0, s.debugLog.visibleCount - h)
                from = forward ? top - 1 : top + h
            }
            guard let p = s.debugLog.search(pattern, from: from, forward: forward) else {
                notify(&s, "not found: \(pattern)", isError: true); return
            }
            s.debugMark = s.debugLog.seq(atPosition: p)
            let top = max(0, min(p - h / 2, max(0, s.debugLog.visibleCount - h)))
            s.debugTop = s.debugLog.seq(atPosition: top)
            return
        }
        let model = tableModel(s, pane)
        let n = model.rows.count
        guard n > 0 else { notify(&s, "not found: \(pattern)", isError: true); return }
        let start = s.cursor(pane).selected
        for step in (includeCurrent ? 0 : 1)...n {
            let i = ((start + (forward ? step : -step)) % n + n) % n
            if model.rows[i].searchText.range(of: pattern, options: .caseInsensitive) != nil {
                s.cursors[pane, default: ListCursor()].selected = i
                clampAll(&s)
                return
            }
        }
        notify(&s, "not found: \(pattern)", isError: true)
    }

    static func jumpToEvidence(_ s: inout ConsoleState) {
        let items = s.sortedFindings
        let i = s.cursor(.findings).selected
        guard i < items.count, !items[i].evidenceLines.isEmpty else { notify(&s, "this finding cites no debug lines", isError: true); return }
        let lines = items[i].evidenceLines
        let which = s.evidenceIndex % lines.count
        let number = lines[which]
        s.evidenceIndex += 1
        guard let seq = s.debugLog.seq(ofSourceLine: number) else {
            notify(&s, "line \(number) is no longer in the scrollback", isError: true); return
        }
        if let line = s.debugLog.line(seq: seq), !s.debugLog.filter.matches(line) {
            s.debugLog.setFilter(DebugFilter())
            notify(&s, "filter cleared to show the evidence")
        }
        s.focus = .debug
        let layout = ConsoleLayout.make(width: s.width, height: s.height, focus: .debug)
        let h = layout.dataRows(.debug)
        let p = s.debugLog.position(ofSeq: seq)
        s.debugMark = seq
        s.debugTop = s.debugLog.seq(atPosition: max(0, min(p - h / 2, max(0, s.debugLog.visibleCount - h))))
        notify(&s, "evidence \(which + 1)/\(lines.count): line \(number)")
    }

    static func tableModel(_ s: ConsoleState, _ pane: PaneID) -> TableModel {
        switch pane {
        case .phase1: return Phase1Row.model(s.history, now: s.now)
        case .phase2: return Phase2Row.model(s.history, now: s.now)
        case .engine: return EngineRow.model(s.history)
        case .findings, .debug: return FindingsRow.model(s.sortedFindings, now: s.now)
        }
    }

    static func selectedKeys(_ s: ConsoleState) -> [PaneID: String] {
        var keys: [PaneID: String] = [:]
        for pane in [PaneID.phase1, .phase2, .engine] {
            let rows = tableModel(s, pane).rows
            let i = s.cursor(pane).selected
            if i < rows.count { keys[pane] = rows[i].key }
        }
        return keys
    }

    static func restoreSelection(_ s: inout ConsoleState, _ keys: [PaneID: String]) {
        for (pane, key) in keys {
            if let i = tableModel(s, pane).rows.firstIndex(where: { $0.key == key }) {
                s.cursors[pane, default: ListCursor()].selected = i
            }
        }
        clampAll(&s)
    }

    static func selectedFindingId(_ s: ConsoleState) -> String? {
        let items = s.sortedFindings
        let i = s.cursor(.findings).selected
        return i < items.count ? items[i].id : nil
    }

    static func notify(_ s: inout ConsoleState, _ text: String, isError: Bool = false) {
        s.notice = ConsoleState.Notice(text: ScreenTextSanitizer.sanitize(text), isError: isError, at: s.now)
    }
}

extension Int {
    func clamped(_ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(self, lo), hi) }
}
