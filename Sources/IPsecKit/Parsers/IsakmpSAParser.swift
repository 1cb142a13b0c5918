/// Reads `show crypto isakmp sa [detail]` (IOS, IOS-XE, PIX, ASA) and ASA
/// `show crypto ikev1 sa [detail]`.
///
/// Layouts, told apart by their header lines and the shape of each row:
/// - IOS table `[f_vrf/i_vrf] dst src state conn-id slot [status]` and IOS-XE `dst src
///   state conn-id status` (the header says which columns there are; without one the
///   row's shape does);
/// - IOS-XE IPv6 entries printed as `dst:` / `src:` / `state: ... conn-id: ... status:` lines;
/// - IOS `detail`: `C-id Local Remote I-VRF Status Encr Hash Auth DH Lifetime Cap.` rows,
///   the I-VRF column often blank, then `Engine-id:Conn-id = SW:1`;
/// - IOS-XE `detail`: `Conn id Local Remote fvrf/ivrf Status` rows with the algorithms on
///   a continuation line (`aes sha psk 14 23:59:30`);
/// - PIX: `Total : 2`, `Embryonic : 1`, then `dst src state pending created` rows;
/// - ASA: `IKEv1 SAs:` totals then numbered `IKE Peer:` blocks of `Label : value` pairs,
///   or the tabular `IKE Peer Type Dir Rky State [Encrypt Hash Auth Lifetime]` layout
///   whose header repeats before every row; the `IKEv2 SAs:` part is read by
///   `IKEv2SAParser` and reported here as rows with `ike_version` 2.
public struct IsakmpSAParser: SectionParser {
    private enum Column { case vrf, dst, src, state, connId, slot, status, pending, created, type, dir, rekey, encrypt, hash, auth, lifetime, unknown }
    private enum Layout { case unknown, table([Column]), detail, xeDetail, asaTable([Column]) }
    /// What the last entry may still receive on following lines.
    private enum OpenEntry { case asaBlock, ipv6Block, detailRow, xeDetailRow }

    private let platform: Platform?
    private var layout = Layout.unknown
    private var sas: [IsakmpSA] = []
    private var summaries: [IsakmpSummary] = []
    private var summaryOpen = false
    private var warnings: [ParseWarning] = []
    private var ikeVersion = 1
    private var open: OpenEntry?
    private var ikev2: IKEv2SAParser?
    private var inIKEv2 = false
    /// Number of the last line read: where a cut-short output ended.
    private var lastLine = 0

    public init(platform: Platform?) {
        self.platform = platform
    }

    public mutating func consume(_ line: ByteLine) {
        let t = line.trimmed()
        lastLine = line.number
        if t.isEmpty { return }

        if t.hasPrefix("IKEv1 SAs") {
            close()
            inIKEv2 = false
            ikeVersion = 1
            summaryOpen = false
            return
        }
        if t.hasPrefix("IKEv2 SAs") {
            close()
            inIKEv2 = true
            ikeVersion = 2
            if ikev2 == nil { ikev2 = IKEv2SAParser(platform: platform) }
            return
        }
        if inIKEv2 {
            ikev2?.consume(t)
            return
        }
        if t.hasPrefix("IPv4 Crypto ISAKMP SA") || t.hasPrefix("IPv6 Crypto ISAKMP SA") {
            // The detail layout carries on into the IPv6 part, sometimes without a header.
            close()
            return
        }
        if t.hasPrefix("There are no") { return }
        if readSummary(t) { return }

        let fields = t.fields()
        let first = fields[0]
        if readHeader(t, fields) { return }

        if first.isAllDigits {
            if t.contains("IKE Peer:") {
                startASABlock(t, fields)
            } else {
                readNumberedRow(t, fields)
            }
            return
        }
        if first.isAddressLike, fields.count >= 2 && fields[1].isAddressLike || layoutIsTable {
            readTableRow(t, fields)
            return
        }
        if case .table(let columns) = layout, columns.first == .vrf, first.contains("/"),
           fields.count >= 2, fields[1].isAddressLike {
            readTableRow(t, fields)
            return
        }
        if first.matches("dst:", at: 0) || first.matches("src:", at: 0) || first.matches("state:", at: 0) {
            readIPv6Line(t, fields)
            return
        }
        if t.hasPrefix("Engine-id:Conn-id") {
            guard open == .detailRow || open == .xeDetailRow else { return orphan(t, "an Engine-id line") }
            sas[sas.count - 1].engineId = t.rest(after: "=")
            return
        }
        if open == .xeDetailRow, sas.last?.encryption == nil, fields.count >= 5,
           fields[3].isAllDigits, fields[4].isClockTime {
            let i = sas.count - 1
            sas[i].encryption = fields[0].string
            sas[i].hash = fields[1].string
            sas[i].auth = fields[2].string
            sas[i].dhGroup = fields[3].digitsValue
            sas[i].lifetime = fields[4].string
            if fields.count > 5 { sas[i].capabilities = t.string(offset(of: fields[5], in: t), t.count) }
            return
        }
        if readASAAttributes(t) { return }
        // Anything else (code legends, prompts left in, notes) carries nothing for the table.
    }

