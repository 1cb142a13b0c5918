import Foundation
import IPsecKit

/// The Engine table: `show crypto engine connections active`, with per-second rates.
public enum EngineRow {
    public static let columns = [
        TableColumn("ID", width: 5, alignRight: true),
        TableColumn("TYPE/IF", width: 14, fill: true, priority: 2),
        TableColumn("ADDRESS", width: 15, priority: 3),
        TableColumn("STATE", width: 6, priority: 4),
        TableColumn("ALGORITHM", width: 18, fill: true, priority: 5),
        TableColumn("ENCRYPT", width: 8, alignRight: true),
        TableColumn("DECRYPT", width: 8, alignRight: true),
        TableColumn("ENC/S", width: 6, alignRight: true, priority: 1),
        TableColumn("DEC/S", width: 6, alignRight: true, priority: 1),
    ]

    public static func model(_ history: SnapshotHistory) -> TableModel {
        guard let current = history.current else {
            return TableModel(columns: columns, rows: [], emptyText: "waiting for the first snapshot")
        }
        let connections = current.report.engineConnections
        let previousConnections = history.previous?.report.engineConnections
        let previousIndex = history.previousIndex.engine
        let interval = history.interval
        let rows = TableRows(count: connections.count) { i -> TableRow in
            let c = connections[i]
            let key = RowIdentity.engine(c)
            let before = previousIndex[i].flatMap { previousConnections?[$0] }
            return TableRow(key: key, cells: [
                TableCell(c.connId.map(String.init) ?? ""),
                TableCell(c.interface ?? c.type ?? ""),
                TableCell(c.ipAddress ?? ""),
                TableCell(c.state ?? ""),
                TableCell(c.algorithm ?? "", .dim),
                TableCell(NetworkText.count(c.encrypt)),
                TableCell(NetworkText.count(c.decrypt)),
                TableCell(NetworkText.rate(Phase2Row.rate(Phase2Row.delta(c.encrypt, before?.encrypt), interval))),
                TableCell(NetworkText.rate(Phase2Row.rate(Phase2Row.delta(c.decrypt, before?.decrypt), interval))),
            ])
        }
        return TableModel(columns: columns, rows: rows, emptyText: "no crypto engine connections in the last snapshot")
    }

    public static func detail(_ history: SnapshotHistory, index: Int) -> (title: String, lines: [String])? {
        guard let rows = history.current?.report.engineConnections, index >= 0, index < rows.count else { return nil }
        return ("Engine connection \(rows[index].connId.map(String.init) ?? "")", FieldList.lines(of: rows[index]))
    }
}
