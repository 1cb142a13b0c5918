/// Compares the crypto configurations of the two ends of a LAN-to-LAN tunnel and names
/// every mismatch that would stop it (or make it one-way), with the catalog id of the
/// failure it causes. Keys are compared by digest only; their text is never shown.
public struct ConfigComparison: Codable, Equatable, Sendable {
    /// One configuration problem between the two ends (or within one).
    public struct Mismatch: Codable, Equatable, Sendable {
        public enum Side: String, Codable, Sendable { case a, b, both }

        /// What was compared: `peer-address`, `pre-shared-key`, `isakmp-policy`,
        /// `transform-set`, `pfs`, `acl-mirror`, `crypto-map-interface`, `local-address`,
        /// `nat-exemption`, `acl-overlap`, `acl-reuse`, `no-tunnel`.
        public var check: String
        /// The catalog id of the failure this mismatch causes.
        public var signature: String
        /// Other catalog ids the same configuration fault shows up as, depending on the
        /// software, the platform and which end initiates (the debug output tells which).
        public var alternatives: [String]
        public var side: Side
        public var message: String
        /// Config lines involved, as `A:12` / `B:40`.
        public var lines: [String]

        public init(check: String, signature: String, alternatives: [String] = [], side: Side, message: String, lines: [String] = []) {
            self.check = check; self.signature = signature; self.alternatives = alternatives; self.side = side; self.message = message; self.lines = lines
        }

        /// Every catalog id this mismatch can show up as, the main one first.
        public var signatures: [String] { [signature] + alternatives }
    }

    /// The ISAKMP policy pair the responder would accept, first in the initiator's order.
    public struct PolicyMatch: Codable, Equatable, Sendable {
        public var initiatorPriority: Int
        public var responderPriority: Int
    }

    public var labelA: String
    public var labelB: String
    /// The crypto map entry on each side that points at the other (`map seq`).
    public var tunnelA: String?
    public var tunnelB: String?
    /// With A initiating, then with B initiating.
    public var policyMatchAInitiates: PolicyMatch?
    public var policyMatchBInitiates: PolicyMatch?
    /// Transform sets both ends accept, as `A-name = B-name`.
    public var commonTransformSets: [String] = []
    public var mismatches: [Mismatch] = []

    public var isClean: Bool { mismatches.isEmpty }

    /// Compares `a` and `b` as the two ends of one tunnel.
    public static func compare(_ a: CryptoConfig, _ b: CryptoConfig, labelA: String = "A", labelB: String = "B") -> ConfigComparison {
        var result = ConfigComparison(labelA: labelA, labelB: labelB)
        var checker = Checker(a: a, b: b, labelA: labelA, labelB: labelB)
        checker.run(into: &result)
        return result
    }
}

/// The checks, in the order an engineer would make them.
private struct Checker {
    let a: CryptoConfig
    let b: CryptoConfig
    let labelA: String
    let labelB: String

