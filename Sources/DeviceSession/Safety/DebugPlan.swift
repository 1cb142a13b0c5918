import IPsecKit

/// The exact commands for each debug family and platform.
extension DebugKind {
    /// Candidate commands, first choice first (older ASA software knows only the later ones).
    func commands(_ platform: Platform) -> [String] {
        switch (self, platform) {
        case (.isakmp, .ios): return ["debug crypto isakmp"]
        case (.ipsec, .ios): return ["debug crypto ipsec"]
        case (.ikev2, .ios): return ["debug crypto ikev2"]
        case (.engine, .ios): return ["debug crypto engine"]
        case (.isakmp, .asa): return ["debug crypto ikev1 127", "debug crypto isakmp 127"]
        case (.ipsec, .asa): return ["debug crypto ipsec 127"]
        case (.ikev2, .asa): return ["debug crypto ikev2 protocol 127"]
        case (.engine, .asa): return ["debug crypto engine 127", "debug crypto ca 1"]
        }
    }
}

/// Commands that limit debugs to one peer, and undo that.
enum DebugCondition {
    static func set(peer: String, _ platform: Platform) -> String {
        platform == .asa ? "debug crypto condition peer \(peer)" : "debug crypto condition peer ipv4 \(peer)"
    }

    static func unset(peer: String, _ platform: Platform) -> String {
        "no " + set(peer: peer, platform)
    }
}
