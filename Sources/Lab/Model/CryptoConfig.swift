/// One line of a crypto (or NAT exemption, or split tunnel) access list.
public struct AccessListEntry: Sendable, Equatable {
    public var source: String
    public var sourceMask: String
    public var destination: String
    public var destinationMask: String

    var isHostToHost: Bool { sourceMask == "255.255.255.255" && destinationMask == "255.255.255.255" }
}

/// A crypto map entry: which traffic (ACL) goes to which peer with which transform set.
public struct CryptoMapEntry: Sendable, Equatable {
    public var sequence: Int
    public var peer: String
    public var aclName: String
    public var acl: [AccessListEntry]
}

/// The crypto-relevant part of one device's configuration. Built from the topology and
/// then changed by the scenario, so `show running-config` and every show/debug output
/// come from the same facts.
public struct CryptoConfig: Sendable, Equatable {
    public var isakmpPriority = 10
    public var isakmpEncryption = "3des"
    public var isakmpHash = "sha"
    public var isakmpAuthentication = "pre-share"
    public var isakmpGroup = 2
    public var isakmpLifetime = 86_400
    public var preSharedKey = "Lab-Key-7731"
    /// The address the pre-shared key is bound to (`crypto isakmp key ... address X`).
    public var keyPeerAddress: String
    public var transformSetName = "TS"
    public var transforms = ["esp-3des", "esp-sha-hmac"]
    public var cryptoMapName: String
    public var mapEntries: [CryptoMapEntry]
    /// `crypto map NAME local-address IF` (IOS) forcing an identity address.
    public var localAddressInterface: String?
    public var loopbackAddress: String?
    /// NAT exemption for the VPN traffic (route-map on IOS, `nat (inside,outside) ... static` on ASA).
    public var natExemption = true
    public var ipsecLifetimeSeconds = 3600
    public var ipsecLifetimeKilobytes = 4_608_000
    /// ASA: `sysopt connection permit-vpn`.
    public var sysoptPermitVpn = true
    /// Remote-access (VPN client) configuration instead of LAN-to-LAN.
    public var remoteAccess = false
    /// ASA remote access: split tunnel list in the group policy (nil: tunnel all).
    public var splitTunnelNetworks: [(String, String)]?
    /// ASA remote access: `route inside` to the network behind the inside router.
    public var routeToRoutedInside = true
    /// Interface MTU of the outside interface and the path MTU the tunnel sees.
    public var mediaMtu = 1500
    public var pathMtu = 1500

    public static func == (l: CryptoConfig, r: CryptoConfig) -> Bool {
        l.isakmpEncryption == r.isakmpEncryption && l.isakmpHash == r.isakmpHash && l.isakmpGroup == r.isakmpGroup
            && l.preSharedKey == r.preSharedKey && l.keyPeerAddress == r.keyPeerAddress && l.transforms == r.transforms
            && l.mapEntries == r.mapEntries && l.localAddressInterface == r.localAddressInterface
            && l.natExemption == r.natExemption && l.sysoptPermitVpn == r.sysoptPermitVpn && l.remoteAccess == r.remoteAccess
            && l.routeToRoutedInside == r.routeToRoutedInside && l.pathMtu == r.pathMtu
            && (l.splitTunnelNetworks?.map { $0.0 + $0.1 } ?? []) == (r.splitTunnelNetworks?.map { $0.0 + $0.1 } ?? [])
    }

    /// The mirrored baseline: traffic from the local LAN to the remote LAN goes to the peer.
    static func baseline(topology: Topology, persona: Persona) -> CryptoConfig {
        let l = topology.local, r = topology.remote
        let acl = [AccessListEntry(source: l.lanNetwork, sourceMask: l.lanMask, destination: r.lanNetwork, destinationMask: r.lanMask)]
        return CryptoConfig(
            keyPeerAddress: r.outsideAddress,
            cryptoMapName: persona == .ios ? "VPNMAP" : "outside_map",
            mapEntries: [CryptoMapEntry(sequence: 10, peer: r.outsideAddress, aclName: persona == .ios ? "110" : "VPN-ACL", acl: acl)])
    }

