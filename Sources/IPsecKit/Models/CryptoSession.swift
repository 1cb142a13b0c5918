/// One IKE SA line under a `show crypto session` peer.
public struct CryptoSessionIKE: Codable, Equatable, Sendable {
    /// `IKEv1`, `IKEv2` or nil for the plain `IKE SA:` label.
    public var version: String?
    public var local: String?
    public var localPort: Int?
    public var remote: String?
    public var remotePort: Int?
    public var status: String?
    public var connId: Int?
    public var sessionId: Int?
    public var capabilities: String?
    public var lifetime: String?
    public var line: Int?

    public init() {}
}

/// One IPsec flow under a `show crypto session` peer.
public struct CryptoSessionFlow: Codable, Equatable, Sendable {
    /// The flow as printed: `permit ip 10.1.1.0/255.255.255.0 10.2.2.0/255.255.255.0`.
    public var flow: String?
    /// The flow's parts: `permit`, protocol as printed (`ip`, `47`), and each side's
    /// address and mask (`host A` gives the address and no mask; `any` is kept as the address).
    public var action: String?
    public var prot: String?
    public var localAddr: String?
    public var localMask: String?
    public var remoteAddr: String?
    public var remoteMask: String?
    public var activeSas: Int?
    public var origin: String?
    public var inboundPktsDecrypted: Int?
    public var inboundPktsDrop: Int?
    public var inboundLifeKb: Int?
    public var inboundLifeSec: Int?
    public var outboundPktsEncrypted: Int?
    public var outboundPktsDrop: Int?
    public var outboundLifeKb: Int?
    public var outboundLifeSec: Int?
    public var line: Int?

    public init() {}
}

/// One peer block of `show crypto session [detail]`.
public struct CryptoSession: Codable, Equatable, Sendable {
    public var interface: String?
    public var profile: String?
    public var uptime: String?
    public var peer: String?
    public var peerPort: Int?
    /// `UP-ACTIVE`, `UP-IDLE`, `UP-NO-IKE`, `DOWN-NEGOTIATING`, `DOWN`...
    public var status: String?
    public var sessionId: Int?
    public var fvrf: String?
    public var ivrf: String?
    public var phase1Id: String?
    public var desc: String?
    /// Remote-access sessions: `Username:`, `Group:`, `Assigned address:`.
    public var username: String?
    public var group: String?
    public var assignedAddress: String?
    public var ikeSas: [CryptoSessionIKE] = []
    public var ipsecFlows: [CryptoSessionFlow] = []
    public var line: Int?

    public init() {}
}
