import Foundation
import IPsecKit

/// The Phase 1 table: ISAKMP (IKEv1) and IKEv2 SAs of the latest snapshot.
public enum Phase1Row {
    /// The remote end as the device printed it: ASA's `IKE Peer`, IOS `dst`, detail `remote`.
    static func peer(_ sa: IsakmpSA) -> String? { sa.peer ?? sa.dst ?? sa.remote }
    static func local(_ sa: IsakmpSA) -> String? { sa.src ?? sa.local }

    public static let columns = [
        TableColumn("", width: 1),
        TableColumn("PEER", width: 15, fill: true),
        TableColumn("LOCAL", width: 15, fill: true, priority: 2),
        TableColumn("STATE", width: 14),
        TableColumn("CONN", width: 5, alignRight: true, priority: 3),
        TableColumn("VER", width: 3, priority: 5),
        TableColumn("ROLE", width: 9, priority: 6),
        TableColumn("LIFETIME", width: 8, alignRight: true, priority: 4),
        TableColumn("AGE", width: 5, alignRight: true, priority: 3),
    ]

    public static func model(_ history: SnapshotHistory, now: Date) -> TableModel {
        guard let current = history.current else {
            return TableModel(columns: columns, rows: [], emptyText: "waiting for the first snapshot")
        }
        let v1 = current.report.isakmpSas, v2 = current.report.ikev2Sas
        let previous = history.previous?.report, index = history.previousIndex
        let firstSeen = history.firstSeen
        // Built on access, from lookups derived once per snapshot, so a frame costs the visible rows.
        let rows = TableRows(count: v1.count + v2.count) { i -> TableRow in
            if i < v1.count {
                let sa = v1[i]
                let before = index.isakmp[i].flatMap { previous?.isakmpSas[$0] }
                let changed = previous != nil && (before == nil || before?.state != sa.state || before?.connId != sa.connId)
                return row(key: RowIdentity.phase1(sa), changed: changed, peer: peer(sa), local: local(sa), state: sa.state ?? sa.status,
                           conn: sa.connId, version: "v1", role: sa.role, lifetime: sa.lifetime,
                           firstSeen: firstSeen[RowIdentity.ageKey(sa)], now: now)
            }
            let sa = v2[i - v1.count]
            let before = index.ikev2[i - v1.count].flatMap { previous?.ikev2Sas[$0] }
            let changed = previous != nil && (before == nil || before?.status != sa.status || before?.tunnelId != sa.tunnelId)
            let lifetime = sa.lifetime.map { l in sa.activeTime.map { NetworkText.duration(Double(l - $0)) } ?? NetworkText.duration(Double(l)) }
            return row(key: RowIdentity.phase1(sa), changed: changed, peer: sa.remote, local: sa.local, state: sa.status,
                       conn: sa.tunnelId, version: "v2", role: sa.role, lifetime: lifetime,
                       firstSeen: firstSeen[RowIdentity.ageKey(sa)], now: now)
        }
        return TableModel(columns: columns, rows: rows, emptyText: "no phase 1 SAs in the last snapshot")
    }

    static func row(key: String, changed: Bool, peer: String?, local: String?, state: String?, conn: Int?, version: String,
                    role: String?, lifetime: String?, firstSeen: Date?, now: Date) -> TableRow {
        let health = SAHealth.of(phase1State: state)
        return TableRow(key: key, cells: [
            TableCell(changed ? "•" : " ", .changed),
            TableCell(peer ?? "?", health == .failed ? .error : .text),
            TableCell(local ?? ""),
            TableCell("\(health.glyph) \(state ?? "?")", health.role),
            TableCell(conn.map(String.init) ?? ""),
            TableCell(version, .dim),
            TableCell(role ?? ""),
            TableCell(lifetime ?? ""),
            TableCell(firstSeen.map { NetworkText.duration(now.timeIntervalSince($0)) } ?? "", .dim),
        ])
    }

    /// Every parsed field of the row at `index`.
    public static func detail(_ history: SnapshotHistory, index: Int) -> (title: String, lines: [String])? {
        guard let report = history.current?.report else { return nil }
        if index < report.isakmpSas.count {
            let sa = report.isakmpSas[index]
            return ("ISAKMP SA \(peer(sa) ?? "")", FieldList.lines(of: sa))
        }
        let i = index - report.isakmpSas.count
        guard i >= 0, i < report.ikev2Sas.count else { return nil }
        return ("IKEv2 SA \(report.ikev2Sas[i].remote ?? "")", FieldList.lines(of: report.ikev2Sas[i]))
    }
}
