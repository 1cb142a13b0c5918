/// Plain-text renderings of catalog entries for the command line (and any text view):
/// an aligned listing and a full, readable description with the IOS and ASA commands.
public enum SignatureText {
    /// One line per entry: id, phase, severity and title in aligned columns.
    public static func table(_ signatures: [Signature]) -> String {
        let header = ["ID", "PHASE", "SEVERITY", "TITLE"]
        let rows = signatures.map { [$0.id, $0.phase.rawValue, $0.severity.rawValue, $0.title] }
        var widths = header.map(\.count)
        for row in rows {
            for column in 0..<3 { widths[column] = max(widths[column], row[column].count) }
        }
        func render(_ row: [String]) -> String {
            (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[3]
        }
        return ([render(header)] + rows.map(render)).joined(separator: "\n") + "\n"
    }

    /// Everything the entry knows, in reading order: what it is, how it is recognised,
    /// causes, ordered fix steps with their commands, confirmation commands, links.
    public static func detail(_ signature: Signature, origin: String? = nil, width: Int = 80) -> String {
        var out: [String] = []
        out.append("\(signature.id): \(signature.title)")
        var facts = "phase \(signature.phase.rawValue), severity \(signature.severity.rawValue)"
        if let origin { facts += ", from \(origin)" }
        out.append(facts)
        out.append("")
        out += wrap(signature.summary, width: width, indent: "  ")

        if let condition = signature.condition {
            out += ["", "Raised when"]
            out += wrap(condition, width: width, indent: "  ")
        }
        if !signature.patterns.isEmpty {
            out += ["", "Device strings"]
            for pattern in signature.patterns {
                let platform = pattern.platform.map { " (\(label($0)))" } ?? ""
                out.append("  [\(pattern.effectiveRole.rawValue)]\(platform) \(pattern.regex)")
                out.append("      contains: " + pattern.literals.map { "\"\($0)\"" }.joined(separator: ", "))
                for example in pattern.examples ?? [] { out.append("      e.g. \(example)") }
            }
        }

        out += ["", "Likely causes"]
        for cause in signature.causes { out += wrap(cause, width: width, indent: "  - ", continuation: "    ") }

        out += ["", "Fixes"]
        for (index, step) in signature.fixes.enumerated() {
            let number = "  \(index + 1). "
            out += wrap(step.text, width: width, indent: number, continuation: String(repeating: " ", count: number.count))
            if let verify = step.verify { out += commandLines("check", verify, width: width) }
            if let fix = step.fix { out += commandLines("change", fix, width: width) }
        }

        out += ["", "Confirm with"]
        out += commandLines(nil, signature.confirm, width: width, indent: "  ")

        if let related = signature.related, !related.isEmpty {
            out += ["", "See also: " + related.joined(separator: ", ")]
        }
        if let references = signature.references, !references.isEmpty {
            out += ["References: " + references.joined(separator: "; ")]
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func label(_ platform: Platform) -> String {
        platform == .ios ? "IOS" : "ASA/PIX"
    }

    static func commandLines(_ verb: String?, _ commands: PlatformCommands, width: Int, indent: String = "     ") -> [String] {
        var lines: [String] = []
        for platform in Platform.allCases {
            let list = commands.commands(for: platform)
            guard !list.isEmpty else { continue }
            let head = indent + [verb, label(platform)].compactMap { $0 }.joined(separator: " ") + ":"
            lines.append(head)
            lines += list.map { "\(indent)    \($0)" }
        }
        if let note = commands.note {
            lines += wrap("note: " + note, width: width, indent: indent, continuation: indent + "  ")
        }
        return lines
    }

    /// Greedy word wrap; words longer than the line stay whole.
    static func wrap(_ text: String, width: Int, indent: String, continuation: String? = nil) -> [String] {
        let next = continuation ?? indent
        var lines: [String] = []
        var current = indent
        var empty = true
        for word in text.split(whereSeparator: \.isWhitespace) {
            if !empty && current.count + 1 + word.count > width {
                lines.append(current)
                current = next
                empty = true
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        if !empty { lines.append(current) }
        return lines
    }
}
