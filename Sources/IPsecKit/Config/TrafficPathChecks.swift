/// Checks of one device that decide whether decrypted traffic gets through once a tunnel
/// is up: `sysopt connection permit-vpn`, split tunnelling for VPN clients, and a route to
/// every network the clients are told to reach through the tunnel.
struct TrafficPathChecks {
    let config: CryptoConfig
    let side: ConfigComparison.Mismatch.Side
    let label: String

    func mismatches() -> [ConfigComparison.Mismatch] {
        guard !config.cryptoMaps.isEmpty else { return [] }
        var out: [ConfigComparison.Mismatch] = []
        if config.sysoptPermitIPsec == false {
            out.append(.init(check: "sysopt", signature: "sysopt-missing", side: side,
                             message: "\(label) has no sysopt connection permit-vpn: decrypted traffic must pass the outside interface's access list"))
        }
        guard config.isRemoteAccessHeadEnd else { return out }
        for group in config.tunnelAllGroups {
            out.append(.init(check: "split-tunnel", signature: "split-tunnel-pix", side: side,
                             message: "\(label) group policy \(group) tunnels all client traffic (split-tunnel-policy tunnelall): clients lose the internet while connected"))
        }
        for group in config.clientGroups where group.splitTunnelACL == nil {
            out.append(.init(check: "split-tunnel", signature: "split-tunnel-router", side: side,
                             message: "\(label) client group \(group.name) has no split tunnel ACL: clients send everything into the tunnel",
                             lines: group.line.map { ["\(side.rawValue.uppercased()):\($0)"] } ?? []))
        }
        for (network, line) in tunnelledNetworks() where !isReachableInside(network) {
            out.append(.init(check: "route", signature: "ra-no-route", side: side,
                             message: "\(label) tells clients to reach \(network.address) \(network.mask) through the tunnel but has no route to it on an inside interface",
                             lines: line.map { ["\(side.rawValue.uppercased()):\($0)"] } ?? []))
        }
        return out
    }

    /// The networks of the split tunnel lists, as the clients receive them.
    func tunnelledNetworks() -> [(AddressMatch, Int?)] {
        let names = config.splitTunnels.map(\.accessList) + config.clientGroups.compactMap(\.splitTunnelACL)
        return names.compactMap(config.accessList(named:)).flatMap { acl in
            acl.entries.filter { $0.action == "permit" && $0.source != .any }.map { ($0.source, $0.line) }
        }
    }

    /// Interfaces facing the clients: the ones carrying a crypto map.
    var outsideInterfaces: [InterfaceConfig] { config.interfaces.filter { $0.cryptoMap != nil } }

    func isReachableInside(_ network: AddressMatch) -> Bool {
        let inside = config.interfaces.filter { $0.cryptoMap == nil && !$0.shutdown }
        for interface in inside {
            if let address = interface.address, let mask = interface.mask,
               AddressMatch.covers(AddressMatch(address: address, mask: mask), network) { return true }
        }
        let outsideNames = Set(outsideInterfaces.flatMap { [$0.name, $0.nameif].compactMap { $0 } })
        for route in config.routes where AddressMatch.covers(AddressMatch(address: route.network, mask: route.mask), network) {
            if let name = route.interface {
                if !outsideNames.contains(name) { return true }
            } else if let hop = route.nextHop, inside.contains(where: { i in
                i.address.map { AddressMatch.covers(AddressMatch(address: $0, mask: i.mask ?? "255.255.255.255"), AddressMatch(address: hop, mask: "255.255.255.255")) } ?? false }) {
                return true
            }
        }
        return false
    }
}

extension CryptoConfig {
    /// A dynamic crypto map and no entry naming a peer: VPN clients connect from anywhere.
    public var isRemoteAccessHeadEnd: Bool {
        cryptoMaps.contains(where: \.dynamic) && !cryptoMaps.contains { !$0.peers.isEmpty }
    }
}

extension AddressMatch {
    /// True when `outer` includes every address of `inner`.
    static func covers(_ outer: AddressMatch, _ inner: AddressMatch) -> Bool {
        guard let oa = IPv4Address(outer.address), let om = IPv4Address(outer.mask),
              let ia = IPv4Address(inner.address), let im = IPv4Address(inner.mask) else { return outer == inner }
        return om.value & im.value == om.value && oa.value & om.value == ia.value & om.value
    }
}