    mutating func run(into result: inout ConfigComparison) {
        var mismatches: [ConfigComparison.Mismatch] = []
        let entryA = tunnelEntry(in: a, towards: b)
        let entryB = tunnelEntry(in: b, towards: a)
        result.tunnelA = entryA.map { "\($0.map) \($0.sequence)" }
        result.tunnelB = entryB.map { "\($0.map) \($0.sequence)" }

        // Peer addresses: each side's crypto map must name the other side's address.
        for (config, other, entry, side, label, otherLabel) in [(a, b, entryA, ConfigComparison.Mismatch.Side.a, labelA, labelB),
                                                               (b, a, entryB, .b, labelB, labelA)] {
            guard let entry else {
                // A remote-access head end (dynamic map only) accepts any peer: nothing to pair.
                if config.isRemoteAccessHeadEnd { continue }
                let peers = config.cryptoMaps.flatMap(\.peers)
                let msg = peers.isEmpty
                    ? "\(label) has no crypto map entry with a peer"
                    : "no crypto map entry on \(label) points at an address of \(otherLabel) (peers set: \(peers.joined(separator: ", ")); \(otherLabel)'s addresses: \(addresses(of: other).joined(separator: ", ")))"
                mismatches.append(.init(check: "peer-address", signature: "no-cert-no-keys", side: side, message: msg,
                                        lines: config.cryptoMaps.compactMap { $0.line.map { "\(side.rawValue.uppercased()):\($0)" } }))
                continue
            }
            // Crypto map applied to an interface, and the local identity the peer expects.
            let applied = config.interfaces(applying: entry.map)
            if applied.isEmpty {
                mismatches.append(.init(check: "crypto-map-interface", signature: "invalid-local-address", side: side,
                                        message: "crypto map \(entry.map) on \(label) is not applied to any interface", lines: lineRef(side, entry.line)))
            } else if let forced = config.cryptoMapLocalAddress[entry.map],
                      let forcedIf = config.interfaces.first(where: { $0.name == forced || $0.nameif == forced }),
                      let address = forcedIf.address, !(other.cryptoMaps.flatMap(\.peers).contains(address)) {
                mismatches.append(.init(check: "local-address", signature: "invalid-local-address", side: side,
                                        message: "crypto map \(entry.map) local-address \(forced) makes \(label) use \(address), which \(otherLabel) does not have as its peer",
                                        lines: lineRef(side, forcedIf.line)))
            }
        }

        // Pre-shared keys, compared by digest.
        if let entryA, let entryB {
            let addressOfA = entryB.peers.first { addresses(of: a).contains($0) } ?? entryB.peers.first ?? "?"
            let addressOfB = entryA.peers.first { addresses(of: b).contains($0) } ?? entryA.peers.first ?? "?"
            let keyA = a.preSharedKey(for: addressOfB), keyB = b.preSharedKey(for: addressOfA)
            let usesPSK = (a.isakmpPolicies + b.isakmpPolicies).contains { $0.authentication == "pre-share" }
            if usesPSK {
                if keyA == nil {
                    mismatches.append(.init(check: "pre-shared-key", signature: "no-cert-no-keys", side: .a,
                                            message: "\(labelA) has no pre-shared key for \(addressOfB)"))
                }
                if keyB == nil {
                    mismatches.append(.init(check: "pre-shared-key", signature: "no-cert-no-keys", side: .b,
                                            message: "\(labelB) has no pre-shared key for \(addressOfA)"))
                }
                if let keyA, let keyB, keyA.digest != keyB.digest {
                    mismatches.append(.init(check: "pre-shared-key", signature: "ike-sanity-check", alternatives: ["reserved-not-zero"], side: .both,
                                            message: "the pre-shared keys differ (compared by digest; neither key is shown)",
                                            lines: lineRef(.a, keyA.line) + lineRef(.b, keyB.line)))
                }
            }

            // Phase 1 policies, each side initiating.
            result.policyMatchAInitiates = policyMatch(initiator: a, responder: b)
            result.policyMatchBInitiates = policyMatch(initiator: b, responder: a)
            if result.policyMatchAInitiates == nil || result.policyMatchBInitiates == nil {
                mismatches.append(policyMismatch())
            }

            // Phase 2: transform sets and PFS.
            let setsA = entryA.transformSets.compactMap { name in a.transformSets.first { $0.name == name } }
            let setsB = entryB.transformSets.compactMap { name in b.transformSets.first { $0.name == name } }
            result.commonTransformSets = setsA.flatMap { sa in
                setsB.filter { Set($0.transforms) == Set(sa.transforms) && ($0.mode ?? "tunnel") == (sa.mode ?? "tunnel") }
                    .map { "\(sa.name) = \($0.name)" }
            }
            if result.commonTransformSets.isEmpty {
                let describe: ([TransformSet]) -> String = { $0.map { "\($0.name) (\($0.transforms.joined(separator: " ")))" }.joined(separator: ", ") }
                // Which message appears depends on the proposal and on who answers: IOS names the
                // unsupported transform or finds all proposals unacceptable, an ASA reports a QM FSM
                // error, and an initiator whose proposals go unanswered sees the peer not responding.
                let asaInvolved = a.platform == .asa || b.platform == .asa
                mismatches.append(.init(check: "transform-set", signature: "transform-unsupported",
                                        alternatives: ["all-proposals-unacceptable", "remote-not-responding"] + (asaInvolved ? ["qm-fsm"] : []), side: .both,
                                        message: "no transform set in common: \(labelA) offers \(describe(setsA).isEmpty ? "none" : describe(setsA)); \(labelB) offers \(describe(setsB).isEmpty ? "none" : describe(setsB))",
                                        lines: lineRef(.a, entryA.line) + lineRef(.b, entryB.line)))
            }
            if entryA.pfs != entryB.pfs {
                mismatches.append(.init(check: "pfs", signature: "all-proposals-unacceptable", side: .both,
                                        message: "PFS differs: \(labelA) \(entryA.pfs ?? "off"), \(labelB) \(entryB.pfs ?? "off")",
                                        lines: lineRef(.a, entryA.line) + lineRef(.b, entryB.line)))
            }

            // Crypto ACLs must be mirror images, entry by entry.
            mismatches += mirrorMismatches(entryA, entryB)
        }

        // Per device: NAT exemption, overlapping tunnels, one ACL for two jobs, remote access.
        for (config, entry, side, label) in [(a, entryA, ConfigComparison.Mismatch.Side.a, labelA), (b, entryB, .b, labelB)] {
            mismatches += deviceMismatches(config, tunnel: entry, side: side, label: label)
            mismatches += TrafficPathChecks(config: config, side: side, label: label).mismatches()
        }
        result.mismatches = mismatches
    }

