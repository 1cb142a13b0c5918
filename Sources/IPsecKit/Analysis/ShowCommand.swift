/// The show commands ipsec-console parses, and how to recognise them as typed (with
/// IOS abbreviations such as `sh cry isa sa`) or from their bare output.
public enum ShowCommand: String, CaseIterable, Sendable, Codable {
    case isakmpSA = "show crypto isakmp sa"
    case ikev1SA = "show crypto ikev1 sa"
    case ikev2SA = "show crypto ikev2 sa"
    case ipsecSA = "show crypto ipsec sa"
    case engineConnectionsActive = "show crypto engine connections active"
    case cryptoSession = "show crypto session"

    /// Keywords of the canonical form; typed words may abbreviate them.
    var keywords: [String] {
        switch self {
        case .engineConnectionsActive: return ["show", "crypto", "engine", "connections", "active"]
        default: return rawValue.split(separator: " ").map(String.init)
        }
    }

    /// Older spellings some platforms accept (PIX/ASA 7: `show isakmp sa`, `show ipsec sa`).
    var alternateKeywords: [[String]] {
        switch self {
        case .isakmpSA: return [["show", "isakmp", "sa"]]
        case .ipsecSA: return [["show", "ipsec", "sa"]]
        default: return []
        }
    }

    /// The parser that reads this command's output.
    public func makeParser(platform: Platform?) -> any SectionParser {
        switch self {
        case .isakmpSA, .ikev1SA: return IsakmpSAParser(platform: platform)
        case .ikev2SA: return IKEv2SAParser(platform: platform)
        case .ipsecSA: return IpsecSAParser(platform: platform)
        case .engineConnectionsActive: return EngineConnectionParser(platform: platform)
        case .cryptoSession: return CryptoSessionParser(platform: platform)
        }
    }

    /// Resolves a typed command line (`sh cry ipsec sa detail | i spi`) to a show command,
    /// or nil when it is not one of ours. Words may be any unambiguous prefix, as on IOS;
    /// arguments after the keywords (`detail`, `peer X`) and output filters are allowed.
    public static func resolve(_ typed: String) -> ShowCommand? {
        let beforePipe = typed.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let words = beforePipe.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard words.count >= 2 else { return nil }
        for command in allCases {
            for keywords in [command.keywords] + command.alternateKeywords where words.count >= keywords.count {
                if zip(words, keywords).allSatisfy({ typedWord, keyword in
                    keyword.hasPrefix(typedWord) && Self.isUnambiguous(typedWord, for: keyword)
                }) {
                    return command
                }
            }
        }
        return nil
    }

    /// Words short enough to be ambiguous on a real device at that position (`sh c` could
    /// be `show clock`) are still accepted when at least two letters are given, except
    /// for the few that really collide (`i` for isakmp/ipsec/ikev2).
    private static func isUnambiguous(_ typed: String, for keyword: String) -> Bool {
        switch keyword {
        case "isakmp", "ipsec", "ikev1", "ikev2": return typed.count >= (keyword.hasPrefix("ike") ? 4 : 2)
        case "connections": return typed.count >= 2
        case "session", "sa": return true
        default: return typed.count >= 2
        }
    }

    /// Recognises a command from a header line of its bare output (no prompt before it).
    public static func recognize(header line: ByteLine) -> ShowCommand? {
        let t = line.trimmed()
        guard !t.isEmpty else { return nil }
        // Every header below starts with one of these bytes; a debug or logging line (`*Nov`,
        // `%CRYPTO`, a sequence number) is ruled out here rather than by fifteen prefix tests.
        switch t[0] {
        case UInt8(ascii: "i"), UInt8(ascii: "I"), UInt8(ascii: "d"), UInt8(ascii: "T"), UInt8(ascii: "C"): break
        default: return nil
        }
        if t.hasPrefix("interface:") { return .ipsecSA }
        if t.hasPrefix("IPv4 Crypto ISAKMP SA") || t.hasPrefix("IPv6 Crypto ISAKMP SA") { return .isakmpSA }
        if t.hasPrefix("IKEv1 SAs:") || t.hasPrefix("IKE Peer") { return .isakmpSA }
        if t.hasPrefix("dst"), t.contains("src"), t.contains("state") { return .isakmpSA }
        if t.hasPrefix("Total"), t.contains(":"), !t.contains("IKE") { return .isakmpSA }
        if t.hasPrefix("IPv4 Crypto IKEv2") || t.hasPrefix("IPv6 Crypto IKEv2") || t.hasPrefix("IKEv2 SAs:") { return .ikev2SA }
        if t.hasPrefix("Tunnel-id"), t.contains("Local"), t.contains("Remote") { return .ikev2SA }
        if t.hasPrefix("Crypto session current status") { return .cryptoSession }
        if t.hasPrefix("ID"), t.contains("Encrypt"), t.contains("Decrypt") { return .engineConnectionsActive }
        if t.hasPrefix("Crypto Engine Connections") { return .engineConnectionsActive }
        return nil
    }
}