    /// The crypto map entry for the peer the tunnel runs to.
    var primaryEntry: CryptoMapEntry { mapEntries.first { $0.peer == keyPeerAddress } ?? mapEntries[0] }
}

/// How a scenario changes one side's configuration away from the mirrored baseline.
public enum ConfigChange: Sendable, Equatable {
    case preSharedKey(String)
    case isakmpHash(String)
    case isakmpPolicy(encryption: String, hash: String, group: Int)
    case transforms([String])
    /// The crypto ACL's remote half narrowed, so it is no longer the peer's mirror.
    case aclRemoteMask(String)
    /// Host-specific ACL between one host on each LAN.
    case aclHostToHost
    /// `crypto map ... local-address Loopback0`.
    case localAddressLoopback
    /// The pre-shared key bound to a stale peer address.
    case keyPeerAddress(String)
    /// A broader crypto map entry towards another peer placed before the host-specific one.
    case broadEntryFirst(peer: String)
    case noNatExemption
    case noSysopt
    case noSplitTunnel
    case noInsideRoute
    case remoteAccess
    case pathMtu(Int)
    case transformsWithMd5

    func apply(to c: inout CryptoConfig, topology: Topology) {
        switch self {
        case .preSharedKey(let k): c.preSharedKey = k
        case .isakmpHash(let h): c.isakmpHash = h
        case .isakmpPolicy(let e, let h, let g): c.isakmpEncryption = e; c.isakmpHash = h; c.isakmpGroup = g
        case .transforms(let t): c.transforms = t
        case .transformsWithMd5: c.transforms = ["esp-3des", "esp-md5-hmac"]
        case .aclRemoteMask(let m):
            for i in c.mapEntries.indices { for j in c.mapEntries[i].acl.indices { c.mapEntries[i].acl[j].destinationMask = m } }
        case .aclHostToHost:
            let src = hostOf(topology.local.lanNetwork), dst = hostOf(topology.remote.lanNetwork)
            for i in c.mapEntries.indices {
                c.mapEntries[i].acl = [AccessListEntry(source: src, sourceMask: "255.255.255.255", destination: dst, destinationMask: "255.255.255.255")]
            }
        case .localAddressLoopback:
            c.localAddressInterface = "Loopback0"
            c.loopbackAddress = "10.255.255.1"
        case .keyPeerAddress(let a): c.keyPeerAddress = a
        case .broadEntryFirst(let peer):
            for i in c.mapEntries.indices {
                c.mapEntries[i].sequence = 20
                c.mapEntries[i].acl = [AccessListEntry(source: hostOf(topology.local.lanNetwork), sourceMask: "255.255.255.255",
                                                       destination: hostOf(topology.remote.lanNetwork), destinationMask: "255.255.255.255")]
            }
            let broad = CryptoMapEntry(sequence: 10, peer: peer, aclName: "111",
                                       acl: [AccessListEntry(source: topology.local.lanNetwork, sourceMask: topology.local.lanMask,
                                                             destination: "192.168.0.0", destinationMask: "255.255.0.0")])
            c.mapEntries.insert(broad, at: 0)
        case .noNatExemption: c.natExemption = false
        case .noSysopt: c.sysoptPermitVpn = false
        case .noSplitTunnel: c.splitTunnelNetworks = nil
        case .noInsideRoute: c.routeToRoutedInside = false
        case .remoteAccess:
            c.remoteAccess = true
            c.cryptoMapName = "outside_map"
            c.keyPeerAddress = Topology.clientPublicAddress
            c.mapEntries = [CryptoMapEntry(sequence: 65535, peer: Topology.clientPublicAddress, aclName: "dynmap", acl: [])]
            c.transforms = ["esp-3des", "esp-md5-hmac"]
            c.ipsecLifetimeSeconds = 28_800
            c.splitTunnelNetworks = [(topology.local.lanNetwork, topology.local.lanMask), (Topology.routedInsideNetwork, Topology.routedInsideMask)]
        case .pathMtu(let m): c.pathMtu = m
        }
    }

    /// `.10` on the network: a host used by host-specific entries.
    private func hostOf(_ network: String) -> String {
        guard let v = IPv4.parse(Substring(network)) else { return network }
        return IPv4.format(v | 10)
    }
}
