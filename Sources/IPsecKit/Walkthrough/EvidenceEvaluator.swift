/// Computes each check of the vocabulary from the observations. Pure: the same
/// observations always give the same evidence.
public enum EvidenceEvaluator {
    static let establishedStates: Set<String> = StateDiagnosis.establishedStates

    public static func evaluate(_ check: EvidenceCheck, _ o: WalkthroughObservations) -> Evidence {
        let (value, detail) = compute(check, o)
        return Evidence(check: check.rawValue, value: value, detail: detail)
    }

    static func compute(_ check: EvidenceCheck, _ o: WalkthroughObservations) -> (String, String) {
        switch check {
        case .isakmpState: return isakmpState(o)
        case .ipsecSA: return ipsecSA(o)
        case .traffic: return traffic(o)
        case .errorsGrowing: return errorsGrowing(o)
        case .replayFailures: return replayFailures(o)
        case .pathMTU: return pathMTU(o)
        case .platform: return (o.platform.rawValue, "the device is \(o.platform == .ios ? "an IOS router" : "a PIX/ASA")")
        case .cryptoEngine: return cryptoEngine(o)
        case .debugFinding: return debugFinding(o)
        case .dfSweep: return dfSweep(o)
        default: return configCheck(check, o)
        }
    }

    // MARK: - SA tables

    static func isakmpState(_ o: WalkthroughObservations) -> (String, String) {
        guard let sas = o.isakmpSas else { return ("unknown", "show crypto isakmp sa was not read") }
        let locals = o.localAddresses
        let mine = o.peer.map { peer in sas.filter { StateDiagnosis.remote(of: $0, locals: locals) == peer } } ?? sas
        guard !mine.isEmpty else { return ("none", "no ISAKMP SA with \(o.peer ?? "any peer")") }
        // An established SA next to a dying one is what counts.
        let chosen = mine.first { establishedStates.contains(($0.state ?? "").uppercased()) } ?? mine[0]
        let state = (chosen.state ?? "unknown").uppercased()
        return (state, "ISAKMP SA with \(StateDiagnosis.remote(of: chosen, locals: locals) ?? "?") in \(state)")
    }

    static func ipsecSA(_ o: WalkthroughObservations) -> (String, String) {
        guard let poll = o.ipsecPolls.last else { return ("unknown", "show crypto ipsec sa was not read") }
        let flows = o.flows(poll)
        let withSAs = flows.filter { !$0.sas.isEmpty }
        if withSAs.isEmpty {
            return ("absent", flows.isEmpty ? "no IPsec flow for \(o.peer ?? "any peer")" : "\(flows.count) flow(s) for \(o.peer ?? "the peer") without any SA")
        }
        let spis = withSAs.flatMap(\.sas).count
        return ("present", "\(withSAs.count) flow(s) with \(spis) SA(s) for \(o.peer ?? "the peer")")
    }

    /// Sums of a counter over the peer's flows in the last two polls.
    static func deltas(_ o: WalkthroughObservations, _ counter: (IpsecCounters) -> Int) -> (before: Int, after: Int)? {
        guard o.ipsecPolls.count >= 2 else { return nil }
        let before = o.flows(o.ipsecPolls[o.ipsecPolls.count - 2]).map { counter($0.counters) }.reduce(0, +)
        let after = o.flows(o.ipsecPolls[o.ipsecPolls.count - 1]).map { counter($0.counters) }.reduce(0, +)
        return (before, after)
    }

    static func traffic(_ o: WalkthroughObservations) -> (String, String) {
        guard let encaps = deltas(o, { $0.pktsEncaps ?? 0 }), let decaps = deltas(o, { $0.pktsDecaps ?? 0 }) else {
            return ("unknown", "needs two polls of show crypto ipsec sa")
        }
        let out = encaps.after - encaps.before, back = decaps.after - decaps.before
        let detail = "#pkts encaps \(encaps.before) -> \(encaps.after) (+\(out)), #pkts decaps \(decaps.before) -> \(decaps.after) (+\(back))"
        switch (out > 0, back > 0) {
        case (true, true): return ("both-ways", detail)
        case (true, false): return ("outbound-only", detail)
        case (false, true): return ("inbound-only", detail)
        case (false, false): return ("none", detail)
        }
    }

    static func errorsGrowing(_ o: WalkthroughObservations) -> (String, String) {
        guard let send = deltas(o, { $0.sendErrors ?? 0 }), let recv = deltas(o, { $0.recvErrors ?? 0 }) else {
            return ("unknown", "needs two polls of show crypto ipsec sa")
        }
        let detail = "#send errors \(send.before) -> \(send.after), #recv errors \(recv.before) -> \(recv.after)"
        return (send.after > send.before || recv.after > recv.before ? "growing" : "steady", detail)
    }

