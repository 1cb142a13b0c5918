import IPsecKit
import Foundation

/// Everything the console shows, in one value. `update` changes it; `view` draws it.
public struct ConsoleState: Equatable, Sendable {
    public enum InputMode: Equatable, Sendable {
        case normal
        /// Typing a `:` command.
        case command(LineEditor)
        /// Typing a `/` search in `pane`.
        case search(LineEditor, pane: PaneID)
    }

    public enum Overlay: Equatable, Sendable {
        case help(offset: Int)
        case detail(title: String, lines: [String], offset: Int)
        case dialog(Dialog)
        /// The walkthrough menu (`w`, `:walk` alone).
        case walkMenu(WalkthroughMenu)
    }

    public struct Notice: Equatable, Sendable {
        public var text: String
        public var isError: Bool
        public var at: Date
    }

    public var width: Int
    public var height: Int
    public var now: Date
    public var theme: Theme
    public var themeNames: [String] = []
    public var focus: PaneID = .phase1
    public var mode: InputMode = .normal
    public var overlay: Overlay?
    public var connection: ConnectionInfo
    public var debugs: Set<DebugKind> = []
    public var pollInterval: TimeInterval
    public var history = SnapshotHistory()
    public var findings: [FindingItem] = []
    public var cursors: [PaneID: ListCursor] = [:]
    public var debugLog: DebugLog
    /// Debug pane: nil follows the newest lines; otherwise the sequence number of the top row.
    public var debugTop: Int?
    /// Debug line marked by a search match or an evidence jump.
    public var debugMark: Int?
    /// The last confirmed search pattern per pane (`n`/`N` repeat it; matches are highlighted).
    public var searches: [PaneID: String] = [:]
    /// Evidence line of the selected finding to jump to next.
    public var evidenceIndex = 0
    public var notice: Notice?
    public var commandHistory: [String] = []
    /// The walkthrough pane, once `:walk` started one.
    public var walkthrough: WalkthroughPaneState?
    /// Names `:walk` completes.
    public var walkthroughNames: [String] = []
    /// What the walkthrough menu lists (names with their purpose).
    public var walkthroughChoices: [WalkthroughChoice] = []
    /// The `:compare` pane, while open (drawn over the panes; `:export` includes it).
    public var comparison: ComparisonPane?

    public init(width: Int, height: Int, now: Date, theme: Theme, connection: ConnectionInfo,
                pollInterval: TimeInterval = 5, debugCapacity: Int = DebugLog.defaultCapacity) {
        self.width = width; self.height = height; self.now = now; self.theme = theme
        self.connection = connection; self.pollInterval = pollInterval
        self.debugLog = DebugLog(capacity: debugCapacity)
    }

    public func cursor(_ pane: PaneID) -> ListCursor { cursors[pane] ?? ListCursor() }

    public var isFollowing: Bool { debugTop == nil }

    /// Findings in the order the pane lists them.
    public var sortedFindings: [FindingItem] { FindingsRow.sorted(findings) }
}

/// A one-line text input with a cursor (command line, search, password).
public struct LineEditor: Equatable, Sendable {
    public var text: String
    /// Cursor position in characters.
    public var cursor: Int

    public init(_ text: String = "") { self.text = text; self.cursor = text.count }

    /// Applies an editing key; false when the key is not an editing key.
    public mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            let i = text.index(text.startIndex, offsetBy: cursor)
            text.insert(c, at: i); cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            let i = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: i); cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"): text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: cursor)); cursor = 0
        default: return false
        }
        return true
    }
}
