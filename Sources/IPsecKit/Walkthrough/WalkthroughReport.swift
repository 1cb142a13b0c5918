/// The outcome of a walkthrough run, as the `walkthrough --json` document and the
/// `--report` / `:export` Markdown: the steps with their evidence and branches, then the
/// conclusion with its fix steps. Holds parsed values only, never raw configuration.
public struct WalkthroughReport: Codable, Equatable, Sendable {
    public var walkthrough: String
    public var title: String
    public var target: String
    public var platform: String
    public var peer: String?
    public var steps: [WalkthroughStepRecord]
    public var conclusion: WalkthroughConclusion?

    public init(run: WalkthroughRun, target: String) {
        walkthrough = run.walkthrough.id
        title = run.walkthrough.title
        self.target = target
        platform = run.observations.platform.rawValue
        peer = run.observations.peer
        steps = run.records
        conclusion = run.conclusion
    }

    /// Markdown in the style of `MarkdownReport`; the conclusion's fix steps are rendered
    /// by the same code as a finding's.
    public func markdown() -> String {
        let esc = MarkdownReport.escape
        var out = ["# Walkthrough \(esc(walkthrough)): \(esc(title))", "",
                   "Target \(esc(target)) (\(platform))" + (peer.map { ", peer \($0)" } ?? ""), ""]
        out += ["## Steps (\(steps.count))", ""]
        for (n, step) in steps.enumerated() {
            out += ["### \(n + 1). \(esc(step.id))\(step.skipped ? " (skipped)" : "")", "", esc(step.checks), ""]
            if !step.commands.isEmpty {
                out += ["Commands:", "", "```"] + step.commands + ["```", ""]
            }
            if !step.evidence.isEmpty {
                out += MarkdownReport.table(["Check", "Value", "Detail"], step.evidence.map { [$0.check, $0.value, $0.detail] })
            }
            if let branch = step.branch { out += ["Branch: \(esc(branch.condition)) → \(esc(branch.targetText))", ""] }
        }
        out += ["## Conclusion", ""]
        guard let conclusion else { return (out + ["The walkthrough did not finish.", ""]).joined(separator: "\n") }
        if conclusion.healthy {
            out += ["**Healthy.** " + esc(conclusion.verified ?? conclusion.title), ""]
        } else {
            out += ["`\(conclusion.id)`: **\(esc(conclusion.title))**", ""]
            if let summary = conclusion.summary { out += [esc(summary), ""] }
            let finding = Finding(id: conclusion.id, title: conclusion.title, severity: conclusion.severity ?? .error, phase: conclusion.phase ?? .phase1,
                                  peer: peer, count: 1, firstLine: nil, lastLine: nil, evidence: [], captures: [:], confidence: 1,
                                  related: conclusion.related)
            var described = finding
            described.causes = conclusion.causes
            described.fixes = conclusion.fixes
            // The finding renderer's own heading and facts line are dropped: the conclusion heading says it.
            out += MarkdownReport.findings([described]).drop { !$0.hasPrefix("Likely causes:") && !$0.hasPrefix("What to do:") }
        }
        return out.joined(separator: "\n")
    }
}
