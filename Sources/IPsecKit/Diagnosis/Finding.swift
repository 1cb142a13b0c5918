/// One diagnosed problem: a catalog signature (or a state rule) seen for one peer.
///
/// Findings aggregate: every line that proves the same problem for the same peer adds to
/// `count` and `evidence` instead of making a new finding. Causes and fixes are not
/// copied here: they are the signature's (`id`), looked up when the finding is shown.
/// The JSON form uses snake_case keys (`first_line`, `last_line`).
public struct Finding: Codable, Equatable, Sendable {
    /// Catalog signature id, or a state rule id (`phase2-missing`...).
    public var id: String
    public var title: String
    public var severity: Severity
    public var phase: SignaturePhase
    /// Remote peer address, when the evidence names one.
    public var peer: String?
    /// How many times the problem was raised (failed exchanges, error lines, counters).
    public var count: Int
    public var firstLine: Int?
    public var lastLine: Int?
    /// Line numbers of the evidence, in order; capped (`DiagnosisLimits.evidenceLines`).
    public var evidence: [Int]
    /// Named captures of the matching lines (first value seen for each name).
    public var captures: [String: String]
    /// 0...1: how sure the diagnosis is (a lone symptom is less sure than a syslog error).
    public var confidence: Double
    /// Catalog ids worth checking next.
    public var related: [String]
    /// The catalog entry's likely causes and ordered fix steps, when the finding has been
    /// described by a catalog (`SignatureCatalog.describe`); empty otherwise.
    public var causes: [String] = []
    public var fixes: [FixStep] = []
    /// The input file, when several were read together.
    public var file: String?

    public init(id: String, title: String, severity: Severity, phase: SignaturePhase, peer: String? = nil,
                count: Int = 1, firstLine: Int? = nil, lastLine: Int? = nil, evidence: [Int] = [],
                captures: [String: String] = [:], confidence: Double, related: [String] = []) {
        self.id = id; self.title = title; self.severity = severity; self.phase = phase; self.peer = peer
        self.count = count; self.firstLine = firstLine; self.lastLine = lastLine; self.evidence = evidence
        self.captures = captures; self.confidence = confidence; self.related = related
    }

    enum CodingKeys: String, CodingKey {
        case id, title, severity, phase, peer, count, evidence, captures, confidence, related, causes, fixes, file
        case firstLine = "first_line"
        case lastLine = "last_line"
    }

    /// Most severe first, then most certain, then earliest, then by id and peer, so the
    /// order is stable whatever order the findings were raised in.
    public static func displayOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.confidence != b.confidence { return a.confidence > b.confidence }
        let la = a.firstLine ?? Int.max, lb = b.firstLine ?? Int.max
        if la != lb { return la < lb }
        if a.id != b.id { return a.id < b.id }
        return (a.peer ?? "") < (b.peer ?? "")
    }
}

extension Array where Element == Finding {
    /// The findings in display order (most severe first).
    public func sortedForDisplay() -> [Finding] { sorted(by: Finding.displayOrder) }
}

extension Finding {
    /// `connId` -> `conn_id`: catalog capture names are camelCase (ICU allows no `_` in
    /// group names); the JSON contract is snake_case.
    public static func snakeCased(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}

extension SignatureCatalog {
    /// Fills each finding's causes and fixes from its catalog entry.
    public func describe(_ findings: [Finding]) -> [Finding] {
        findings.map { finding in
            guard let entry = self[finding.id] else { return finding }
            var f = finding
            f.causes = entry.causes
            f.fixes = entry.fixes
            return f
        }
    }
}

