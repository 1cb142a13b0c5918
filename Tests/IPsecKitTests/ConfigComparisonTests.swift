import Testing
@testable import IPsecKit

@Suite struct ConfigComparisonTests {
    static func router(name: String, own: String, peer: String, local: String, remote: String,
                       key: String = "k3y", hash: String = "sha", transform: String = "esp-aes 256 esp-sha-hmac",
                       pfs: String? = nil, acl: [String]? = nil, applyMap: Bool = true, nat: Bool = true) -> String {
        let aclLines = acl ?? ["access-list 101 permit ip \(local) 0.0.0.255 \(remote) 0.0.0.255"]
        return """
        hostname \(name)
        crypto isakmp policy 10
         encr aes 256
         hash \(hash)
         authentication pre-share
         group 14
        crypto isakmp key \(key) address \(peer)
        crypto ipsec transform-set TS \(transform)
        crypto map vpn 10 ipsec-isakmp
         set peer \(peer)
         set transform-set TS
        \(pfs.map { " set pfs \($0)" } ?? "")
         match address 101
        interface GigabitEthernet0/0
         ip address \(own) 255.255.255.0
        \(applyMap ? " crypto map vpn" : "")
        \(nat ? " ip nat outside" : "")
        interface GigabitEthernet0/1
         ip address \(local.dropLast(1))1 255.255.255.0
        \(nat ? " ip nat inside" : "")
        \(nat ? "ip nat inside source route-map NONAT interface GigabitEthernet0/0 overload" : "")
        \(aclLines.joined(separator: "\n"))
        access-list 110 deny ip \(local) 0.0.0.255 \(remote) 0.0.0.255
        access-list 110 permit ip \(local) 0.0.0.255 any
        route-map NONAT permit 10
         match ip address 110
        """
    }

    static func pair(a: String, b: String) -> ConfigComparison {
        ConfigComparison.compare(RunningConfigParser.parse(a).config, RunningConfigParser.parse(b).config, labelA: "R1", labelB: "R2")
    }

    static let r1 = router(name: "R1", own: "10.0.0.1", peer: "10.0.0.2", local: "10.1.1.0", remote: "10.2.2.0")
    static let r2 = router(name: "R2", own: "10.0.0.2", peer: "10.0.0.1", local: "10.2.2.0", remote: "10.1.1.0")

    @Test func healthyPairHasNoMismatch() {
        let result = Self.pair(a: Self.r1, b: Self.r2)
        #expect(result.mismatches == [])
        #expect(result.tunnelA == "vpn 10" && result.tunnelB == "vpn 10")
        #expect(result.policyMatchAInitiates == .init(initiatorPriority: 10, responderPriority: 10))
        #expect(result.commonTransformSets == ["TS = TS"])
    }

    func signatures(_ b: String, a: String = ConfigComparisonTests.r1) -> [String] {
        Self.pair(a: a, b: b).mismatches.map(\.signature)
    }

    @Test func differentKeysAreFoundWithoutShowingThem() throws {
        let result = Self.pair(a: Self.r1, b: Self.router(name: "R2", own: "10.0.0.2", peer: "10.0.0.1", local: "10.2.2.0", remote: "10.1.1.0", key: "other-secret"))
        #expect(result.mismatches.map(\.signature) == ["ike-sanity-check"])
        let json = String(decoding: try AnalysisReport.makeJSONEncoder().encode(result), as: UTF8.self)
        #expect(!json.contains("other-secret") && !json.contains("k3y"))
    }

    @Test func hashMismatchNamesThePolicyHashSignature() {
        #expect(signatures(Self.router(name: "R2", own: "10.0.0.2", peer: "10.0.0.1", local: "10.2.2.0", remote: "10.1.1.0", hash: "md5")) == ["policy-hash-mismatch"])
    }

    @Test func transformSetsWithoutOverlap() {
        #expect(signatures(Self.router(name: "R2", own: "10.0.0.2", peer: "10.0.0.1", local: "10.2.2.0", remote: "10.1.1.0", transform: "esp-3des esp-md5-hmac")) == ["transform-unsupported"])
    }

    @Test func pfsOnOneSideOnly() {
        #expect(signatures(Self.router(name: "R2", own: "10.0.0.2", peer: "10.0.0.1", local: "10.2.2.0", remote: "10.1.1.0", pfs: "group14")) == ["all-proposals-unacceptable"])
    }

