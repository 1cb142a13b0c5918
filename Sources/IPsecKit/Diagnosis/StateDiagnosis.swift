/// Findings read from parsed `show` output rather than from log lines: SA states, missing
/// phase 2, counters that move one way, errors and MTU. Each cites the catalog
/// signatures it leads to (`related`).
///
/// One snapshot tells states and counters as they are; two snapshots of the same device
/// (`before`, `after`) tell what moved in between, which is what separates a tunnel that
/// once dropped a packet from one that drops every packet now.
public enum StateDiagnosis {
    /// A state rule: its id and what a finding of it says.
    public struct Rule: Sendable {
        public let id: String
        public let title: String
        public let severity: Severity
        public let phase: SignaturePhase
        public let related: [String]
    }

    public static let mainModeNoState = Rule(
        id: "isakmp-mm-no-state", title: "Phase 1 stuck in MM_NO_STATE: the peers agree on no ISAKMP policy",
        severity: .error, phase: .phase1, related: ["main-mode-failed"])
    public static let mainModeKeyExchange = Rule(
        id: "isakmp-mm-key-exch", title: "Phase 1 stuck in MM_KEY_EXCH: pre-shared key or peer address differs",
        severity: .error, phase: .phase1, related: ["ike-sanity-check", "no-cert-no-keys"])
    public static let phase2Missing = Rule(
        id: "phase2-missing", title: "Phase 1 is up but the peer has no IPsec SA",
        severity: .error, phase: .phase2, related: ["transform-unsupported", "proxy-id-unsupported", "invalid-local-address"])
    public static let oneWayOutbound = Rule(
        id: "one-way-traffic-outbound", title: "Traffic is encrypted towards the peer but nothing comes back",
        severity: .error, phase: .dataPlane, related: ["acl-check", "ra-no-route"])
    public static let oneWayInbound = Rule(
        id: "one-way-traffic-inbound", title: "Traffic arrives from the peer but nothing is sent back",
        severity: .error, phase: .dataPlane, related: ["acl-check", "ra-no-route"])
    public static let errorsGrowing = Rule(
        id: "ipsec-errors-growing", title: "IPsec send or receive errors are increasing",
        severity: .warning, phase: .dataPlane, related: ["replay-check", "hmac-failed", "hw-encrypt-decrypt-error", "esp-sequence-fail"])
    public static let replayWithHmac = Rule(
        id: "replay-with-hmac", title: "Packets fail the anti-replay check on an SA with an HMAC",
        severity: .warning, phase: .dataPlane, related: ["replay-check"])
    public static let pathMtuBelowMedia = Rule(
        id: "path-mtu-below-media", title: "Path MTU is below the interface MTU: large packets fragment or drop",
        severity: .warning, phase: .dataPlane, related: ["mtu"])

    public static let rules = [mainModeNoState, mainModeKeyExchange, phase2Missing, oneWayOutbound, oneWayInbound,
                               errorsGrowing, replayWithHmac, pathMtuBelowMedia]

    /// Findings from one snapshot.
    public static func diagnose(_ report: AnalysisReport) -> [Finding] {
        var out = Accumulator()
        phase1(report, into: &out)
        for flow in report.ipsecSas { flowFindings(flow, before: nil, into: &out) }
        return out.findings
    }

    /// Findings from two snapshots of the same device: `after`'s states, plus what the
    /// counters did between the two. Flows are matched by interface, peer and idents.
    public static func diagnose(before: AnalysisReport, after: AnalysisReport) -> [Finding] {
        var out = Accumulator()
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
        if let path = flow.pathMtu, let media = flow.mediaMtu, path < media {
            out.add(pathMtuBelowMedia, peer: peer, line: flow.line,
                    captures: ["path_mtu": String(path), "media_mtu": String(media)], confidence: 0.7)
        }
    }

    /// Aggregates state findings per (rule, peer).
    struct Accumulator {
        private var byKey: [String: Finding] = [:]
        private var order: [String] = []

        mutating func add(_ rule: Rule, peer: String?, line: Int?, captures: [String: String], confidence: Double) {
            let key = rule.id + "|" + (peer ?? "")
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
                byKey[key] = Finding(id: rule.id, title: rule.title, severity: rule.severity, phase: rule.phase, peer: peer,
                                     count: 1, firstLine: line, lastLine: line, evidence: line.map { [$0] } ?? [],
                                     captures: captures, confidence: confidence, related: rule.related)
                order.append(key)
            }
        }

        var findings: [Finding] { order.compactMap { byKey[$0] }.sortedForDisplay() }
    }
}
