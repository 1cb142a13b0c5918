import Foundation

/// A signature pattern ready to run: its literal ids in the prefilter and its regex.
struct CompiledPattern {
    let signature: Int
    let role: PatternRole
    let literals: [Int]
    let regex: NSRegularExpression
    let groupNames: [String]

    /// The named captures when the regex matches `text`, else nil.
    func match(_ text: String) -> [String: String]? {
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, options: [], range: NSRange(location: 0, length: ns.length)) else { return nil }
        var captures: [String: String] = [:]
        for name in groupNames {
            let r = m.range(withName: name)
            if r.location != NSNotFound { captures[name] = ns.substring(with: r) }
        }
        return captures
    }
}

/// The catalog turned into a prefilter automaton plus the patterns behind each literal.
struct CompiledCatalog {
    let automaton: LiteralAutomaton
    let patterns: [CompiledPattern]
    /// Literal id -> patterns that need it.
    let literalPatterns: [[Int]]
    /// Literal id -> negotiation phrases it is.
    let literalPhrases: [[Int]]
    /// Patterns that could not be used, with the reason (bad regex, no literal).
    let problems: [String]

    init(signatures: [Signature]) {
        var literalIds: [String: Int] = [:]
        var literalPatterns: [[Int]] = []
        var literalPhrases: [[Int]] = []
        var problems: [String] = []
        func id(_ s: String) -> Int {
            if let i = literalIds[s] { return i }
            let i = literalPatterns.count
            literalIds[s] = i
            literalPatterns.append([]); literalPhrases.append([])
            return i
        }
        var patterns: [CompiledPattern] = []
        for (si, sig) in signatures.enumerated() {
            for (pi, p) in sig.patterns.enumerated() {
                var literals = p.literals.filter { !$0.isEmpty }
                if literals.isEmpty, let derived = RegexLiteral.longestRequired(in: p.regex) { literals = [derived] }
                guard !literals.isEmpty else {
                    problems.append("\(sig.id) pattern \(pi + 1): no literal to prefilter on")
                    continue
                }
                let regex: NSRegularExpression
                do { regex = try NSRegularExpression(pattern: p.regex) } catch {
                    problems.append("\(sig.id) pattern \(pi + 1): invalid regex: \(p.regex)")
                    continue
                }
                let ids = Array(Set(literals.map(id))).sorted()
                let index = patterns.count
                for l in ids { literalPatterns[l].append(index) }
                patterns.append(CompiledPattern(signature: si, role: p.effectiveRole, literals: ids, regex: regex,
                                                groupNames: RegexLiteral.groupNames(in: p.regex)))
            }
        }
        for (k, phrase) in NegotiationPhrase.all.enumerated() { literalPhrases[id(phrase.literal)].append(k) }
        var bytes = [[UInt8]](repeating: [], count: literalPatterns.count)
        for (s, i) in literalIds { bytes[i] = Array(s.utf8) }
        automaton = LiteralAutomaton(literals: bytes)
        self.patterns = patterns
        self.literalPatterns = literalPatterns
        self.literalPhrases = literalPhrases
        self.problems = problems
    }
}

/// Reading the literal parts of a regular expression.
enum RegexLiteral {
    /// Names of `(?<name>...)` groups, in order.
    static func groupNames(in regex: String) -> [String] {
        var names: [String] = []
        let chars = Array(regex)
        var i = 0
        while i + 3 < chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if chars[i] == "(", chars[i + 1] == "?", chars[i + 2] == "<", chars[i + 3] != "=", chars[i + 3] != "!" {
                var j = i + 3
                var name = ""
                while j < chars.count, chars[j] != ">" { name.append(chars[j]); j += 1 }
                if !name.isEmpty { names.append(name) }
                i = j
            }
            i += 1
        }
        return names
    }

    /// The longest run of characters every match must contain, read from the regex's top
    /// level (nothing inside groups, classes or before a quantifier counts). Nil when the
    /// regex has a top-level alternation or no run of three characters.
    static func longestRequired(in regex: String) -> String? {
        let chars = Array(regex)
        var depth = 0, inClass = false
        var best = "", run = ""
        func endRun() { if run.count > best.count { best = run }; run = "" }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inClass {
                if c == "\\" { i += 1 } else if c == "]" { inClass = false }
                i += 1; continue
            }
            let quantified = i + 1 < chars.count && "?*{".contains(chars[i + 1])
            switch c {
            case "\\":
                guard i + 1 < chars.count else { i += 1; continue }
                let e = chars[i + 1]
                let isLiteral = !e.isLetter && !e.isNumber
                let quantifiedEscape = i + 2 < chars.count && "?*{".contains(chars[i + 2])
                if depth == 0, isLiteral, !quantifiedEscape { run.append(e) } else { endRun() }
                i += 2; continue
            case "(": depth += 1; endRun()
            case ")": depth -= 1; endRun()
            case "[": inClass = true; endRun()
            case "|": if depth == 0 { return nil }; endRun()
            case ".", "^", "$", "*", "+", "?", "{", "}": endRun()
            default:
                if depth == 0, !quantified { run.append(c) } else { endRun() }
            }
            i += 1
        }
        endRun()
        return best.count >= 3 ? best : nil
    }
}
