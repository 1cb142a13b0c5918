/// What a key does in normal mode.
public enum Action: String, CaseIterable, Sendable {
    case quit, help, nextPane, previousPane
    case focusPhase1, focusPhase2, focusEngine, focusDebug, focusFindings
    case up, down, pageUp, pageDown, top, bottom
    case open, back, commandLine, search, searchNext, searchPrevious
    case toggleFollow, cycleClassFilter, jumpToEvidence, redraw
    /// The walkthrough menu (`w`, `:walk` alone).
    case walkMenu
    /// Walkthrough pane: expand a step, run one step / all, pause, skip, go back, rerun.
    case toggleStep, walkStep, walkAll, walkPause, walkSkip, walkBack, walkRerun
    /// Comparison pane: the next row with a mismatch.
    case nextMismatch
}

/// Where a binding applies: everywhere, or only while a kind of pane has the focus.
public enum KeyScope: String, CaseIterable, Sendable {
    case global, lists, debug, findings
    /// While the walkthrough pane is open; other keys fall through to the panes below it.
    case walkthrough
    /// While the `:compare` pane is open; other keys are ignored there.
    case comparison

    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .lists: return "Tables and lists"
        case .debug: return "Debug stream"
        case .findings: return "Findings"
        case .walkthrough: return "Walkthrough pane (:walk)"
        case .comparison: return "Comparison pane (:compare)"
        }
    }

    func applies(to pane: PaneID) -> Bool {
        switch self {
        case .global: return true
        case .lists: return true
        case .debug: return pane == .debug
        case .findings: return pane == .findings
        case .walkthrough, .comparison: return false // modal panes: see KeyTable.action(for:scope:)
        }
    }
}

/// One row of the key table: the single source of the key handling, the `?` help
/// and the hint bar (k9s' action table).
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var scope: KeyScope
    public var description: String
    /// The word shown in the hint bar at the bottom, when shown there (empty: the key alone).
    public var hint: String?
    /// Leaves the program or changes the device; help marks it.
    public var dangerous: Bool
    /// How the hint bar spells the key when not by the first key's label (`↑↓` for a pair).
    public var hintKey: String? = nil

    public var label: String { keys.map(\.label).joined(separator: "/") }
}

