import IPsecKit

/// Keys that say "the same row" across snapshots: for changed markers, deltas and ages.
public enum RowIdentity {
    /// Phase 1: version, peer and local address.
    public static func phase1(_ sa: IsakmpSA) -> String { "v1|\(Phase1Row.peer(sa) ?? "")|\(Phase1Row.local(sa) ?? "")" }
    public static func phase1(_ sa: IKEv2SA) -> String { "v2|\(sa.remote ?? "")|\(sa.local ?? "")" }
    /// Phase 2: interface, peer and the ident pair.
    public static func phase2(_ f: IpsecSAFlow) -> String {
        "\(f.interface ?? "")|\(f.peer ?? "")|\(NetworkText.ident(f.localIdent))|\(NetworkText.ident(f.remoteIdent))"
    }
    public static func engine(_ c: EngineConnection) -> String { "\(c.connId ?? -1)|\(c.interface ?? c.type ?? "")" }

    /// Keys for ages: the row plus its state and connection id, so an SA that went down
    /// and came back (or changed state) starts a new age.
    static func ageKeys(of report: AnalysisReport) -> [String] {
        report.isakmpSas.map { "\(phase1($0))|\($0.state ?? "")|\($0.connId ?? -1)" }
            + report.ikev2Sas.map { "\(phase1($0))|\($0.status ?? "")|\($0.tunnelId ?? -1)" }
            + report.ipsecSas.map { "\(phase2($0))|\($0.currentOutboundSpi ?? 0)" }
    }

    static func ageKey(_ sa: IsakmpSA) -> String { "\(phase1(sa))|\(sa.state ?? "")|\(sa.connId ?? -1)" }
    static func ageKey(_ sa: IKEv2SA) -> String { "\(phase1(sa))|\(sa.status ?? "")|\(sa.tunnelId ?? -1)" }
    static func ageKey(_ f: IpsecSAFlow) -> String { "\(phase2(f))|\(f.currentOutboundSpi ?? 0)" }
}
