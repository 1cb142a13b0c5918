/// Tells whether a line of command output is the rest of the line before a debug or log
/// message. A console (or a vty with `terminal monitor`, without `logging synchronous`)
/// prints such a message the moment it happens, on a line of its own: a line being
/// printed is cut there (`    #pkts encaps: 12, #pk` / the message / `ts encrypt: 12, ...`).
/// The bytes look like any line end, so the decision rests on how Cisco show output is
/// laid out:
/// - a line indented by two or more spaces, or an empty one, starts a line of its own;
/// - so do the unindented headings and numbered rows that follow indented ones
///   (`interface: ...`, `IPv4 Crypto ISAKMP SA`, ASA's `2   IKE Peer: ...`, IOS engine
///   connections `1001 FastEthernet0/0 ...` under an indented header);
/// - after an indented fragment, anything else is its rest (indented blocks never
///   continue with an unindented line);
/// - after an unindented fragment (a table row), the rest is accepted only when the
///   fragment is shorter than the row before it and both parts together are about as
///   long as that row (table rows are padded to the same columns).
public enum InterruptedLine {
    /// - Parameters:
    ///   - next: the first output line after the message(s).
    ///   - fragment: the output line right before the message(s).
    ///   - previous: the output line before `fragment`, if any.
    public static func isRest(_ next: String, of fragment: String, previous: String?) -> Bool {
        guard !fragment.allSatisfy(\.isWhitespace), let first = next.first else { return false }
        let indent = next.prefix(while: { $0 == " " || $0 == "\t" }).count
        if indent >= 2 || indent == next.count { return false }
        if startsALine(next) { return false }
        if fragment.first == " " || fragment.first == "\t" { return true }
        guard first != " ", let previous, let p = previous.first, p != " ", p != "\t" else { return false }
        let tolerance = max(2, previous.count / 16)
        return fragment.count < previous.count && abs(fragment.count + next.count - previous.count) <= tolerance
    }

    /// Unindented lines that begin something in Cisco show output.
    static func startsALine(_ line: String) -> Bool {
        for heading in headings where line.hasPrefix(heading) { return true }
        // Numbered rows: ASA's SA entries (`1   IKE Peer: 10.1.1.2`), IOS engine connections
        // (`1001 FastEthernet0/0 ...`). A number cut in two goes on with `,`, `/`, `)` or ends
        // the line; one followed by a word (`IV size: 1` / `6 bytes`) stays apart: a miss, never glue.
        let digits = line.prefix(while: \.isNumber)
        return !digits.isEmpty && line.dropFirst(digits.count).first == " "
    }

    private static let headings = [
        "interface:", "Interface:", "IPv4 Crypto", "IPv6 Crypto", "IKEv1 SAs:", "IKEv2 SAs:", "IKE Peer", "There are no",
        "Crypto map", "Tunnel-id", "Session-id", "Crypto session", "dst ", "Total ",
    ]
}