    public mutating func finish(into report: inout AnalysisReport) {
        close(atEnd: true)
        report.isakmpSas.append(contentsOf: sas)
        if let ikev2 {
            var inner = ikev2
            let drained = inner.drain()
            report.isakmpSas.append(contentsOf: drained.sas.map(Self.row(from:)))
            report.warnings.append(contentsOf: drained.warnings)
        }
        report.isakmpSummary.append(contentsOf: summaries)
        report.warnings.append(contentsOf: warnings)
    }

    // MARK: - Totals

    private mutating func readSummary(_ t: ByteLine) -> Bool {
        if t.hasPrefix("Total IKE SA") {
            return setSummary(\.totalIkeSA, t.labeledToken("Total IKE SA"), t)
        }
        if t.hasPrefix("Active SA") {
            return setSummary(\.activeSA, t.labeledToken("Active SA"), t)
        }
        if t.hasPrefix("Rekey SA") {
            return setSummary(\.rekeySA, t.labeledToken("Rekey SA"), t)
        }
        if t.hasPrefix("Embryonic"), let v = t.labeledToken("Embryonic") {
            return setSummary(\.embryonic, v, t)
        }
        if t.hasPrefix("Total"), let v = t.labeledToken("Total") {
            return setSummary(\.total, v, t)
        }
        return false
    }

    private mutating func setSummary(_ field: WritableKeyPath<IsakmpSummary, Int?>, _ value: String?, _ t: ByteLine) -> Bool {
        guard let value, let number = Int(value) else {
            warnings.append(ParseWarning(line: t.number, message: "unreadable SA total: \(t.string)"))
            return true
        }
        if !summaryOpen || summaries.isEmpty || summaries[summaries.count - 1][keyPath: field] != nil {
            var s = IsakmpSummary()
            s.ikeVersion = ikeVersion
            s.line = t.number
            summaries.append(s)
            summaryOpen = true
        }
        summaries[summaries.count - 1][keyPath: field] = number
        return true
    }

    // MARK: - Headers

    private mutating func readHeader(_ t: ByteLine, _ fields: [ByteLine]) -> Bool {
        let first = fields[0]
        if first.equals("dst") || first.equals("f_vrf/i_vrf"), fields.count >= 3, !t.contains(":") {
            layout = .table(fields.map(Self.column(named:)))
        } else if first.equals("C-id") {
            layout = .detail
        } else if first.equals("Conn-id") || (first.equals("Conn") && fields.count > 1 && fields[1].equals("id")) {
            layout = .xeDetail
        } else if t.hasPrefix("IKE Peer"), !t.contains(":") {
            // `IKE Peer Type Dir Rky State ...`: the row starts with an index, then the peer.
            layout = .asaTable(fields.dropFirst(2).map(Self.column(named:)))
        } else {
            return false
        }
        close()
        summaryOpen = false
        return true
    }

