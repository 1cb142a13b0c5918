/// Every field of a parsed model as `name: value` lines, in declaration order, nested
/// values indented: the detail views show what the parser read, nothing more or less.
public enum FieldList {
    public static func lines(of value: Any) -> [String] {
        var out: [String] = []
        append(value, indent: "", into: &out)
        return out
    }

    private static func append(_ value: Any, indent: String, into out: inout [String]) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label, let v = unwrap(child.value) else { continue }
            let name = snakeCase(label)
            emit(name: name, value: v, indent: indent, into: &out)
        }
    }

    private static func emit(name: String, value: Any, indent: String, into out: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            if value is CustomStringConvertible, mirror.children.isEmpty {
                out.append("\(indent)\(name): \(value)")
                return
            }
            out.append("\(indent)\(name):")
            append(value, indent: indent + "  ", into: &out)
        case .collection, .set:
            let items = mirror.children.compactMap { unwrap($0.value) }
            if items.isEmpty { return }
            for (n, item) in items.enumerated() { emit(name: "\(name)[\(n)]", value: item, indent: indent, into: &out) }
        case .dictionary:
            let pairs = mirror.children.compactMap { child -> (String, Any)? in
                let kv = Mirror(reflecting: child.value).children.map(\.value)
                guard kv.count == 2 else { return nil }
                return ("\(kv[0])", kv[1])
            }.sorted { $0.0 < $1.0 }
            for (k, v) in pairs { out.append("\(indent)\(name).\(k): \(v)") }
        case .enum:
            if let raw = (value as? any RawRepresentable)?.rawValue { out.append("\(indent)\(name): \(raw)") } else { out.append("\(indent)\(name): \(value)") }
        default:
            if let spi = value as? UInt32, name.contains("spi") {
                out.append("\(indent)\(name): \(NetworkText.spi(spi)) (\(spi))")
            } else {
                out.append("\(indent)\(name): \(value)")
            }
        }
    }

    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        guard let inner = mirror.children.first?.value else { return nil }
        return unwrap(inner)
    }

    /// `currentOutboundSpi` -> `current_outbound_spi`, as in the JSON contract.
    static func snakeCase(_ s: String) -> String {
        var out = ""
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            if c.isUppercase {
                let prevLower = i > 0 && (chars[i - 1].isLowercase || chars[i - 1].isNumber)
                let nextLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if i > 0 && (prevLower || nextLower) { out.append("_") }
                out.append(Character(c.lowercased()))
            } else {
                out.append(c)
            }
        }
        return out
    }
}