public enum KeyTable {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("q")], action: .quit, scope: .global, description: "quit (asks first while debugs are on)", hint: "quit", dangerous: true),
        KeyBinding(keys: [.char("?"), .function(1)], action: .help, scope: .global, description: "show or hide this help", hint: "help", dangerous: false),
        KeyBinding(keys: [.tab], action: .nextPane, scope: .global, description: "next pane", hint: nil, dangerous: false),
        KeyBinding(keys: [.backTab], action: .previousPane, scope: .global, description: "previous pane", hint: nil, dangerous: false),
        KeyBinding(keys: [.char("1")], action: .focusPhase1, scope: .global, description: "Phase 1 pane (ISAKMP / IKEv2 SAs)", hint: nil, dangerous: false),
        KeyBinding(keys: [.char("2")], action: .focusPhase2, scope: .global, description: "Phase 2 pane (IPsec flows)", hint: nil, dangerous: false),
        KeyBinding(keys: [.char("3")], action: .focusEngine, scope: .global, description: "Engine pane (crypto engine connections)", hint: nil, dangerous: false),
        KeyBinding(keys: [.char("4")], action: .focusDebug, scope: .global, description: "Debug stream pane", hint: nil, dangerous: false),
        KeyBinding(keys: [.char("5")], action: .focusFindings, scope: .global, description: "Findings pane", hint: nil, dangerous: false),
        KeyBinding(keys: [.char(":")], action: .commandLine, scope: .global, description: "command line (:debug, :peer, :poll, :theme ...)", hint: "command", dangerous: false),
        KeyBinding(keys: [.char("/")], action: .search, scope: .global, description: "search in the focused pane", hint: "search", dangerous: false),
        KeyBinding(keys: [.char("n")], action: .searchNext, scope: .global, description: "next search match", hint: nil, dangerous: false),
        KeyBinding(keys: [.char("N")], action: .searchPrevious, scope: .global, description: "previous search match", hint: nil, dangerous: false),
        KeyBinding(keys: [.ctrl("l")], action: .redraw, scope: .global, description: "redraw the screen", hint: nil, dangerous: false),
        KeyBinding(keys: [.up, .char("k")], action: .up, scope: .lists, description: "move up", hint: nil, dangerous: false),
        KeyBinding(keys: [.down, .char("j")], action: .down, scope: .lists, description: "move down", hint: nil, dangerous: false),
        KeyBinding(keys: [.pageUp, .ctrl("b")], action: .pageUp, scope: .lists, description: "page up", hint: nil, dangerous: false),
        KeyBinding(keys: [.pageDown, .ctrl("f"), .char(" ")], action: .pageDown, scope: .lists, description: "page down", hint: nil, dangerous: false),
        KeyBinding(keys: [.home, .char("g")], action: .top, scope: .lists, description: "first row", hint: nil, dangerous: false),
        KeyBinding(keys: [.end, .char("G")], action: .bottom, scope: .lists, description: "last row (debug: follow again)", hint: nil, dangerous: false),
        KeyBinding(keys: [.enter], action: .open, scope: .lists, description: "details of the selected row (debug: the marked or newest line, whole)", hint: "details", dangerous: false),
        KeyBinding(keys: [.escape], action: .back, scope: .global, description: "close, cancel, clear the search", hint: nil, dangerous: false),
        KeyBinding(keys: [.char("f")], action: .toggleFollow, scope: .debug, description: "follow new lines / pause", hint: "follow", dangerous: false),
        KeyBinding(keys: [.char("c")], action: .cycleClassFilter, scope: .debug, description: "show one class: isakmp, ipsec, engine, syslog, other, all", hint: "class", dangerous: false),
        KeyBinding(keys: [.char("e")], action: .jumpToEvidence, scope: .findings, description: "jump to the next evidence line in the debug stream", hint: "evidence", dangerous: false),
        KeyBinding(keys: [.char("w")], action: .walkMenu, scope: .global, description: "walkthrough menu: pick one for the selected peer", hint: nil, dangerous: false),

        KeyBinding(keys: [.char("n")], action: .walkStep, scope: .walkthrough, description: "run the current step, then wait", hint: "step", dangerous: false),
        KeyBinding(keys: [.char("a")], action: .walkAll, scope: .walkthrough, description: "run all remaining steps", hint: "all", dangerous: false),
        KeyBinding(keys: [.char("p")], action: .walkPause, scope: .walkthrough, description: "pause after the running step", hint: "pause", dangerous: false),
        KeyBinding(keys: [.char("s")], action: .walkSkip, scope: .walkthrough, description: "skip the current step (take its fallback branch)", hint: "skip", dangerous: false),
        KeyBinding(keys: [.char("b")], action: .walkBack, scope: .walkthrough, description: "back: undo the last step", hint: "back", dangerous: false),
        KeyBinding(keys: [.char("r")], action: .walkRerun, scope: .walkthrough, description: "rerun the last step", hint: "rerun", dangerous: false),
        KeyBinding(keys: [.up, .char("k")], action: .up, scope: .walkthrough, description: "previous step", hint: nil, dangerous: false),
        KeyBinding(keys: [.down, .char("j")], action: .down, scope: .walkthrough, description: "next step", hint: nil, dangerous: false),
        KeyBinding(keys: [.enter, .char(" ")], action: .toggleStep, scope: .walkthrough, description: "show or hide the selected step's evidence", hint: "expand", dangerous: false),
        KeyBinding(keys: [.pageUp], action: .pageUp, scope: .walkthrough, description: "scroll up a page", hint: nil, dangerous: false),
        KeyBinding(keys: [.pageDown], action: .pageDown, scope: .walkthrough, description: "scroll down a page (long fix steps)", hint: "", dangerous: false),
        KeyBinding(keys: [.escape, .char("q")], action: .back, scope: .walkthrough, description: "close the pane (pauses; :walk NAME opens it again)", hint: "close", dangerous: false),

        KeyBinding(keys: [.up, .char("k")], action: .up, scope: .comparison, description: "move up", hint: "move", dangerous: false, hintKey: "↑↓"),
        KeyBinding(keys: [.down, .char("j")], action: .down, scope: .comparison, description: "move down", hint: nil, dangerous: false),
        KeyBinding(keys: [.pageUp], action: .pageUp, scope: .comparison, description: "page up", hint: nil, dangerous: false),
        KeyBinding(keys: [.pageDown, .char(" ")], action: .pageDown, scope: .comparison, description: "page down", hint: nil, dangerous: false),
        KeyBinding(keys: [.home, .char("g")], action: .top, scope: .comparison, description: "first row", hint: nil, dangerous: false),
        KeyBinding(keys: [.end, .char("G")], action: .bottom, scope: .comparison, description: "last row", hint: nil, dangerous: false),
        KeyBinding(keys: [.char("n"), .tab], action: .nextMismatch, scope: .comparison, description: "next mismatch", hint: "next mismatch", dangerous: false),
        KeyBinding(keys: [.enter], action: .open, scope: .comparison, description: "the selected mismatch's catalog entry and fix steps", hint: "fix steps", dangerous: false),
        KeyBinding(keys: [.char(":")], action: .commandLine, scope: .comparison, description: "command line (:export, :walk ...)", hint: "command", dangerous: false),
        KeyBinding(keys: [.escape, .char("q")], action: .back, scope: .comparison, description: "close the comparison", hint: "close", dangerous: false),
    ]

    /// The action for `key` with `pane` focused: pane-specific bindings win over global ones.
    public static func action(for key: Key, in pane: PaneID) -> Action? {
        let candidates = bindings.filter { $0.keys.contains(key) && $0.scope.applies(to: pane) }
        return (candidates.first { $0.scope != .global && $0.scope != .lists } ?? candidates.first)?.action
    }

    /// The action for `key` while a modal pane (walkthrough, comparison) is open: only that
    /// pane's bindings count.
    public static func action(for key: Key, scope: KeyScope) -> Action? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) }?.action
    }

    /// A modal pane's bottom hint, from its bindings: `n step  a all ... esc close`.
    public static func hintLine(for scope: KeyScope) -> String {
        bindings.filter { $0.scope == scope }.compactMap { b in
            // An empty hint word shows the key alone (`pgdn`), for a narrow pane.
            b.hint.map { word in (b.hintKey ?? b.keys[0].label) + (word.isEmpty ? "" : " " + word) }
        }.joined(separator: "  ")
    }

    /// The hint bar text pieces for `pane`: key label and a short description.
    public static func hints(for pane: PaneID) -> [(key: String, text: String)] {
        var out: [(String, String)] = [("1-5", "panes")]
        for b in bindings where b.scope.applies(to: pane) {
            if let hint = b.hint { out.append((b.keys[0].label, hint)) }
        }
        return out
    }
}
