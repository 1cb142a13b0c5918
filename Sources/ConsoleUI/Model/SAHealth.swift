/// How an SA state reads at a glance. Each has a glyph so health never depends on colour.
public enum SAHealth: Sendable {
    case healthy, negotiating, failed, unknown

    public var glyph: String {
        switch self {
        case .healthy: return "✓"
        case .negotiating: return "…"
        case .failed: return "✗"
        case .unknown: return " "
        }
    }

    public var role: StyleRole {
        switch self {
        case .healthy: return .healthy
        case .negotiating: return .warning
        case .failed: return .error
        case .unknown: return .text
        }
    }

    /// Phase 1 states (IOS, ASA, IKEv2 and `show crypto session`). `MM_NO_STATE` is a
    /// failed main mode; `MM_KEY_EXCH` that stays is a key or peer-address problem, but
    /// a single poll cannot tell it from progress, so it reads as negotiating.
    public static func of(phase1State state: String?) -> SAHealth {
        guard let raw = state, !raw.isEmpty else { return .unknown }
        let s = raw.uppercased()
        if ["QM_IDLE", "MM_ACTIVE", "AM_ACTIVE", "READY", "UP-ACTIVE", "ACTIVE"].contains(s) { return .healthy }
        if s.contains("NO_STATE") || s.contains("DELETE") || s.contains("DEAD") || s.hasPrefix("DOWN") && !s.contains("NEG")
            || s.contains("FAIL") || s == "UP-NO-IKE" { return .failed }
        if s.hasPrefix("MM") || s.hasPrefix("AM") || s.hasPrefix("AG") || s.hasPrefix("QM") || s.contains("NEG")
            || s.contains("WAIT") || s.contains("INIT") || s == "UP-IDLE" { return .negotiating }
        return .unknown
    }
}
