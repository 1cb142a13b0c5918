import Foundation

/// Checks one decoded signature for the things Codable cannot: empty text, commands that
/// are missing, regexes that do not compile, literals and examples that disagree.
///
/// Cross-entry checks (duplicate ids, `related` ids that do not exist) belong to the
/// catalog, which sees every file.
enum SignatureValidator {
    struct Problem: Equatable {
        var field: String?
        var message: String
    }

    /// Stable contract ids: lowercase words (a-z, 0-9) joined by single hyphens.
    static func isWellFormedID(_ id: String) -> Bool {
        let words = id.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    static func problems(in signature: Signature) -> [Problem] {
        var problems: [Problem] = []
        func report(_ field: String?, _ message: String) { problems.append(Problem(field: field, message: message)) }
        func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }

        let id = signature.id
        if isBlank(id) {
            report("id", "is empty")
        } else if !isWellFormedID(id) {
            report("id", "'\(id)' must be lowercase words joined by hyphens (e.g. main-mode-failed)")
        }
        if isBlank(signature.title) { report("title", "is empty") }
        if isBlank(signature.summary) { report("summary", "is empty") }
        if let condition = signature.condition, isBlank(condition) { report("condition", "is empty (leave it out instead)") }

        if signature.causes.isEmpty { report("causes", "lists no cause") }
        for (index, cause) in signature.causes.enumerated() where isBlank(cause) {
            report("causes[\(index)]", "is empty")
        }

        if signature.fixes.isEmpty { report("fixes", "lists no fix step") }
        for (index, step) in signature.fixes.enumerated() {
            if isBlank(step.text) { report("fixes[\(index)].text", "is empty") }
            if let verify = step.verify { checkCommands(verify, "fixes[\(index)].verify", report) }
            if let fix = step.fix { checkCommands(fix, "fixes[\(index)].fix", report) }
        }
        checkCommands(signature.confirm, "confirm", report)

        for (index, related) in (signature.related ?? []).enumerated() {
            if isBlank(related) { report("related[\(index)]", "is empty") }
            if related == signature.id { report("related[\(index)]", "names the entry itself") }
        }
        for (index, reference) in (signature.references ?? []).enumerated() where isBlank(reference) {
            report("references[\(index)]", "is empty")
        }

        for (index, pattern) in signature.patterns.enumerated() {
            problems += patternProblems(pattern, field: "patterns[\(index)]")
        }
        return problems
    }

    /// A command block must carry at least one command, and no empty ones.
    static func checkCommands(_ commands: PlatformCommands, _ field: String, _ report: (String?, String) -> Void) {
        let all = (commands.ios ?? []) + (commands.asa ?? [])
        if all.isEmpty { report(field, "names no IOS or ASA command") }
        for (platform, list) in [("ios", commands.ios ?? []), ("asa", commands.asa ?? [])] {
            for (index, command) in list.enumerated() where command.allSatisfy(\.isWhitespace) {
                report("\(field).\(platform)[\(index)]", "is empty")
            }
        }
        if let note = commands.note, note.allSatisfy(\.isWhitespace) { report("\(field).note", "is empty (leave it out instead)") }
    }

    static func patternProblems(_ pattern: SignaturePattern, field: String) -> [Problem] {
        var problems: [Problem] = []
        func report(_ subfield: String, _ message: String) { problems.append(Problem(field: "\(field).\(subfield)", message: message)) }

        if pattern.literals.isEmpty { report("literals", "names no literal: the prefilter needs at least one substring") }
        for (index, literal) in pattern.literals.enumerated() where literal.isEmpty {
            report("literals[\(index)]", "is empty")
        }

        let names = pattern.captureNames
        for name in names where !name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) {
            let suggestion = name.split(separator: "_").enumerated()
                .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }
                .joined()
            report("regex", "group name '\(name)' is not allowed: ICU accepts ASCII letters and digits only (write '\(suggestion)')")
        }
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: pattern.regex)
        } catch {
            report("regex", "does not compile: \(pattern.regex)")
            return problems
        }
        if pattern.regex.isEmpty || regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil {
            report("regex", "matches an empty line, so it would match every line")
        }

        let examples = pattern.examples ?? []
        if examples.isEmpty { report("examples", "gives no example line to check the regex against") }
        var captured = Set<String>()
        var matched = 0
        for (index, example) in examples.enumerated() {
            for literal in pattern.literals where !literal.isEmpty && !example.contains(literal) {
                report("examples[\(index)]", "does not contain the literal '\(literal)'")
            }
            guard let match = regex.firstMatch(in: example, range: NSRange(example.startIndex..., in: example)) else {
                report("examples[\(index)]", "does not match the regex")
                continue
            }
            matched += 1
            for name in names where match.range(withName: name).location != NSNotFound {
                captured.insert(name)
            }
        }
        // Only meaningful once some example matched; otherwise that is the problem to fix.
        if matched > 0 {
            for name in names where !captured.contains(name) {
                report("regex", "named group '\(name)' captures nothing in any example")
            }
        }
        return problems
    }
}
