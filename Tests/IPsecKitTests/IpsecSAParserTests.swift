import Foundation
import Testing
@testable import IPsecKit

/// Reads the project's `show crypto ipsec sa` fixtures and checks every field.
@Suite struct IpsecSAParserTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/ipsec-sa"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Feeds `text` through framer and cleaner in chunks of `chunkSize` bytes.
    static func parseChunked(_ text: String, chunkSize: Int, platform: Platform? = nil) -> AnalysisReport {
        var parser = IpsecSAParser(platform: platform)
        var framer = LineFramer()
        var cleaner = DeviceLineCleaner()
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            framer.feed(Array(bytes[start..<end])) { raw in cleaner.clean(raw) { parser.consume($0) } }
            start = end
        }
        framer.finish { raw in cleaner.clean(raw) { parser.consume($0) } }
        var report = AnalysisReport()
        parser.finish(into: &report)
        return report
    }

    // MARK: - Seed samples

    @Test func seedIOSSample() throws {
        let report = IpsecSAParser.parse(try Self.fixture("ios-seed"), platform: .ios)
        #expect(report.warnings.isEmpty)
        #expect(report.ipsecSas.count == 1)
        let f = try #require(report.ipsecSas.first)
        #expect(f.interface == "FastEthernet0")
        #expect(f.cryptoMap == "test")
        #expect(f.localAddr == "10.1.0.1")
        #expect(f.localIdent == IpsecIdentity(addr: "10.1.0.0", mask: "255.255.255.0", prot: 0, port: 0))
        #expect(f.remoteIdent == IpsecIdentity(addr: "10.1.1.0", mask: "255.255.255.0", prot: 0, port: 0))
        #expect(f.peer == "10.1.0.2")
        #expect(f.peerPort == nil)
        #expect(f.action == "PERMIT")
        #expect(f.flags == ["origin_is_acl"])
        let c = f.counters
        #expect(c.pktsEncaps == 7767918 && c.pktsEncrypt == 7767918 && c.pktsDigest == 7767918)
        #expect(c.pktsDecaps == 7760382 && c.pktsDecrypt == 7760382 && c.pktsVerify == 7760382)
        #expect(c.pktsCompressed == 0 && c.pktsDecompressed == 0 && c.pktsNotCompressed == 0)
        #expect(c.pktsComprFailed == 0 && c.pktsDecompressFailed == 0)
        #expect(c.sendErrors == 1 && c.recvErrors == 0)
        #expect(c.extra.isEmpty)
        #expect(f.localCryptoEndpoint == "10.1.0.1" && f.remoteCryptoEndpoint == "10.1.0.2")
        #expect(f.pathMtu == 1500 && f.mediaMtu == 1500)
        #expect(f.ipsecOverhead == nil && f.dynamicPeerIp == nil && f.pfs == nil)
        #expect(f.currentOutboundSpi == 0x3D3)
        #expect(f.line == 1)
        #expect(f.sas.count == 2)
        let inbound = f.sas[0], outbound = f.sas[1]
        #expect(inbound.direction == .inbound && inbound.protocol == .esp)
        #expect(inbound.spi == 325714191)
        #expect(inbound.transform == "esp-3des esp-md5-hmac")
        #expect(inbound.settings == "Tunnel" && inbound.mode == "Tunnel")
        #expect(inbound.slot == 0 && inbound.connId == 3442 && inbound.flowId == 1443 && inbound.flowIdText == nil)
        #expect(inbound.cryptoMap == "test")
        #expect(inbound.remainingKb == 4608000 && inbound.remainingSec == 52)
        #expect(inbound.ivSize == 8 && inbound.replayDetection == true)
        #expect(inbound.status == nil && inbound.sibling == nil)
        #expect(inbound.line == 16)
        #expect(outbound.direction == .outbound && outbound.protocol == .esp && outbound.spi == 979)
        #expect(outbound.connId == 3443 && outbound.flowId == 1444)
    }

    @Test func seedPIXSample() throws {
        let report = IpsecSAParser.parse(try Self.fixture("pix-seed"), platform: .asa)
        #expect(report.warnings.isEmpty)
        let f = try #require(report.ipsecSas.first)
        #expect(report.ipsecSas.count == 1)
        #expect(f.interface == "outside" && f.cryptoMap == "vpn" && f.localAddr == "10.1.0.1")
        #expect(f.remoteIdent == IpsecIdentity(addr: "10.1.0.2", mask: "255.255.255.255", prot: 0, port: 0))
        #expect(f.peer == "10.2.1.1")
        #expect(f.dynamicPeerIp == "10.1.0.2")
        #expect(f.action == "PERMIT" && f.flags == [])
        #expect(f.counters.pktsEncaps == 345 && f.counters.pktsDigest == 0)
        #expect(f.counters.pktsDecaps == 366 && f.counters.pktsVerify == 0)
        #expect(f.pathMtu == 1500 && f.ipsecOverhead == 56 && f.mediaMtu == 1500)
        #expect(f.currentOutboundSpi == 0x9a46ecae)
        #expect(f.sas.map(\.spi) == [84646069, 2588339374])
        #expect(f.sas.map(\.direction) == [.inbound, .outbound])
        #expect(f.sas[0].connId == 1 && f.sas[1].connId == 2)
        #expect(f.sas[0].flowId == nil && f.sas[0].cryptoMap == "vpn")
        #expect(f.sas[0].remainingKb == 460800 && f.sas[0].remainingSec == 21)
    }

    // MARK: - IOS-XE detail, several interfaces, maps and peers, IPv6

    @Test func iosXEDetailWithSeveralInterfacesMapsAndPeers() throws {
        let report = IpsecSAParser.parse(try Self.fixture("iosxe-detail"), platform: .ios)
        #expect(report.warnings.isEmpty)
        let flows = report.ipsecSas
        #expect(flows.count == 4)
        #expect(flows.map(\.interface) == ["Tunnel10", "GigabitEthernet2", "GigabitEthernet2", "GigabitEthernet2"])
        #expect(flows.map(\.cryptoMap) == ["Tunnel10-head-0", "BRANCHES", "BRANCHES", "BRANCHES-V6"])
        #expect(flows.map(\.peer) == ["198.51.100.7", "203.0.113.20", "203.0.113.30", "2001:DB8::2"])
        #expect(flows.map(\.peerPort) == [4500, 500, 500, 500])
        #expect(flows.map(\.localAddr) == ["192.0.2.1", "203.0.113.1", "203.0.113.1", "2001:DB8::1"])

        let t = flows[0]
        #expect(t.protectedVrf == "(none)")
        #expect(t.localIdent == IpsecIdentity(addr: "192.0.2.1", mask: "255.255.255.255", prot: 47, port: 0))
        #expect(t.counters.pktsEncaps == 120554 && t.counters.pktsDecaps == 0)
        #expect(t.counters.extra["pkts_not_decompressed"] == 0)
        #expect(t.counters.extra["pkts_no_sa_send"] == 3)
        #expect(t.counters.extra["pkts_invalid_sa_rcv"] == 0)
        #expect(t.counters.extra["pkts_invalid_prot_recv"] == 0)
        #expect(t.counters.extra["pkts_replay_failed_rcv"] == 42)
        #expect(t.counters.extra["pkts_internal_err_recv"] == 0)
        #expect(t.counters.extra.count == 18)
        #expect(t.counters.sendErrors == nil)
        #expect(t.plaintextMtu == 1422 && t.pathMtu == 1500 && t.ipMtu == 1500 && t.ipMtuIdb == "GigabitEthernet1")
        #expect(t.mediaMtu == nil)
        #expect(t.currentOutboundSpi == 0xC0FFEE01)
        #expect(t.pfs == "Y" && t.dhGroup == "group14")
        #expect(t.sas.count == 2)
        let sa = t.sas[0]
        #expect(sa.spi == 0x7E57AB1E && sa.transform == "esp-256-aes esp-sha256-hmac")
        #expect(sa.settings == "Tunnel UDP-Encaps" && sa.mode == "Tunnel")
        #expect(sa.slot == nil && sa.connId == 2001 && sa.flowId == nil && sa.flowIdText == "SW:1")
        #expect(sa.sibling == "FFFFFFFF80000048" && sa.cryptoMap == "Tunnel10-head-0")
        #expect(sa.remainingKb == 4607998 && sa.remainingSec == 3441)
        #expect(sa.ivSize == 16 && sa.replayDetection == true && sa.replayWindowSize == 64)
        #expect(sa.status == "ACTIVE(ACTIVE)")

        // A second ident block under the same map keeps the header and has no SAs.
        let idle = flows[2]
        #expect(idle.remoteIdent == IpsecIdentity(addr: "10.30.0.0", mask: "255.255.255.0", prot: 6, port: 443))
        #expect(idle.sas.isEmpty && idle.currentOutboundSpi == 0)
        #expect(flows[1].counters.recvErrors == 2)
        #expect(flows[1].sas.map(\.connId) == [2003, 2004])

        let v6 = flows[3]
        #expect(v6.localIdent == IpsecIdentity(addr: "2001:DB8:1::", mask: "64", prot: 0, port: 0))
        #expect(v6.remoteIdent == IpsecIdentity(addr: "2001:DB8:2::", mask: "48", prot: 58, port: 0))
        #expect(v6.flags == ["origin_is_acl", "reassembly_needed"])
        #expect(v6.localCryptoEndpoint == "2001:DB8::1" && v6.remoteCryptoEndpoint == "2001:DB8::2")
        #expect(v6.localCryptoEndpointPort == nil)
        #expect(v6.sas.map(\.mode) == ["Transport", "Transport"])
        #expect(v6.sas.map(\.remainingSec) == [3597, 3597] && v6.sas[0].remainingKb == nil)
        #expect(v6.sas.map(\.initiator) == [false, true])
        #expect(v6.sas.map(\.cryptoMap) == ["BRANCHES-V6", "BRANCHES-V6"])
        #expect(t.sas[0].initiator == nil)
        #expect(v6.sas[0].replayDetection == false && v6.sas[0].transform == "esp-gcm 256")
    }

    // MARK: - ASA

    @Test func asaBlocksWithSeveralSAsPerDirection() throws {
        let report = IpsecSAParser.parse(try Self.fixture("asa-multi"), platform: .asa)
        #expect(report.warnings.isEmpty)
        #expect(report.ipsecSas.count == 2)
        let l2l = report.ipsecSas[0]
        #expect(l2l.interface == "outside" && l2l.cryptoMap == "outside_map" && l2l.seqNum == 10)
        #expect(l2l.localAddr == "192.0.2.10")
        #expect(l2l.accessList == "access-list outside_cryptomap_10 extended permit ip 10.1.0.0 255.255.255.0 10.2.0.0 255.255.255.0")
        #expect(l2l.peer == "198.51.100.2" && l2l.peerPort == nil)
        #expect(l2l.counters.pktsNotCompressed == 2500 && l2l.counters.pktsComprFailed == 0)
        #expect(l2l.counters.pktsDecompressFailed == 0)
        #expect(l2l.counters.extra == [
            "pre_frag_successes": 4, "pre_frag_failures": 0, "fragments_created": 8,
            "pmtus_sent": 0, "pmtus_rcvd": 0, "decapsulated_frgs_needing_reassembly": 0,
            "tfc_rcvd": 0, "tfc_sent": 0, "valid_icmp_errors_rcvd": 0, "invalid_icmp_errors_rcvd": 0,
        ])
        #expect(l2l.counters.sendErrors == 0 && l2l.counters.recvErrors == 0)
        #expect(l2l.localCryptoEndpoint == "192.0.2.10" && l2l.localCryptoEndpointPort == 500)
        #expect(l2l.remoteCryptoEndpoint == "198.51.100.2" && l2l.remoteCryptoEndpointPort == 500)
        #expect(l2l.ipsecOverhead == 74 && l2l.pathMtu == 1500 && l2l.mediaMtu == 1500)
        #expect(l2l.pmtuTimeRemaining == 0 && l2l.dfPolicy == "copy-df")
        #expect(l2l.icmpErrorValidation == "disabled" && l2l.tfcPackets == "disabled")
        #expect(l2l.currentOutboundSpi == 0x8F00A1B2 && l2l.currentInboundSpi == 0x11223344)
        #expect(l2l.sas.map(\.spi) == [0x11223344, 0x55667788, 0x8F00A1B2, 0x9900AABB])
        #expect(l2l.sas.map(\.direction) == [.inbound, .inbound, .outbound, .outbound])
        let sa = l2l.sas[1]
        #expect(sa.status == "active" && sa.transform == "esp-aes-256 esp-sha-hmac no compression")
        #expect(sa.settings == "L2L, Tunnel, PFS Group 14, IKEv2" && sa.mode == "Tunnel")
        #expect(sa.slot == 0 && sa.connId == 81920 && sa.cryptoMap == "outside_map")
        #expect(sa.remainingKb == 4374000 && sa.remainingSec == 123)
        #expect(sa.ivSize == 16 && sa.replayDetection == true)
        #expect(sa.antiReplayBitmap == "0xFFFFFFFF 0xFFFFFFFF")
        #expect(l2l.sas[0].antiReplayBitmap == "0x00000000 0x00000001")

        let ra = report.ipsecSas[1]
        #expect(ra.interface == "outside" && ra.cryptoMap == "dyn_map" && ra.seqNum == 65535)
        #expect(ra.accessList == nil)
        #expect(ra.peer == "203.0.113.77" && ra.dynamicPeerIp == "172.16.50.9")
        #expect(ra.counters.sendErrors == 1 && ra.counters.recvErrors == 3)
        #expect(ra.counters.extra["decapsulated_frgs_needing_reassembly"] == 0)
        #expect(ra.remoteCryptoEndpointPort == 61522 && ra.ipsecOverhead == 82)
        #expect(ra.sas.count == 2)
        #expect(ra.sas[0].remainingSec == 27950 && ra.sas[0].remainingKb == nil)
        #expect(ra.sas[0].settings == "RA, Tunnel,  NAT-T-Encaps, IKEv1")
        #expect(ra.sas[0].antiReplayBitmap == "0x00000000 0x0000003F")
        #expect(ra.sas[0].status == nil)
    }

    // MARK: - Counter spellings

    @Test(arguments: [
        ("#pkts digest 7767918", "pkts_digest", 7767918),
        ("#pkts digest: 5", "pkts_digest", 5),
        ("#pkts verify 9", "pkts_verify", 9),
        ("#pkts compr. failed: 1,", "pkts_compr_failed", 1),
        ("#pkts comp failed: 2", "pkts_compr_failed", 2),
        ("#pkts decomp failed: 3", "pkts_decompress_failed", 3),
        ("#pkts decompress failed: 4", "pkts_decompress_failed", 4),
        ("#pkts not decompressed: 5", "pkts_not_decompressed", 5),
        ("#pre-frag successes: 6", "pre_frag_successes", 6),
        ("#TFC rcvd: 7", "tfc_rcvd", 7),
        ("#pkts no sa (send) 8", "pkts_no_sa_send", 8),
        ("#pkts invalid sa (rcv) 9", "pkts_invalid_sa_rcv", 9),
        ("#pkts invalid prot (recv) 10", "pkts_invalid_prot_recv", 10),
        ("##pkts replay failed (rcv): 11", "pkts_replay_failed_rcv", 11),
        ("#pkts replay failed (rcv): 12", "pkts_replay_failed_rcv", 12),
        ("#PMTUs sent: 13", "pmtus_sent", 13),
        ("#fragments created: 14", "fragments_created", 14),
        ("#decapsulated frgs needing reassembly: 15", "decapsulated_frgs_needing_reassembly", 15),
        ("#decapsulated frags needing reassembly: 16", "decapsulated_frgs_needing_reassembly", 16),
        ("#send errors 17", "send_errors", 17),
        ("#recv errors: 18", "recv_errors", 18),
    ])
    func counterSpelling(line: String, name: String, value: Int) {
        let report = IpsecSAParser.parse("interface: Gi0/0\n  current_peer 10.0.0.2 port 500\n    \(line)\n")
        #expect(report.ipsecSas.first?.counters[name] == value)
        #expect(report.ipsecSas.first?.counters.all.count == 1)
    }

    @Test func countersInAnyOrderLandInTheSameFields() {
        let forward = IpsecSAParser.parse("""
        interface: a
          #pkts encaps: 1, #pkts no sa (send) 2, #TFC rcvd: 3
          #send errors 4, #recv errors 5
        interface: b
          #recv errors 5, #send errors 4
          #TFC rcvd: 3, #pkts no sa (send) 2, #pkts encaps: 1
        """).ipsecSas
        #expect(forward.count == 2)
        #expect(forward[0].counters == forward[1].counters)
        #expect(forward[1].counters.all == ["pkts_encaps": 1, "pkts_no_sa_send": 2, "tfc_rcvd": 3, "send_errors": 4, "recv_errors": 5])
    }

    @Test func outputWithoutSAsYieldsNothing() {
        for text in ["There are no ipsec sas\n", "No SAs found\n", ""] {
            let report = IpsecSAParser.parse(text, platform: .asa)
            #expect(report.ipsecSas.isEmpty && report.warnings.isEmpty, "\(text)")
        }
    }

    @Test func sendAndRecvErrorsOnOneLine() {
        let report = IpsecSAParser.parse("    #pkts decompress failed: 0, #send errors 1, #recv errors 0\n")
        let c = report.ipsecSas.first?.counters
        #expect(c?.pktsDecompressFailed == 0 && c?.sendErrors == 1 && c?.recvErrors == 0)
    }

    // MARK: - Line variants

    @Test func lineVariants() {
        let text = """
        interface: outside
          Crypto map tag: vpn, seq num: 10, local addr: 10.0.0.1
          local ident (addr/mask/prot/port): (10.9.0.0/255.255.0.0/17/53)
          remote ident (addr/mask/prot/port): (10.8.0.0/255.255.0.0/0/0)
          current_peer: 10.0.0.2
          #send errors: 0, #recv errors: 0
          ipsec overhead: 60
          current outbound spi: 0x3D3(979)
          inbound esp sas:
            spi: 0x3D4(980)
              sa timing: remaining key lifetime (sec): 28387
              replay detection support: Y
          outbound esp sas:
            spi: 3D3
              replay detection support: Y
        """
        let report = IpsecSAParser.parse(text, platform: .asa)
        #expect(report.warnings.isEmpty)
        let f = report.ipsecSas.first
        #expect(f?.seqNum == 10 && f?.localAddr == "10.0.0.1")
        #expect(f?.localIdent == IpsecIdentity(addr: "10.9.0.0", mask: "255.255.0.0", prot: 17, port: 53))
        #expect(f?.ipsecOverhead == 60 && f?.currentOutboundSpi == 979)
        #expect(f?.sas.map(\.spi) == [980, 979])
        #expect(f?.sas.first?.remainingSec == 28387)
    }

    @Test func sectionsWithoutSAsAndTheSeedTypo() {
        let text = """
        interface: Serial0
          Crypto map tag: m, local addr. 10.0.0.1
          local ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)
          remote ident (addr/mask/prot/port): (10.2.0.0/255.255.255.0/0/0)
          current_peer: 10.0.0.2
            #pkts encaps: 0, #pkts encrypt: 0, #pkts digest 0
            current outbound spi: 0
            inbound esp sas:
            inbound ah sas:
              spi: 0xAB(171)
                transform: ah-sha-hmac ,
                replay detection support: Y
            inbound pcp sas:
            outbound esp sas:
            outbound ah sas:
            outbound pcip sas:
              spi: 0x1C(28)
                transform: comp-lzs ,
                replay detection support: N
        """
        let report = IpsecSAParser.parse(text)
        #expect(report.warnings.isEmpty)
        let sas = report.ipsecSas.first?.sas ?? []
        #expect(sas.map(\.protocol) == [.ah, .pcp])
        #expect(sas.map(\.direction) == [.inbound, .outbound])
        #expect(sas.map(\.transform) == ["ah-sha-hmac", "comp-lzs"])
    }

    @Test func crypoMapWithoutSAsIsKeptAsAHeaderOnlyFlow() {
        let text = """
        interface: Gi0/1
            Crypto map tag: EMPTY, local addr 10.0.0.1
        interface: Gi0/2
            Crypto map tag: A, local addr 10.0.1.1
            Crypto map tag: B, local addr 10.0.1.1
        """
        let flows = IpsecSAParser.parse(text).ipsecSas
        #expect(flows.map(\.interface) == ["Gi0/1", "Gi0/2", "Gi0/2"])
        #expect(flows.map(\.cryptoMap) == ["EMPTY", "A", "B"])
        #expect(flows.allSatisfy { $0.localIdent == nil && $0.sas.isEmpty })
        #expect(flows.map(\.line) == [1, 3, 5])
    }

    // MARK: - Robustness

    @Test func mismatchingDecimalSPIIsReportedAndHexWins() {
        let text = """
        interface: Tunnel1
            current outbound spi: 0x4321DCBA(0987612345)
            inbound esp sas:
             spi: 0x1234DCBA(4321567890)
               replay detection support: Y
            outbound esp sas:
        """
        let report = IpsecSAParser.parse(text)
        let f = report.ipsecSas.first
        #expect(f?.currentOutboundSpi == 0x4321DCBA)
        #expect(f?.sas.first?.spi == 0x1234DCBA)
        #expect(report.warnings.map(\.line) == [2, 4])
        #expect(report.warnings.allSatisfy { $0.message.contains("hexadecimal") })
    }

    @Test(arguments: [
        (18, "inside the inbound esp SA"),
        (23, "before the outbound SAs"),
        (5, "before the packet counters"),
        (13, "before the SAs"),
    ])
    func truncatedOutputKeepsWhatParsedAndWarns(keepLines: Int, expected: String) throws {
        let full = try Self.fixture("ios-seed")
        let lines = full.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(keepLines).joined(separator: "\n")
        let report = IpsecSAParser.parse(cut, platform: .ios)
        #expect(report.ipsecSas.count == 1)
        #expect(report.ipsecSas.first?.peer == "10.1.0.2")
        let warning = try #require(report.warnings.first)
        #expect(report.warnings.count == 1)
        #expect(warning.line == keepLines)
        #expect(warning.message.contains(expected))
        #expect(warning.message.contains("10.1.0.2"))
    }

    @Test func completeOutputHasNoTruncationWarning() throws {
        for name in ["ios-seed", "pix-seed", "iosxe-detail", "asa-multi"] {
            #expect(IpsecSAParser.parse(try Self.fixture(name)).warnings.isEmpty, "\(name)")
        }
    }

    @Test func malformedValuesWarnWithTheirLineAndParsingGoesOn() {
        let text = """
        interface: outside
          Crypto map tag: vpn, local addr. 10.1.0.1
          local ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0)
          remote ident (addr/mask/prot/port): (10.1.1.0/255.255.255.0/0/0)
          current_peer: 10.1.0.2
          #pkts encaps: lots, #pkts encrypt: 12
          current outbound spi: zz
          inbound bogus sas:
            spi: 0x10(16)
          inbound esp sas:
            spi: 0x1FFFFFFFF
            spi: 0x11(17)
              sa timing: remaining key lifetime (k/sec): nothing
              replay detection support: maybe
          outbound esp sas:
        """
        let report = IpsecSAParser.parse(text)
        #expect(report.warnings.map(\.line) == [3, 6, 7, 8, 9, 11, 13, 14])
        let f = report.ipsecSas.first
        #expect(f?.localIdent == nil)
        #expect(f?.remoteIdent?.addr == "10.1.1.0")
        #expect(f?.counters.pktsEncaps == nil && f?.counters.pktsEncrypt == 12)
        #expect(f?.currentOutboundSpi == nil)
        #expect(f?.sas.map(\.spi) == [17])
    }

    @Test func garbageNeverCrashesAndYieldsNothing() {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<20_000 { bytes.append(UInt8.random(in: 0...255, using: &generator)) }
        let garbage = String(decoding: bytes, as: UTF8.self)
        _ = IpsecSAParser.parse(garbage)
        let prose = "hello\nthis is not a router\n\n}}{{((\n:::\n#\n##\n#,#,\n spi:\n local ident\n"
        let report = IpsecSAParser.parse(prose)
        #expect(report.ipsecSas.allSatisfy { $0.sas.isEmpty })
    }

    @Test func keyPrefixesWithoutValuesDoNotCrash() {
        let stubs = ["interface:", "Crypto map tag:", "protected vrf:", "local ident", "remote ident (", "current_peer",
                     "current_peer:", "dynamic allocated peer ip:", "PERMIT, flags={", "#", "#pkts", "local crypto endpt.:",
                     "path mtu", "ipsec overhead", "current outbound spi:", "current inbound spi", "PFS", "PMTU time remaining",
                     "ICMP error validation", "inbound esp sas:", "spi:", "spi: 0x1(", "transform:", "in use settings",
                     "in use settings ={", "slot:", "conn id:", "sa timing:", "sa timing: remaining key lifetime (",
                     "IV size:", "replay detection support:", "Status:", "SA State:", "Anti replay bitmap:", "0x", "access-list "]
        for stub in stubs {
            _ = IpsecSAParser.parse("interface: x\n inbound esp sas:\n  spi: 0x1(1)\n" + stub + "\n" + stub)
        }
    }

    @Test func tooManyWarningsAreCountedNotKept() {
        let text = String(repeating: "  #pkts encaps: x\n", count: IpsecSAParser.warningLimit + 50)
        let report = IpsecSAParser.parse(text)
        // The kept warnings, the truncation notice (never dropped) and the count of the rest.
        #expect(report.warnings.count == IpsecSAParser.warningLimit + 2)
        #expect(report.warnings.contains { $0.message.contains("truncated") })
        #expect(report.warnings.last?.message.contains("50 more") == true)
    }

    @Test func chunkingDoesNotChangeTheResult() throws {
        for name in ["ios-seed", "pix-seed", "iosxe-detail", "asa-multi"] {
            let text = try Self.fixture(name).replacingOccurrences(of: "\n", with: "\r\n")
            let whole = IpsecSAParser.parse(text)
            #expect(!whole.ipsecSas.isEmpty)
            for size in [1, 2, 7, 64, 4096] {
                #expect(Self.parseChunked(text, chunkSize: size) == whole, "\(name) in chunks of \(size)")
            }
        }
    }

    @Test func pagerArtefactsAreCleanedBeforeParsing() {
        let text = "interface: outside\n <--- More --->  current_peer: 10.0.0.2\n --More-- \u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}    #pkts decaps: 5\n"
        let f = IpsecSAParser.parse(text).ipsecSas.first
        #expect(f?.peer == "10.0.0.2" && f?.counters.pktsDecaps == 5)
    }

    @Test func jsonUsesSnakeCaseKeys() throws {
        var report = IpsecSAParser.parse(try Self.fixture("asa-multi"))
        report.ipsecSas = Array(report.ipsecSas.prefix(1))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        for key in ["\"ipsec_sas\"", "\"crypto_map\"", "\"current_outbound_spi\"", "\"access_list\"", "\"pkts_encaps\"",
                    "\"pre_frag_successes\"", "\"anti_replay_bitmap\"", "\"remaining_kb\"", "\"local_crypto_endpoint_port\""] {
            #expect(json.contains(key), "\(key)")
        }
    }
}
