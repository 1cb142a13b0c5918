import IPsecKit

/// Tells asynchronous device lines (syslog `%FAC-SEV-MNEMONIC:` messages and crypto
/// debug output, with or without a timestamp) from command output: the default for
/// `CLIDriver.Options.isAsynchronous` where no fuller classifier is wired in.
public enum BasicLineClassifier {
    public static func isAsynchronous(_ line: ByteLine) -> Bool {
        var i = line.skipSpaces(from: 0)
        let n = line.count
        // Optional sequence number / timestamp: `000123: *Nov 29 02:40:01.123:` or ASA `Nov 29 2026 02:40:01:`.
        if i < n, line[i] == UInt8(ascii: "*") || line[i] == UInt8(ascii: ".") { i += 1 }
        if let colon = timestampEnd(line, from: i) { i = line.skipSpaces(from: colon) }
        guard i < n else { return false }
        if line[i] == UInt8(ascii: "%"), isSyslogTag(line, from: i + 1) { return true }
        for prefix in debugPrefixes where line.matches(prefix, at: i) { return true }
        return false
    }

    private static let debugPrefixes: [StaticString] = [
        "ISAKMP:", "ISAKMP (", "ISAKMP-", "IKEv2:", "IKEv2-", "IPSEC(", "IPSEC:", "IPsec(", "[IKEv1", "[IKEv2", "CryptoEngine", "crypto_engine",
    ]

    /// `FAC-N-MNEMONIC:`.
    private static func isSyslogTag(_ line: ByteLine, from start: Int) -> Bool {
        var i = start
        let n = line.count
        func upper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        guard i < n, upper(line[i]) else { return false }
        while i < n, upper(line[i]) || line[i].isDigit || line[i] == UInt8(ascii: "_") || line[i] == UInt8(ascii: "|") { i += 1 }
        guard i + 2 < n, line[i] == UInt8(ascii: "-"), line[i + 1].isDigit, line[i + 2] == UInt8(ascii: "-") else { return false }
        i += 3
        let mnemonicStart = i
        while i < n, upper(line[i]) || line[i].isDigit || line[i] == UInt8(ascii: "_") { i += 1 }
        return i > mnemonicStart && i < n && line[i] == UInt8(ascii: ":")
    }

    /// End of a leading `Mon DD [YYYY] HH:MM:SS[.mmm]:` timestamp (optionally after `NNN: `).
    private static func timestampEnd(_ line: ByteLine, from start: Int) -> Int? {
        var i = start
        if let seq = line.integer(from: i), seq.end < line.count, line[seq.end] == UInt8(ascii: ":") {
            i = line.skipSpaces(from: seq.end + 1)
            if i < line.count, line[i] == UInt8(ascii: "*") || line[i] == UInt8(ascii: ".") { i += 1 }
        }
        let months: [StaticString] = ["Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ", "Jul ", "Aug ", "Sep ", "Oct ", "Nov ", "Dec "]
        guard months.contains(where: { line.matches($0, at: i) }) else { return nil }
        // Find `HH:MM:SS` then the colon after the time.
        var j = i + 4
        var colons = 0
        while j < line.count, j < i + 40 {
            if line[j] == UInt8(ascii: ":") {
                colons += 1
                if colons == 3 { return j + 1 }
            } else if !(line[j].isDigit || line[j] == .space || line[j] == UInt8(ascii: ".")) {
                return colons == 2 ? j : nil
            }
            j += 1
        }
        return nil
    }
}
