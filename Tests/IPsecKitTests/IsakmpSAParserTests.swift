import Testing
@testable import IPsecKit

@Suite struct IsakmpSAParserTests {
    func parse(_ name: String, platform: Platform? = nil) throws -> AnalysisReport {
        IsakmpSAParser.parse(try TableFixtures.text("isakmp-sa", name), platform: platform)
    }

    @Test func seedTableWithTabs() throws {
        let r = try parse("ios12-table", platform: .ios)
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.count == 2)
        let sa = try #require(r.isakmpSas.first)
        #expect(sa.dst == "10.1.0.2" && sa.src == "10.1.0.1")
        #expect(sa.state == "QM_IDLE" && sa.connId == 1 && sa.slot == 0 && sa.status == nil)
        #expect(sa.ikeVersion == 1 && sa.line == 2)
        #expect(r.isakmpSas[1].state == "MM_NO_STATE" && r.isakmpSas[1].connId == 2 && r.isakmpSas[1].line == 3)
    }

    @Test func tableWithStatusColumnAndEveryPhaseOneState() throws {
        let r = try parse("ios12-table-status")
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.map(\.state) == ["QM_IDLE", "MM_SA_SETUP", "MM_KEY_EXCH", "MM_KEY_AUTH", "AG_INIT_EXCH", "QM_IDLE", "MM_NO_STATE"])
        #expect(r.isakmpSas.map(\.connId) == [3, 4, 5, 6, 7, 8, 0])
        #expect(r.isakmpSas.allSatisfy { $0.slot == 0 })
        #expect(r.isakmpSas[0].status == "ACTIVE")
        #expect(r.isakmpSas[5].status == "ACTIVE (deleted)")
        #expect(r.isakmpSas[3].dst == "198.51.100.1" && r.isakmpSas[3].src == "192.0.2.13")
    }

    @Test func vrfAwareTableWithBlankVRFCell() throws {
        let r = try parse("ios-vrf-table")
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.map(\.vrf) == ["/vpn1", "inet/vpn2", nil])
        #expect(r.isakmpSas.map(\.dst) == ["10.44.1.1", "10.45.1.1", "10.46.1.1"])
        #expect(r.isakmpSas.map(\.connId) == [1, 2, 3])
        #expect(r.isakmpSas[1].state == "MM_NO_STATE" && r.isakmpSas[2].status == "ACTIVE")
    }

    @Test func iosXETableAndIPv6Entries() throws {
        let r = try parse("iosxe-table")
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.count == 4)
        let first = r.isakmpSas[0]
        #expect(first.dst == "203.0.113.9" && first.connId == 1004 && first.status == "ACTIVE" && first.slot == nil)
        #expect(r.isakmpSas[1].state == "MM_KEY_EXCH")
        #expect(r.isakmpSas[2].status == "ACTIVE (deleted)")
        let v6 = r.isakmpSas[3]
        #expect(v6.dst == "2001:db8:10::1" && v6.src == "2001:db8:20::1")
        #expect(v6.state == "QM_IDLE" && v6.connId == 1007 && v6.status == "ACTIVE" && v6.line == 9)
    }

    @Test func iosDetailWithBlankVRFAndCapabilities() throws {
        let r = try parse("ios-detail")
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.count == 3)
        let a = r.isakmpSas[0]
        #expect(a.connId == 2041 && a.local == "192.0.2.1" && a.remote == "198.51.100.7" && a.vrf == nil)
        #expect(a.status == "ACTIVE" && a.encryption == "aes" && a.hash == "sha256" && a.auth == "psk")
        #expect(a.dhGroup == 14 && a.lifetime == "23:41:07" && a.capabilities == nil && a.engineId == "SW:41")
        let b = r.isakmpSas[1]
        #expect(b.vrf == "BLUE" && b.auth == "rsig" && b.dhGroup == 5 && b.capabilities == "D N" && b.engineId == "SW:42")
        let c = r.isakmpSas[2]
        #expect(c.local == "2001:db8::1" && c.remote == "2001:db8::9" && c.encryption == "3des" && c.capabilities == "D")
        #expect(c.line == 18)
    }

    @Test func iosXEDetailWithContinuationLines() throws {
        let r = try parse("iosxe-detail")
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.count == 2)
        let a = r.isakmpSas[0]
        #expect(a.connId == 1001 && a.local == "10.0.0.1" && a.remote == "10.0.0.2" && a.vrf == "(none)/(none)")
        #expect(a.status == "ACTIVE" && a.encryption == "aes" && a.hash == "sha" && a.auth == "psk")
        #expect(a.dhGroup == 14 && a.lifetime == "23:59:30" && a.engineId == "SW:1" && a.line == 9)
        let b = r.isakmpSas[1]
        #expect(b.vrf == "INET/(none)" && b.encryption == "aes256" && b.dhGroup == 19 && b.capabilities == "D")
    }

    @Test func pixTotalsAndPendingCreatedColumns() throws {
        let r = try parse("pix", platform: .asa)
        #expect(r.warnings.isEmpty)
        let summary = try #require(r.isakmpSummary.first)
        #expect(r.isakmpSummary.count == 1)
        #expect(summary.total == 2 && summary.embryonic == 1 && summary.line == 1)
        #expect(r.isakmpSas.count == 2)
        let sa = r.isakmpSas[0]
        #expect(sa.dst == "192.168.254.250" && sa.src == "10.177.243.187" && sa.state == "MM_KEY_EXCH")
        #expect(sa.pending == 0 && sa.created == 0 && sa.connId == nil)
        #expect(r.isakmpSas[1].created == 1)
    }

    @Test func asaPeerBlocksAndIKEv2Part() throws {
        let r = try parse("asa-blocks", platform: .asa)
        #expect(r.warnings.isEmpty)
        let summary = try #require(r.isakmpSummary.first)
        #expect(summary.activeSA == 2 && summary.rekeySA == 0 && summary.totalIkeSA == 2 && summary.ikeVersion == 1)
        #expect(r.isakmpSas.count == 3)
        let a = r.isakmpSas[0]
        #expect(a.index == 1 && a.peer == "198.51.100.40" && a.type == "L2L" && a.role == "initiator")
        #expect(a.rekey == "no" && a.state == "MM_ACTIVE" && a.ikeVersion == 1 && a.line == 8)
        #expect(r.isakmpSas[1].type == "user" && r.isakmpSas[1].state == "AM_ACTIVE")
        let v2 = r.isakmpSas[2]
        #expect(v2.ikeVersion == 2 && v2.connId == 51234567 && v2.local == "192.0.2.50" && v2.remote == "198.51.100.60")
        #expect(v2.state == "READY" && v2.role == "INITIATOR" && v2.status == "UP-ACTIVE")
        #expect(v2.encryption == "AES-CBC" && v2.hash == "SHA96" && v2.dhGroup == 14 && v2.auth == "PSK" && v2.lifetime == "86400")
        #expect(r.ikev2Sas.isEmpty)
    }

    @Test func asaDetailBlocksWithWaitStates() throws {
        let r = try parse("asa-detail-blocks", platform: .asa)
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.map(\.state) == ["MM_WAIT_MSG2", "MM_WAIT_MSG3", "MM_WAIT_MSG4", "MM_WAIT_MSG5", "MM_WAIT_MSG6", "MM_ACTIVE", "AM_ACTIVE"])
        #expect(r.isakmpSas.map(\.index) == [1, 2, 3, 4, 5, 6, 7])
        let a = r.isakmpSas[0]
        #expect(a.encryption == "aes-256" && a.hash == "SHA" && a.auth == "preshared" && a.lifetime == "86400" && a.lifetimeRemaining == nil)
        let f = r.isakmpSas[5]
        #expect(f.rekey == "yes" && f.lifetime == "28800" && f.lifetimeRemaining == "27011" && f.encryption == "3des")
        #expect(r.isakmpSummary.first?.rekeySA == 1 && r.isakmpSummary.first?.totalIkeSA == 7)
    }

    @Test func asaTabularLayoutWithRepeatedHeader() throws {
        let r = try parse("asa-table", platform: .asa)
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.count == 2)
        let a = r.isakmpSas[0]
        #expect(a.index == 1 && a.peer == "192.0.2.201" && a.type == "L2L" && a.role == "Init" && a.rekey == "No")
        #expect(a.state == "MM_ACTIVE" && a.encryption == "aes-256" && a.hash == "SHA" && a.auth == "preshrd" && a.lifetime == "86400")
        #expect(a.line == 2 && r.isakmpSas[1].line == 4 && r.isakmpSas[1].state == "AM_ACTIVE")
        let brief = try parse("asa-table-brief", platform: .asa)
        #expect(brief.warnings.isEmpty)
        #expect(brief.isakmpSas.map(\.state) == ["MM_ACTIVE", "MM_WAIT_MSG3"])
        #expect(brief.isakmpSas[1].rekey == "Yes" && brief.isakmpSas[1].encryption == nil)
    }

    @Test func garbageIsReportedAndGoodRowsSurvive() throws {
        let r = try parse("malformed")
        #expect(r.isakmpSas.count == 2)
        #expect(r.isakmpSas[0].connId == nil && r.isakmpSas[0].state == "QM_IDLE")
        #expect(r.isakmpSas[1].connId == 9 && r.isakmpSas[1].line == 7)
        let lines = Set(r.warnings.map(\.line))
        #expect(lines.isSuperset(of: [3, 4, 5, 6]))
    }

    @Test func truncatedBlockIsReportedWithItsLine() throws {
        let r = try parse("truncated", platform: .asa)
        #expect(r.isakmpSas.count == 2)
        #expect(r.isakmpSas[0].state == "MM_ACTIVE")
        #expect(r.isakmpSas[1].peer == "198.51.100.41" && r.isakmpSas[1].state == nil)
        #expect(r.warnings.map(\.line) == [12])
        let table = try parse("truncated-table")
        #expect(table.isakmpSas.count == 2)
        #expect(table.isakmpSas[1].dst == "203.0.113.1" && table.isakmpSas[1].state == nil)
        #expect(table.warnings.map(\.line) == [4])
    }

    @Test func asaTabularRowWithoutHeaderUsesDefaultColumns() {
        let r = IsakmpSAParser.parse("1 192.0.2.9 L2L Init No MM_ACTIVE\n", platform: .asa)
        #expect(r.isakmpSas.first?.state == "MM_ACTIVE" && r.isakmpSas.first?.role == "Init")
        #expect(r.warnings.isEmpty)
    }

    @Test func flattenedASABlockFromAPaste() {
        let text = "Active SA: 1\nRekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\nTotal IKE SA: 1\n1 IKE Peer: 192.0.2.30\nType : user Role : initiator\nRekey : no State : MM_WAIT_MSG2\n"
        let r = IsakmpSAParser.parse(text, platform: .asa)
        #expect(r.warnings.isEmpty)
        let sa = r.isakmpSas.first
        #expect(sa?.type == "user" && sa?.role == "initiator" && sa?.rekey == "no" && sa?.state == "MM_WAIT_MSG2")
    }

    @Test func crlfAndPagerPromptsInsideTheTable() {
        let text = "dst             src             state          conn-id slot status\r\n192.0.2.10      198.51.100.1    QM_IDLE              3    0 ACTIVE\r\n --More-- \u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}          \u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}192.0.2.11      198.51.100.1    MM_NO_STATE          4    0 ACTIVE\r\n"
        let r = IsakmpSAParser.parse(text)
        #expect(r.warnings.isEmpty)
        #expect(r.isakmpSas.map(\.state) == ["QM_IDLE", "MM_NO_STATE"])
        #expect(r.isakmpSas.map(\.status) == ["ACTIVE", "ACTIVE"])
        #expect(r.isakmpSas.map(\.line) == [2, 3])
    }

    @Test func emptyAndNoSAOutputs() {
        #expect(IsakmpSAParser.parse("").isakmpSas.isEmpty)
        let none = IsakmpSAParser.parse("There are no IKEv1 SAs\nThere are no IKEv2 SAs\n", platform: .asa)
        #expect(none.isakmpSas.isEmpty && none.warnings.isEmpty)
        let headersOnly = IsakmpSAParser.parse("IPv4 Crypto ISAKMP SA\ndst             src             state          conn-id status\n\nIPv6 Crypto ISAKMP SA\n")
        #expect(headersOnly.isakmpSas.isEmpty && headersOnly.warnings.isEmpty)
    }

    @Test func chunkingDoesNotChangeTheResult() throws {
        try TableFixtures.expectChunkingInvariant(IsakmpSAParser.self, folder: "isakmp-sa")
    }

    @Test func randomBytesNeverCrash() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<400).map { _ in UInt8.random(in: 0...127, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = IsakmpSAParser.parse(text)
            _ = IsakmpSAParser.parse("IKEv1 SAs:\n1   IKE Peer: 1.2.3.4\n" + text)
        }
    }
}