    private static func column(named f: ByteLine) -> Column {
        switch f.string.lowercased() {
        case "f_vrf/i_vrf": return .vrf
        case "dst": return .dst
        case "src": return .src
        case "state": return .state
        case "conn-id", "connid": return .connId
        case "slot": return .slot
        case "status": return .status
        case "pending": return .pending
        case "created": return .created
        case "type": return .type
        case "dir": return .dir
        case "rky", "rekey": return .rekey
        case "encrypt", "encr": return .encrypt
        case "hash": return .hash
        case "auth": return .auth
        case "lifetime": return .lifetime
        default: return .unknown
        }
    }

    // MARK: - Table rows

    private mutating func readTableRow(_ t: ByteLine, _ fields: [ByteLine]) {
        var columns: [Column]
        if case .table(let c) = layout {
            // A global front-door and inside VRF leaves the f_vrf/i_vrf cell blank.
            columns = c.first == .vrf && fields[0].isAddressLike ? Array(c.dropFirst()) : c
        } else if fields.count == 5, !fields[4].isAllDigits {
            columns = [.dst, .src, .state, .connId, .status]
        } else {
            columns = [.dst, .src, .state, .connId, .slot, .status]
        }
        if columns.last == .status, fields.count > columns.count {
            // `ACTIVE (deleted)`: the status column takes the rest of the line.
            columns += Array(repeating: .status, count: fields.count - columns.count)
        }
        var sa = beginEntry(t)
        var statusStart: Int?
        for (k, field) in fields.enumerated() where k < columns.count {
            switch columns[k] {
            case .vrf: sa.vrf = field.string
            case .dst: sa.dst = field.string
            case .src: sa.src = field.string
            case .state: sa.state = field.string
            case .connId: sa.connId = number(field, "conn-id", t)
            case .slot: sa.slot = number(field, "slot", t)
            case .pending: sa.pending = number(field, "pending", t)
            case .created: sa.created = number(field, "created", t)
            case .status: statusStart = statusStart ?? offset(of: field, in: t)
            default: break
            }
        }
        if let statusStart { sa.status = t.string(statusStart, t.count) }
        let required = columns.firstIndex(of: .status) ?? columns.count
        if fields.count < min(required, 4) || sa.state == nil {
            warnings.append(ParseWarning(line: t.number, message: "ISAKMP SA row has \(fields.count) of \(columns.count) columns: the row looks cut short"))
        }
        sas.append(sa)
    }

    private mutating func readNumberedRow(_ t: ByteLine, _ fields: [ByteLine]) {
        switch layout {
        case .asaTable(let columns):
            readASATableRow(t, fields, columns)
        case .xeDetail:
            readXEDetailRow(t, fields)
        default:
            let hasLifetime = fields.contains { $0.isClockTime }
            if fields.count >= 3, layoutIsDetail || (fields[1].isAddressLike && hasLifetime) {
                readDetailRow(t, fields)
            } else if fields.count >= 6, fields[1].isAddressLike {
                // ASA tabular row whose header was not captured.
                readASATableRow(t, fields, Array([Column.type, .dir, .rekey, .state, .encrypt, .hash, .auth, .lifetime].prefix(fields.count - 2)))
            } else {
                warnings.append(ParseWarning(line: t.number, message: "unrecognised ISAKMP SA row: \(t.string)"))
            }
        }
    }

    private var layoutIsTable: Bool {
        if case .table = layout { return true }
        return false
    }

    private var layoutIsDetail: Bool {
        if case .detail = layout { return true }
        return false
    }

    /// `C-id Local Remote [I-VRF] Status Encr Hash Auth DH Lifetime [Cap.]`: the I-VRF and
    /// Cap. columns may be blank, so the row is read from its lifetime (`23:59:30`) backwards.
    private mutating func readDetailRow(_ t: ByteLine, _ fields: [ByteLine]) {
        var sa = beginEntry(t)
        sa.connId = fields[0].digitsValue
        sa.local = fields[1].string
        if fields.count > 2 { sa.remote = fields[2].string }
        if let life = fields.indices.first(where: { $0 >= 8 && fields[$0].isClockTime }) {
            sa.status = fields[life - 5].string
            sa.encryption = fields[life - 4].string
            sa.hash = fields[life - 3].string
            sa.auth = fields[life - 2].string
            sa.dhGroup = number(fields[life - 1], "DH group", t)
            sa.lifetime = fields[life].string
            if life - 5 > 3 { sa.vrf = fields[3..<(life - 5)].map(\.string).joined(separator: " ") }
            if life + 1 < fields.count { sa.capabilities = fields[(life + 1)...].map(\.string).joined(separator: " ") }
        } else {
            if fields.count > 3 { sa.status = fields[3].string }
            warnings.append(ParseWarning(line: t.number, message: "ISAKMP SA detail row without its algorithms and lifetime: the row looks cut short"))
        }
        sas.append(sa)
        open = .detailRow
    }