    static func replayFailures(_ o: WalkthroughObservations) -> (String, String) {
        guard let poll = o.ipsecPolls.last else { return ("unknown", "show crypto ipsec sa was not read") }
        var total = 0
        for flow in o.flows(poll) where flow.sas.contains(where: { ($0.transform ?? "").contains("hmac") }) {
            total += StateDiagnosis.replayFailures(flow.counters) ?? 0
        }
        return total > 0 ? ("counted", "\(total) replay failure(s) on SAs with an HMAC") : ("none", "no replay failure counted")
    }

    static func pathMTU(_ o: WalkthroughObservations) -> (String, String) {
        guard let poll = o.ipsecPolls.last else { return ("unknown", "show crypto ipsec sa was not read") }
        for flow in o.flows(poll) {
            guard let path = flow.pathMtu, let media = flow.mediaMtu ?? flow.ipMtu else { continue }
            let label = flow.mediaMtu != nil ? "media mtu" : "ip mtu"
            return (path < media ? "below-media" : "at-media", "path mtu \(path), \(label) \(media)")
        }
        return ("unknown", "no path mtu printed for \(o.peer ?? "the peer")")
    }

    // MARK: - Platform, debugs, pings

    static func cryptoEngine(_ o: WalkthroughObservations) -> (String, String) {
        guard let version = o.version, let available = version.cryptoEngineAvailable else { return ("unknown", "show version was not read") }
        let chassis = version.chassis ?? "unknown chassis"
        return available ? ("available", chassis) : ("missing", "\(chassis): no IPsec hardware module listed and no software crypto")
    }

    static func debugFinding(_ o: WalkthroughObservations) -> (String, String) {
        guard let findings = o.debugFindings else { return ("none", "no debug wait ran") }
        guard !findings.isEmpty else { return ("none", "nothing recognised in the debug output") }
        var ids: [String] = []
        for f in findings where !ids.contains(f.id) { ids.append(f.id) }
        let detail = findings.map { "\($0.id) (\($0.count)x\($0.peer.map { ", peer \($0)" } ?? ""))" }.joined(separator: "; ")
        return (ids.joined(separator: ","), detail)
    }

    static func dfSweep(_ o: WalkthroughObservations) -> (String, String) {
        let answered = o.pings.filter { $0.sent != nil }
        guard !answered.isEmpty else { return ("not-run", "no DF-bit ping was sent") }
        let passed = answered.filter(\.passed).compactMap(\.size)
        let failed = answered.filter { !$0.passed }
        let sizes = answered.map { "\($0.size.map(String.init) ?? "?"): \($0.passed ? "ok" : $0.fragmentationNeeded ? "too big" : "no reply")" }
        let detail = sizes.joined(separator: ", ")
        if failed.isEmpty { return ("all-pass", detail) }
        if passed.isEmpty { return ("none-pass", detail) }
        return ("large-fail", "largest size passing with DF set: \(passed.max()!) (\(detail))")
    }

    // MARK: - Configuration

    /// The local networks of the crypto ACL (permit sources) and of split-tunnel ACLs,
    /// each checked against connected interfaces and static routes other than the default.
    static func insideRoutes(_ config: CryptoConfig, entry: CryptoMapEntry?) -> (String, String) {
        var networks: [AddressMatch] = []
        if let acl = entry?.matchAddress.flatMap(config.accessList(named:)) {
            networks += acl.entries.filter { $0.action == "permit" }.map(\.source)
        }
        let splitNames = config.splitTunnels.map(\.accessList) + config.clientGroups.compactMap(\.splitTunnelACL)
        for name in splitNames {
            // Standard ACLs name the network as the source (the parser reads `permit NET MASK` so).
            networks += (config.accessList(named: name)?.entries ?? []).filter { $0.action == "permit" }
                .map { $0.source == .any ? $0.destination : $0.source }
        }
        let checked = networks.filter { $0.object == nil && $0 != .any && IPv4Address($0.address) != nil }
        guard !checked.isEmpty else { return ("unknown", "no local network named by the crypto or split-tunnel ACL") }
        func covers(_ address: String?, _ mask: String?, _ net: AddressMatch) -> Bool {
            guard let a = address.flatMap(IPv4Address.init), let m = mask.flatMap(IPv4Address.init), m.value != 0,
                  let n = IPv4Address(net.address), let nm = IPv4Address(net.mask) else { return false }
            return m.value & nm.value == m.value && a.value & m.value == n.value & m.value
        }
        for net in checked {
            let connected = config.interfaces.contains { covers($0.address, $0.mask, net) }
            let routed = config.routes.contains { covers($0.network, $0.mask, net) }
            if !connected && !routed {
                return ("missing", "\(net) is neither directly connected nor reached by a static route")
            }
        }
        return ("routed", checked.map(\.description).joined(separator: ", ") + ": connected or routed")
    }

