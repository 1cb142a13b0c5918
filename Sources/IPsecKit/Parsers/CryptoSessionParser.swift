/// Reads `show crypto session [detail]` (IOS, IOS-XE).
///
/// Each `Interface:` line opens a session; `Peer:` fills it (a second `Peer:` under the
/// same interface opens another session on that interface). Under the peer come IKE SA
/// lines (`IKEv1 SA:`, `IKEv2 SA:` or plain `IKE SA:`, each after its `Session ID:` in
/// detail output, followed by `Capabilities:... connid:... lifetime:...`) and IPsec flows
/// (`IPSEC FLOW:` with `Active SAs:`, and in detail `Inbound:`/`Outbound:` counters).
/// Indentation varies between releases, so lines are recognised by their labels only.
public struct CryptoSessionParser: SectionParser {
    private var sessions: [CryptoSession] = []
    private var warnings: [ParseWarning] = []
    /// `Session ID:` printed just before the IKE SA line it belongs to.
    private var pendingSessionId: Int?
    /// Number of the last line read: where a cut-short output ended.
    private var lastLine = 0

    public init(platform: Platform?) {}

    public mutating func consume(_ line: ByteLine) {
        let t = line.trimmed()
        lastLine = line.number
        if t.isEmpty { return }

        if t.hasPrefix("Interface:") {
            closeSession()
            var s = CryptoSession()
            s.interface = t.rest(after: "Interface:")
            s.line = t.number
            sessions.append(s)
        } else if t.hasPrefix("Peer:") {
            readPeer(t)
        } else if t.hasPrefix("Profile:") {
            withSession(t) { $0.profile = t.rest(after: "Profile:") }
        } else if t.hasPrefix("Uptime:") {
            withSession(t) { $0.uptime = t.token(after: "Uptime:") }
        } else if t.hasPrefix("Session status:") {
            withSession(t) { $0.status = t.token(after: "Session status:") }
        } else if t.hasPrefix("Username:") {
            withSession(t) { $0.username = t.rest(after: "Username:") }
        } else if t.hasPrefix("Group:") {
            withSession(t) { $0.group = t.rest(after: "Group:") }
        } else if t.hasPrefix("Assigned address:") {
            withSession(t) { $0.assignedAddress = t.token(after: "Assigned address:") }
        } else if t.hasPrefix("Phase1_id:") {
            withSession(t) { $0.phase1Id = t.rest(after: "Phase1_id:") }
        } else if t.hasPrefix("Desc:") {
            withSession(t) { $0.desc = t.rest(after: "Desc:") }
        } else if t.hasPrefix("Session ID:") {
            pendingSessionId = t.integer(after: "Session ID:")
            let id = pendingSessionId
            withSession(t) { s in if s.sessionId == nil { s.sessionId = id } }
        } else if t.hasPrefix("IKEv1 SA:") {
            readIKE(t, version: "IKEv1", label: "IKEv1 SA:")
        } else if t.hasPrefix("IKEv2 SA:") {
            readIKE(t, version: "IKEv2", label: "IKEv2 SA:")
        } else if t.hasPrefix("IKE SA:") {
            readIKE(t, version: nil, label: "IKE SA:")
        } else if t.hasPrefix("Capabilities:") {
            readCapabilities(t)
        } else if t.hasPrefix("IPSEC FLOW:") {
            readFlow(t)
        } else if t.hasPrefix("Active SAs:") {
            withFlow(t) { f in
                f.activeSas = t.integer(after: "Active SAs:")
                f.origin = t.rest(after: "origin:")
            }
        } else if t.hasPrefix("Inbound:") {
            readCounters(t, inbound: true)
        } else if t.hasPrefix("Outbound:") {
            readCounters(t, inbound: false)
        }
        // Legend lines (`Code: C - IKE Configuration mode, ...`), the title and anything
        // unknown carry nothing for the report.
    }

    public mutating func finish(into report: inout AnalysisReport) {
        closeSession(atEnd: true)
        report.cryptoSessions.append(contentsOf: sessions)
        report.warnings.append(contentsOf: warnings)
    }

    // MARK: - Session lines

    private mutating func readPeer(_ t: ByteLine) {
        if sessions.isEmpty || sessions[sessions.count - 1].peer != nil {
            // Another peer under the same interface.
            var s = CryptoSession()
            s.interface = sessions.last?.interface
            s.line = t.number
            if !sessions.isEmpty { closeSession() }
            sessions.append(s)
        }
        let i = sessions.count - 1
        sessions[i].peer = t.token(after: "Peer:")
        sessions[i].peerPort = t.integer(after: " port ")
        sessions[i].fvrf = t.token(after: "fvrf:")
        sessions[i].ivrf = t.token(after: "ivrf:")
        if sessions[i].peer == nil {
            warnings.append(ParseWarning(line: t.number, message: "Peer line without an address"))
        }
    }

    /// `IKEv1 SA: local 10.0.0.1/500 remote 10.0.0.2/500 Active`
    private mutating func readIKE(_ t: ByteLine, version: String?, label: StaticString) {
        var ike = CryptoSessionIKE()
        ike.version = version
        ike.line = t.number
        ike.sessionId = pendingSessionId
        pendingSessionId = nil
        let fields = t.fields()
        var k = 0
        while k < fields.count {
            let f = fields[k]
            if f.equals("local"), k + 1 < fields.count {
                (ike.local, ike.localPort) = Self.endpoint(fields[k + 1])
                k += 2
            } else if f.equals("remote"), k + 1 < fields.count {
                (ike.remote, ike.remotePort) = Self.endpoint(fields[k + 1])
                k += 2
            } else {
                if k >= 2, ike.remote != nil { ike.status = f.string }
                k += 1
            }
        }
        if ike.local == nil || ike.remote == nil || ike.status == nil {
            warnings.append(ParseWarning(line: t.number, message: "IKE SA line without local, remote and status: the line looks cut short"))
        }
        withSession(t) { $0.ikeSas.append(ike) }
    }

