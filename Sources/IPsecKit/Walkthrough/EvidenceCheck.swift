/// The closed vocabulary of checks a walkthrough step can evaluate. Each reads parsed
/// data (SA tables, counters over two polls, the running configuration, debug findings,
/// ping results, `show version`) and yields one of a few values that branches name.
public enum EvidenceCheck: String, Codable, Sendable, CaseIterable {
    /// The peer's ISAKMP SA state as printed (`QM_IDLE`, `MM_NO_STATE`, ...), or `none`.
    case isakmpState = "isakmp-state"
    /// Whether IPsec SAs (inbound and outbound) exist for the peer.
    case ipsecSA = "ipsec-sa"
    /// Which way packets moved between two polls of `show crypto ipsec sa`.
    case traffic
    /// Whether `#send errors` / `#recv errors` grew between two polls.
    case errorsGrowing = "errors-growing"
    /// Whether replay failures are counted on an SA whose transform has an HMAC.
    case replayFailures = "replay-failures"
    /// `path mtu` compared with the interface's media / ip mtu.
    case pathMTU = "path-mtu"
    /// A crypto map entry for the peer, applied to an interface.
    case cryptoMapApplied = "crypto-map-applied"
    /// A crypto map entry names the peer.
    case peerConfigured = "peer-configured"
    /// A pre-shared key (or tunnel-group) covers the peer's address.
    case keyForPeer = "key-for-peer"
    /// `crypto map NAME local-address IF` against the interface carrying the map.
    case localAddress = "local-address"
    /// The peer's crypto map entry names transform sets that are defined.
    case transformSets = "transform-sets"
    /// The peer's crypto map entry matches an ACL that is defined and permits something.
    case cryptoACL = "crypto-acl"
    /// Where NAT is in use, every permit of the crypto ACL is exempted from it.
    case natExemption = "nat-exemption"
    /// `sysopt connection permit-ipsec` / `permit-vpn`.
    case sysopt
    /// Remote-access VPN clients are configured (client groups, group policies with pools).
    case remoteAccess = "remote-access"
    /// A split-tunnel ACL for the clients.
    case splitTunnel = "split-tunnel"
    /// Every local network the tunnel carries (crypto ACL sources, split-tunnel networks)
    /// is directly connected or has a static route: answers must find their way back.
    case insideRoutes = "inside-routes"
    /// The device family.
    case platform
    /// Whether the platform can do IPsec at all (`show version`).
    case cryptoEngine = "crypto-engine"
    /// Catalog ids the diagnosis raised from the lines received during the step's debug wait.
    case debugFinding = "debug-finding"
    /// Result of the DF-bit ping sweep.
    case dfSweep = "df-sweep"

    /// What a step must have read (itself or on every way to it) for the check to mean anything.
    public enum Source: String, Sendable {
        case runningConfig = "show running-config"
        case isakmpSA = "show crypto isakmp sa"
        case ipsecSA = "show crypto ipsec sa"
        case version = "show version"
        /// The step's own debug wait.
        case debugWait = "a debug wait"
        /// The step's own ping sweep.
        case sweep = "a DF-bit ping sweep"
    }

    public var source: Source? {
        switch self {
        case .isakmpState: return .isakmpSA
        case .ipsecSA, .traffic, .errorsGrowing, .replayFailures, .pathMTU: return .ipsecSA
        case .cryptoEngine: return .version
        case .debugFinding: return .debugWait
        case .dfSweep: return .sweep
        case .platform: return nil
        case .cryptoMapApplied, .peerConfigured, .keyForPeer, .localAddress, .transformSets, .cryptoACL, .natExemption, .sysopt,
             .remoteAccess, .splitTunnel, .insideRoutes: return .runningConfig
        }
    }

    /// The values a branch may name for this check; nil: open (states, catalog ids).
    public var values: [String]? {
        switch self {
        case .isakmpState, .debugFinding: return nil
        case .ipsecSA: return ["present", "absent", "unknown"]
        case .traffic: return ["both-ways", "outbound-only", "inbound-only", "none", "unknown"]
        case .errorsGrowing: return ["growing", "steady", "unknown"]
        case .replayFailures: return ["counted", "none", "unknown"]
        case .pathMTU: return ["below-media", "at-media", "unknown"]
        case .cryptoMapApplied: return ["applied", "not-applied", "unknown"]
        case .peerConfigured: return ["configured", "missing", "unknown"]
        case .keyForPeer: return ["configured", "missing", "unknown"]
        case .localAddress: return ["default", "matches", "differs", "unknown"]
        case .transformSets: return ["defined", "missing", "unknown"]
        case .cryptoACL: return ["defined", "missing", "unknown"]
        case .natExemption: return ["covers", "missing", "no-nat", "unknown"]
        case .sysopt: return ["permit", "denied", "unset", "unknown"]
        case .remoteAccess: return ["configured", "none", "unknown"]
        case .splitTunnel: return ["configured", "missing", "unknown"]
        case .insideRoutes: return ["routed", "missing", "unknown"]
        case .platform: return ["ios", "asa"]
        case .cryptoEngine: return ["available", "missing", "unknown"]
        case .dfSweep: return ["large-fail", "all-pass", "none-pass", "not-run"]
        }
    }
}

/// One evaluated check: its value and, in words, what it was read from.
public struct Evidence: Codable, Equatable, Sendable {
    public var check: String
    /// For `debug-finding`: the ids found, comma-separated, or `none`.
    public var value: String
    public var detail: String

    public init(check: String, value: String, detail: String) {
        self.check = check; self.value = value; self.detail = detail
    }

    /// The individual values (`debug-finding` may hold several ids).
    var values: [String] { value.split(separator: ",").map { String($0) } }
}
