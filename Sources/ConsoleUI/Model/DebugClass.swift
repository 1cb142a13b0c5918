import IPsecKit

/// The kind of a debug-stream line; the theme styles each differently and the pane can
/// show one kind only.
public enum DebugClass: String, CaseIterable, Sendable {
    case isakmp, ipsec, engine, syslog, other

    public var role: StyleRole {
        switch self {
        case .isakmp: return .debugIsakmp
        case .ipsec: return .debugIpsec
        case .engine: return .debugEngine
        case .syslog: return .debugSyslog
        case .other: return .debugOther
        }
    }

    /// The class of a line kind from the core's `LineClassifier`.
    public init(_ kind: LineKind) {
        switch kind {
        case .isakmpDebug: self = .isakmp
        case .ipsecDebug: self = .ipsec
        case .engineDebug: self = .engine
        case .syslog: self = .syslog
        case .other: self = .other
        }
    }

    /// Classifies a sanitised line with the core's classifier (the same one the diagnosis
    /// and the session-log splitter use).
    public static func classify(_ text: String) -> DebugClass {
        DebugClass(text.withByteLine { LineClassifier.classify($0).kind })
    }

    /// The first IPv4 address in the line (the peer most debug lines are about).
    public static func firstIPv4(in text: String) -> String? {
        let u = Array(text.utf8)
        var i = 0
        while i < u.count {
            guard u[i].isDigit, i == 0 || !(u[i - 1].isDigit || u[i - 1] == 46) else { i += 1; continue }
            var j = i, dots = 0, digits = 0, valid = true
            while j < u.count, u[j].isDigit || u[j] == 46 {
                if u[j] == 46 { if digits == 0 { valid = false }; dots += 1; digits = 0 } else { digits += 1; if digits > 3 { valid = false } }
                j += 1
            }
            var end = j
            if end > i, u[end - 1] == 46 { end -= 1; dots -= 1 }
            if valid, dots == 3, u[end - 1].isDigit {
                let candidate = String(decoding: u[i..<end], as: UTF8.self)
                if candidate.split(separator: ".").allSatisfy({ Int($0).map { $0 <= 255 } ?? false }) { return candidate }
            }
            i = j
        }
        return nil
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= 48 && self <= 57 }
}
