/// The crypto-relevant parts of a device's `show running-config`, IOS or PIX/ASA syntax.
///
/// Pre-shared keys are never kept as text: only a digest for telling equal keys from
/// different ones, and the digest is not part of any encoded form.
public struct CryptoConfig: Codable, Equatable, Sendable {
    public var platform: Platform?
    public var hostname: String?
    public var isakmpPolicies: [IsakmpPolicy] = []
    public var preSharedKeys: [PreSharedKey] = []
    public var transformSets: [TransformSet] = []
    public var cryptoMaps: [CryptoMapEntry] = []
    /// `crypto map NAME local-address INTERFACE`, by map name.
    public var cryptoMapLocalAddress: [String: String] = [:]
    public var accessLists: [AccessList] = []
    public var interfaces: [InterfaceConfig] = []
    public var natExemptions: [NatExemption] = []
    public var splitTunnels: [SplitTunnel] = []
    public var routes: [StaticRoute] = []
    public var clientGroups: [ClientGroup] = []
    /// `sysopt connection permit-ipsec` / `permit-vpn`: true when configured, false when
    /// explicitly negated, nil when the configuration does not say.
    public var sysoptPermitIPsec: Bool?
    /// ASA group policies with `split-tunnel-policy tunnelall` (every client packet goes into the tunnel).
    public var tunnelAllGroups: [String] = []
    /// PIX/ASA: a `nat` rule that translates addresses (object NAT, dynamic or `nat (if) 1`),
    /// so traffic without an exemption is translated.
    public var translatesAddresses = false
    /// Interfaces ISAKMP/IKEv1 is enabled on (ASA `crypto ikev1 enable outside`).
    public var isakmpEnabledInterfaces: [String] = []
    public var localPools: [String: String] = [:]

    public init() {}

    public func accessList(named name: String) -> AccessList? { accessLists.first { $0.name == name } }

    /// The interface a crypto map is applied to (IOS `crypto map X` under the interface,
    /// ASA `crypto map X interface NAMEIF`).
    public func interfaces(applying map: String) -> [InterfaceConfig] { interfaces.filter { $0.cryptoMap == map } }

    /// The key configured for `peer` (exact host match first, then the widest covering mask).
    public func preSharedKey(for peer: String) -> PreSharedKey? {
        guard let ip = IPv4Address(peer) else { return preSharedKeys.first { $0.address == peer } }
        return preSharedKeys
            .filter { key in
                guard let a = IPv4Address(key.address) else { return false }
                let mask = key.mask.flatMap(IPv4Address.init)?.value ?? UInt32.max
                return a.value & mask == ip.value & mask
            }
            .max { ($0.mask.flatMap(IPv4Address.init)?.value ?? .max) < ($1.mask.flatMap(IPv4Address.init)?.value ?? .max) }
    }
}

public struct IsakmpPolicy: Codable, Equatable, Sendable {
    public var priority: Int
    /// Normalised: `des`, `3des`, `aes`, `aes-192`, `aes-256`. Device default when unset: des.
    public var encryption: String?
    /// `md5`, `sha`, `sha256`... Default sha.
    public var hash: String?
    /// `pre-share`, `rsa-sig`, `rsa-encr`. Default rsa-sig.
    public var authentication: String?
    public var group: Int?
    public var lifetime: Int?
    public var ikeVersion: Int = 1
    public var line: Int?

    public init(priority: Int) { self.priority = priority }
}

public struct PreSharedKey: Codable, Equatable, Sendable {
    /// Peer address (or tunnel-group name on ASA when it is not an address).
    public var address: String
    public var mask: String?
    /// Digest of the key text, for equality only; never encoded.
    public var digest: UInt64 = 0
    public var line: Int?

    public init(address: String, mask: String? = nil, digest: UInt64) {
        self.address = address; self.mask = mask; self.digest = digest
    }

    enum CodingKeys: String, CodingKey { case address, mask, line }
}

public struct TransformSet: Codable, Equatable, Sendable {
    public var name: String
    /// As configured, normalised to lower case: `esp-3des`, `esp-md5-hmac`, `esp-aes 256` -> `esp-aes-256`.
    public var transforms: [String]
    public var mode: String?
    public var line: Int?

    public init(name: String, transforms: [String]) { self.name = name; self.transforms = transforms }
}

public struct CryptoMapEntry: Codable, Equatable, Sendable {
    public var map: String
    public var sequence: Int
    public var dynamic: Bool = false
    public var dynamicMapName: String?
    public var peers: [String] = []
    public var transformSets: [String] = []
    public var matchAddress: String?
    public var pfs: String?
    public var lifetimeSeconds: Int?
    public var lifetimeKilobytes: Int?
    public var line: Int?

