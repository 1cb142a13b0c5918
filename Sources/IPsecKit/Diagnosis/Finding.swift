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
    /// (`Finding.displayOrder`, with each finding's sort keys read once: the severity's rank
    /// is a search, and comparing whole findings copies them.)
    public func sortedForDisplay() -> [Finding] {
        let keys = map { (rank: $0.severity.rank, confidence: $0.confidence, first: $0.firstLine ?? Int.max, id: $0.id, peer: $0.peer ?? "") }
        let order = indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.rank != b.rank { return a.rank < b.rank }
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            if a.first != b.first { return a.first < b.first }
            if a.id != b.id { return a.id < b.id }
            return a.peer < b.peer
        }
        return order.map { self[$0] }
    }
}

extension Finding {
    /// `connId` -> `conn_id`: catalog capture names are camelCase (ICU allows no `_` in
    /// group names); the JSON contract is snake_case.
    public static func snakeCased(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every catalog name): bytes, no grapheme breaking.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count + 4)
            for b in name.utf8 {
                if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { bytes.append(UInt8(ascii: "_")); bytes.append(b + 32) } else { bytes.append(b) }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
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

