extension MarkdownReport {
    /// The configuration comparison of both ends: the tunnel entries, what each side would
    /// accept, and every mismatch with the catalog id it causes. Keys appear only as
    /// "equal" or "differ", as the comparison holds nothing else.
    static func comparison(_ c: ConfigComparison) -> [String] {
        var out = ["## Configuration comparison: \(escape(c.labelA)) and \(escape(c.labelB))", ""]
        out.append("- Tunnel entries: \(escape(c.labelA)) `\(c.tunnelA ?? "none")`, \(escape(c.labelB)) `\(c.tunnelB ?? "none")`")
        for (match, initiator, responder) in [(c.policyMatchAInitiates, c.labelA, c.labelB), (c.policyMatchBInitiates, c.labelB, c.labelA)] {
            out.append("- \(escape(initiator)) initiating: " + (match.map { "policy \($0.initiatorPriority) accepted by \(escape(responder)) policy \($0.responderPriority)" } ?? "no ISAKMP policy accepted"))
        }
        out.append("- Transform sets in common: " + (c.commonTransformSets.isEmpty ? "none" : c.commonTransformSets.map { "`\($0)`" }.joined(separator: ", ")))
        out.append("")
        guard !c.mismatches.isEmpty else { return out + ["No mismatch found.", ""] }
        out += table(["Check", "Catalog id", "Side", "What differs", "Lines"], c.mismatches.map { m in
            [m.check, m.signatures.joined(separator: " / "), m.side == .both ? "both" : (m.side == .a ? c.labelA : c.labelB), m.message,
             m.lines.joined(separator: ", ")]
        })
        return out
    }
}