    /// IOS-XE `Conn id  Local  Remote  fvrf/ivrf  Status`; algorithms follow on the next line.
    private mutating func readXEDetailRow(_ t: ByteLine, _ fields: [ByteLine]) {
        var sa = beginEntry(t)
        sa.connId = fields[0].digitsValue
        var rest = fields.dropFirst()
        if let f = rest.first, f.isAddressLike { sa.local = f.string; rest = rest.dropFirst() }
        if let f = rest.first, f.isAddressLike { sa.remote = f.string; rest = rest.dropFirst() }
        if let f = rest.first, f.contains("/") {
            sa.vrf = f.string
            rest = rest.dropFirst()
        }
        if let f = rest.first { sa.status = t.string(offset(of: f, in: t), t.count) }
        if sa.remote == nil || sa.status == nil {
            warnings.append(ParseWarning(line: t.number, message: "ISAKMP SA detail row without its status: the row looks cut short"))
        }
        sas.append(sa)
        open = .xeDetailRow
    }

    /// ASA tabular layout: `1 209.165.200.225 User Resp No AM_ACTIVE 3des SHA preshrd 86400`.
    private mutating func readASATableRow(_ t: ByteLine, _ fields: [ByteLine], _ columns: [Column]) {
        var sa = beginEntry(t)
        sa.index = fields[0].digitsValue
        if fields.count > 1 { sa.peer = fields[1].string }
        for (k, field) in fields.dropFirst(2).enumerated() where k < columns.count {
            switch columns[k] {
            case .type: sa.type = field.string
            case .dir: sa.role = field.string
            case .rekey: sa.rekey = field.string
            case .state: sa.state = field.string
            case .encrypt: sa.encryption = field.string
            case .hash: sa.hash = field.string
            case .auth: sa.auth = field.string
            case .lifetime: sa.lifetime = field.string
            default: break
            }
        }
        if fields.count - 2 < columns.count {
            warnings.append(ParseWarning(line: t.number, message: "IKE peer row has \(max(0, fields.count - 2)) of \(columns.count) columns: the row looks cut short"))
        }
        sas.append(sa)
    }

    // MARK: - Multi-line entries

    private mutating func startASABlock(_ t: ByteLine, _ fields: [ByteLine]) {
        var sa = beginEntry(t)
        sa.index = fields[0].digitsValue
        sa.peer = t.token(after: "IKE Peer:")
        if sa.peer == nil {
            warnings.append(ParseWarning(line: t.number, message: "IKE Peer line without an address"))
        }
        sas.append(sa)
        open = .asaBlock
    }

    /// `Type    : L2L             Role    : initiator` and the other `Label : value` lines
    /// of an ASA peer block. Returns false when the line holds none of those labels.
    private mutating func readASAAttributes(_ t: ByteLine) -> Bool {
        let type = t.labeledToken("Type"), role = t.labeledToken("Role"), rekey = t.labeledToken("Rekey")
        let state = t.labeledToken("State"), encrypt = t.labeledToken("Encrypt"), hash = t.labeledToken("Hash")
        let auth = t.labeledToken("Auth"), lifetime = t.labeledToken("Lifetime")
        let remaining = t.labeledToken("Lifetime Remaining")
        let any = [type, role, rekey, state, encrypt, hash, auth, lifetime, remaining].contains { $0 != nil }
        guard any else { return false }
        guard open == .asaBlock else {
            orphan(t, "an IKE peer attribute line")
            return true
        }
        let i = sas.count - 1
        if let type { sas[i].type = type }
        if let role { sas[i].role = role }
        if let rekey { sas[i].rekey = rekey }
        if let state { sas[i].state = state }
        if let encrypt { sas[i].encryption = encrypt }
        if let hash { sas[i].hash = hash }
        if let auth { sas[i].auth = auth }
        if let lifetime { sas[i].lifetime = lifetime }
        if let remaining { sas[i].lifetimeRemaining = remaining }
        return true
    }

