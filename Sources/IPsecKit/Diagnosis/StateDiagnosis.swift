/// Findings read from parsed `show` output rather than from log lines: SA states, missing
/// phase 2, counters that move one way, errors and MTU. Each cites the catalog
/// signatures it leads to (`related`).
///
/// One snapshot tells states and counters as they are; two snapshots of the same device
/// (`before`, `after`) tell what moved in between, which is what separates a tunnel that
/// once dropped a packet from one that drops every packet now.
public enum StateDiagnosis {
    // The rules' catalog ids. What a finding says (title, severity, phase, the ids it
    // leads to) comes from the catalog entry, so the text lives in one place.
    public static let mainModeNoState = "isakmp-mm-no-state"
    public static let mainModeKeyExchange = "isakmp-mm-key-exch"
    public static let phase2Missing = "phase2-missing"
    public static let oneWayOutbound = "one-way-traffic-outbound"
    public static let oneWayInbound = "one-way-traffic-inbound"
    public static let errorsGrowing = "ipsec-errors-growing"
    public static let replayWithHmac = "replay-with-hmac"
    public static let pathMtuBelowMedia = "path-mtu-below-media"

    public static let rules = [mainModeNoState, mainModeKeyExchange, phase2Missing, oneWayOutbound, oneWayInbound,
                               errorsGrowing, replayWithHmac, pathMtuBelowMedia]

    /// Findings from one snapshot.
    public static func diagnose(_ report: AnalysisReport, catalog: SignatureCatalog) -> [Finding] {
        var out = Accumulator(catalog: catalog)
        phase1(report, into: &out)
        for flow in report.ipsecSas { flowFindings(flow, before: nil, into: &out) }
        return out.findings
    }

    /// Findings from two snapshots of the same device: `after`'s states, plus what the
    /// counters did between the two. Flows are matched by interface, peer and idents.
    public static func diagnose(before: AnalysisReport, after: AnalysisReport, catalog: SignatureCatalog) -> [Finding] {
        var out = Accumulator(catalog: catalog)
        phase1(after, into: &out)
        var previous: [FlowKey: IpsecSAFlow] = [:]
        for f in before.ipsecSas { previous[FlowKey(f)] = previous[FlowKey(f)] ?? f }
        for flow in after.ipsecSas { flowFindings(flow, before: previous[FlowKey(flow)], into: &out) }
        return out.findings
    }

    // MARK: - Phase 1

    static let establishedStates: Set<String> = ["QM_IDLE", "MM_ACTIVE", "AM_ACTIVE", "READY"]

    static func phase1(_ report: AnalysisReport, into out: inout Accumulator) {
        let locals = localAddresses(report)
        let hasPhase2Output = !report.ipsecSas.isEmpty || report.sections.contains { $0.command.contains("ipsec sa") }
        var peersWithSA = Set<String>()
        for flow in report.ipsecSas where !flow.sas.isEmpty {
            if let p = flowPeer(flow) { peersWithSA.insert(p) }
        }
        for sa in report.isakmpSas {
            let state = (sa.state ?? "").uppercased()
            let peer = remote(of: sa, locals: locals)
            var caps: [String: String] = ["state": sa.state ?? ""]
            if let c = sa.connId { caps["conn_id"] = String(c) }
            switch state {
            case "MM_NO_STATE":
                out.add(mainModeNoState, peer: peer, line: sa.line, captures: caps, confidence: 0.85)
            case "MM_KEY_EXCH":
                out.add(mainModeKeyExchange, peer: peer, line: sa.line, captures: caps, confidence: 0.8)
            default:
                if hasPhase2Output, establishedStates.contains(state), let peer, !peersWithSA.contains(peer) {
                    out.add(phase2Missing, peer: peer, line: sa.line, captures: caps, confidence: 0.7)
                }
            }
        }
    }

    /// Addresses of this device as the output shows them.
    static func localAddresses(_ report: AnalysisReport) -> Set<String> {
        var s = Set<String>()
        for f in report.ipsecSas {
            if let a = f.localAddr { s.insert(a) }
            if let a = f.localCryptoEndpoint { s.insert(a) }
        }
        for sa in report.isakmpSas { if let a = sa.local { s.insert(a) } }
        return s
    }

    /// The remote end of an ISAKMP SA: the printed peer, else whichever of dst/src is not
    /// one of this device's addresses (dst when that cannot be told).
    static func remote(of sa: IsakmpSA, locals: Set<String>) -> String? {
        if let p = sa.peer ?? sa.remote { return p }
        if let d = sa.dst, locals.contains(d) { return sa.src ?? d }
        if let s = sa.src, locals.contains(s), let d = sa.dst { return d }
        return sa.dst ?? sa.src
    }

    static func flowPeer(_ f: IpsecSAFlow) -> String? { f.peer ?? f.remoteCryptoEndpoint }

    // MARK: - Flows