    // MARK: tunnel

    func addresses(of config: CryptoConfig) -> [String] { config.interfaces.compactMap(\.address) }


    func tunnelEntry(in config: CryptoConfig, towards other: CryptoConfig) -> CryptoMapEntry? {
        let otherAddresses = Set(addresses(of: other))
        return config.cryptoMaps.first { !Set($0.peers).isDisjoint(with: otherAddresses) }
    }

    func lineRef(_ side: ConfigComparison.Mismatch.Side, _ line: Int?) -> [String] {
        line.map { ["\(side.rawValue.uppercased()):\($0)"] } ?? []
    }

    // MARK: phase 1

    /// A policy with the platform's defaults filled in.
    struct EffectivePolicy: Equatable {
        var priority: Int, encryption: String, hash: String, authentication: String, group: Int
    }

    /// IOS responders also check their default policy (priority 65535); initiators offer
    /// only their configured policies, or the default one when none is configured.
    func effective(_ config: CryptoConfig, responding: Bool = true) -> [EffectivePolicy] {
        let asa = config.platform == .asa
        var list = config.isakmpPolicies.filter { $0.ikeVersion == 1 }.sorted { $0.priority < $1.priority }.map {
            EffectivePolicy(priority: $0.priority, encryption: $0.encryption ?? (asa ? "3des" : "des"), hash: $0.hash ?? "sha",
                            authentication: $0.authentication ?? "rsa-sig", group: $0.group ?? (asa ? 2 : 1))
        }
        if !asa && (responding || list.isEmpty) {
            list.append(EffectivePolicy(priority: 65535, encryption: "des", hash: "sha", authentication: "rsa-sig", group: 1))
        }
        return list
    }

    func policyMatch(initiator: CryptoConfig, responder: CryptoConfig) -> ConfigComparison.PolicyMatch? {
        let responderPolicies = effective(responder)
        for offer in effective(initiator, responding: false) {
            if let accepted = responderPolicies.first(where: { $0.encryption == offer.encryption && $0.hash == offer.hash
                && $0.authentication == offer.authentication && $0.group == offer.group }) {
                return .init(initiatorPriority: offer.priority, responderPriority: accepted.priority)
            }
        }
        return nil
    }

    /// Names the attribute that keeps the closest pair of policies apart.
    func policyMismatch() -> ConfigComparison.Mismatch {
        var best: (score: Int, a: EffectivePolicy, b: EffectivePolicy)?
        for pa in effective(a) where pa.priority != 65535 {
            for pb in effective(b) where pb.priority != 65535 {
                let score = [pa.encryption == pb.encryption, pa.hash == pb.hash, pa.authentication == pb.authentication, pa.group == pb.group].filter { $0 }.count
                if best == nil || score > best!.score { best = (score, pa, pb) }
            }
        }
        guard let best else {
            return .init(check: "isakmp-policy", signature: "main-mode-failed", side: .both,
                         message: "no ISAKMP policy in common (one side has none configured)")
        }
        var differences: [String] = []
        if best.a.encryption != best.b.encryption { differences.append("encryption \(best.a.encryption) vs \(best.b.encryption)") }
        if best.a.hash != best.b.hash { differences.append("hash \(best.a.hash) vs \(best.b.hash)") }
        if best.a.authentication != best.b.authentication { differences.append("authentication \(best.a.authentication) vs \(best.b.authentication)") }
        if best.a.group != best.b.group { differences.append("DH group \(best.a.group) vs \(best.b.group)") }
        let signature: String
        if differences.count == 1 && best.a.hash != best.b.hash { signature = "policy-hash-mismatch" }
        else if differences.count == 1 && best.a.encryption != best.b.encryption { signature = "policy-encryption-mismatch" }
        else { signature = "main-mode-failed" }
        return .init(check: "isakmp-policy", signature: signature, side: .both,
                     message: "no ISAKMP policy in common; closest pair \(labelA) priority \(best.a.priority) and \(labelB) priority \(best.b.priority) differ in \(differences.joined(separator: ", "))")
    }

