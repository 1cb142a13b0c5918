import DeviceSession
@testable import IPsecKit

/// The shipped catalog and walkthroughs, loaded once for every test.
enum Shipped {
    static let catalog: SignatureCatalog = {
        do { return try SignatureCatalog.builtIn() } catch { fatalError("built-in catalog: \(error)") }
    }()

    static let library: WalkthroughLibrary = {
        do { return try WalkthroughLibrary.builtIn(catalog: catalog, commandProblem: commandProblem).library } catch { fatalError("built-in walkthroughs: \(error)") }
    }()

    /// The session's allowlist, as the command line wires it.
    static func commandProblem(_ command: String) -> String? {
        switch CommandPolicy.evaluate(command) {
        case .allowed: return nil
        case let .needsConfirmation(reason), let .refused(reason): return reason
        }
    }
}

/// One branch of one step of one walkthrough.
struct BranchCase: CustomStringConvertible, Sendable {
    var walkthrough: String
    var step: String
    var branch: Int

    var description: String { "\(walkthrough)/\(step)#\(branch)" }

    static var all: [BranchCase] {
        Shipped.library.walkthroughs.flatMap { w in
            w.steps.flatMap { step in step.branches.indices.map { BranchCase(walkthrough: w.id, step: step.id, branch: $0) } }
        }
    }
}

/// Finds, for a target branch, a path from the first step and device values that take it.
enum BranchPlanner {
    typealias Move = (step: String, branch: Int)

    /// The branches leading from the first step to `target` (breadth first: shortest path).
    static func path(to target: String, in w: Walkthrough) -> [Move]? {
        guard let first = w.steps.first?.id else { return nil }
        var queue: [(String, [Move])] = [(first, [])]
        var seen: Set<String> = [first]
        while !queue.isEmpty {
            let (id, moves) = queue.removeFirst()
            if id == target { return moves }
            for (index, branch) in (w.step(id)?.branches ?? []).enumerated() {
                guard let next = branch.next, seen.insert(next).inserted else { continue }
                queue.append((next, moves + [(id, index)]))
            }
        }
        return nil
    }

    /// The variable a check of a step is stored under (debug findings belong to their step).
    static func key(_ check: String, step: String) -> String {
        check == EvidenceCheck.debugFinding.rawValue ? "\(step).\(check)" : check
    }

    static func domain(_ check: EvidenceCheck, step: WalkthroughStep) -> [String] {
        let named = step.branches.flatMap { $0.when[check.rawValue] ?? [] }
        switch check {
        case .debugFinding: return Array(Set(named)).sorted() + ["none"]
        case .isakmpState: return Array(Set(named + ["none", "MM_SA_SETUP"])).sorted()
        default: return (check.values ?? []).filter { $0 != "unknown" }
        }
    }

    /// Values for every check the moves depend on such that each move's branch is the
    /// first whose conditions hold; nil when none exist.
    static func solve(_ moves: [Move], in w: Walkthrough) -> [String: String]? {
        var variables: [(key: String, domain: [String])] = []
        for move in moves {
            guard let step = w.step(move.step) else { return nil }
            for check in step.evidence where step.branches.contains(where: { $0.when[check.rawValue] != nil }) {
                let k = key(check.rawValue, step: step.id)
                if !variables.contains(where: { $0.key == k }) { variables.append((k, domain(check, step: step))) }
            }
        }
        func satisfied(_ values: [String: String]) -> Bool {
            moves.allSatisfy { move in
                let step = w.step(move.step)!
                let evidence = step.evidence.map { check in
                    Evidence(check: check.rawValue, value: values[key(check.rawValue, step: step.id)] ?? "", detail: "")
                }
                return step.branches.firstIndex { WalkthroughRun.holds($0, evidence) } == move.branch
            }
        }
        func search(_ index: Int, _ values: [String: String]) -> [String: String]? {
            if index == variables.count { return satisfied(values) ? values : nil }
            for value in variables[index].domain {
                var next = values
                next[variables[index].key] = value
                if let found = search(index + 1, next) { return found }
            }
            return nil
        }
        return search(0, [:])
    }
}
