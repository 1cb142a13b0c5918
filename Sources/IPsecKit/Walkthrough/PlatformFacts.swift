import Foundation

/// What `show version` tells a walkthrough: the chassis line and whether the box can do
/// IPsec at all. Catalyst 6500 / 7600 routers have no software crypto: without an IPsec
/// SPA (or VPN service module) no SA can be built.
public struct PlatformFacts: Codable, Equatable, Sendable {
    public var chassis: String?
    public var cryptoEngineAvailable: Bool?

    public init(chassis: String? = nil, cryptoEngineAvailable: Bool? = nil) {
        self.chassis = chassis; self.cryptoEngineAvailable = cryptoEngineAvailable
    }

    public static func parse(_ lines: [String]) -> PlatformFacts {
        var facts = PlatformFacts()
        facts.chassis = lines.first { line in
            let l = line.lowercased()
            return (l.hasPrefix("cisco ") && (l.contains("processor") || l.contains("bytes of memory"))) || l.hasPrefix("hardware:")
        }?.trimmingCharacters(in: .whitespaces)
        guard let chassis = facts.chassis?.uppercased() else { return facts }
        let needsModule = ["CISCO76", "7600", "CATALYST 65", "WS-C65"].contains { chassis.contains($0) }
        if needsModule {
            // A module line names the IPsec SPA / VPN service module; "No IPsec SPA" does not count.
            let module = lines.contains { line in
                let l = line.lowercased()
                return (l.contains("ipsec spa") || l.contains("vpn spa") || l.contains("vpn service module") || l.contains("ws-svc-ipsec"))
                    && !l.trimmingCharacters(in: .whitespaces).hasPrefix("no ")
            }
            facts.cryptoEngineAvailable = module
        } else {
            facts.cryptoEngineAvailable = true
        }
        return facts
    }
}