    private static func endpoint(_ f: ByteLine) -> (String?, Int?) {
        if let (address, port) = f.addressAndPort() { return (address, port) }
        return (f.string, nil)
    }

    /// `Capabilities:DN connid:2913 lifetime:09:03:41`
    private mutating func readCapabilities(_ t: ByteLine) {
        guard let i = sessions.indices.last, !sessions[i].ikeSas.isEmpty else {
            warnings.append(ParseWarning(line: t.number, message: "Capabilities line outside any IKE SA"))
            return
        }
        let k = sessions[i].ikeSas.count - 1
        sessions[i].ikeSas[k].capabilities = t.token(after: "Capabilities:", terminators: "")
        sessions[i].ikeSas[k].connId = t.integer(after: "connid:")
        sessions[i].ikeSas[k].lifetime = t.token(after: "lifetime:", terminators: "")
    }

    // MARK: - Flows

    /// `IPSEC FLOW: permit ip 10.1.1.0/255.255.255.0 10.2.2.0/255.255.255.0`,
    /// `permit 47 host 10.0.0.1 host 10.0.0.2`, `permit ip host 10.0.0.1 10.2.0.0/255.255.0.0`.
    private mutating func readFlow(_ t: ByteLine) {
        var flow = CryptoSessionFlow()
        flow.line = t.number
        flow.flow = t.rest(after: "IPSEC FLOW:")
        if let at = t.offset(after: "IPSEC FLOW:") {
            let parts = t.slice(at, t.count).fields()
            if parts.count >= 2 {
                flow.action = parts[0].string
                flow.prot = parts[1].string
            }
            var k = 2
            var sides: [(String, String?)] = []
            while k < parts.count, sides.count < 2 {
                let p = parts[k]
                if p.equals("host"), k + 1 < parts.count {
                    sides.append((parts[k + 1].string, nil))
                    k += 2
                } else if let slash = p.firstOffset(of: "/") {
                    sides.append((p.string(0, slash), p.string(slash + 1, p.count)))
                    k += 1
                } else {
                    sides.append((p.string, nil))
                    k += 1
                }
            }
            if sides.count > 0 { (flow.localAddr, flow.localMask) = sides[0] }
            if sides.count > 1 { (flow.remoteAddr, flow.remoteMask) = sides[1] }
            if sides.count < 2 {
                warnings.append(ParseWarning(line: t.number, message: "IPSEC FLOW line without both sides: the line looks cut short"))
            }
        }
        withSession(t) { $0.ipsecFlows.append(flow) }
    }

    /// `Inbound:  #pkts dec'ed 5 drop 0 life (KB/Sec) 4607999/3537`
    private mutating func readCounters(_ t: ByteLine, inbound: Bool) {
        var read = true
        withFlow(t) { f in
            let packets = inbound ? t.integer(after: "dec'ed") : t.integer(after: "enc'ed")
            let drop = t.integer(after: "drop")
            var kb: Int?, sec: Int?
            if let at = t.offset(after: "(KB/Sec)"), let k = t.integer(from: at) {
                kb = k.value
                if k.end < t.count, t[k.end] == UInt8(ascii: "/") { sec = t.integer(from: k.end + 1)?.value }
            }
            if inbound {
                f.inboundPktsDecrypted = packets; f.inboundPktsDrop = drop
                f.inboundLifeKb = kb; f.inboundLifeSec = sec
            } else {
                f.outboundPktsEncrypted = packets; f.outboundPktsDrop = drop
                f.outboundLifeKb = kb; f.outboundLifeSec = sec
            }
            read = packets != nil && drop != nil && sec != nil
        }
        if !read {
            warnings.append(ParseWarning(line: t.number, message: "\(inbound ? "Inbound" : "Outbound") counter line is incomplete: the line looks cut short"))
        }
    }

    // MARK: - Helpers

    private mutating func withSession(_ t: ByteLine, _ body: (inout CryptoSession) -> Void) {
        guard !sessions.isEmpty else {
            warnings.append(ParseWarning(line: t.number, message: "session line before any Interface line: \(t.string)"))
            return
        }
        body(&sessions[sessions.count - 1])
    }

    private mutating func withFlow(_ t: ByteLine, _ body: (inout CryptoSessionFlow) -> Void) {
        guard let i = sessions.indices.last, !sessions[i].ipsecFlows.isEmpty else {
            warnings.append(ParseWarning(line: t.number, message: "flow line outside any IPSEC FLOW: \(t.string)"))
            return
        }
        body(&sessions[i].ipsecFlows[sessions[i].ipsecFlows.count - 1])
    }

    /// Reports a session whose last flow stopped part-way through its detail lines.
    private mutating func closeSession(atEnd: Bool = false) {
        pendingSessionId = nil
        guard let s = sessions.last, let f = s.ipsecFlows.last else { return }
        let endLine = atEnd ? lastLine : f.line ?? 0
        if f.activeSas == nil {
            warnings.append(ParseWarning(line: endLine, message: "IPSEC FLOW ends before its Active SAs line: the output looks cut short"))
        } else if f.inboundPktsDecrypted != nil, f.outboundPktsEncrypted == nil {
            warnings.append(ParseWarning(line: endLine, message: "IPSEC FLOW has Inbound but no Outbound counters: the output looks cut short"))
        }
    }
}
