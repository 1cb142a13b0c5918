import Foundation

/// Everything a walkthrough has read from the device so far, parsed. Steps add to it;
/// evidence checks read from it, so a later step can branch on what an earlier one saw
/// (the running configuration is read once and serves every config check).
public struct WalkthroughObservations: Equatable, Sendable {
    public var platform: Platform
    /// The peer the user named (`--peer`); else it is taken from the configuration or the SAs.
    public var explicitPeer: String?
    public var config: CryptoConfig?
    /// The latest `show crypto isakmp sa`.
    public var isakmpSas: [IsakmpSA]?
    /// Every `show crypto ipsec sa` taken, oldest first (counters compare the last two).
    public var ipsecPolls: [[IpsecSAFlow]] = []
    public var version: PlatformFacts?
    /// Findings from the latest debug wait; nil while no debug wait ran.
    public var debugFindings: [Finding]?
    /// The latest DF-bit sweep, one result per size.
    public var pings: [PingResult] = []
    /// Parse warnings met on the way (shown with the step, never fatal).
    public var warnings: [String] = []

    public init(platform: Platform, explicitPeer: String? = nil) {
        self.platform = platform
        self.explicitPeer = explicitPeer
    }

    /// Parses one command's output into the observations. `output` is the device's text
    /// (the command line itself may come first, as in a transcript).
    public mutating func absorb(command: String, output: String) {
        let words = command.lowercased().split(separator: " ").map(String.init)
        let lines = output.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        if words.first == "ping" {
            pings.append(PingResult.parse(lines))
        } else if Self.isWord(words, 1, "running-config", minimum: 3) {
            let (parsed, problems) = RunningConfigParser.parse(output, platform: platform)
            config = parsed
            warnings += problems.map { "\(command): \($0.description)" }
        } else if Self.isWord(words, 1, "version", minimum: 2) {
            version = PlatformFacts.parse(lines)
        } else if let show = ShowCommand.resolve(command) {
            let report = SessionAnalyzer.analyze(output, options: .init(command: show, platform: platform), isAsynchronous: { _ in false })
            switch show {
            case .isakmpSA, .ikev1SA: isakmpSas = report.isakmpSas
            case .ipsecSA: ipsecPolls.append(report.ipsecSas)
            default: break
            }
            warnings += report.warnings.map { "\(command): \($0.description)" }
        }
    }

    /// Which kind of data a command's output gives (what `absorb` does with it).
    static func source(of command: String) -> EvidenceCheck.Source? {
        let words = command.lowercased().split(separator: " ").map(String.init)
        if words.first == "ping" { return .sweep }
        if isWord(words, 1, "running-config", minimum: 3) { return .runningConfig }
        if isWord(words, 1, "version", minimum: 2) { return .version }
        switch ShowCommand.resolve(command) {
        case .isakmpSA?, .ikev1SA?: return .isakmpSA
        case .ipsecSA?: return .ipsecSA
        default: return nil
        }
    }

    private static func isWord(_ words: [String], _ index: Int, _ keyword: String, minimum: Int) -> Bool {
        index < words.count && words[index].count >= minimum && keyword.hasPrefix(words[index])
    }

    // MARK: - The peer

    /// The peer the walkthrough is about: named by the user; else, among the peers of
    /// crypto map entries applied to an interface, the first the SA tables show, ISAKMP first (a map may list
    /// other tunnels first), else the first of them; else the remote end of the first
    /// ISAKMP SA, else the first IPsec flow's peer.
    public var peer: String? {
        if let explicitPeer { return explicitPeer }
        let locals = localAddresses
        let seen = (isakmpSas ?? []).compactMap { StateDiagnosis.remote(of: $0, locals: locals) }
            + (ipsecPolls.last ?? []).compactMap(StateDiagnosis.flowPeer)
        if let config {
            let applied = config.cryptoMaps.filter { !config.interfaces(applying: $0.map).isEmpty }.flatMap(\.peers)
            let all = config.cryptoMaps.flatMap(\.peers)
            if let peer = seen.first(where: applied.contains) ?? applied.first ?? all.first { return peer }
        }
        return seen.first
    }

    /// This device's addresses, from the configuration and the SA tables.
    var localAddresses: Set<String> {
        var set = Set(config?.interfaces.compactMap(\.address) ?? [])
        for flow in ipsecPolls.last ?? [] {
            if let a = flow.localAddr { set.insert(a) }
            if let a = flow.localCryptoEndpoint { set.insert(a) }
        }
        for sa in isakmpSas ?? [] { if let a = sa.local { set.insert(a) } }
        return set
    }

    /// The crypto map entry for the peer (any entry with a peer when the peer is unknown;
    /// a dynamic entry for remote-access clients).
    var peerMapEntry: CryptoMapEntry? {
        guard let config else { return nil }
        if let peer, let entry = config.cryptoMaps.first(where: { $0.peers.contains(peer) }) { return entry }
        return config.cryptoMaps.first { !$0.peers.isEmpty } ?? config.cryptoMaps.first
    }

    /// IPsec flows of the peer in one poll (every flow when the peer is unknown).
    func flows(_ poll: [IpsecSAFlow]) -> [IpsecSAFlow] {
        guard let peer else { return poll }
        return poll.filter { StateDiagnosis.flowPeer($0) == peer }
    }

    // MARK: - Placeholders

    /// Values for `{peer}`, `{remote-host}`, `{local-host}`; a name without a value is missing.
    public var placeholders: [String: String] {
        var values: [String: String] = [:]
        if let peer { values["peer"] = peer }
        if let config, let acl = peerMapEntry?.matchAddress.flatMap(config.accessList(named:)),
           let rule = acl.entries.first(where: { $0.action == "permit" }) {
            values["remote-host"] = Self.firstHost(rule.destination)
            let insideAddress = config.interfaces.compactMap(\.address).first { address in
                guard let a = IPv4Address(address), let n = IPv4Address(rule.source.address), let m = IPv4Address(rule.source.mask) else { return false }
                return a.value & m.value == n.value & m.value
            }
            values["local-host"] = insideAddress ?? Self.firstHost(rule.source)
        }
        return values
    }

    /// A host of an ACL address part: the host itself, or the first address of the network.
    static func firstHost(_ match: AddressMatch) -> String? {
        guard match.object == nil, match != .any, let address = IPv4Address(match.address) else { return nil }
        return match.isHost ? match.address : IPv4Address(value: address.value &+ 1).description
    }

    /// `text` with `{name}` placeholders filled; nil when one has no value.
    public func expand(_ text: String, extra: [String: String] = [:]) -> String? {
        let values = placeholders.merging(extra) { $1 }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = values[name] else { return nil }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
