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

    /// Classifies a sanitised line. Syslog messages (`%FACILITY-N-MNEMONIC`) come first:
    /// `%CRYPTO-4-...` is a syslog line even though it speaks of crypto.
    public static func classify(_ text: String) -> DebugClass {
        if isSyslog(text) { return .syslog }
        // Engine lines speak of IKE hashes and IPsec packets: recognise them first.
        if text.contains("crypto_engine") || text.contains("CRYPTO_ENGINE") || text.contains("CryptoEngine") { return .engine }
        if text.contains("ISAKMP") || text.contains("IKEv2") || text.contains("IKE ") || text.contains("IKMP") { return .isakmp }
        if text.contains("IPSEC") || text.contains("IPsec") || text.contains("ipsec") { return .ipsec }
        return .other
    }

    /// `%` followed by an upper-case facility, a dash, a digit 0-7 and a dash.
    static func isSyslog(_ text: String) -> Bool {
        let u = Array(text.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%") {
                var j = i + 1
                while j < u.count, (u[j] >= 65 && u[j] <= 90) || (u[j] >= 48 && u[j] <= 57) || u[j] == 95 { j += 1 }
                if j > i + 1, j + 2 < u.count, u[j] == 45, u[j + 1] >= 48, u[j + 1] <= 55, u[j + 2] == 45 { return true }
                i = j
            } else {
                i += 1
            }
        }
        return false
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
