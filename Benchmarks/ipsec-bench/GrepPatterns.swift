import Foundation
import IPsecKit

/// The shipped signature catalog as the benchmark uses it, and its patterns translated to
/// POSIX extended regexes so GNU grep and ripgrep can run the same search.
enum BenchmarkSignatures {
    static let all: [Signature] = {
        do { return try SignatureCatalog.builtIn().signatures }
        catch {
            FileHandle.standardError.write(Data("ipsec-bench: the built-in signature catalog does not load: \(error)\n".utf8))
            exit(2)
        }
    }()

    /// Signatures with at least one pattern (state signatures have none: an empty line in
    /// a `-f` file would match every line and make the comparison meaningless).
    static var withPatterns: [Signature] { all.filter { !$0.patterns.isEmpty } }

    static func extendedRegex(_ s: Signature) -> String {
        s.patterns.map { ere($0.regex) }.joined(separator: "|")
    }

    /// ICU syntax to POSIX ERE: non-capturing and named groups become plain groups; `\d`,
    /// `\s`, `\S`, `\w` become classes (inside a bracket expression, their class names).
    static func ere(_ regex: String) -> String {
        var out = ""
        let chars = Array(regex)
        var inBracket = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                switch (chars[i + 1], inBracket) {
                case ("d", false): out += "[0-9]"
                case ("s", false): out += "[[:space:]]"
                case ("S", false): out += "[^[:space:]]"
                case ("w", false): out += "[[:alnum:]_]"
                case ("d", true): out += "0-9"
                case ("s", true): out += "[:space:]"
                case ("w", true): out += "[:alnum:]_"
                // A backslash is literal inside a POSIX bracket: keep only the escaped byte.
                case (let e, true): out.append(e)
                default: out.append(c); out.append(chars[i + 1])
                }
                i += 2; continue
            }
            if inBracket {
                if c == "]" { inBracket = false }
                out.append(c); i += 1; continue
            }
            if c == "[" {
                inBracket = true
                out.append(c); i += 1
                // `[^]...]` and `[]...]`: a leading `]` is a member, not the end.
                if i < chars.count, chars[i] == "^" { out.append("^"); i += 1 }
                if i < chars.count, chars[i] == "]" { out.append("]"); i += 1 }
                continue
            }
            if c == "(", i + 1 < chars.count, chars[i + 1] == "?" {
                if i + 2 < chars.count, chars[i + 2] == ":" { out += "("; i += 3; continue }
                if i + 2 < chars.count, chars[i + 2] == "<", let close = chars[(i + 2)...].firstIndex(of: ">") {
                    out += "("; i = close + 1; continue
                }
            }
            out.append(c); i += 1
        }
        return out
    }
}
