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
    public var line: Int?

    public init() {}
}
