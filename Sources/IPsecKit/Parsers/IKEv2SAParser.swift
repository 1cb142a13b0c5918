/// Reads `show crypto ikev2 sa [detail]` from IOS-XE and ASA.
///
/// A tunnel row (`1  10.0.0.1/500  10.0.0.2/500  none/none  READY`, ASA
/// `1234 10.0.0.1/500 10.0.0.2/500 READY INITIATOR`, IOS-XE IPv6 `1 none/none READY` with
/// `Local`/`Remote` lines below) starts an SA; the indented `Encr:`, `Life/Active Time:`
/// and detail lines fill it. Columns are told apart by their shape (address/port,
/// fvrf/ivrf, role word), which works whichever header variant was printed, or none.
/// ASA `Child sa:` entries are recorded; their own `Encr:` lines do not touch the IKE SA.
public struct IKEv2SAParser: SectionParser {
    private var sas: [IKEv2SA] = []
    private var warnings: [ParseWarning] = []
    /// ASA `Session-id:...` line: applies to the tunnel rows below it.
    private var session: (id: Int?, status: String?, ike: Int?, child: Int?)?
    /// True while reading a `Child sa:` entry (until the next row or header).
    private var inChild = false
    /// Number of the last line read: where a cut-short output ended.
    private var lastLine = 0

    public init(platform: Platform?) {}

    public mutating func consume(_ line: ByteLine) {
        let t = line.trimmed()
        lastLine = line.number
        if t.isEmpty { return }

        if t.hasPrefix("IPv4 Crypto IKEv2") || t.hasPrefix("IPv6 Crypto IKEv2") || t.hasPrefix("IKEv2 SAs")
            || t.hasPrefix("There are no") || t.hasPrefix("Tunnel-id") {
            inChild = false
            return
        }
        if t.hasPrefix("Session-id:"), !t.contains("Status:") && !t.contains("count:") {
            // ASA detail: the SA's own session id, under its row.
            guard !sas.isEmpty else { return orphan(t, "a Session-id line") }
            sas[sas.count - 1].sessionId = t.integer(after: "Session-id:")
            return
        }
        if t.hasPrefix("Session-id:") {
            inChild = false
            session = (t.integer(after: "Session-id:"), t.token(after: "Status:"),
                       t.integer(after: "IKE count:"),
                       t.integer(after: "CHILD count:") ?? t.integer(after: "Child count:"))
            return
        }
        if t.hasPrefix("Child sa:") {
            inChild = true
            guard !sas.isEmpty else { return orphan(t, "a child SA") }
            var child = IKEv2ChildSA()
            child.localSelector = t.rest(after: "local selector")
            child.line = t.number
            sas[sas.count - 1].childSas.append(child)
            return
        }
        let fields = t.fields()
        if let first = fields.first, first.isAllDigits {
            inChild = false
            startSA(t, fields)
            return
        }
        if inChild {
            readChildLine(t)
            return
        }
        readAttributeLine(t, fields)
    }

    public mutating func finish(into report: inout AnalysisReport) {
        for (k, sa) in sas.enumerated() where sa.encryption == nil && sa.lifetime == nil {
            warnings.append(ParseWarning(line: k == sas.count - 1 ? lastLine : sa.line ?? 0,
                message: "IKEv2 SA \(sa.tunnelId.map(String.init) ?? "?") has no Encr or Life/Active Time line: the output looks cut short"))
        }
        report.ikev2Sas.append(contentsOf: sas)
        report.warnings.append(contentsOf: warnings)
    }

    // MARK: - Rows

    private mutating func startSA(_ t: ByteLine, _ fields: [ByteLine]) {
        var sa = IKEv2SA()
        sa.line = t.number
        sa.tunnelId = fields[0].digitsValue
        if let session {
            sa.sessionId = session.id
            sa.sessionStatus = session.status
            sa.ikeCount = session.ike
            sa.childCount = session.child
        }
        for field in fields.dropFirst() {
            if let (address, port) = field.addressAndPort() {
                if sa.local == nil {
                    sa.local = address; sa.localPort = port
                } else if sa.remote == nil {
                    sa.remote = address; sa.remotePort = port
                } else {
                    warnings.append(ParseWarning(line: t.number, message: "extra address in IKEv2 tunnel row: \(field.string)"))
                }
            } else if let slash = field.firstOffset(of: "/") {
                sa.fvrf = field.string(0, slash)
                sa.ivrf = field.string(slash + 1, field.count)
            } else if field.matches("INITIATOR", at: 0) || field.matches("RESPONDER", at: 0) {
                sa.role = field.string
            } else if sa.status == nil {
                sa.status = field.string
            } else {
                sa.role = sa.role ?? field.string
            }
        }
        if sa.status == nil || (sa.local != nil && sa.remote == nil) {
            warnings.append(ParseWarning(line: t.number, message: "IKEv2 tunnel row without its remote end or status: the row looks cut short"))
        }
        sas.append(sa)
    }

