import IPsecKit

/// Where each row of the current snapshot was in the previous one (nil: a new row), per table.
/// The first occurrence of a duplicate identity wins, as in a keyed lookup.
public struct PreviousRowIndex: Equatable, Sendable {
    public private(set) var isakmp: [Int?] = []
    public private(set) var ikev2: [Int?] = []
    public private(set) var phase2: [Int?] = []
    public private(set) var engine: [Int?] = []

    public init() {}

    init(current: AnalysisReport, previous: AnalysisReport?) {
        isakmp = Self.match(current.isakmpSas, previous?.isakmpSas ?? [], key: RowIdentity.phase1)
        ikev2 = Self.match(current.ikev2Sas, previous?.ikev2Sas ?? [], key: RowIdentity.phase1)
        phase2 = Self.match(current.ipsecSas, previous?.ipsecSas ?? [], key: RowIdentity.phase2)
        engine = Self.match(current.engineConnections, previous?.engineConnections ?? [], key: RowIdentity.engine)
    }

    private static func match<Row>(_ rows: [Row], _ before: [Row], key: (Row) -> String) -> [Int?] {
        guard !before.isEmpty else { return Array(repeating: nil, count: rows.count) }
        var index: [String: Int] = [:]
        for (i, row) in before.enumerated() where index[key(row)] == nil { index[key(row)] = i }
        return rows.map { index[key($0)] }
    }
}