    // MARK: crypto ACLs

    func mirrorMismatches(_ entryA: CryptoMapEntry, _ entryB: CryptoMapEntry) -> [ConfigComparison.Mismatch] {
        guard let nameA = entryA.matchAddress, let nameB = entryB.matchAddress else {
            let side: ConfigComparison.Mismatch.Side = entryA.matchAddress == nil ? .a : .b
            return [.init(check: "acl-mirror", signature: "acl-check", side: side,
                          message: "crypto map entry on \(side == .a ? labelA : labelB) has no match address ACL")]
        }
        guard let aclA = a.accessList(named: nameA), let aclB = b.accessList(named: nameB) else {
            let missing = a.accessList(named: nameA) == nil ? "\(labelA) ACL \(nameA)" : "\(labelB) ACL \(nameB)"
            return [.init(check: "acl-mirror", signature: "acl-check", side: a.accessList(named: nameA) == nil ? .a : .b,
                          message: "the crypto map names \(missing), which is not configured")]
        }
        let permitsA = aclA.entries.filter { $0.action == "permit" }
        let permitsB = aclB.entries.filter { $0.action == "permit" }
        var out: [ConfigComparison.Mismatch] = []
        for entry in permitsA where !permitsB.contains(where: { isMirror(entry, $0) }) {
            out.append(mirrorProblem(entry, in: permitsB, side: .a, otherACL: nameB))
        }
        for entry in permitsB where !permitsA.contains(where: { isMirror(entry, $0) }) {
            out.append(mirrorProblem(entry, in: permitsA, side: .b, otherACL: nameA))
        }
        return out
    }

    func isMirror(_ x: AccessListEntry, _ y: AccessListEntry) -> Bool {
        x.protocol == y.protocol && x.source == y.destination && x.destination == y.source
    }

    func mirrorProblem(_ entry: AccessListEntry, in others: [AccessListEntry], side: ConfigComparison.Mismatch.Side, otherACL: String) -> ConfigComparison.Mismatch {
        let label = side == .a ? labelA : labelB, otherLabel = side == .a ? labelB : labelA
        // The same networks with a host on one end and a subnet on the other: proxy IDs differ.
        // The responder (the other side) rejects the proposal: an ASA with a QM FSM error, IOS
        // with "proxy identities not supported", or "invalid proxy IDs" when one end names
        // hosts and the other whole networks.
        let responderIsASA = (side == .a ? b : a).platform == .asa
        let notMirrored = responderIsASA ? "qm-fsm" : "proxy-id-unsupported"
        if let near = others.first(where: { overlaps($0.source, entry.destination) && overlaps($0.destination, entry.source) }) {
            let hostAgainstNetwork = entry.source.isHost != near.destination.isHost || entry.destination.isHost != near.source.isHost
            let signature = hostAgainstNetwork ? "invalid-proxy-ids" : notMirrored
            let alternatives = hostAgainstNetwork ? [notMirrored] : (responderIsASA ? ["proxy-id-unsupported"] : [])
            return .init(check: "acl-mirror", signature: signature, alternatives: alternatives, side: side,
                         message: "\(label) entry \"\(entry.text)\" is not mirrored by \(otherLabel) ACL \(otherACL): the closest entry is \"\(near.text)\" (\(entry.source) -> \(entry.destination) against \(near.destination) <- \(near.source))",
                         lines: lineRef(side, entry.line) + lineRef(side == .a ? .b : .a, near.line))
        }
        return .init(check: "acl-mirror", signature: notMirrored, side: side,
                     message: "\(label) entry \"\(entry.text)\" has no mirror image in \(otherLabel) ACL \(otherACL) (expected \(entry.protocol) \(entry.destination) \(entry.source))",
                     lines: lineRef(side, entry.line))
    }

    func overlaps(_ x: AddressMatch, _ y: AddressMatch) -> Bool {
        guard x.object == nil, y.object == nil,
              let xa = IPv4Address(x.address), let xm = IPv4Address(x.mask),
              let ya = IPv4Address(y.address), let ym = IPv4Address(y.mask) else { return x == y }
        let common = xm.value & ym.value
        return xa.value & common == ya.value & common
    }