    // MARK: - Indented lines

    private mutating func readAttributeLine(_ t: ByteLine, _ fields: [ByteLine]) {
        // IOS-XE IPv6 rows print the endpoints on their own lines.
        if fields.count == 2, fields[0].equals("Local") || fields[0].equals("Remote"),
           let (address, port) = fields[1].addressAndPort() {
            guard !sas.isEmpty else { return orphan(t, "an endpoint") }
            if fields[0].equals("Local") {
                sas[sas.count - 1].local = address; sas[sas.count - 1].localPort = port
            } else {
                sas[sas.count - 1].remote = address; sas[sas.count - 1].remotePort = port
            }
            return
        }
        if t.hasPrefix("Encr:") {
            guard !sas.isEmpty else { return orphan(t, "an Encr line") }
            let i = sas.count - 1
            sas[i].encryption = t.token(after: "Encr:")
            sas[i].keysize = t.integer(after: "keysize:")
            sas[i].prf = t.token(after: "PRF:")
            sas[i].hash = t.token(after: "Hash:")
            sas[i].dhGroup = t.integer(after: "DH Grp:")
            sas[i].authSign = t.token(after: "Auth sign:")
            sas[i].authVerify = t.token(after: "Auth verify:")
        } else if t.hasPrefix("Life/Active Time:") {
            guard !sas.isEmpty else { return orphan(t, "a Life/Active Time line") }
            let i = sas.count - 1
            guard let at = t.offset(after: "Life/Active Time:"), let life = t.integer(from: at) else {
                warnings.append(ParseWarning(line: t.number, message: "unreadable Life/Active Time line"))
                return
            }
            sas[i].lifetime = life.value
            if life.end < t.count, t[life.end] == UInt8(ascii: "/") {
                sas[i].activeTime = t.integer(from: life.end + 1)?.value
            }
        } else if t.hasPrefix("CE id:") {
            guard !sas.isEmpty else { return orphan(t, "a CE id line") }
            sas[sas.count - 1].ceId = t.integer(after: "CE id:")
            sas[sas.count - 1].sessionId = t.integer(after: "Session-id:") ?? sas[sas.count - 1].sessionId
        } else if t.hasPrefix("Local spi:") {
            guard !sas.isEmpty else { return orphan(t, "an SPI line") }
            sas[sas.count - 1].localSpi = t.token(after: "Local spi:")
            sas[sas.count - 1].remoteSpi = t.token(after: "Remote spi:")
        } else if t.hasPrefix("Status Description:") {
            guard !sas.isEmpty else { return orphan(t, "a Status Description line") }
            sas[sas.count - 1].statusDescription = t.rest(after: "Status Description:")
        } else if t.hasPrefix("Local id:") {
            guard !sas.isEmpty else { return orphan(t, "a Local id line") }
            sas[sas.count - 1].localId = t.rest(after: "Local id:")
        } else if t.hasPrefix("Remote id:") {
            guard !sas.isEmpty else { return orphan(t, "a Remote id line") }
            sas[sas.count - 1].remoteId = t.rest(after: "Remote id:")
        }
        // Other detail lines (message ids, DPD, NAT-T, remote subnets...) carry nothing
        // the report holds.
    }

    private mutating func readChildLine(_ t: ByteLine) {
        guard !sas.isEmpty, !sas[sas.count - 1].childSas.isEmpty else { return }
        let i = sas.count - 1, c = sas[i].childSas.count - 1
        if t.hasPrefix("remote selector") {
            sas[i].childSas[c].remoteSelector = t.rest(after: "remote selector")
        } else if t.hasPrefix("ESP spi in/out:"), let at = t.offset(after: "ESP spi in/out:") {
            guard let inbound = t.hexInteger(from: at), inbound.value <= UInt64(UInt32.max) else {
                warnings.append(ParseWarning(line: t.number, message: "unreadable child SA SPIs"))
                return
            }
            sas[i].childSas[c].espSpiIn = UInt32(inbound.value)
            if inbound.end < t.count, t[inbound.end] == UInt8(ascii: "/"),
               let outbound = t.hexInteger(from: inbound.end + 1), outbound.value <= UInt64(UInt32.max) {
                sas[i].childSas[c].espSpiOut = UInt32(outbound.value)
            }
        }
    }

    private mutating func orphan(_ t: ByteLine, _ what: String) {
        warnings.append(ParseWarning(line: t.number, message: "\(what) before any IKEv2 tunnel row"))
    }

    /// The SAs read so far (for the ASA `show crypto isakmp sa` parser, which lists IKEv2
    /// SAs under its own heading) and the warnings, as `finish` would report them.
    mutating func drain() -> (sas: [IKEv2SA], warnings: [ParseWarning]) {
        var report = AnalysisReport()
        finish(into: &report)
        return (report.ikev2Sas, report.warnings)
    }
}
