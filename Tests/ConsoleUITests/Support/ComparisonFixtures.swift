import ConsoleUI
import Foundation
import IPsecKit

/// A `:compare` result for the pane's tests: two routers whose transform sets and crypto
/// ACLs disagree (one names a host where the other names the network).
enum ComparisonFixtures {
    static let r1 = """
    hostname R1
    crypto isakmp policy 10
     encr 3des
     authentication pre-share
     group 2
    crypto isakmp key Site-Key-1 address 10.1.0.2
    crypto ipsec transform-set TS esp-3des esp-sha-hmac
    crypto map VPNMAP 10 ipsec-isakmp
     set peer 10.1.0.2
     set transform-set TS
     match address 110
    interface FastEthernet0/0
     ip address 10.1.0.1 255.255.255.0
     ip nat outside
     crypto map VPNMAP
    interface FastEthernet0/1
     ip address 192.168.1.1 255.255.255.0
     ip nat inside
    ip nat inside source route-map NONAT interface FastEthernet0/0 overload
    access-list 110 permit ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255
    access-list 120 deny   ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255
    access-list 120 permit ip 192.168.1.0 0.0.0.255 any
    route-map NONAT permit 10
     match ip address 120
    """

    static let r2 = r1.replacingOccurrences(of: "hostname R1", with: "hostname R2")
        .replacingOccurrences(of: "address 10.1.0.2", with: "address 10.1.0.X").replacingOccurrences(of: "peer 10.1.0.2", with: "peer 10.1.0.X")
        .replacingOccurrences(of: "ip address 10.1.0.1", with: "ip address 10.1.0.2").replacingOccurrences(of: "10.1.0.X", with: "10.1.0.1")
        .replacingOccurrences(of: "ip address 192.168.1.1", with: "ip address 192.168.2.1")
        .replacingOccurrences(of: "access-list 110 permit ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255", with: "access-list 110 permit ip host 192.168.2.10 host 192.168.1.10")
        .replacingOccurrences(of: "deny   ip 192.168.1.0 0.0.0.255 192.168.2.0", with: "deny   ip 192.168.2.0 0.0.0.255 192.168.1.0")
        .replacingOccurrences(of: "120 permit ip 192.168.1.0", with: "120 permit ip 192.168.2.0")
        .replacingOccurrences(of: "esp-3des esp-sha-hmac", with: "esp-aes esp-md5-hmac")

    static func pane() -> ComparisonPane {
        let a = RunningConfigParser.parse(r1).config, b = RunningConfigParser.parse(r2).config
        let result = ConfigComparison.compare(a, b, labelA: "R1", labelB: "R2")
        let transform = FindingItem(id: "transform-unsupported", signatureId: "transform-unsupported",
                                    title: "The peer's transform set is not supported", severity: .error,
                                    summary: "Phase 2 fails: the two ends share no transform set.",
                                    causes: ["The transform sets differ between the two ends."],
                                    fixes: [FixStep(text: "Configure the same transform set on both peers.")])
        return ComparisonPane(sourceA: "this device (ssh://admin@10.1.0.1)", sourceB: "r2-running.cfg", configA: a, configB: b,
                              result: result, explanations: ["transform-unsupported": transform])
    }

    /// The fixture console with the comparison pane open.
    static func state(width: Int, height: Int) -> ConsoleState {
        var s = ConsoleFixtures.state(width: width, height: height)
        _ = ConsoleUpdate.update(&s, .comparison(pane()))
        return s
    }
}
