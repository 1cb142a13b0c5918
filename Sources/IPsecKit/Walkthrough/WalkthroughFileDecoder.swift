import Foundation
import Yams

/// A walkthrough decoded from a file, with where it came from.
public struct LocatedWalkthrough: Sendable, Equatable {
    public var walkthrough: Walkthrough
    public var file: String
    public var line: Int?
}

/// Turns one walkthrough YAML file (a mapping with a single `walkthrough:` entry) into a
/// walkthrough plus every problem found in it. Uses the signature catalog's YAML error
/// translation and unknown-field checks, so issues read the same: file, entry, field.
enum WalkthroughFileDecoder {
    static let topLevelKeys: Set<String> = ["walkthrough"]
    static let walkthroughKeys: Set<String> = ["id", "title", "summary", "steps"]
    static let stepKeys: Set<String> = ["id", "checks", "commands", "polls", "debug", "sweep", "evidence", "branches"]
    static let branchKeys: Set<String> = ["when", "next", "conclude", "verified"]
    static let commandKeys = SignatureFileDecoder.commandKeys

    static func decode(_ source: SignatureSource, rules: WalkthroughValidator.Rules) -> (walkthrough: LocatedWalkthrough?, issues: [SignatureIssue]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: source.text)
        } catch {
            return (nil, [SignatureFileDecoder.yamlIssue(error, file: source.name)])
        }
        guard let mapping = root?.mapping, let node = mapping["walkthrough"] else {
            return (nil, [SignatureIssue(file: source.name, line: root?.mark?.line, message: "expected a mapping with a 'walkthrough:' entry at the top level")])
        }
        let name = node.mapping?["id"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? "#1"
        let line = node.mark?.line
        func issue(_ field: String?, _ message: String) -> SignatureIssue {
            SignatureIssue(file: source.name, line: line, entry: name, field: field, message: message)
        }
        var issues = SignatureFileDecoder.unknownFields(of: root, known: topLevelKeys, path: nil).map { issue($0.field, $0.message) }
        guard node.mapping != nil else { return (nil, issues + [issue(nil, "'walkthrough' must be a mapping of fields")]) }
        issues += unknownFields(in: node).map { issue($0.field, $0.message) }
        do {
            let walkthrough = try YAMLDecoder().decode(Walkthrough.self, from: node)
            issues += WalkthroughValidator.problems(in: walkthrough, rules: rules).map { issue($0.field, $0.message) }
            return (issues.isEmpty ? LocatedWalkthrough(walkthrough: walkthrough, file: source.name, line: line) : nil, issues)
        } catch {
            let problem = SignatureFileDecoder.decodingProblem(error, in: node)
            return (nil, issues + [issue(problem.field, problem.message)])
        }
    }

    /// Misspelt fields and checks outside the vocabulary, named before decoding so the
    /// message lists what is allowed.
    static func unknownFields(in node: Node) -> [SignatureValidator.Problem] {
        var problems = SignatureFileDecoder.unknownFields(of: node, known: walkthroughKeys, path: nil)
        let known = EvidenceCheck.allCases.map(\.rawValue)
        for (s, step) in (node.mapping?["steps"]?.sequence ?? []).enumerated() {
            let path = "steps[\(s)]"
            problems += SignatureFileDecoder.unknownFields(of: step, known: stepKeys, path: path)
            problems += SignatureFileDecoder.unknownFields(of: step.mapping?["commands"], known: commandKeys, path: path + ".commands")
            problems += SignatureFileDecoder.unknownFields(of: step.mapping?["debug"], known: ["kinds"], path: path + ".debug")
            problems += SignatureFileDecoder.unknownFields(of: step.mapping?["sweep"], known: ["command", "sizes"], path: path + ".sweep")
            problems += SignatureFileDecoder.unknownFields(of: step.mapping?["sweep"]?.mapping?["command"], known: commandKeys, path: path + ".sweep.command")
            for (e, check) in (step.mapping?["evidence"]?.sequence ?? []).enumerated() where !known.contains(check.string ?? "") {
                problems.append(.init(field: "\(path).evidence[\(e)]", message: "unknown check '\(check.string ?? "?")' (known checks: \(known.joined(separator: ", ")))"))
            }
            for (b, branch) in (step.mapping?["branches"]?.sequence ?? []).enumerated() {
                problems += SignatureFileDecoder.unknownFields(of: branch, known: branchKeys, path: "\(path).branches[\(b)]")
            }
        }
        return problems
    }
}
