/// The `debug crypto ...` families ipsec-console turns on: one concept shared by the
/// session layer (which sends the commands) and the console (which shows what is on).
public enum DebugKind: String, CaseIterable, Sendable, Codable, Comparable {
    case isakmp, ipsec, ikev2, engine

    public static func < (a: DebugKind, b: DebugKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