    // MARK: per device

    /// `tunnel`: the entry towards the other end; NAT exemption is checked for its traffic
    /// (for every entry when the tunnel is not known).
    func deviceMismatches(_ config: CryptoConfig, tunnel: CryptoMapEntry?, side: ConfigComparison.Mismatch.Side, label: String) -> [ConfigComparison.Mismatch] {
        var out: [ConfigComparison.Mismatch] = []
        let cryptoACLs = Set(config.cryptoMaps.compactMap(\.matchAddress))
        let natACLs = Set(config.natExemptions.compactMap(\.accessList))
        for name in cryptoACLs.intersection(natACLs).sorted() {
            out.append(.init(check: "acl-reuse", signature: "acl-check", side: side,
                             message: "\(label) uses ACL \(name) both for the crypto map and for NAT exemption; give each job its own ACL"))
        }
        // Overlapping crypto ACLs of different tunnels: traffic can land in the wrong one.
        let entries = config.cryptoMaps.filter { $0.matchAddress != nil }.sorted { ($0.map, $0.sequence) < ($1.map, $1.sequence) }
        for (i, x) in entries.enumerated() {
            for y in entries[(i + 1)...] where Set(x.peers) != Set(y.peers) {
                guard let ax = config.accessList(named: x.matchAddress!), let ay = config.accessList(named: y.matchAddress!) else { continue }
                if let ex = ax.entries.first(where: { e in e.action == "permit" && ay.entries.contains { $0.action == "permit" && overlaps($0.source, e.source) && overlaps($0.destination, e.destination) } }) {
                    // An earlier entry of the same map whose ACL takes in all of a later entry's
                    // traffic catches the later peer's proposals and names the wrong peer.
                    let shadows = x.map == y.map && ay.entries.allSatisfy { later in
                        later.action != "permit" || ax.entries.contains { $0.action == "permit" && covers($0.source, later.source) && covers($0.destination, later.destination) } }
                    out.append(.init(check: "acl-overlap", signature: shadows ? "peer-not-found" : "acl-check",
                                     alternatives: shadows ? ["acl-check"] : [], side: side,
                                     message: "\(label): crypto ACLs \(x.matchAddress!) (map \(x.map) \(x.sequence)) and \(y.matchAddress!) (map \(y.map) \(y.sequence)) overlap at \"\(ex.text)\"",
                                     lines: lineRef(side, ex.line)))
                }
            }
        }
        // NAT exemption must cover the tunnel's traffic wherever NAT is in use.
        let natInUse = !config.natExemptions.isEmpty || config.translatesAddresses || config.interfaces.contains { $0.natRole != nil }
        if natInUse {
            for entry in entries where tunnel == nil || entry == tunnel {
                guard let acl = config.accessList(named: entry.matchAddress!) else { continue }
                for rule in acl.entries where rule.action == "permit" && !natExempts(config, rule) {
                    out.append(.init(check: "nat-exemption", signature: "acl-check", side: side,
                                     message: "\(label): traffic \(rule.source) -> \(rule.destination) of crypto ACL \(acl.name) is not exempted from NAT, so it is translated before it reaches the tunnel",
                                     lines: lineRef(side, rule.line)))
                }
            }
        }
        return out
    }

    func natExempts(_ config: CryptoConfig, _ rule: AccessListEntry) -> Bool {
        for exemption in config.natExemptions {
            switch exemption.kind {
            case .natZero:
                if let acl = exemption.accessList.flatMap(config.accessList(named:)),
                   acl.entries.contains(where: { $0.action == "permit" && covers($0.source, rule.source) && covers($0.destination, rule.destination) }) { return true }
            case .routeMapDeny, .aclDeny:
                if let acl = exemption.accessList.flatMap(config.accessList(named:)),
                   acl.entries.contains(where: { $0.action == "deny" && covers($0.source, rule.source) && covers($0.destination, rule.destination) }) { return true }
            case .twiceNat:
                if let source = exemption.sourceNetwork, let destination = exemption.destinationNetwork {
                    if covers(source, rule.source) && covers(destination, rule.destination) { return true }
                } else if rule.source.object == exemption.sourceObject && rule.destination.object == exemption.destinationObject {
                    return true // undefined objects: the same names are the best evidence there is
                }
            }
        }
        return false
    }

    func covers(_ outer: AddressMatch, _ inner: AddressMatch) -> Bool { AddressMatch.covers(outer, inner) }
}
