import Foundation
import IPsecKit

/// The `:compare` pane: this device's configuration and the other end's, side by side,
/// with the mismatches `ConfigComparison` found. Open while `ConsoleState.comparison` is set.
public struct ComparisonPane: Equatable, Sendable {
    /// Where each side came from (`this device (lab://...)`, a file path, a target).
    public var sourceA: String
    public var sourceB: String
    public var configA: CryptoConfig
    public var configB: CryptoConfig
    public var result: ConfigComparison
    /// The catalog entry of each mismatch id (title, causes, fix steps), for Enter.
    public var explanations: [String: FindingItem]
    public var cursor = ListCursor()

    public init(sourceA: String, sourceB: String, configA: CryptoConfig, configB: CryptoConfig,
                result: ConfigComparison, explanations: [String: FindingItem]) {
        self.sourceA = sourceA; self.sourceB = sourceB; self.configA = configA; self.configB = configB
        self.result = result; self.explanations = explanations
    }

    /// Rows the pane shows, built once per draw or key (cheap: a few dozen rows).
    public var rows: [ComparisonRows.Row] { ComparisonRows.make(self) }

    /// The pane's keys (the `.comparison` bindings of `KeyTable`): move, Enter for the
    /// selected mismatch's fix steps, Esc/q to close. `?` still opens the help; every other
    /// key is ignored while the pane is open.
    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [ConsoleEffect] {
        guard var pane = s.comparison else { return [] }
        guard let action = KeyTable.action(for: key, scope: .comparison) else {
            if KeyTable.action(for: key, in: s.focus) == .help { s.overlay = .help(offset: 0) }
            return []
        }
        let rows = pane.rows
        let visible = ComparisonView.dataRows(height: s.height)
        switch action {
        case .back:
            s.comparison = nil
            return []
        case .commandLine: s.mode = .command(LineEditor()); return []
        case .up: pane.cursor.move(by: -1, count: rows.count, visible: visible)
        case .down: pane.cursor.move(by: 1, count: rows.count, visible: visible)
        case .pageUp: pane.cursor.move(by: -visible, count: rows.count, visible: visible)
        case .pageDown: pane.cursor.move(by: visible, count: rows.count, visible: visible)
        case .top: pane.cursor.move(by: -rows.count, count: rows.count, visible: visible)
        case .bottom: pane.cursor.move(by: rows.count, count: rows.count, visible: visible)
        case .nextMismatch:
            // The next row that carries a mismatch.
            let start = pane.cursor.selected
            if !rows.isEmpty, let next = (1...max(1, rows.count)).lazy.map({ (start + $0) % rows.count }).first(where: { rows[$0].mismatch != nil }) {
                pane.cursor.move(by: next - start, count: rows.count, visible: visible)
            }
        case .open:
            s.comparison = pane
            openMismatch(&s, rows: rows)
            return []
        default: break
        }
        s.comparison = pane
        return []
    }

    /// Enter: the selected row's mismatch with its catalog entry, in the findings' detail view.
    static func openMismatch(_ s: inout ConsoleState, rows: [ComparisonRows.Row]) {
        guard let pane = s.comparison, pane.cursor.selected < rows.count else { return }
        guard let index = rows[pane.cursor.selected].mismatch, index < pane.result.mismatches.count else {
            ConsoleUpdate.notify(&s, "no mismatch on this row: n jumps to the next one")
            return
        }
        let m = pane.result.mismatches[index]
        var lines = ["\(m.check): \(m.message)"]
        if !m.lines.isEmpty { lines.append("configuration lines: " + m.lines.joined(separator: ", ") + " (A: \(pane.sourceA); B: \(pane.sourceB))") }
        if !m.alternatives.isEmpty { lines.append("may also show as: " + m.alternatives.joined(separator: ", ")) }
        let title: String
        if let entry = pane.explanations[m.signature] {
            let detail = FindingsRow.detail(entry, now: s.now)
            title = "Mismatch: \(entry.title)"
            lines += [""] + detail.lines
        } else {
            title = "Mismatch: \(m.signature)"
            lines += ["", "(\(m.signature) is not in the loaded signature catalog)"]
        }
        s.overlay = .detail(title: title, lines: lines, offset: 0)
    }
}
