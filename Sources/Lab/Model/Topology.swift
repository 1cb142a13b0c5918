/// The addresses of one side of the lab VPN. Side A is the device started without
/// `--peer-of`; side B is its peer (`--peer-of`), the mirror image.
public struct Endpoint: Sendable, Equatable {
    public var hostname: String
    public var outsideInterface: String
    public var outsideAddress: String
    public var insideInterface: String
    public var insideAddress: String
    /// Protected LAN behind this side.
    public var lanNetwork: String
    public var lanMask: String
    public var defaultGateway: String
}

/// Both ends of the lab tunnel as seen from the device being simulated.
public struct Topology: Sendable, Equatable {
    public var local: Endpoint
    public var remote: Endpoint

    /// Remote-access scenarios: the VPN client's public address and the address the ASA
    /// handed it from its pool.
    public static let clientPublicAddress = "172.20.0.21"
    public static let clientPoolStart = "10.135.1.1"
    public static let clientPoolEnd = "10.135.1.254"
    public static let clientAssignedAddress = "10.135.1.5"
    /// Network behind the ASA's inside router (reachable only with `route inside`).
    public static let routedInsideNetwork = "172.16.0.0"
    public static let routedInsideMask = "255.255.0.0"

    static func endpoint(side: Side, persona: Persona, hostname: String) -> Endpoint {
        let a = side == .a
        let outside = persona == .ios ? "FastEthernet0/0" : "GigabitEthernet0/0"
        let inside = persona == .ios ? "FastEthernet0/1" : "GigabitEthernet0/1"
        return Endpoint(
            hostname: hostname,
            outsideInterface: outside,
            outsideAddress: a ? "10.1.0.1" : "10.1.0.2",
            insideInterface: inside,
            insideAddress: a ? "192.168.1.1" : "192.168.2.1",
            lanNetwork: a ? "192.168.1.0" : "192.168.2.0",
            lanMask: "255.255.255.0",
            defaultGateway: "10.1.0.254")
    }

    /// The router on the local LAN leading to the routed inside network (`.2`).
    public var insideRouter: String { Self.host(local.lanNetwork, 2) }
    /// A server on the local LAN (`.10`).
    public var insideServer: String { Self.host(local.lanNetwork, 10) }

    static func host(_ network: String, _ n: UInt32) -> String {
        guard let v = IPv4.parse(Substring(network)) else { return network }
        return IPv4.format(v | n)
    }

    public enum Side: String, Sendable { case a, b }

    public static func make(side: Side, persona: Persona, peerPersona: Persona, hostname: String, peerHostname: String) -> Topology {
        Topology(local: endpoint(side: side, persona: persona, hostname: hostname),
                 remote: endpoint(side: side == .a ? .b : .a, persona: peerPersona, hostname: peerHostname))
    }
}

/// IPv4 helpers for the lab's dotted quads.
enum IPv4 {
    static func parse(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isNumber), let octet = UInt32(p), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func isAddress(_ text: Substring) -> Bool { parse(text) != nil }

    /// `255.255.255.0` -> `0.0.0.255` (IOS access lists use wildcard masks).
    static func wildcard(_ mask: String) -> String {
        guard let m = parse(Substring(mask)) else { return mask }
        return format(~m)
    }

    static func format(_ v: UInt32) -> String {
        "\(v >> 24 & 255).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)"
    }
}
