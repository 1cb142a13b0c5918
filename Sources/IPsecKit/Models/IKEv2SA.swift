/// One IKEv2 SA from `show crypto ikev2 sa [detail]` (IOS-XE and ASA).
public struct IKEv2SA: Codable, Equatable, Sendable {
    public var tunnelId: Int?
    /// Local address as printed without the port (`10.0.0.1`).
    public var local: String?
    public var localPort: Int?
    public var remote: String?
    public var remotePort: Int?
    public var fvrf: String?
    public var ivrf: String?
    /// `READY`, `IN-NEG`, `DELETE`...
    public var status: String?
    public var role: String?
    public var encryption: String?
    public var keysize: Int?
    public var prf: String?
    public var hash: String?
    public var dhGroup: Int?
    public var authSign: String?
    public var authVerify: String?
    /// Lifetime in seconds.
    public var lifetime: Int?
    /// Active time in seconds.
    public var activeTime: Int?
    public var localSpi: String?
    public var remoteSpi: String?
    /// IOS-XE `Session-id:` of the detail lines; ASA `Session-id:` of the session the SA is listed under.
    public var sessionId: Int?
    /// ASA session status (`UP-ACTIVE`, `DOWN-NEGOTIATING`...).
    public var sessionStatus: String?
    /// ASA `IKE count` and `CHILD count` of the session.
    public var ikeCount: Int?
    public var childCount: Int?
    /// IOS-XE detail `CE id`.
    public var ceId: Int?
    public var localId: String?
    public var remoteId: String?
    /// IOS-XE detail `Status Description` (`Negotiation done`).
    public var statusDescription: String?
    /// ASA `Child sa:` entries printed under the SA.
    public var childSas: [IKEv2ChildSA] = []
    public var line: Int?

    public init() {}
}

/// One ASA `Child sa:` entry under an IKEv2 SA.
public struct IKEv2ChildSA: Codable, Equatable, Sendable {
    /// As printed: `10.1.1.0/0 - 10.1.1.255/65535`.
    public var localSelector: String?
    public var remoteSelector: String?
    public var espSpiIn: UInt32?
    public var espSpiOut: UInt32?
    public var line: Int?

    public init() {}
}