    public init(map: String, sequence: Int) { self.map = map; self.sequence = sequence }
}

/// An address part of an ACL entry, normalised to address + subnet mask.
public struct AddressMatch: Codable, Equatable, Sendable, CustomStringConvertible {
    public var address: String
    public var mask: String
    /// Set for ASA object/object-group references, which are not expanded.
    public var object: String?

    public init(address: String, mask: String, object: String? = nil) {
        self.address = address; self.mask = mask; self.object = object
    }

    public static let any = AddressMatch(address: "0.0.0.0", mask: "0.0.0.0")

    public var isHost: Bool { mask == "255.255.255.255" }

    public var description: String {
        if let object { return "object \(object)" }
        if self == .any { return "any" }
        return isHost ? "host \(address)" : "\(address) \(mask)"
    }
}

public struct AccessListEntry: Codable, Equatable, Sendable {
    public var action: String
    public var `protocol`: String
    public var source: AddressMatch
    public var destination: AddressMatch
    /// The entry as configured (for messages).
    public var text: String
    public var line: Int?

    public init(action: String, protocol: String, source: AddressMatch, destination: AddressMatch, text: String) {
        self.action = action; self.protocol = `protocol`; self.source = source; self.destination = destination; self.text = text
    }
}

public struct AccessList: Codable, Equatable, Sendable {
    public var name: String
    public var entries: [AccessListEntry] = []

    public init(name: String) { self.name = name }
}

public struct InterfaceConfig: Codable, Equatable, Sendable {
    public var name: String
    /// ASA `nameif`.
    public var nameif: String?
    public var address: String?
    public var mask: String?
    public var cryptoMap: String?
    public var ipMtu: Int?
    public var mtu: Int?
    public var tcpAdjustMss: Int?
    public var natRole: String?
    public var shutdown: Bool = false
    public var line: Int?

    public init(name: String) { self.name = name }
}

/// Traffic exempted from NAT so it can enter the tunnel untranslated.
public struct NatExemption: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// PIX/ASA 7 `nat (inside) 0 access-list ACL`.
        case natZero = "nat-0"
        /// ASA 8.3+ `nat (inside,outside) source static A A destination static B B`.
        case twiceNat = "twice-nat"
        /// IOS `ip nat inside source route-map RM ...` whose ACL denies the VPN traffic.
        case routeMapDeny = "route-map-deny"
        /// IOS `ip nat inside source list ACL ...` whose ACL denies the VPN traffic.
        case aclDeny = "acl-deny"
    }

    public var kind: Kind
    public var accessList: String?
    public var sourceObject: String?
    public var destinationObject: String?
    /// What the twice-NAT objects stand for, when they are defined in the configuration.
    public var sourceNetwork: AddressMatch?
    public var destinationNetwork: AddressMatch?
    public var line: Int?

    public init(kind: Kind) { self.kind = kind }
}

public struct SplitTunnel: Codable, Equatable, Sendable {
    /// Group (IOS client group, PIX vpngroup, ASA group-policy).
    public var group: String
    public var accessList: String
    public var line: Int?

    public init(group: String, accessList: String) { self.group = group; self.accessList = accessList }
}

public struct StaticRoute: Codable, Equatable, Sendable {
    public var interface: String?
    public var network: String
    public var mask: String
    public var nextHop: String?
    public var line: Int?

    public init(network: String, mask: String) { self.network = network; self.mask = mask }
}

/// IOS `crypto isakmp client configuration group NAME` (Easy VPN / VPN Client groups).
public struct ClientGroup: Codable, Equatable, Sendable {
    public var name: String
    public var pool: String?
    public var splitTunnelACL: String?
    public var hasKey: Bool = false
    public var line: Int?

    public init(name: String) { self.name = name }

    enum CodingKeys: String, CodingKey {
        case name, pool, hasKey, line
        case splitTunnelACL = "split_tunnel_acl"
    }
}

/// A dotted IPv4 address as a number, for mask arithmetic.
public struct IPv4Address: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var value: UInt32

    public init(value: UInt32) { self.value = value }

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let octet = UInt8(p) else { return nil }
            v = v << 8 | UInt32(octet)
        }
        value = v
    }

    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    /// The subnet mask for an IOS wildcard (`0.0.0.255` -> `255.255.255.0`).
    public var invertedMask: IPv4Address { IPv4Address(value: ~value) }

    /// True when this is a contiguous mask (`255.255.255.0`).
    public var isContiguousMask: Bool { value == 0 || (~value) & ((~value) &+ 1) == 0 }
}
