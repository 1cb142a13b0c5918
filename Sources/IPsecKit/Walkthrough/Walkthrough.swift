/// A guided walkthrough: a decision tree whose steps run read-only commands, read what
/// they print, and branch on the evidence until a leaf names a catalog entry (with its
/// fix steps) or `healthy`. Walkthroughs are data (YAML resources, user-extensible);
/// `id` is the stable name users type (`walkthrough tunnel-down`, `:walk tunnel-down`).
public struct Walkthrough: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var title: String
    /// One or two sentences: the symptom this walkthrough starts from.
    public var summary: String
    /// The steps; the first one is where the walkthrough starts.
    public var steps: [WalkthroughStep]

    public init(id: String, title: String, summary: String, steps: [WalkthroughStep]) {
        self.id = id; self.title = title; self.summary = summary; self.steps = steps
    }

    public func step(_ id: String) -> WalkthroughStep? { steps.first { $0.id == id } }

    /// The leaf value meaning nothing is wrong.
    public static let healthy = "healthy"
}

/// One step: what it checks, the commands it runs, the evidence it evaluates, the branches.
public struct WalkthroughStep: Codable, Equatable, Sendable {
    public var id: String
    /// What the step checks and why, in one sentence.
    public var checks: String
    /// Read-only commands, run in order. Placeholders: `{peer}`, `{remote-host}`, `{local-host}`.
    public var commands: PlatformCommands?
    /// Runs `commands` this many times, `poll-interval` apart (2 for counters that must move).
    public var polls: Int?
    /// Turns conditional debugs for the peer on for a bounded wait, then off again.
    public var debug: DebugWait?
    /// A DF-bit ping sweep: one ping per size, largest first.
    public var sweep: PingSweep?
    /// The checks this step evaluates, in display order.
    public var evidence: [EvidenceCheck]
    /// Tried in order; the first whose conditions all hold is taken. The last has no
    /// conditions, so a step always leads somewhere.
    public var branches: [WalkthroughBranch]

    public init(id: String, checks: String, commands: PlatformCommands? = nil, polls: Int? = nil, debug: DebugWait? = nil,
                sweep: PingSweep? = nil, evidence: [EvidenceCheck], branches: [WalkthroughBranch]) {
        self.id = id; self.checks = checks; self.commands = commands; self.polls = polls; self.debug = debug
        self.sweep = sweep; self.evidence = evidence; self.branches = branches
    }

    /// The branch taken when the user skips the step: the one without conditions.
    public var fallback: WalkthroughBranch? { branches.last { $0.when.isEmpty } }
}

/// Debugs a step turns on, limited to the peer, for the run's bounded wait.
public struct DebugWait: Codable, Equatable, Sendable {
    /// Debug families: `isakmp`, `ipsec`, `ikev2`, `engine`. Empty: only `terminal monitor` (syslog).
    public var kinds: [DebugKind]

    public init(kinds: [DebugKind]) { self.kinds = kinds }
}

/// Pings of decreasing size with the DF bit set: the largest that passes is the path MTU's bound.
public struct PingSweep: Codable, Equatable, Sendable {
    /// The ping per platform, with `{size}` (and usually `{remote-host}`) placeholders.
    /// A platform without a command does not sweep (the check reads `not-run`).
    public var command: PlatformCommands
    public var sizes: [Int]

    public init(command: PlatformCommands, sizes: [Int]) { self.command = command; self.sizes = sizes }
}

/// Where a branch leads: the next step, or a conclusion.
public struct WalkthroughBranch: Codable, Equatable, Sendable {
    /// Check -> accepted values; all must hold. Empty: always taken.
    public var when: [String: [String]]
    public var next: String?
    /// A signature catalog id, or `healthy`.
    public var conclude: String?
    /// For `healthy`: what was verified, in words.
    public var verified: String?

    public init(when: [String: [String]] = [:], next: String? = nil, conclude: String? = nil, verified: String? = nil) {
        self.when = when; self.next = next; self.conclude = conclude; self.verified = verified
    }

    enum CodingKeys: String, CodingKey { case when, next, conclude, verified }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        when = try c.decodeIfPresent([String: [String]].self, forKey: .when) ?? [:]
        next = try c.decodeIfPresent(String.self, forKey: .next)
        conclude = try c.decodeIfPresent(String.self, forKey: .conclude)
        verified = try c.decodeIfPresent(String.self, forKey: .verified)
    }

    /// `isakmp-state in [MM_NO_STATE]` style text of the conditions, sorted by check.
    public var conditionText: String {
        if when.isEmpty { return "otherwise" }
        return when.keys.sorted().map { key in
            let values = when[key] ?? []
            return values.count == 1 ? "\(key) = \(values[0])" : "\(key) in [\(values.joined(separator: ", "))]"
        }.joined(separator: " and ")
    }

    /// The target as shown to the user: the next step's id or `conclude <id>`.
    public var targetText: String {
        if let next { return next }
        return "conclude " + (conclude ?? "?")
    }
}
