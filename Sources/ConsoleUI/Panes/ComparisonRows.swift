import IPsecKit

/// The comparison pane's rows: one section per thing compared, both ends side by side,
/// then the list of mismatches. A section whose check found a mismatch carries its index
/// (so Enter explains it from any of its rows) and is drawn with a mark and the catalog id.
public enum ComparisonRows {
    public struct Row: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case heading, fact, mismatch }
        public var kind: Kind
        /// Side A's text (the whole line for headings and mismatches).
        public var left: String
        public var right: String
        /// Index into `ConfigComparison.mismatches`.
        public var mismatch: Int?
        /// Catalog id shown on a marked heading.
        public var signature: String?

        static func heading(_ text: String, _ mismatch: (Int, String)?) -> Row {
            Row(kind: .heading, left: text, right: "", mismatch: mismatch?.0, signature: mismatch?.1)
        }
    }

    /// Mark and word for a mismatch, so it never depends on colour alone.
    public static let mismatchMark = "✗"
    public static let matchMark = "✓"

    static let sections: [(title: String, checks: [String])] = [
        ("Peers and interfaces", ["peer-address", "crypto-map-interface", "local-address"]),
        ("Pre-shared key", ["pre-shared-key"]),
        ("ISAKMP policies", ["isakmp-policy"]),
        ("Transform sets", ["transform-set", "pfs"]),
        ("Crypto ACL", ["acl-mirror", "acl-overlap", "acl-reuse"]),
        ("NAT exemption", ["nat-exemption"]),
        ("Remote access", ["sysopt", "split-tunnel", "route"]),
    ]

    public static func make(_ pane: ComparisonPane) -> [Row] {
        let r = pane.result, a = pane.configA, b = pane.configB
        let entryA = entry(a, r.tunnelA), entryB = entry(b, r.tunnelB)
        var rows: [Row] = []
        rows.append(Row(kind: .fact, left: "\(r.labelA): \(pane.sourceA)", right: "\(r.labelB): \(pane.sourceB)"))
        for section in sections {
            let found = r.mismatches.indices.first { section.checks.contains(r.mismatches[$0].check) }
            let body: [(String, String)]
            switch section.title {
            case "Peers and interfaces": body = peers(a, entryA, r.tunnelA, b, entryB, r.tunnelB)
            case "Pre-shared key": body = keys(a, entryA, b, entryB, mismatch: found != nil)
            case "ISAKMP policies": body = policies(a, b, r)
            case "Transform sets": body = transforms(a, entryA, b, entryB, r)
            case "Crypto ACL": body = acls(a, entryA, b, entryB)
            case "NAT exemption": body = nat(a, b)
            default:
                guard a.isRemoteAccessHeadEnd || b.isRemoteAccessHeadEnd || found != nil else { continue }
                body = remoteAccess(a, b)
            }
            rows.append(.heading(section.title, found.map { ($0, r.mismatches[$0].signature) }))
            rows += body.map { Row(kind: .fact, left: $0.0, right: $0.1, mismatch: found) }
        }
        rows.append(.heading(r.mismatches.isEmpty ? "No mismatch: the two ends agree" : "Mismatches (\(r.mismatches.count)): Enter shows the fix steps", nil))
        for (i, m) in r.mismatches.enumerated() {
            let side = m.side == .both ? "both" : (m.side == .a ? r.labelA : r.labelB)
            rows.append(Row(kind: .mismatch, left: "\(m.signature)  \(m.check) (\(side)): \(m.message)", right: "", mismatch: i, signature: m.signature))
        }
        return rows
    }

    static func entry(_ c: CryptoConfig, _ name: String?) -> CryptoMapEntry? {
        guard let name else { return nil }
        return c.cryptoMaps.first { "\($0.map) \($0.sequence)" == name }
    }

    /// Pairs two columns of lines, padding the shorter one.
    static func zipped(_ l: [String], _ r: [String]) -> [(String, String)] {
        (0..<max(l.count, r.count)).map { ($0 < l.count ? l[$0] : "", $0 < r.count ? r[$0] : "") }
    }

    static func peers(_ a: CryptoConfig, _ ea: CryptoMapEntry?, _ ta: String?, _ b: CryptoConfig, _ eb: CryptoMapEntry?, _ tb: String?) -> [(String, String)] {
        func side(_ c: CryptoConfig, _ e: CryptoMapEntry?, _ t: String?) -> [String] {
            var out = ["map entry: " + (t ?? (c.isRemoteAccessHeadEnd ? "dynamic (remote access)" : "none towards the other end"))]
            if let e { out.append("peer: " + (e.peers.isEmpty ? "none" : e.peers.joined(separator: ", "))) }
            let applied = c.interfaces.filter { $0.cryptoMap != nil }
            if applied.isEmpty { out.append("crypto map on: no interface") }
            for i in applied {
                out.append("crypto map \(i.cryptoMap!) on \(i.nameif ?? i.name)" + (i.address.map { " (\($0))" } ?? ""))
            }
            if let e, let forced = c.cryptoMapLocalAddress[e.map] { out.append("local-address: \(forced)") }
            return out
        }
        return zipped(side(a, ea, ta), side(b, eb, tb))
    }

    static func keys(_ a: CryptoConfig, _ ea: CryptoMapEntry?, _ b: CryptoConfig, _ eb: CryptoMapEntry?, mismatch: Bool) -> [(String, String)] {
        func side(_ c: CryptoConfig, _ e: CryptoMapEntry?) -> String {
            guard let peer = e?.peers.first else { return c.preSharedKeys.isEmpty ? "none" : "\(c.preSharedKeys.count) key(s)" }
            return c.preSharedKey(for: peer).map { "for \(peer) (bound to \($0.address))" } ?? "none for \(peer)"
        }
        let verdict = mismatch ? "\(mismatchMark) keys differ or one is missing (compared by digest)" : "\(matchMark) equal (compared by digest; never shown)"
        return [(side(a, ea), side(b, eb)), (verdict, "")]
    }

    static func describe(_ p: IsakmpPolicy) -> String {
        "\(p.priority): \(p.encryption ?? "default") \(p.hash ?? "sha") \(p.authentication ?? "rsa-sig") group \(p.group.map(String.init) ?? "default")"
    }

    static func policies(_ a: CryptoConfig, _ b: CryptoConfig, _ r: ConfigComparison) -> [(String, String)] {
        var out = zipped(a.isakmpPolicies.sorted { $0.priority < $1.priority }.map(describe),
                         b.isakmpPolicies.sorted { $0.priority < $1.priority }.map(describe))
        func accepted(_ m: ConfigComparison.PolicyMatch?, _ by: String) -> String {
            m.map { "\(matchMark) offers \($0.initiatorPriority), \(by) accepts \($0.responderPriority)" } ?? "\(mismatchMark) nothing \(by) accepts"
        }
        out.append((accepted(r.policyMatchAInitiates, r.labelB), accepted(r.policyMatchBInitiates, r.labelA)))
        return out
    }

    static func transforms(_ a: CryptoConfig, _ ea: CryptoMapEntry?, _ b: CryptoConfig, _ eb: CryptoMapEntry?, _ r: ConfigComparison) -> [(String, String)] {
        func side(_ c: CryptoConfig, _ e: CryptoMapEntry?) -> [String] {
            let names = e?.transformSets ?? c.transformSets.map(\.name)
            var out = names.map { n in "\(n): " + (c.transformSets.first { $0.name == n }?.transforms.joined(separator: " ") ?? "not configured") }
            out.append("PFS: " + (e?.pfs ?? "off"))
            return out
        }
        var out = zipped(side(a, ea), side(b, eb))
        out.append((r.commonTransformSets.isEmpty ? "\(mismatchMark) no set in common" : "\(matchMark) common: " + r.commonTransformSets.joined(separator: ", "), ""))
        return out
    }

    static func acls(_ a: CryptoConfig, _ ea: CryptoMapEntry?, _ b: CryptoConfig, _ eb: CryptoMapEntry?) -> [(String, String)] {
        func side(_ c: CryptoConfig, _ e: CryptoMapEntry?) -> [String] {
            guard let name = e?.matchAddress else { return ["no match address"] }
            guard let acl = c.accessList(named: name) else { return ["\(name): not configured"] }
            return ["\(name):"] + acl.entries.map { "\($0.action) \($0.protocol) \(compact($0.source)) → \(compact($0.destination))" }
        }
        return zipped(side(a, ea), side(b, eb))
    }

    /// `192.168.1.0/24`, `host 192.168.1.10`, `any`, `object NAME`: short enough for two columns at 80.
    static func compact(_ a: AddressMatch) -> String {
        guard a.object == nil, a != .any, !a.isHost, let mask = IPv4Address(a.mask), mask.isContiguousMask else { return a.description }
        return "\(a.address)/\(mask.value.nonzeroBitCount)"
    }

    static func nat(_ a: CryptoConfig, _ b: CryptoConfig) -> [(String, String)] {
        func side(_ c: CryptoConfig) -> [String] {
            let list = c.natExemptions.map { e -> String in
                switch e.kind {
                case .natZero: return "nat 0 access-list \(e.accessList ?? "?")"
                case .routeMapDeny: return "route-map, deny in ACL \(e.accessList ?? "?")"
                case .aclDeny: return "deny in NAT ACL \(e.accessList ?? "?")"
                case .twiceNat: return "static \(e.sourceObject ?? "?") → \(e.destinationObject ?? "?")"
                }
            }
            return list.isEmpty ? ["none"] : list
        }
        return zipped(side(a), side(b))
    }

    static func remoteAccess(_ a: CryptoConfig, _ b: CryptoConfig) -> [(String, String)] {
        func side(_ c: CryptoConfig) -> [String] {
            var out = ["sysopt permit-vpn: " + (c.sysoptPermitIPsec.map { $0 ? "on" : "off" } ?? "default")]
            out += c.splitTunnels.map { "split tunnel \($0.group): \($0.accessList)" }
            out += c.tunnelAllGroups.map { "\($0): tunnel all" }
            out += c.routes.map { "route \($0.interface ?? "") \($0.network) \($0.mask)" }
            return out
        }
        return zipped(side(a), side(b))
    }
}
