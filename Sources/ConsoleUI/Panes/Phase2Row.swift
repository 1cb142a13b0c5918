import Foundation
import IPsecKit

/// The Phase 2 table: one row per IPsec flow (peer and ident pair), with counters, per-second
/// rates and deltas against the previous snapshot, and one-way traffic flagged.
public enum Phase2Row {
    public static let columns = [
        TableColumn("", width: 1),
        TableColumn("PEER", width: 15),
        TableColumn("LOCAL NET", width: 18, fill: true),
        TableColumn("REMOTE NET", width: 18, fill: true),
        TableColumn("IN SPI", width: 10, priority: 5),
        TableColumn("OUT SPI", width: 10, priority: 5),
        TableColumn("TRANSFORM", width: 18, priority: 7),
        TableColumn("ENCAPS", width: 7, alignRight: true, priority: 3),
        TableColumn("DECAPS", width: 7, alignRight: true, priority: 3),
        TableColumn("ENC/S", width: 6, alignRight: true, priority: 1),
        TableColumn("DEC/S", width: 6, alignRight: true, priority: 1),
        TableColumn("ΔENC", width: 6, alignRight: true, priority: 6),
        TableColumn("ΔDEC", width: 6, alignRight: true, priority: 6),
        TableColumn("ERR", width: 4, alignRight: true, priority: 2),
        TableColumn("LIFE", width: 5, alignRight: true, priority: 4),
        TableColumn("FLOW", width: 8),
    ]

    /// Traffic direction problems a flow shows.
    public enum Direction: Equatable, Sendable {
        case both, idle, outboundOnly, inboundOnly

        var cell: TableCell {
            switch self {
            case .both: return TableCell("ok", .healthy)
            case .idle: return TableCell("idle", .dim)
            case .outboundOnly: return TableCell("→ 1-way", .warning)
            case .inboundOnly: return TableCell("← 1-way", .warning)
            }
        }
    }

    /// One-way when one counter moves and the other does not (between snapshots), or, with a
    /// single snapshot, when one counter is non-zero and the other zero.
    public static func direction(encaps: Int?, decaps: Int?, deltaEncaps: Int?, deltaDecaps: Int?) -> Direction {
        if let de = deltaEncaps, let dd = deltaDecaps {
            if de > 0 && dd == 0 { return .outboundOnly }
            if dd > 0 && de == 0 { return .inboundOnly }
            return de == 0 && dd == 0 ? .idle : .both
        }
        let e = encaps ?? 0, d = decaps ?? 0
        if e > 0 && d == 0 { return .outboundOnly }
        if d > 0 && e == 0 { return .inboundOnly }
        return e == 0 && d == 0 ? .idle : .both
    }

    public static func model(_ history: SnapshotHistory, now: Date) -> TableModel {
        guard let current = history.current else {
            return TableModel(columns: columns, rows: [], emptyText: "waiting for the first snapshot")
        }
        let interval = history.interval
        let flows = current.report.ipsecSas
        let previousFlows = history.previous?.report.ipsecSas
        let previousIndex = history.previousIndex.phase2
        let rows = TableRows(count: flows.count) { i in
            let flow = flows[i]
            let before = previousIndex[i].flatMap { previousFlows?[$0] }
            return row(flow, before: before, hasPrevious: previousFlows != nil, interval: interval)
        }
        return TableModel(columns: columns, rows: rows, emptyText: "no IPsec SAs in the last snapshot")
    }

    /// One flow's row; `before` is the same flow in the previous snapshot.
    static func row(_ flow: IpsecSAFlow, before: IpsecSAFlow?, hasPrevious: Bool, interval: TimeInterval?) -> TableRow {
        let key = RowIdentity.phase2(flow)
        let changed = hasPrevious && (before == nil || before?.currentOutboundSpi != flow.currentOutboundSpi)
        let enc = flow.counters.pktsEncaps, dec = flow.counters.pktsDecaps
        let dEnc = delta(enc, before?.counters.pktsEncaps), dDec = delta(dec, before?.counters.pktsDecaps)
        let errors = (flow.counters.sendErrors ?? 0) + (flow.counters.recvErrors ?? 0)
        let inbound = flow.currentInboundSpi ?? flow.sas.first { $0.direction == .inbound && $0.protocol == .esp }?.spi
        let outbound = flow.currentOutboundSpi ?? flow.sas.first { $0.direction == .outbound && $0.protocol == .esp }?.spi
        let life = flow.sas.compactMap(\.remainingSec).min()
        let dir = direction(encaps: enc, decaps: dec, deltaEncaps: dEnc, deltaDecaps: dDec)
        return TableRow(key: key, cells: [
            TableCell(changed ? "•" : " ", .changed),
            TableCell(flow.peer ?? "?"),
            TableCell(NetworkText.ident(flow.localIdent)),
            TableCell(NetworkText.ident(flow.remoteIdent)),
            TableCell(NetworkText.spi(inbound)),
            TableCell(NetworkText.spi(outbound)),
            TableCell(flow.sas.first?.transform ?? "", .dim),
            TableCell(NetworkText.count(enc)),
            TableCell(NetworkText.count(dec)),
            TableCell(NetworkText.rate(rate(dEnc, interval))),
            TableCell(NetworkText.rate(rate(dDec, interval))),
            TableCell(NetworkText.delta(dEnc)),
            TableCell(NetworkText.delta(dDec)),
            TableCell(String(errors), errors > 0 ? .error : .dim),
            TableCell(life.map { NetworkText.duration(Double($0)) } ?? "", (life ?? Int.max) < 60 ? .warning : .text),
            dir.cell,
        ])
    }

    /// Counter growth; nil without a previous value, or when the counter went backwards
    /// (cleared or a new SA), where a delta would mislead.
    static func delta(_ now: Int?, _ before: Int?) -> Int? {
        guard let now, let before, now >= before else { return nil }
        return now - before
    }

    static func rate(_ delta: Int?, _ interval: TimeInterval?) -> Double? {
        guard let delta, let interval else { return nil }
        return Double(delta) / interval
    }

    public static func detail(_ history: SnapshotHistory, index: Int) -> (title: String, lines: [String])? {
        guard let flows = history.current?.report.ipsecSas, index >= 0, index < flows.count else { return nil }
        let f = flows[index]
        var lines = FieldList.lines(of: f)
        if let interval = history.interval,
           let before = history.previousIndex.phase2[index].flatMap({ history.previous?.report.ipsecSas[$0] }) {
            lines.append("")
            lines.append("between the last two snapshots (\(NetworkText.duration(interval))):")
            for (name, value) in f.counters.all.sorted(by: { $0.key < $1.key }) {
                guard let d = delta(value, before.counters[name]) else { continue }
                lines.append("  \(name): \(NetworkText.delta(d)) (\(NetworkText.rate(Double(d) / interval))/s)")
            }
        }
        return ("IPsec flow \(f.peer ?? "") \(NetworkText.ident(f.localIdent)) ↔ \(NetworkText.ident(f.remoteIdent))", lines)
    }
}