    struct FlowKey: Hashable {
        let interface: String?, peer: String?, local: String?, remote: String?
        init(_ f: IpsecSAFlow) {
            interface = f.interface; peer = flowPeer(f)
            local = f.localIdent.map { "\($0.addr)/\($0.mask)/\($0.prot)/\($0.port)" }
            remote = f.remoteIdent.map { "\($0.addr)/\($0.mask)/\($0.prot)/\($0.port)" }
        }
    }

    static func replayFailures(_ c: IpsecCounters) -> Int? {
        let values = c.extra.filter { $0.key.contains("replay") && !$0.key.contains("rollover") && !$0.key.contains("window") }.map(\.value)
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    static func flowFindings(_ flow: IpsecSAFlow, before: IpsecSAFlow?, into out: inout Accumulator) {
        let peer = flowPeer(flow)
        let c = flow.counters
        let encaps = c.pktsEncaps ?? 0, decaps = c.pktsDecaps ?? 0
        if let b = before?.counters {
            let de = encaps - (b.pktsEncaps ?? 0), dd = decaps - (b.pktsDecaps ?? 0)
            let caps = ["encaps_delta": String(de), "decaps_delta": String(dd)]
            if de > 0, dd == 0 {
                out.add(oneWayOutbound, peer: peer, line: flow.line, captures: caps, confidence: 0.85)
            } else if dd > 0, de == 0 {
                out.add(oneWayInbound, peer: peer, line: flow.line, captures: caps, confidence: 0.85)
            }
            let ds = (c.sendErrors ?? 0) - (b.sendErrors ?? 0), dr = (c.recvErrors ?? 0) - (b.recvErrors ?? 0)
            if ds > 0 || dr > 0 {
                out.add(errorsGrowing, peer: peer, line: flow.line,
                        captures: ["send_errors_delta": String(ds), "recv_errors_delta": String(dr)], confidence: 0.8)
            }
        } else {
            // One snapshot: a counter still at zero while the other direction counts.
            let caps = ["pkts_encaps": String(encaps), "pkts_decaps": String(decaps)]
            if encaps > 0, decaps == 0, c.pktsDecaps != nil {
                out.add(oneWayOutbound, peer: peer, line: flow.line, captures: caps, confidence: 0.55)
            } else if decaps > 0, encaps == 0, c.pktsEncaps != nil {
                out.add(oneWayInbound, peer: peer, line: flow.line, captures: caps, confidence: 0.55)
            }
        }
        if let replay = replayFailures(c), replay > 0, flow.sas.contains(where: { ($0.transform ?? "").contains("hmac") }) {
            let grew = before.map { replay > (replayFailures($0.counters) ?? 0) } ?? true
            if grew {
                out.add(replayWithHmac, peer: peer, line: flow.line, captures: ["replay_failed": String(replay)], confidence: 0.75)
            }
        }
        // PIX/ASA print `media mtu`; IOS prints the interface's `ip mtu` in its place.
        if let path = flow.pathMtu, let (label, interfaceMtu) = flow.mediaMtu.map({ ("media_mtu", $0) }) ?? flow.ipMtu.map({ ("ip_mtu", $0) }),
           path < interfaceMtu {
            out.add(pathMtuBelowMedia, peer: peer, line: flow.line,
                    captures: ["path_mtu": String(path), label: String(interfaceMtu)], confidence: 0.7)
        }
    }

    /// Aggregates state findings per (rule, peer).
    struct Accumulator {
        let catalog: SignatureCatalog
        private var byKey: [String: Finding] = [:]
        private var order: [String] = []

        init(catalog: SignatureCatalog) { self.catalog = catalog }

        mutating func add(_ rule: String, peer: String?, line: Int?, captures: [String: String], confidence: Double) {
            let key = rule + "|" + (peer ?? "")
            if var f = byKey[key] {
                f.count += 1
                if let line {
                    f.firstLine = min(f.firstLine ?? line, line); f.lastLine = max(f.lastLine ?? line, line)
                    if !f.evidence.contains(line), f.evidence.count < DiagnosisLimits().evidenceLines { f.evidence.append(line); f.evidence.sort() }
                }
                for (k, v) in captures where f.captures[k] == nil { f.captures[k] = v }
                f.confidence = max(f.confidence, confidence)
                byKey[key] = f
            } else {
                let entry = catalog[rule]
                byKey[key] = Finding(id: rule, title: entry?.title ?? rule, severity: entry?.severity ?? .warning,
                                     phase: entry?.phase ?? .dataPlane, peer: peer,
                                     count: 1, firstLine: line, lastLine: line, evidence: line.map { [$0] } ?? [],
                                     captures: captures, confidence: confidence, related: entry?.related ?? [])
                order.append(key)
            }
        }

        var findings: [Finding] { order.compactMap { byKey[$0] }.sortedForDisplay() }
    }
}
