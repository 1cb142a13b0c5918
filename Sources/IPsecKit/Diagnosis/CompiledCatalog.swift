import Foundation

/// A signature pattern ready to run: its literals and its regex.
///
/// A line is a candidate for the regex when it holds every literal of the pattern. Only the
/// longest literal (the key) goes into the prefilter automaton: the shortest literal in the
/// automaton bounds how far its scan can skip on every line, and the catalog pairs short
/// message numbers (`402101`) with longer phrases (`decaps: rec`). The other literals are
/// confirmed by a plain search on the rare lines holding the key.
///
/// A class: the engine reads one per regex evaluation, and a class reference costs one
/// retain where a struct copy would retain every array and regex in it.
final class CompiledPattern {
    let signature: Int
    let role: PatternRole
    /// Literal id of the key literal in the prefilter automaton.
    let keyLiteral: Int
    /// The pattern's other literals, searched for in lines that hold the key.
    let otherLiterals: [[UInt8]]
    let regex: NSRegularExpression
    /// The same regex as a byte matcher, when it keeps to the syntax `ByteRegex` knows.
    let byteRegex: ByteRegex?
    /// Capture group number -> the catalog's capture name id (`CompiledCatalog.captureNames`).
    let groups: [(index: Int, name: Int)]

    init(signature: Int, role: PatternRole, keyLiteral: Int, otherLiterals: [[UInt8]], regex: NSRegularExpression,
         byteRegex: ByteRegex?, groups: [(index: Int, name: Int)]) {
        self.signature = signature; self.role = role; self.keyLiteral = keyLiteral; self.otherLiterals = otherLiterals
        self.regex = regex; self.byteRegex = byteRegex; self.groups = groups
    }

    /// True when the regex matches `line`; its named captures are then added to `captures`.
    /// `plainASCII` says the line passes `ByteRegex.canMatch`; `text` is the line decoded,
    /// made on first need; `scratch` is the byte matcher's working memory.
    func match(_ line: ByteLine, plainASCII: Bool, text: inout String?, scratch: inout ByteRegex.Scratch,
               captures: inout LineCaptures) -> Bool {
        if plainASCII, let byteRegex {
            switch byteRegex.firstMatch(in: line, scratch: &scratch) {
            case .some(false): return false
            case .some(true):
                let start = captures.count
                for (index, name) in groups where index < byteRegex.groupCount {
                    let from = scratch.slots[2 * index], to = scratch.slots[2 * index + 1]
                    guard from >= 0, to >= from else { continue }
                    captures.add(LineCaptures.Span(name: name, from: from, to: to), matchStart: start)
                }
                return true
            case .none: break
            }
        }
        if text == nil { text = line.string }
        return icuMatch(line, text: text!, captures: &captures)
    }

    /// The regex through ICU.
    func icuMatch(_ line: ByteLine, text: String, captures: inout LineCaptures) -> Bool {
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, options: [], range: NSRange(location: 0, length: ns.length)) else { return false }
        // In an ASCII line UTF-16 offsets are byte offsets: captures are byte ranges, made
        // strings only when kept.
        let isASCII = !line.bytes.contains { $0 >= 0x80 }
        let start = captures.count
        for (index, name) in groups where index < m.numberOfRanges {
            let r = m.range(at: index)
            guard r.location != NSNotFound else { continue }
            if isASCII {
                captures.add(LineCaptures.Span(name: name, from: r.location, to: r.location + r.length), matchStart: start)
            } else {
                captures.add(name: name, text: ns.substring(with: r), matchStart: start)
            }
        }
        return true
    }
}

/// The catalog turned into a prefilter automaton plus the patterns behind each literal.
struct CompiledCatalog {
    let automaton: LiteralAutomaton
    let patterns: [CompiledPattern]
    /// Literal id -> patterns whose key literal it is.
    let literalPatterns: [[Int]]
    /// Literal id -> negotiation phrases it is.
    let literalPhrases: [[Int]]
    /// Patterns that could not be used, with the reason (bad regex, no literal).
    let problems: [String]
    /// Every capture name of the patterns, sorted: a name's id is its index, so ids order as names do.
    let captureNames: [String]
    /// The id of `peer`, when some pattern captures it.
    let peerCapture: Int?

