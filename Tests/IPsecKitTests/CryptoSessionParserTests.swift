import Testing
@testable import IPsecKit

@Suite struct CryptoSessionParserTests {
    func parse(_ name: String) throws -> AnalysisReport {
        CryptoSessionParser.parse(try TableFixtures.text("crypto-session", name), platform: .ios)
    }

    @Test func detailWithIKEv1SAsAndFlows() throws {
        let r = try parse("detail-ikev1")
        #expect(r.warnings.isEmpty)
        #expect(r.cryptoSessions.count == 2)
        let s = r.cryptoSessions[0]
        #expect(s.interface == "Tunnel0" && s.profile == "prof" && s.uptime == "00:01:02" && s.status == "UP-ACTIVE")
        #expect(s.peer == "10.0.0.2" && s.peerPort == 500 && s.fvrf == "(none)" && s.ivrf == "(none)")
        #expect(s.phase1Id == "10.0.0.2" && s.desc == "(none)" && s.sessionId == 0 && s.line == 8)
        let ike = try #require(s.ikeSas.first)
        #expect(ike.version == "IKEv1" && ike.local == "10.0.0.1" && ike.localPort == 500)
        #expect(ike.remote == "10.0.0.2" && ike.remotePort == 500 && ike.status == "Active" && ike.sessionId == 0)
        #expect(ike.capabilities == "(none)" && ike.connId == 1001 && ike.lifetime == "23:58:57" && ike.line == 16)
        let flow = try #require(s.ipsecFlows.first)
        #expect(flow.flow == "permit ip 10.1.1.0/255.255.255.0 10.2.2.0/255.255.255.0")
        #expect(flow.action == "permit" && flow.prot == "ip")
        #expect(flow.localAddr == "10.1.1.0" && flow.localMask == "255.255.255.0" && flow.remoteAddr == "10.2.2.0" && flow.remoteMask == "255.255.255.0")
        #expect(flow.activeSas == 2 && flow.origin == "crypto map")
        #expect(flow.inboundPktsDecrypted == 5 && flow.inboundPktsDrop == 0 && flow.inboundLifeKb == 4607999 && flow.inboundLifeSec == 3537)
        #expect(flow.outboundPktsEncrypted == 5 && flow.outboundPktsDrop == 0 && flow.outboundLifeKb == 4607999 && flow.outboundLifeSec == 3537)

        let down = r.cryptoSessions[1]
        #expect(down.status == "DOWN-NEGOTIATING" && down.desc == "branch 44" && down.uptime == nil)
        #expect(down.ikeSas.count == 2 && down.ikeSas.allSatisfy { $0.status == "Inactive" && $0.connId == 0 && $0.lifetime == "0" })
        #expect(down.ipsecFlows.count == 2)
        #expect(down.ipsecFlows[0].prot == "47" && down.ipsecFlows[0].localAddr == "192.0.2.1" && down.ipsecFlows[0].localMask == nil)
        #expect(down.ipsecFlows[0].remoteAddr == "192.0.2.44")
        #expect(down.ipsecFlows[1].localAddr == "172.16.5.1" && down.ipsecFlows[1].remoteAddr == "172.16.9.0" && down.ipsecFlows[1].remoteMask == "255.255.255.0")
    }

    @Test func detailWithIKEv2SA() throws {
        let r = try parse("detail-ikev2")
        #expect(r.warnings.isEmpty)
        let s = try #require(r.cryptoSessions.first)
        #expect(s.profile == "IKEV2-PROFILE-A" && s.uptime == "2d03h" && s.peerPort == 4500 && s.fvrf == "WAN")
        #expect(s.sessionId == 412 && s.phase1Id == "spoke33.example.net")
        let ike = try #require(s.ikeSas.first)
        #expect(ike.version == "IKEv2" && ike.sessionId == 412 && ike.capabilities == "DN" && ike.connId == 7 && ike.lifetime == "21:13:40")
        let flow = try #require(s.ipsecFlows.first)
        #expect(flow.inboundPktsDecrypted == 3001234567 && flow.inboundPktsDrop == 12 && flow.outboundPktsEncrypted == 1200300400)
        #expect(flow.localAddr == "0.0.0.0" && flow.remoteMask == "0.0.0.0")
    }

    @Test func briefOutputWithSeveralPeersAndRemoteAccess() throws {
        let r = try parse("brief")
        #expect(r.warnings.isEmpty)
        #expect(r.cryptoSessions.count == 3)
        #expect(r.cryptoSessions.map(\.peer) == ["172.16.1.1", "172.16.3.1", "203.0.113.200"])
        #expect(r.cryptoSessions.map(\.interface) == ["FastEthernet0/0", "FastEthernet0/0", "Virtual-Access2"])
        #expect(r.cryptoSessions[0].ikeSas.first?.version == nil && r.cryptoSessions[0].ikeSas.first?.status == "Active")
        #expect(r.cryptoSessions[1].ipsecFlows.first?.activeSas == 0 && r.cryptoSessions[1].line == 13)
        let ra = r.cryptoSessions[2]
        #expect(ra.username == "alice" && ra.group == "sales" && ra.assignedAddress == "10.99.0.5" && ra.profile == "RA-PROFILE")
        #expect(ra.ipsecFlows.first?.remoteAddr == "10.99.0.5" && ra.ipsecFlows.first?.remoteMask == nil)
    }

    @Test func truncatedFlowIsReportedAtTheLastLine() throws {
        let r = try parse("truncated")
        #expect(r.cryptoSessions.count == 1)
        let flow = try #require(r.cryptoSessions.first?.ipsecFlows.first)
        #expect(flow.inboundPktsDecrypted == 5 && flow.outboundPktsEncrypted == nil)
        #expect(!r.warnings.isEmpty && r.warnings.allSatisfy { $0.line == 12 })
    }

    @Test func strayAndBrokenLinesAreReported() throws {
        let r = try parse("malformed")
        #expect(r.cryptoSessions.count == 2)
        #expect(r.cryptoSessions[0].peer == "10.9.9.9" && r.cryptoSessions[0].ikeSas.first?.remote == nil)
        #expect(r.cryptoSessions[1].status == "UP-IDLE" && r.cryptoSessions[1].ikeSas.first?.status == "Active")
        let lines = Set(r.warnings.map(\.line))
        #expect(lines.isSuperset(of: [1, 2, 6, 7]))
    }

    @Test func chunkingDoesNotChangeTheResult() throws {
        try TableFixtures.expectChunkingInvariant(CryptoSessionParser.self, folder: "crypto-session")
    }

    @Test func randomBytesNeverCrash() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<400).map { _ in UInt8.random(in: 0...127, using: &rng) }
            _ = CryptoSessionParser.parse("Interface: Tunnel0\nPeer: 1.2.3.4 port 500\n  IPSEC FLOW: permit ip\n" + String(decoding: bytes, as: UTF8.self))
        }
    }
}
