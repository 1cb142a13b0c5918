import IPsecKit

/// Tells debug and syslog lines (which a live terminal interleaves with command output)
/// apart from command output, for `SessionAnalyzer`'s `isAsynchronous`.
///
/// Only the start of a line counts: a timestamp (`*Mar  1 00:01:02.123:`, `Mar 1 00:01:02:`,
/// `000123: `), a syslog tag (`%CRYPTO-4-...`, `%ASA-4-...`) or a debug prefix
/// (`ISAKMP:`, `ISAKMP (0):`, `IPSEC(`, `IKEv2:`, `crypto_engine`). Table headers that
/// merely mention ISAKMP (`IPv4 Crypto ISAKMP SA`) do not match.
public enum StreamLineDetector {
    static let months: [StaticString] = ["Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ", "Jul ", "Aug ", "Sep ", "Oct ", "Nov ", "Dec "]
    static let prefixes: [StaticString] = ["ISAKMP:", "ISAKMP (", "ISAKMP(", "IPSEC(", "IPsec(", "IPSEC (", "IPsec (", "IKEv2:", "IKEv2-",
                                           "crypto_engine", "CRYPTO_ENGINE", "CryptoEngine", "%"]

    public static func isAsynchronous(_ line: ByteLine) -> Bool {
        let t = line.trimmed()
        guard !t.isEmpty else { return false }
        var start = 0
        if t[0] == UInt8(ascii: "*") || t[0] == UInt8(ascii: ".") { start = 1 }
        // Sequence number prefix: `000123: `
        var i = start
        while i < t.count, t[i] >= 48, t[i] <= 57 { i += 1 }
        if i > start, i + 1 < t.count, t[i] == UInt8(ascii: ":"), t[i + 1] == .space {
            start = i + 2
            if start < t.count, t[start] == UInt8(ascii: "*") || t[start] == UInt8(ascii: ".") { start += 1 }
        }
        let rest = t.slice(start, t.count)
        for month in months where rest.hasPrefix(month) {
            return rest.firstOffset(of: ":") != nil
        }
        for prefix in prefixes where rest.hasPrefix(prefix) {
            if rest.count > 0, rest[0] == UInt8(ascii: "%") { return DebugClass.isSyslog(rest.string) }
            return true
        }
        return false
    }
}
