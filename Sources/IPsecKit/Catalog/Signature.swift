/// Where in the life of a tunnel a problem sits. Raw values are the catalog's and the
/// JSON contract's spelling.
public enum SignaturePhase: String, Codable, Sendable, CaseIterable {
    case phase1
    case phase2
    case dataPlane = "data-plane"
    case remoteAccess = "remote-access"
    case platform
}

/// How bad a finding is; ordered from most to least severe.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case critical, error, warning, info

    public var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank > b.rank }
}

/// A command in IOS and/or ASA syntax. One of the two may be absent when the step only
/// applies to one platform; `note` says why a command is run when that is not obvious.
public struct PlatformCommands: Codable, Equatable, Sendable {
    public var ios: [String]?
    public var asa: [String]?
    public var note: String?

    public init(ios: [String]? = nil, asa: [String]? = nil, note: String? = nil) {
        self.ios = ios; self.asa = asa; self.note = note
    }

    public func commands(for platform: Platform) -> [String] {
        (platform == .ios ? ios : asa) ?? []
    }
}

/// One ordered fix step: what to do, and the exact commands to check and to change.
public struct FixStep: Codable, Equatable, Sendable {
    public var text: String
    public var verify: PlatformCommands?
    public var fix: PlatformCommands?

    public init(text: String, verify: PlatformCommands? = nil, fix: PlatformCommands? = nil) {
        self.text = text; self.verify = verify; self.fix = fix
    }
}

/// What a matching line means for the diagnosis.
public enum PatternRole: String, Codable, Sendable, CaseIterable {
    /// The line alone proves the problem (a syslog error, an unambiguous debug line).
    case trigger
    /// The line is a symptom that only counts when the exchange it belongs to ends
    /// without acceptance (e.g. `atts are not acceptable` during normal proposal walk).
    case symptom
    /// The line ends a negotiation exchange as failed (`no offers accepted!`,
    /// `IKMP_MODE_FAILURE`): the exchange's pending symptoms and explanations become a
    /// finding; with none pending, this signature's own finding. After a trigger in the
    /// same exchange (e.g. `invalid local address`) it is evidence for that trigger.
    case failure
    /// The line explains a failure more precisely (e.g. `Hash algorithm offered does not
    /// match policy!` turns a main-mode failure into `policy-hash-mismatch`).
    case explanation
}

/// A device string, as a literal prefilter plus a regular expression.
///
/// `literals` are substrings every matching line contains (all of them, case-sensitive):
/// they are what the stream prefilter looks for before any regex runs. `regex` uses
/// ICU/PCRE syntax with named groups (`(?<peer>\d+\.\d+\.\d+\.\d+)`) for the variable
/// parts; the group names are the finding's captures. ICU group names are ASCII letters and
/// digits only, so multi-word names are camelCase (`connId`, `hmacAlg`); the report's
/// snake_case key conversion turns them into `conn_id`, `hmac_alg`.
public struct SignaturePattern: Codable, Equatable, Sendable {
    public var literals: [String]
    public var regex: String
    public var platform: Platform?
    public var role: PatternRole?
    /// Example lines that must match (checked by `signatures lint` and the tests).
    public var examples: [String]?

    public init(literals: [String], regex: String, platform: Platform? = nil, role: PatternRole? = nil, examples: [String]? = nil) {
        self.literals = literals; self.regex = regex; self.platform = platform; self.role = role; self.examples = examples
    }

    public var effectiveRole: PatternRole { role ?? .trigger }
}

/// A known IPsec problem: how to recognise it, what it means and how to fix it.
/// Catalog entries are data (YAML resources); `id` is the stable JSON contract.
public struct Signature: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var phase: SignaturePhase
    public var severity: Severity
    /// One or two sentences: what is going on.
    public var summary: String
    /// Device strings. Empty for problems recognised from configuration or state only.
    public var patterns: [SignaturePattern]
    public var causes: [String]
    public var fixes: [FixStep]
    /// Show/debug commands that confirm the diagnosis.
    public var confirm: PlatformCommands
    /// Other catalog ids worth checking next.
    public var related: [String]?
    /// Where the knowledge comes from, e.g. a defect id or the document section.
    public var references: [String]?
    /// For entries recognised from `show` output or configuration rather than from a device
    /// string: the observation that raises the finding, in words (e.g. "the peer's ISAKMP SA
    /// sits in MM_NO_STATE"). Shown to the user; the diagnosis code implements the check.
    public var condition: String?

    public init(id: String, title: String, phase: SignaturePhase, severity: Severity, summary: String,
                patterns: [SignaturePattern], causes: [String], fixes: [FixStep], confirm: PlatformCommands,
                related: [String]? = nil, references: [String]? = nil, condition: String? = nil) {
        self.id = id; self.title = title; self.phase = phase; self.severity = severity; self.summary = summary
        self.patterns = patterns; self.causes = causes; self.fixes = fixes; self.confirm = confirm
        self.related = related; self.references = references; self.condition = condition
    }
}
