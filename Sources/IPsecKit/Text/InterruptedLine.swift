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
///
/// Pure: the live CLI driver and the session analyzer (recorded logs) share it. Lengths
/// are counted in bytes (device output is ASCII).
public enum InterruptedLine {
    /// What the decision needs of the lines before the message: their length and first
    /// byte, so a streaming reader need not keep the line before the fragment.
    public struct Shape: Equatable, Sendable {
        public var length: Int
        public var first: UInt8?
        public var isBlank: Bool

        public init(_ line: ByteLine) {
            length = line.count
            first = line.isEmpty ? nil : line[0]
            isBlank = line.isBlank
        }

        public init(_ text: String) {
            var text = text
            self = text.withUTF8 { Shape(ByteLine(bytes: $0, number: 0)) }
        }

        var isIndented: Bool { first == .space || first == .tab }
    }

    /// - Parameters:
    ///   - next: the first output line after the message(s).
    ///   - fragment: the output line right before the message(s).
    ///   - previous: the output line before `fragment`, if any.
    public static func isRest(_ next: ByteLine, of fragment: Shape, previous: Shape?) -> Bool {
        guard !fragment.isBlank, !next.isEmpty else { return false }
        let indent = next.indentation
        if indent >= 2 || indent == next.count { return false }
        if startsALine(next) { return false }
        if fragment.isIndented { return true }
        guard next[0] != .space, let previous, previous.first != nil, !previous.isIndented else { return false }
        let tolerance = max(2, previous.length / 16)
        return fragment.length < previous.length && abs(fragment.length + next.count - previous.length) <= tolerance
    }

    /// The same decision on decoded lines (the live driver keeps its output as strings).
    public static func isRest(_ next: String, of fragment: String, previous: String?) -> Bool {
        var next = next
        return next.withUTF8 { isRest(ByteLine(bytes: $0, number: 0), of: Shape(fragment), previous: previous.map(Shape.init)) }
    }

    /// Unindented lines that begin something in Cisco show output.
    static func startsALine(_ line: ByteLine) -> Bool {
        for heading in headings where line.matches(heading, at: 0) { return true }
        // Numbered rows: ASA's SA entries (`1   IKE Peer: 10.1.1.2`), IOS engine connections
        // (`1001 FastEthernet0/0 ...`). A number cut in two goes on with `,`, `/`, `)` or ends
        // the line; one followed by a word (`IV size: 1` / `6 bytes`) stays apart: a miss, never glue.
        var digits = 0
        while digits < line.count, line[digits] &- 48 < 10 { digits += 1 }
        return digits > 0 && digits < line.count && line[digits] == .space
    }

    private static let headings: [StaticString] = [
        "interface:", "Interface:", "IPv4 Crypto", "IPv6 Crypto", "IKEv1 SAs:", "IKEv2 SAs:", "IKE Peer", "There are no",
        "Crypto map", "Tunnel-id", "Session-id", "Crypto session", "dst ", "Total ",
    ]
}
