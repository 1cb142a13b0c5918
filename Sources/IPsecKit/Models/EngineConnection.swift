/// One row of `show crypto engine connection active`.
public struct EngineConnection: Codable, Equatable, Sendable {
    public var connId: Int?
    /// Newer layout's `Type` column: `IPsec`, `IKE`.
    public var type: String?
    public var interface: String?
    public var ipAddress: String?
    public var state: String?
    public var algorithm: String?
    public var encrypt: Int?
    public var decrypt: Int?
    public var lastSeqN: Int?
    public var line: Int?

    public init() {}
}