    @Test func hostVersusSubnetBreaksTheMirror() {
        let b = Self.router(name: "R2", own: "10.0.0.2", peer: "10.0.0.1", local: "10.2.2.0", remote: "10.1.1.0",
                            acl: ["access-list 101 permit ip 10.2.2.0 0.0.0.255 host 10.1.1.5"])
        let result = Self.pair(a: Self.r1, b: b)
        // A host on one end against the whole network on the other: IOS says "invalid proxy IDs".
        #expect(result.mismatches.map(\.signature) == ["invalid-proxy-ids", "invalid-proxy-ids"])
        #expect(result.mismatches.allSatisfy { $0.alternatives == ["proxy-id-unsupported"] })
        #expect(result.mismatches[0].message.contains("host 10.1.1.5"))
        #expect(result.mismatches[0].side == .a && result.mismatches[1].side == .b)
    }

    @Test func wrongPeerAddress() {
        let b = Self.router(name: "R2", own: "10.0.0.2", peer: "10.0.0.9", local: "10.2.2.0", remote: "10.1.1.0")
        let result = Self.pair(a: Self.r1, b: b)
        #expect(result.mismatches.map(\.check) == ["peer-address"])
        #expect(result.mismatches[0].signature == "no-cert-no-keys" && result.mismatches[0].side == .b)
    }

    @Test func cryptoMapNotApplied() {
        let b = Self.router(name: "R2", own: "10.0.0.2", peer: "10.0.0.1", local: "10.2.2.0", remote: "10.1.1.0", applyMap: false)
        #expect(signatures(b) == ["invalid-local-address"])
    }

    @Test func missingNatExemptionAndReusedACL() {
        var b = Self.router(name: "R2", own: "10.0.0.2", peer: "10.0.0.1", local: "10.2.2.0", remote: "10.1.1.0")
        b = b.replacingOccurrences(of: "access-list 110 deny ip 10.2.2.0 0.0.0.255 10.1.1.0 0.0.0.255\n", with: "")
        #expect(signatures(b) == ["acl-check"])
        let reused = b.replacingOccurrences(of: "match ip address 110", with: "match ip address 101")
            .replacingOccurrences(of: "access-list 101 permit", with: "access-list 101 deny ip 10.2.2.0 0.0.0.255 10.1.1.0 0.0.0.255\naccess-list 101 permit")
        #expect(Self.pair(a: Self.r1, b: reused).mismatches.contains { $0.check == "acl-reuse" && $0.side == .b })
    }

    @Test func overlappingTunnelsOnOneDevice() {
        let a = Self.r1 + """

        crypto map vpn 20 ipsec-isakmp
         set peer 10.0.0.3
         set transform-set TS
         match address 120
        access-list 120 permit ip 10.1.1.0 0.0.0.255 10.2.0.0 0.0.255.255
        access-list 110 deny ip 10.1.1.0 0.0.0.255 10.2.0.0 0.0.255.255
        """
        #expect(Self.pair(a: a, b: Self.r2).mismatches.map(\.check) == ["acl-overlap"])
    }

    @Test func asaAgainstIOS() {
        let asa = """
        hostname asa
        interface GigabitEthernet0/0
         nameif outside
         ip address 10.0.0.2 255.255.255.0
        object network LOCAL
         subnet 10.2.2.0 255.255.255.0
        object network REMOTE
         subnet 10.1.1.0 255.255.255.0
        access-list CRYPTO extended permit ip 10.2.2.0 255.255.255.0 10.1.1.0 255.255.255.0
        nat (inside,outside) source static LOCAL LOCAL destination static REMOTE REMOTE no-proxy-arp route-lookup
        crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac
        crypto map outside_map 10 match address CRYPTO
        crypto map outside_map 10 set peer 10.0.0.1
        crypto map outside_map 10 set ikev1 transform-set TS
        crypto map outside_map interface outside
        crypto ikev1 policy 10
         authentication pre-share
         encryption aes-256
         hash sha
         group 14
        tunnel-group 10.0.0.1 type ipsec-l2l
        tunnel-group 10.0.0.1 ipsec-attributes
         ikev1 pre-shared-key k3y
        """
        let result = Self.pair(a: Self.r1, b: asa)
        #expect(result.mismatches == [])
        #expect(result.policyMatchBInitiates == .init(initiatorPriority: 10, responderPriority: 10))
    }
}
