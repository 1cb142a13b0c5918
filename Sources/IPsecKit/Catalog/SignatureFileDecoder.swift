import Foundation
import Yams

/// A signature decoded from a file, with where it came from (for overrides and issues).
public struct LocatedSignature: Sendable, Equatable {
    public var signature: Signature
    /// The source's name.
    public var file: String
    /// Line where the entry starts, when known.
    public var line: Int?
}

/// Turns one signature YAML file into signatures plus every problem found in it.
///
/// The file is a mapping with a single `signatures:` list. Each entry is decoded on its own
/// so that one broken entry does not hide the others, and issues name the entry's id and
/// the field path. Entries with any issue are left out of the result.
enum SignatureFileDecoder {
    static let topLevelKeys: Set<String> = ["signatures"]
    static let signatureKeys: Set<String> = [
        "id", "title", "phase", "severity", "summary", "condition", "patterns", "causes", "fixes",
        "confirm", "related", "references",
    ]
    static let patternKeys: Set<String> = ["literals", "regex", "platform", "role", "examples"]
    static let fixStepKeys: Set<String> = ["text", "verify", "fix"]
    static let commandKeys: Set<String> = ["ios", "asa", "note"]

    static func decode(_ source: SignatureSource) -> (signatures: [LocatedSignature], issues: [SignatureIssue]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: source.text)
        } catch {
            return ([], [yamlIssue(error, file: source.name)])
        }
        guard let root else {
            return ([], [SignatureIssue(file: source.name, message: "file is empty: expected a top-level 'signatures:' list")])
        }
        guard let mapping = root.mapping else {
            return ([], [SignatureIssue(file: source.name, line: root.mark?.line,
                                        message: "expected a mapping with a 'signatures:' list at the top level")])
        }
        var issues: [SignatureIssue] = []
        for (key, value) in mapping where !topLevelKeys.contains(key.string ?? "") {
            issues.append(SignatureIssue(file: source.name, line: value.mark?.line ?? key.mark?.line,
                                         message: "unknown top-level key '\(key.string ?? "?")' (expected 'signatures')"))
        }
        guard let list = mapping["signatures"] else {
            issues.append(SignatureIssue(file: source.name, line: root.mark?.line, message: "missing the 'signatures:' list"))
            return ([], issues)
        }
        guard let entries = list.sequence else {
            issues.append(SignatureIssue(file: source.name, line: list.mark?.line, message: "'signatures' must be a list of entries"))
            return ([], issues)
        }

        var decoded: [LocatedSignature] = []
        for (position, node) in entries.enumerated() {
            let entryName = node.mapping?["id"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? "#\(position + 1)"
            let line = node.mark?.line
            func issue(_ field: String?, _ message: String) -> SignatureIssue {
                SignatureIssue(file: source.name, line: line, entry: entryName, field: field, message: message)
            }
            guard node.mapping != nil else {
                issues.append(issue(nil, "an entry must be a mapping of fields"))
                continue
            }
            var entryIssues = unknownKeys(in: node).map { issue($0.field, $0.message) }
            do {
                let signature = try YAMLDecoder().decode(Signature.self, from: node)
                entryIssues += SignatureValidator.problems(in: signature).map { issue($0.field, $0.message) }
                if entryIssues.isEmpty {
                    decoded.append(LocatedSignature(signature: signature, file: source.name, line: line))
                }
            } catch {
                let problem = decodingProblem(error, in: node)
                entryIssues.append(issue(problem.field, problem.message))
            }
            issues += entryIssues
        }
        return (decoded, issues)
    }

    // MARK: - Unknown fields

    /// Fields that Codable would silently ignore: a misspelt optional field (`relatd:`)
    /// must not vanish without a word.
    static func unknownKeys(in entry: Node) -> [SignatureValidator.Problem] {
        var problems: [SignatureValidator.Problem] = []
        func check(_ node: Node?, _ known: Set<String>, _ path: String?) {
            problems += unknownFields(of: node, known: known, path: path)
        }
        check(entry, signatureKeys, nil)
        for (index, pattern) in (entry.mapping?["patterns"]?.sequence ?? []).enumerated() {
            check(pattern, patternKeys, "patterns[\(index)]")
        }
        for (index, step) in (entry.mapping?["fixes"]?.sequence ?? []).enumerated() {
            check(step, fixStepKeys, "fixes[\(index)]")
            check(step.mapping?["verify"], commandKeys, "fixes[\(index)].verify")
            check(step.mapping?["fix"], commandKeys, "fixes[\(index)].fix")
        }
        check(entry.mapping?["confirm"], commandKeys, "confirm")
        return problems
    }

    /// The keys of a mapping node that are not in `known`, as problems at `path.key`.
    /// Shared by the other YAML resources (walkthroughs).
    static func unknownFields(of node: Node?, known: Set<String>, path: String?) -> [SignatureValidator.Problem] {
        guard let mapping = node?.mapping else { return [] }
        return mapping.keys.compactMap { key in
            let name = key.string ?? "?"
            guard !known.contains(name) else { return nil }
            let field = path.map { "\($0).\(name)" } ?? name
            return .init(field: field, message: "unknown field (known fields: \(known.sorted().joined(separator: ", ")))")
        }
    }

    // MARK: - Error translation

    static func yamlIssue(_ error: Error, file: String) -> SignatureIssue {
        guard let yamlError = error as? YamlError else {
            return SignatureIssue(file: file, message: "cannot read YAML: \(error)")
        }
        switch yamlError {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return SignatureIssue(file: file, line: mark.line, message: "YAML syntax error: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return SignatureIssue(file: file, line: context.mark.line,
                                  message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        default:
            return SignatureIssue(file: file, message: "cannot read YAML: \(yamlError)")
        }
    }

    static func decodingProblem(_ error: Error, in entry: Node) -> SignatureValidator.Problem {
        guard let decodingError = error as? DecodingError else {
            return .init(field: nil, message: "cannot decode: \(error)")
        }
        switch decodingError {
        case let .keyNotFound(key, context):
            return .init(field: fieldPath(context.codingPath + [key]), message: "missing")
        case let .valueNotFound(_, context):
            return .init(field: fieldPath(context.codingPath), message: "missing a value")
        case let .typeMismatch(type, context):
            return .init(field: fieldPath(context.codingPath), message: "has the wrong type (expected \(describe(type)))")
        case let .dataCorrupted(context):
            let field = fieldPath(context.codingPath)
            let raw = node(at: context.codingPath, in: entry)?.string ?? "?"
            let name = context.codingPath.last?.stringValue ?? ""
            let allowed: [String]? = switch name {
            case "phase": SignaturePhase.allCases.map(\.rawValue)
            case "severity": Severity.allCases.map(\.rawValue)
            case "role": PatternRole.allCases.map(\.rawValue)
            case "platform", "ios", "asa": Platform.allCases.map(\.rawValue)
            default: nil
            }
            if let allowed, name != "ios", name != "asa" {
                return .init(field: field, message: "unknown \(name) '\(raw)' (expected one of: \(allowed.joined(separator: ", ")))")
            }
            return .init(field: field, message: "invalid value '\(raw)': \(context.debugDescription)")
        @unknown default:
            return .init(field: nil, message: "cannot decode: \(decodingError)")
        }
    }

    /// `patterns[0].role` from a coding path.
    static func fieldPath(_ path: [CodingKey]) -> String? {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text.isEmpty ? nil : text
    }

    static func node(at path: [CodingKey], in root: Node) -> Node? {
        var current: Node? = root
        for key in path {
            if let index = key.intValue, let sequence = current?.sequence {
                current = index < sequence.count ? sequence[index] : nil
            } else {
                current = current?.mapping?[key.stringValue]
            }
        }
        return current
    }

    static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name == "String" { return "text" }
        if name.hasPrefix("Array<") { return "a list" }
        if name.hasPrefix("Dictionary<") || name.contains("KeyedDecodingContainer") { return "a mapping" }
        return name
    }
}
