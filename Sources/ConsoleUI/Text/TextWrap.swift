/// Word wrapping by display width, keeping a line's indentation on its continuation lines
/// (plus two columns for list items such as `- ` and `1. `).
public enum TextWrap {
    /// - Parameter hangingIndent: columns to indent continuation lines by, instead of the
    ///   line's own indentation (the help's description column).
    public static func wrap(_ line: String, width: Int, hangingIndent: Int? = nil) -> [String] {
        guard width > 8, DisplayWidth.of(line) > width else { return [line] }
        let indentCount = line.prefix { $0 == " " }.count
        var hanging = String(repeating: " ", count: hangingIndent ?? indentCount)
        let body = line.dropFirst(indentCount)
        if hangingIndent == nil {
            if body.hasPrefix("- ") {
                hanging += "  "
            } else if let dot = body.firstIndex(of: "."), !body[..<dot].isEmpty, body[..<dot].allSatisfy(\.isNumber) {
                hanging += String(repeating: " ", count: body.distance(from: body.startIndex, to: dot) + 2)
            }
        }
        if DisplayWidth.of(hanging) > width / 2 { hanging = "" }
        var out: [String] = []
        var current = String(line.prefix(indentCount))
        var currentWidth = indentCount
        for word in body.split(separator: " ", omittingEmptySubsequences: false) {
            let w = DisplayWidth.of(String(word))
            let lead = current.isEmpty || current.allSatisfy({ $0 == " " }) ? 0 : 1
            if currentWidth + lead + w > width, currentWidth > DisplayWidth.of(hanging) {
                out.append(current)
                current = hanging; currentWidth = DisplayWidth.of(hanging)
            }
            if currentWidth + (current.allSatisfy({ $0 == " " }) ? 0 : 1) + w > width {
                // A single word longer than the line: cut it.
                var rest = String(word)
                while DisplayWidth.of(rest) > width - currentWidth, width - currentWidth > 0 {
                    let piece = rest.truncated(toColumns: width - currentWidth, ellipsis: false)
                    out.append(current + piece)
                    rest = String(rest.dropFirst(piece.count))
                    current = hanging; currentWidth = DisplayWidth.of(hanging)
                }
                current += rest; currentWidth += DisplayWidth.of(rest)
                continue
            }
            if !current.allSatisfy({ $0 == " " }) { current += " "; currentWidth += 1 }
            current += word; currentWidth += w
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
