import Foundation
import IPsecKit

/// The Findings list and the detail of one finding.
public enum FindingsRow {
    public static let columns = [
        TableColumn("SEVERITY", width: 8),
        TableColumn("FINDING", width: 24, fill: true),
        TableColumn("PEER", width: 15, priority: 2),
        TableColumn("COUNT", width: 5, alignRight: true, priority: 3),
        TableColumn("SEEN", width: 5, alignRight: true, priority: 4),
    ]

    /// Most severe first, then most recent.
    public static func sorted(_ items: [FindingItem]) -> [FindingItem] {
        items.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            return (a.lastSeen ?? .distantPast) > (b.lastSeen ?? .distantPast)
        }
    }

    public static func model(_ items: [FindingItem], now: Date) -> TableModel {
        let rows = items.map { f in
            TableRow(key: f.id, cells: [
                TableCell(f.severity.badge, f.severity.role),
                TableCell(f.title),
                TableCell(f.peer ?? ""),
                TableCell(String(f.count)),
                TableCell(f.lastSeen.map { NetworkText.duration(now.timeIntervalSince($0)) } ?? "", .dim),
            ])
        }
        return TableModel(columns: columns, rows: rows, emptyText: "no findings")
    }

    public static func detail(_ f: FindingItem, now: Date) -> (title: String, lines: [String]) {
        var lines: [String] = []
        lines.append("\(f.severity.badge)  \(f.title)  [\(f.signatureId)]")
        var facts: [String] = []
        if let peer = f.peer { facts.append("peer \(peer)") }
        facts.append("seen \(f.count) time\(f.count == 1 ? "" : "s")")
        if let last = f.lastSeen { facts.append("last \(NetworkText.duration(now.timeIntervalSince(last))) ago") }
        lines.append(facts.joined(separator: ", "))
        if !f.summary.isEmpty { lines += ["", f.summary] }
        if !f.causes.isEmpty {
            lines += ["", "Likely causes:"]
            lines += f.causes.map { "  - \($0)" }
        }
        if !f.fixes.isEmpty {
            lines += ["", "What to do:"]
            for (n, step) in f.fixes.enumerated() {
                lines.append("  \(n + 1). \(step.text)")
                lines += commands(step.verify, label: "check", platform: f.platform)
                lines += commands(step.fix, label: "change", platform: f.platform)
            }
        }
        let confirm = commands(f.confirm, label: "confirm", platform: f.platform)
        if !confirm.isEmpty { lines += ["", "Confirm with:"] + confirm }
        if !f.evidenceLines.isEmpty {
            lines += ["", "Evidence: debug stream line\(f.evidenceLines.count == 1 ? "" : "s") "
                      + f.evidenceLines.map(String.init).joined(separator: ", ") + " (press e in Findings to jump)"]
        }
        return ("Finding: \(f.title)", lines)
    }

    static func commands(_ c: PlatformCommands?, label: String, platform: Platform?) -> [String] {
        guard let c else { return [] }
        var out: [String] = []
        let platforms: [Platform] = platform.map { [$0] } ?? Platform.allCases
        for p in platforms {
            for command in c.commands(for: p) {
                out.append("       \(label) (\(p.rawValue)): \(command)")
            }
        }
        if let note = c.note, !out.isEmpty { out.append("       (\(note))") }
        return out
    }
}
