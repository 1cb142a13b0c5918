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
    /// Diagnosis of the debug stream and of the parsed state, most severe first.
    public var findings: [Finding] = []
    /// Per-peer negotiation steps seen in the debug stream.
    public var timeline: [PeerNegotiation] = []
    /// The two-peer configuration comparison, when one was made (the console's `:compare`).
    public var comparison: ConfigComparison?
    /// The guided walkthrough that ran, when one did (the console's `:export`): the same
    /// document `walkthrough --json` prints.
    public var walkthrough: WalkthroughReport?

    public init() {}
}

extension AnalysisReport {
    /// Appends `other` (read from `file`) to this report, tagging its sections and
    /// warnings with the file so line numbers stay meaningful.
    public mutating func append(_ other: AnalysisReport, file: String?) {
        isakmpSas += other.isakmpSas
        isakmpSummary += other.isakmpSummary
        ikev2Sas += other.ikev2Sas
        ipsecSas += other.ipsecSas
        engineConnections += other.engineConnections
        cryptoSessions += other.cryptoSessions
        warnings += other.warnings.map { var w = $0; w.file = file; return w }
        sections += other.sections.map { var s = $0; s.file = file; return s }
        findings = (findings + other.findings.map { var f = $0; f.file = file; return f }).sortedForDisplay()
        timeline += other.timeline
    }

    /// True when nothing at all was parsed.
    public var isEmpty: Bool {
        isakmpSas.isEmpty && isakmpSummary.isEmpty && ikev2Sas.isEmpty && ipsecSas.isEmpty
            && engineConnections.isEmpty && cryptoSessions.isEmpty
    }
}

import Foundation

extension AnalysisReport {
    /// The `analyze --json` encoder: snake_case keys, stable key order.
    public static func makeJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
