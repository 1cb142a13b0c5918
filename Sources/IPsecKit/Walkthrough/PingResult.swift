import Foundation

/// What one `ping` printed: how many echoes went out and came back, and whether the
/// device said the packet was too big to pass with the DF bit set (`M` marks,
/// `frag. needed and DF set`).
public struct PingResult: Codable, Equatable, Sendable {
    public var size: Int?
    public var sent: Int?
    public var received: Int?
    public var fragmentationNeeded: Bool

    public init(size: Int? = nil, sent: Int? = nil, received: Int? = nil, fragmentationNeeded: Bool = false) {
        self.size = size; self.sent = sent; self.received = received; self.fragmentationNeeded = fragmentationNeeded
    }

    public var passed: Bool { (received ?? 0) > 0 }

    /// Reads IOS / ASA ping output: `Sending 5, 1500-byte ICMP Echos to ...`, the marks
    /// line (`!!!!!`, `.....`, `MMMMM`) and `Success rate is N percent (r/s)`.
    public static func parse(_ lines: [String]) -> PingResult {
        var result = PingResult()
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Sending ") {
                let words = line.split(separator: " ")
                if words.count > 2 {
                    result.sent = Int(words[1].filter(\.isNumber))
                    result.size = words[2].split(separator: "-").first.flatMap { Int($0) }
                }
            } else if line.hasPrefix("Success rate is"), let open = line.firstIndex(of: "("), let slash = line.firstIndex(of: "/"),
                      let close = line.firstIndex(of: ")"), open < slash, slash < close {
                result.received = Int(line[line.index(after: open)..<slash])
                result.sent = Int(line[line.index(after: slash)..<close]) ?? result.sent
            } else if !line.isEmpty, line.allSatisfy({ "!.MUQ?&".contains($0) }), line.contains("M") {
                result.fragmentationNeeded = true
            } else if line.contains("frag. needed and DF set") {
                result.fragmentationNeeded = true
            }
        }
        return result
    }
}
