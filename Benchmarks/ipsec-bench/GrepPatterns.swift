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

    static func extendedRegex(_ s: Signature) -> String {
        s.patterns.map { ere($0.regex) }.joined(separator: "|")
    }

    static func ere(_ regex: String) -> String {
        var out = ""
        let chars = Array(regex)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                switch chars[i + 1] {
                case "d": out += "[0-9]"
                case "s": out += "[[:space:]]"
                case "S": out += "[^[:space:]]"
                case "w": out += "[[:alnum:]_]"
                default: out.append(c); out.append(chars[i + 1])
                }
                i += 2; continue
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
