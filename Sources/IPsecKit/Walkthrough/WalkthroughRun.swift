/// The pure state machine behind a walkthrough: which step is due, what it runs, and,
/// given the parsed results, which branch it takes. The I/O edge (the runner) executes
/// the plan and hands back the outputs; stepping back, skipping and rerunning are moves
/// of this machine, so the console and the headless command behave the same.
public struct WalkthroughRun: Sendable {
    public let walkthrough: Walkthrough
    public let catalog: SignatureCatalog
    public private(set) var observations: WalkthroughObservations
    /// The steps done, in order.
    public private(set) var records: [WalkthroughStepRecord] = []
    /// The step due next, nil once concluded.
    public private(set) var currentStepID: String?
    public private(set) var conclusion: WalkthroughConclusion?
    /// Observations before each recorded step, for going back.
    private var history: [WalkthroughObservations] = []

    public init(walkthrough: Walkthrough, catalog: SignatureCatalog, platform: Platform, peer: String? = nil) {
        self.walkthrough = walkthrough
        self.catalog = catalog
        observations = WalkthroughObservations(platform: platform, explicitPeer: peer)
        currentStepID = walkthrough.steps.first?.id
    }

    public var currentStep: WalkthroughStep? { currentStepID.flatMap(walkthrough.step) }
    public var isConcluded: Bool { conclusion != nil }

    /// What the current step runs, with placeholders filled from what is known so far.
    public func plan() -> WalkthroughStepPlan? {
        guard let step = currentStep else { return nil }
        var plan = WalkthroughStepPlan(stepID: step.id, checks: step.checks, polls: max(1, step.polls ?? 1))
        let platform = observations.platform
        for command in step.commands?.commands(for: platform) ?? [] {
            if let expanded = observations.expand(command) { plan.commands.append(expanded) } else { plan.unresolved.append(command) }
        }
        if let sweep = step.sweep {
            for template in sweep.command.commands(for: platform) {
                for size in sweep.sizes {
                    if let expanded = observations.expand(template, extra: ["size": String(size)]) {
                        plan.sweep.append(expanded)
                    } else if !plan.unresolved.contains(template) {
                        plan.unresolved.append(template)
                    }
                }
            }
        }
        if let debug = step.debug {
            plan.debugKinds = debug.kinds
            plan.debugPeer = observations.peer
            plan.decisiveFindings = Set(step.branches.flatMap { $0.when[EvidenceCheck.debugFinding.rawValue] ?? [] }).subtracting(["none"])
        }
        return plan
    }

    /// Records the current step's results: parses every output, evaluates the step's
    /// checks, takes the first branch whose conditions hold, moves on or concludes.
    public mutating func complete(_ outputs: WalkthroughStepOutputs) {
        guard let step = currentStep else { return }
        let before = observations
        if step.debug != nil { observations.debugFindings = outputs.debugFindings ?? [] }
        if step.sweep != nil { observations.pings = [] }
        for output in outputs.commands { observations.absorb(command: output.command, output: output.output) }
        let evidence = step.evidence.map { EvidenceEvaluator.evaluate($0, observations) }
        let branch = step.branches.first { Self.holds($0, evidence) } ?? step.fallback
        record(step, before: before, commands: outputs.commands.map(\.command), evidence: evidence, branch: branch, skipped: false)
    }

    /// Skips the current step: its fallback branch is taken without running anything.
    public mutating func skip() {
        guard let step = currentStep else { return }
        record(step, before: observations, commands: [], evidence: [], branch: step.fallback, skipped: true)
    }

    /// Undoes the last recorded step (or the conclusion): that step is due again.
    public mutating func back() {
        guard let last = records.popLast(), let restored = history.popLast() else { return }
        observations = restored
        conclusion = nil
        currentStepID = last.id
    }

    /// True when the branch's every condition holds for the evidence.
    static func holds(_ branch: WalkthroughBranch, _ evidence: [Evidence]) -> Bool {
        for (check, accepted) in branch.when {
            guard let found = evidence.first(where: { $0.check == check }) else { return false }
            if !found.values.contains(where: accepted.contains) { return false }
        }
        return true
    }