    // The same relations flattened (start offsets + lists) for the per-line hot path,
    // where nested arrays would cost a retain and release per access.
    let literalPatternStart: [Int32]
    let literalPatternList: [Int32]
    /// Literal id -> the negotiation phrases it is, as bits (phrase k = bit k): a line's
    /// phrases are the union over its hits, already in phrase order and without repeats.
    let literalPhraseMask: [UInt64]
    let phraseKinds: [NegotiationEvent.Kind?]
    let phraseEffects: [EventEffect]
    /// The phase each phrase's step belongs to (read per step: a table, not a switch).
    let phrasePhases: [SignaturePhase?]

    static func flatten(_ lists: [[Int]]) -> ([Int32], [Int32]) {
        var starts: [Int32] = [0], flat: [Int32] = []
        for l in lists { flat.append(contentsOf: l.map(Int32.init)); starts.append(Int32(flat.count)) }
        return (starts, flat)
    }

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
        var allNames = Set<String>()
        for sig in signatures { for p in sig.patterns { for (_, name) in RegexLiteral.numberedGroups(in: p.regex).1 { allNames.insert(name) } } }
        let captureNames = allNames.sorted()
        var nameIds: [String: Int] = [:]
        for (i, name) in captureNames.enumerated() { nameIds[name] = i }
        for (si, sig) in signatures.enumerated() {
            for (pi, p) in sig.patterns.enumerated() {
                var literals = p.literals.filter { !$0.isEmpty }
                if literals.isEmpty, let derived = RegexLiteral.longestRequired(in: p.regex) { literals = [derived] }
                guard !literals.isEmpty else {
                    problems.append("\(sig.id) pattern \(pi + 1): no literal to prefilter on")
                    continue
                }
                let regex: NSRegularExpression
                // ICU group names allow letters and digits only; the catalog's use `_`
                // (`conn_id`), so groups are read by number.
                let (plain, names) = RegexLiteral.numberedGroups(in: p.regex)
                do { regex = try NSRegularExpression(pattern: plain) } catch {
                    problems.append("\(sig.id) pattern \(pi + 1): invalid regex: \(p.regex)")
                    continue
                }
                // The longest literal is the key (the first of equals).
                var key = literals[0]
                for l in literals where l.utf8.count > key.utf8.count { key = l }
                var others: [[UInt8]] = []
                for l in literals where l != key && !others.contains(Array(l.utf8)) { others.append(Array(l.utf8)) }
                let index = patterns.count
                literalPatterns[id(key)].append(index)
                patterns.append(CompiledPattern(signature: si, role: p.effectiveRole, keyLiteral: id(key),
                                                otherLiterals: others,
                                                regex: regex, byteRegex: ByteRegex.compile(plain),
                                                groups: names.map { ($0.index, nameIds[$0.name]!) }))
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
        self.captureNames = captureNames
        peerCapture = nameIds["peer"]
        (literalPatternStart, literalPatternList) = Self.flatten(literalPatterns)
        precondition(NegotiationPhrase.all.count <= UInt64.bitWidth, "phrase masks hold 64 phrases")
        literalPhraseMask = literalPhrases.map { $0.reduce(UInt64(0)) { $0 | 1 << UInt64($1) } }
        phraseKinds = NegotiationPhrase.all.map(\.kind)
        phraseEffects = NegotiationPhrase.all.map(\.effect)
        phrasePhases = NegotiationPhrase.all.map { $0.kind?.phase }
    }
}

/// Reading the literal parts of a regular expression.
enum RegexLiteral {
    /// The regex with every `(?<name>` turned into a plain group, and the number of each
    /// named group. Counts capturing groups the way ICU does: `(` not followed by `?`,
    /// plus named ones; escapes and character classes are skipped.
    static func numberedGroups(in regex: String) -> (String, [(index: Int, name: String)]) {
        let chars = Array(regex)
        var out = ""
        var names: [(index: Int, name: String)] = []
        var group = 0
        var inClass = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                out.append(c)
                if i + 1 < chars.count { out.append(chars[i + 1]) }
                i += 2; continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.append(c); i += 1; continue
            }
            if c == "[" { inClass = true; out.append(c); i += 1; continue }
            if c == "(" {
                if i + 1 < chars.count, chars[i + 1] == "?" {
                    if i + 3 < chars.count, chars[i + 2] == "<", chars[i + 3] != "=", chars[i + 3] != "!",
                       let close = chars[(i + 3)...].firstIndex(of: ">") {
                        group += 1
                        names.append((group, String(chars[(i + 3)..<close])))
                        out.append("(")
                        i = close + 1; continue
                    }
                } else {
                    group += 1
                }
            }
            out.append(c); i += 1
        }
        return (out, names)
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
