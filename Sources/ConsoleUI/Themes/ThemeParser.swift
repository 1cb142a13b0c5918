import Yams

/// A theme file that cannot be used, with where and why.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// Dotted path of the offending key (`styles.frame.fg`), empty for the whole file.
    public var field: String
    public var message: String

    public var description: String {
        "\(file):\(line): \(field.isEmpty ? "" : "\(field): ")\(message)"
    }
}

/// Reads a theme file:
///
/// ```yaml
/// name: solarized-dark        # optional; defaults to the file name
/// extends: default            # optional; the default theme is always the base
/// styles:
///   title: { fg: "#268bd2", attrs: [bold] }
///   selection: { fg: black, bg: cyan }
/// ```
///
/// A theme may name only some roles; the rest come from the base. Every key is checked:
/// an unknown role, field, colour or attribute is an error naming the file, line and field.
public enum ThemeParser {
    public struct Parsed: Equatable, Sendable {
        public var name: String
        public var extends: String?
        public var styles: [StyleRole: TextStyle]
    }

    public static func parse(_ yaml: String, file: String, defaultName: String, base: Theme? = nil) throws -> Parsed {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ThemeError(file: file, line: Self.line(of: error), field: "", message: "not valid YAML (\(Self.summary(of: error)))")
        }
        guard let root else { return Parsed(name: defaultName, extends: nil, styles: base?.styles ?? [:]) }
        guard let mapping = root.mapping else {
            throw ThemeError(file: file, line: root.line, field: "", message: "a theme is a mapping with name and styles")
        }
        var parsed = Parsed(name: defaultName, extends: nil, styles: base?.styles ?? [:])
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "name":
                guard let s = value.string, !s.isEmpty else { throw ThemeError(file: file, line: value.line, field: "name", message: "expected a text") }
                parsed.name = s
            case "extends":
                guard let s = value.string, !s.isEmpty else { throw ThemeError(file: file, line: value.line, field: "extends", message: "expected a theme name") }
                parsed.extends = s
            case "description":
                guard value.string != nil else { throw ThemeError(file: file, line: value.line, field: "description", message: "expected a text") }
            case "styles":
                guard let styles = value.mapping else {
                    throw ThemeError(file: file, line: value.line, field: "styles", message: "expected a mapping of role to style")
                }
                for (roleNode, styleNode) in styles {
                    let roleName = roleNode.string ?? ""
                    guard let role = StyleRole(rawValue: roleName) else {
                        throw ThemeError(file: file, line: roleNode.line, field: "styles.\(roleName)",
                                         message: "unknown role; known roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    parsed.styles[role] = try style(styleNode, over: parsed.styles[role], file: file, path: "styles.\(roleName)")
                }
            default:
                throw ThemeError(file: file, line: keyNode.line, field: key, message: "unknown field; a theme has name, description, extends and styles")
            }
        }
        return parsed
    }

    /// A style mapping (`fg`, `bg`, `attrs`) over the base style: fields given replace the base's.
    static func style(_ node: Node, over base: TextStyle?, file: String, path: String) throws -> TextStyle {
        guard let mapping = node.mapping else {
            throw ThemeError(file: file, line: node.line, field: path, message: "expected a mapping with fg, bg and attrs")
        }
        var style = base ?? .plain
        var attributesGiven = false
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "fg", "bg":
                let text = value.scalar?.string ?? ""
                guard let color = TerminalColor(parsing: text) else {
                    throw ThemeError(file: file, line: value.line, field: "\(path).\(key)",
                                     message: "\"\(text)\" is not a colour; use default, a name (red, bright-blue), 0-255 or #rrggbb")
                }
                if key == "fg" { style.foreground = color } else { style.background = color }
            case "attrs":
                guard let items = value.sequence else {
                    throw ThemeError(file: file, line: value.line, field: "\(path).attrs", message: "expected a list such as [bold, underline]")
                }
                if !attributesGiven { style.attributes = []; attributesGiven = true }
                for item in items {
                    let name = item.string ?? ""
                    guard let attribute = TextAttribute(rawValue: name) else {
                        throw ThemeError(file: file, line: item.line, field: "\(path).attrs",
                                         message: "unknown attribute \"\(name)\"; known: \(TextAttribute.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    style.attributes.insert(attribute)
                }
            default:
                throw ThemeError(file: file, line: keyNode.line, field: "\(path).\(key)", message: "unknown field; a style has fg, bg and attrs")
            }
        }
        return style
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return 1
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .duplicatedKeysInMapping(let duplicates, _): return "duplicate key \(duplicates.joined(separator: ", "))"
        default: return "\(error)"
        }
    }
}

extension Node {
    var line: Int { mark?.line ?? 1 }
}