    /// IOS-XE IPv6: ` dst: A`, ` src: B`, ` state: QM_IDLE  conn-id: 1005 status: ACTIVE`.
    private mutating func readIPv6Line(_ t: ByteLine, _ fields: [ByteLine]) {
        if fields[0].matches("dst:", at: 0) {
            var sa = beginEntry(t)
            sa.dst = t.token(after: "dst:")
            sas.append(sa)
            open = .ipv6Block
            return
        }
        guard open == .ipv6Block else { return orphan(t, "an IPv6 SA line") }
        let i = sas.count - 1
        if fields[0].matches("src:", at: 0) {
            sas[i].src = t.token(after: "src:")
        } else {
            sas[i].state = t.labeledToken("state")
            sas[i].connId = t.integer(after: "conn-id:")
            sas[i].slot = t.integer(after: "slot:")
            sas[i].status = t.rest(after: "status:")
        }
    }

    /// A new entry starting at `t`: whatever was open ends, and so does a summary.
    private mutating func beginEntry(_ t: ByteLine) -> IsakmpSA {
        close()
        summaryOpen = false
        var sa = IsakmpSA()
        sa.line = t.number
        sa.ikeVersion = ikeVersion
        return sa
    }

    /// Ends the open entry, reporting one that stopped before its required lines.
    private mutating func close(atEnd: Bool = false) {
        defer { open = nil }
        guard let open, let sa = sas.last else { return }
        let endLine = atEnd ? lastLine : sa.line ?? 0
        switch open {
        case .asaBlock where sa.state == nil:
            warnings.append(ParseWarning(line: endLine, message: "IKE peer \(sa.peer ?? "?") block ends before its State line: the output looks cut short"))
        case .ipv6Block where sa.state == nil || sa.src == nil:
            warnings.append(ParseWarning(line: endLine, message: "IPv6 ISAKMP SA \(sa.dst ?? "?") ends before its src/state lines: the output looks cut short"))
        case .xeDetailRow where sa.encryption == nil:
            warnings.append(ParseWarning(line: endLine, message: "ISAKMP SA \(sa.connId.map(String.init) ?? "?") has no algorithm line: the output looks cut short"))
        default:
            break
        }
    }

    // MARK: - Helpers

    private mutating func number(_ field: ByteLine, _ what: String, _ t: ByteLine) -> Int? {
        if let v = field.digitsValue { return v }
        warnings.append(ParseWarning(line: t.number, message: "\(what) is not a number: \(field.string)"))
        return nil
    }

    private func offset(of field: ByteLine, in line: ByteLine) -> Int {
        line.bytes.baseAddress!.distance(to: field.bytes.baseAddress!)
    }

    private mutating func orphan(_ t: ByteLine, _ what: String) {
        warnings.append(ParseWarning(line: t.number, message: "\(what) outside any ISAKMP SA entry"))
    }

    /// An ASA IKEv2 tunnel listed by `show crypto isakmp sa`, as a phase 1 row.
    static func row(from v2: IKEv2SA) -> IsakmpSA {
        var sa = IsakmpSA()
        sa.ikeVersion = 2
        sa.connId = v2.tunnelId
        sa.local = v2.local
        sa.remote = v2.remote
        sa.state = v2.status
        sa.status = v2.sessionStatus
        sa.role = v2.role
        sa.encryption = v2.encryption
        sa.hash = v2.hash
        sa.auth = v2.authSign
        sa.dhGroup = v2.dhGroup
        sa.lifetime = v2.lifetime.map(String.init)
        sa.line = v2.line
        return sa
    }
}
