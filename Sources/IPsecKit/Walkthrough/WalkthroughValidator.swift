import Foundation

/// Checks a decoded walkthrough for what Codable cannot: the tree is connected and
/// acyclic, every branch names values its check can take, every leaf names a catalog
/// entry or `healthy`, and every command passes the session's allowlist.
enum WalkthroughValidator {
    struct Rules {
        /// Ids a leaf or a `debug-finding` condition may name.
        var catalogIDs: Set<String>
        /// Why the session would refuse a command, nil when it is allowed.
        var commandProblem: (String) -> String?
    }

    static let placeholders: Set<String> = ["peer", "remote-host", "local-host", "size"]

    static func problems(in w: Walkthrough, rules: Rules) -> [SignatureValidator.Problem] {
        var problems: [SignatureValidator.Problem] = []
        func report(_ field: String?, _ message: String) { problems.append(.init(field: field, message: message)) }
        func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }

        if !SignatureValidator.isWellFormedID(w.id) { report("id", "'\(w.id)' must be lowercase words joined by hyphens (e.g. tunnel-down)") }
        if isBlank(w.title) { report("title", "is empty") }
        if isBlank(w.summary) { report("summary", "is empty") }
        if w.steps.isEmpty { report("steps", "lists no step") }

        var seen = Set<String>()
        for (s, step) in w.steps.enumerated() {
            let path = "steps[\(s)]"
            if !SignatureValidator.isWellFormedID(step.id) { report("\(path).id", "'\(step.id)' must be lowercase words joined by hyphens") }
            if !seen.insert(step.id).inserted { report("\(path).id", "duplicate step id '\(step.id)'") }
            if isBlank(step.checks) { report("\(path).checks", "is empty: say what the step checks and why") }
            let ios = (step.commands?.ios ?? []) + (step.sweep?.command.ios ?? [])
            let asa = (step.commands?.asa ?? []) + (step.sweep?.command.asa ?? [])
            if ios.isEmpty && asa.isEmpty && step.debug == nil && step.evidence.allSatisfy({ $0.source == .debugWait || $0.source == .sweep }) {
                report(path, "runs nothing and evaluates nothing read before: give commands, a sweep or a debug wait")
            }
            for (platform, list) in [("ios", ios), ("asa", asa)] {
                for command in list { problems += commandProblems(command, field: "\(path).commands.\(platform)", rules: rules) }
            }
            if let polls = step.polls, !(1...5).contains(polls) { report("\(path).polls", "must be 1 to 5") }
            if let sweep = step.sweep {
                if sweep.sizes.isEmpty { report("\(path).sweep.sizes", "lists no size") }
                for size in sweep.sizes where !(36...18024).contains(size) { report("\(path).sweep.sizes", "\(size) is outside 36-18024") }
                for command in (sweep.command.ios ?? []) + (sweep.command.asa ?? []) where !command.contains("{size}") {
                    report("\(path).sweep.command", "'\(command)' has no {size} placeholder")
                }
            }
            if step.evidence.isEmpty { report("\(path).evidence", "names no check") }
            if step.branches.isEmpty { report("\(path).branches", "lists no branch") }
            if let last = step.branches.last, !last.when.isEmpty {
                report("\(path).branches[\(step.branches.count - 1)]", "the last branch must have no 'when' (it is taken otherwise and when the step is skipped)")
            }
            for (b, branch) in step.branches.enumerated() {
                problems += branchProblems(branch, step: step, walkthrough: w, field: "\(path).branches[\(b)]", rules: rules)
            }
        }
        problems += graphProblems(w)
        if problems.isEmpty { problems += sourceProblems(w) }
        return problems
    }

    /// Every check reads data some step has surely read by then: the step itself, or every
    /// step on every way to it (a config check after `show running-config` in the first
    /// step needs no command of its own). Debug findings and ping results are the step's own.
    static func sourceProblems(_ w: Walkthrough) -> [SignatureValidator.Problem] {
        // A walkthrough written for one platform only is checked for that platform.
        let platforms = Platform.allCases.filter { p in w.steps.contains { !($0.commands?.commands(for: p) ?? []).isEmpty } }
        func reads(_ step: WalkthroughStep) -> Set<EvidenceCheck.Source> {
            // Every platform the walkthrough serves must read it for it to count.
            let perPlatform = platforms.map { Set((step.commands?.commands(for: $0) ?? []).compactMap(WalkthroughObservations.source(of:))) }
            var own = perPlatform.dropFirst().reduce(perPlatform.first ?? []) { $0.intersection($1) }
            if step.debug != nil { own.insert(.debugWait) }
            if step.sweep != nil { own.insert(.sweep) }
            return own
        }
        // Steps in an order where each comes after every step leading to it (the graph is acyclic).
        var order: [String] = []
        var visited = Set<String>()
        func visit(_ id: String) {
            guard visited.insert(id).inserted, let step = w.step(id) else { return }
            for next in step.branches.compactMap(\.next) { visit(next) }
            order.insert(id, at: 0)
        }
        if let first = w.steps.first { visit(first.id) }
        var before: [String: Set<EvidenceCheck.Source>] = [:]
        if let first = w.steps.first { before[first.id] = [] }
        var problems: [SignatureValidator.Problem] = []
        for id in order {
            guard let step = w.step(id), let s = w.steps.firstIndex(where: { $0.id == id }) else { continue }
            let known = before[id] ?? []
            let own = reads(step)
            for (e, check) in step.evidence.enumerated() {
                guard let source = check.source else { continue }
                let local = source == .debugWait || source == .sweep
                if !(own.contains(source) || (!local && known.contains(source))) {
                    problems.append(.init(field: "steps[\(s)].evidence[\(e)]",
                                          message: "\(check.rawValue) needs \(source.rawValue)" + (local ? " in this step" : ", but neither this step nor every step before it runs it")))
                }
            }
            let after = known.union(own.subtracting([.debugWait, .sweep]))
            for next in step.branches.compactMap(\.next) {
                before[next] = before[next].map { $0.intersection(after) } ?? after
            }
        }
        return problems
    }

    static func commandProblems(_ command: String, field: String, rules: Rules) -> [SignatureValidator.Problem] {
        var problems: [SignatureValidator.Problem] = []
        var rest = Substring(command)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !placeholders.contains(name) {
                problems.append(.init(field: field, message: "'\(command)': unknown placeholder {\(name)} (known: \(placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")))"))
            }
            rest = rest[rest.index(after: close)...]
        }
        // Placeholders stand for addresses and sizes: check the command as it will be sent.
        let sample = command.replacingOccurrences(of: "{peer}", with: "192.0.2.1").replacingOccurrences(of: "{remote-host}", with: "192.0.2.2")
            .replacingOccurrences(of: "{local-host}", with: "192.0.2.3").replacingOccurrences(of: "{size}", with: "1500")
        if let problem = rules.commandProblem(sample) {
            problems.append(.init(field: field, message: "'\(command)' is refused by the session: \(problem)"))
        }
        return problems
    }

    static func branchProblems(_ branch: WalkthroughBranch, step: WalkthroughStep, walkthrough: Walkthrough, field: String,
                               rules: Rules) -> [SignatureValidator.Problem] {
        var problems: [SignatureValidator.Problem] = []
        func report(_ sub: String?, _ message: String) { problems.append(.init(field: sub.map { "\(field).\($0)" } ?? field, message: message)) }
        for key in branch.when.keys.sorted() {
            let values = branch.when[key] ?? []
            guard let check = EvidenceCheck(rawValue: key) else {
                report("when.\(key)", "unknown check (known checks: \(EvidenceCheck.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            if !step.evidence.contains(check) { report("when.\(key)", "the step does not evaluate this check (add it to 'evidence')") }
            if values.isEmpty { report("when.\(key)", "lists no value") }
            for value in values {
                if let allowed = check.values, !allowed.contains(value) {
                    report("when.\(key)", "'\(value)' is not a value of \(key) (expected one of: \(allowed.joined(separator: ", ")))")
                } else if check == .debugFinding, value != "none", !rules.catalogIDs.contains(value) {
                    report("when.\(key)", "'\(value)' is not a signature catalog id")
                } else if check == .isakmpState, value != "none", value != "unknown", !value.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) {
                    report("when.\(key)", "'\(value)' is not an ISAKMP state (write it as the device prints it, e.g. MM_NO_STATE, or none)")
                }
            }
        }
        switch (branch.next, branch.conclude) {
        case (nil, nil): report(nil, "needs 'next' (a step id) or 'conclude' (a catalog id or healthy)")
        case (_?, _?): report(nil, "has both 'next' and 'conclude'; give one")
        case let (next?, nil):
            if walkthrough.step(next) == nil { report("next", "names unknown step '\(next)'") }
            if next == step.id { report("next", "leads back to its own step") }
        case let (nil, conclude?):
            if conclude == Walkthrough.healthy {
                if (branch.verified ?? "").allSatisfy(\.isWhitespace) { report("verified", "a healthy leaf must say what was verified") }
            } else if !rules.catalogIDs.contains(conclude) {
                report("conclude", "'\(conclude)' is not a signature catalog id (nor healthy)")
            }
        }
        if branch.verified != nil && branch.conclude != Walkthrough.healthy { report("verified", "only a healthy leaf says what was verified") }
        return problems
    }

    /// Every step reachable from the first, and no path that comes back to a step.
    static func graphProblems(_ w: Walkthrough) -> [SignatureValidator.Problem] {
        guard let first = w.steps.first else { return [] }
        var problems: [SignatureValidator.Problem] = []
        var state: [String: Int] = [:] // 1 visiting, 2 done
        func visit(_ id: String, _ path: [String]) {
            if state[id] == 2 { return }
            if state[id] == 1 {
                problems.append(.init(field: "steps", message: "the steps form a loop: " + (path + [id]).joined(separator: " -> ")))
                return
            }
            state[id] = 1
            for next in w.step(id)?.branches.compactMap(\.next) ?? [] where w.step(next) != nil { visit(next, path + [id]) }
            state[id] = 2
        }
        visit(first.id, [])
        for (s, step) in w.steps.enumerated() where state[step.id] == nil {
            problems.append(.init(field: "steps[\(s)]", message: "step '\(step.id)' cannot be reached from the first step"))
        }
        return problems
    }
}