    static func configCheck(_ check: EvidenceCheck, _ o: WalkthroughObservations) -> (String, String) {
        guard let config = o.config else { return ("unknown", "the running configuration was not read") }
        let peer = o.peer ?? "the peer"
        let entry = o.peerMapEntry
        switch check {
        case .peerConfigured:
            if let p = o.peer, let e = config.cryptoMaps.first(where: { $0.peers.contains(p) }) {
                return ("configured", "crypto map \(e.map) \(e.sequence) sets peer \(p)")
            }
            return ("missing", "no crypto map entry sets peer \(peer)")
        case .cryptoMapApplied:
            guard let entry else { return ("not-applied", "no crypto map is configured") }
            let interfaces = config.interfaces(applying: entry.map)
            if interfaces.isEmpty { return ("not-applied", "crypto map \(entry.map) is applied to no interface") }
            return ("applied", "crypto map \(entry.map) on " + interfaces.map { $0.nameif ?? $0.name }.joined(separator: ", "))
        case .keyForPeer:
            guard let p = o.peer else { return ("unknown", "the peer is not known") }
            if let key = config.preSharedKey(for: p) {
                return ("configured", "pre-shared key for \(key.address)\(key.mask.map { " \($0)" } ?? "") (value not shown)")
            }
            let others = config.preSharedKeys.map(\.address)
            return ("missing", "no pre-shared key covers \(p)" + (others.isEmpty ? "" : "; keys exist for " + others.joined(separator: ", ")))
        case .localAddress:
            guard let entry else { return ("unknown", "no crypto map entry") }
            guard let forced = config.cryptoMapLocalAddress[entry.map] else { return ("default", "no local-address set for crypto map \(entry.map)") }
            let carriers = config.interfaces(applying: entry.map).map(\.name)
            if carriers.contains(where: { $0.lowercased() == forced.lowercased() }) {
                return ("matches", "crypto map \(entry.map) local-address \(forced), the interface carrying it")
            }
            return ("differs", "crypto map \(entry.map) local-address \(forced), but the map sits on \(carriers.isEmpty ? "no interface" : carriers.joined(separator: ", "))")
        case .transformSets:
            guard let entry else { return ("unknown", "no crypto map entry") }
            let missing = entry.transformSets.filter { name in !config.transformSets.contains { $0.name == name } }
            if entry.transformSets.isEmpty { return ("missing", "crypto map \(entry.map) \(entry.sequence) names no transform set") }
            if !missing.isEmpty { return ("missing", "transform set(s) \(missing.joined(separator: ", ")) not defined") }
            let text = entry.transformSets.compactMap { name in config.transformSets.first { $0.name == name } }
                .map { "\($0.name): \($0.transforms.joined(separator: " "))" }.joined(separator: "; ")
            return ("defined", text)
        case .cryptoACL:
            guard let entry, let name = entry.matchAddress else { return ("missing", "the crypto map entry matches no ACL") }
            guard let acl = config.accessList(named: name), acl.entries.contains(where: { $0.action == "permit" }) else {
                return ("missing", "ACL \(name) is not defined or permits nothing")
            }
            return ("defined", "ACL \(name): " + acl.entries.map(\.text).joined(separator: "; "))
        case .natExemption:
            let natInUse = !config.natExemptions.isEmpty || config.interfaces.contains { $0.natRole != nil }
            guard natInUse else { return ("no-nat", "no NAT configured") }
            // The comparison's per-device checks include NAT exemption of every crypto ACL.
            let problems = ConfigComparison.compare(config, config).mismatches.filter { $0.check == "nat-exemption" && $0.side == .a }
            if let first = problems.first { return ("missing", first.message) }
            return ("covers", "the crypto ACL's traffic is exempted from NAT")
        case .sysopt:
            switch config.sysoptPermitIPsec {
            case true?: return ("permit", "sysopt connection permit-vpn/permit-ipsec is on")
            case false?: return ("denied", "no sysopt connection permit-vpn: decrypted traffic must pass the interface ACL")
            case nil: return ("unset", "the configuration does not mention sysopt")
            }
        case .remoteAccess:
            let dynamic = config.cryptoMaps.contains { $0.dynamic }
            if !config.clientGroups.isEmpty || !config.localPools.isEmpty || dynamic {
                return ("configured", "client groups/pools/dynamic crypto map present")
            }
            return ("none", "no client group, address pool or dynamic crypto map")
        case .splitTunnel:
            if let split = config.splitTunnels.first { return ("configured", "group \(split.group) splits with ACL \(split.accessList)") }
            if let group = config.clientGroups.first(where: { $0.splitTunnelACL != nil }) {
                return ("configured", "client group \(group.name) splits with ACL \(group.splitTunnelACL!)")
            }
            return ("missing", "no split-tunnel ACL: clients send everything into the tunnel")
        case .insideRoutes:
            return insideRoutes(config, entry: entry)
        default:
            return ("unknown", "not a configuration check")
        }
    }
}
