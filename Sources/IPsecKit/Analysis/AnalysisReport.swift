/// Everything read from one input: the parsed tables and what went wrong.
/// Its JSON form (snake_case keys) is the `analyze --json` contract.
public struct AnalysisReport: Codable, Equatable, Sendable {
    public var isakmpSas: [IsakmpSA] = []
    public var isakmpSummary: [IsakmpSummary] = []
    public var ikev2Sas: [IKEv2SA] = []
    public var ipsecSas: [IpsecSAFlow] = []
    public var engineConnections: [EngineConnection] = []
    public var cryptoSessions: [CryptoSession] = []
    public var warnings: [ParseWarning] = []
    public var sections: [SectionInfo] = []

    public init() {}
}