    private mutating func record(_ step: WalkthroughStep, before: WalkthroughObservations, commands: [String],
                                 evidence: [Evidence], branch: WalkthroughBranch?, skipped: Bool) {
        history.append(before)
        let taken = branch.map { WalkthroughStepRecord.Branch(condition: $0.conditionText, next: $0.next, conclude: $0.conclude) }
        records.append(WalkthroughStepRecord(id: step.id, checks: step.checks, commands: commands, evidence: evidence,
                                             branch: taken, skipped: skipped))
        if let next = branch?.next, walkthrough.step(next) != nil {
            currentStepID = next
        } else {
            currentStepID = nil
            conclusion = WalkthroughConclusion(id: branch?.conclude, verified: branch?.verified, catalog: catalog)
        }
    }
}

/// The commands a step will run.
public struct WalkthroughStepPlan: Equatable, Sendable {
    public var stepID: String
    /// What the step checks and why.
    public var checks: String
    public var commands: [String] = []
    /// Times `commands` are run (counters compare two polls).
    public var polls: Int
    /// DF-bit pings, one per size, in order.
    public var sweep: [String] = []
    /// Debugs to turn on for the wait (nil: no debug wait).
    public var debugKinds: [DebugKind]?
    public var debugPeer: String?
    /// Catalog ids that decide the step: the wait may end as soon as one is found.
    public var decisiveFindings: Set<String> = []
    /// Commands left out because a placeholder has no value (e.g. no crypto ACL to ping into).
    public var unresolved: [String] = []

    public init(stepID: String, checks: String, polls: Int) { self.stepID = stepID; self.checks = checks; self.polls = polls }
}

/// What the runner brings back from a step.
public struct WalkthroughStepOutputs: Sendable {
    public struct Output: Sendable {
        public var command: String
        public var output: String
        public init(command: String, output: String) { self.command = command; self.output = output }
    }

    /// Every command run, in order, with its output (polls and pings included).
    public var commands: [Output]
    /// Findings of the debug wait (see `DebugWatch`).
    public var debugFindings: [Finding]?

    public init(commands: [Output] = [], debugFindings: [Finding]? = nil) {
        self.commands = commands; self.debugFindings = debugFindings
    }
}

/// A step done: what ran, the evidence, the branch taken. The `--json` step object.
public struct WalkthroughStepRecord: Codable, Equatable, Sendable {
    public struct Branch: Codable, Equatable, Sendable {
        /// The conditions that held, e.g. `isakmp-state = MM_NO_STATE`, or `otherwise`.
        public var condition: String
        public var next: String?
        public var conclude: String?

        public var targetText: String { next ?? "conclude " + (conclude ?? "?") }
    }

    public var id: String
    public var checks: String
    public var commands: [String]
    public var evidence: [Evidence]
    public var branch: Branch?
    public var skipped: Bool
}

/// Where a walkthrough ended: a catalog entry with its fix steps, or healthy.
public struct WalkthroughConclusion: Codable, Equatable, Sendable {
    /// A catalog id, `healthy`, or `undecided` when a skipped step had nowhere to go.
    public var id: String
    public var title: String
    public var healthy: Bool
    public var summary: String?
    /// For healthy: what was verified.
    public var verified: String?
    public var severity: Severity?
    public var phase: SignaturePhase?
    public var causes: [String]
    public var fixes: [FixStep]
    /// Catalog ids worth checking next.
    public var related: [String]

    public static let undecided = "undecided"

    init(id: String?, verified: String?, catalog: SignatureCatalog) {
        let id = id ?? Self.undecided
        self.id = id
        self.verified = verified
        healthy = id == Walkthrough.healthy
        let entry = catalog[id]
        title = entry?.title ?? (healthy ? "No fault found" : "No conclusion: the walkthrough stopped before a leaf")
        summary = entry?.summary
        severity = entry?.severity
        phase = entry?.phase
        causes = entry?.causes ?? []
        fixes = entry?.fixes ?? []
        related = entry?.related ?? []
    }
}
