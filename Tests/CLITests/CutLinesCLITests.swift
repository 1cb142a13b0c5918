import Foundation
import Testing
import TestSupport

/// `analyze` on a console log whose show output was cut by debug and syslog messages.
@Suite struct CutLinesCLITests {
    let binary = BuiltProducts.executable()

    /// Composed to match an IOS console without `logging synchronous`: three output lines
    /// cut by messages (an ISAKMP table row, two counter lines), one message between whole lines.
    static let log = [
        "R1#show crypto isakmp sa",
        "IPv4 Crypto ISAKMP SA",
        "dst             src             state          conn-id status",
        "10.1.0.2        10.1.0.1        QM_IDLE           1001 ACTIVE",
        "10.1.0.9        10.1",
        "*Mar  1 00:01:02.123: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.1.0.1, prot=50, spi=0x1A2B3C4D(439041101), srcaddr=10.1.0.9",
        ".0.1        QM_IDLE           1002 ACTIVE",
        "",
        "R1#show crypto ipsec sa",
        "",
        "interface: FastEthernet0/0",
        "    Crypto map tag: VPNMAP, local addr 10.1.0.1",
        "",
        "   protected vrf: (none)",
        "   local  ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)",
        "   remote ident (addr/mask/prot/port): (192.168.9.0/255.255.255.0/0/0)",
        "   current_peer 10.1.0.9 port 500",
        "     PERMIT, flags={origin_is_acl,}",
        "*Mar  1 00:01:03.001: ISAKMP (0:1002): sending packet to 10.1.0.9 my_port 500 peer_port 500 (I) QM_IDLE",
        "    #pkts encaps: 2210, #pk",
        "*Mar  1 00:01:03.002: ISAKMP (0:1002): sending packet to 10.1.0.9 my_port 500 peer_port 500 (I) QM_IDLE",
        "ts encrypt: 2210, #pkts digest: 2210",
        "    #pkts decaps: 1984, #pkts decr",
        "*Mar  1 00:01:03.003: ISAKMP (0:1002): sending packet to 10.1.0.9 my_port 500 peer_port 500 (I) QM_IDLE",
        "*Mar  1 00:01:03.004: %CRYPTO-6-IKMP_NOT_ENCRYPTED: IKE packet from 10.1.0.9 was not encrypted",
        "ypt: 1984, #pkts verify: 1984",
        "    #pkts compressed: 0, #pkts decompressed: 0",
        "    #send errors 0, #recv errors 0",
        "",
        "     local crypto endpt.: 10.1.0.1, remote crypto endpt.: 10.1.0.9",
        "     path mtu 1500, ip mtu 1500, ip mtu idb FastEthernet0/0",
        "     current outbound spi: 0x9713B24F(2534650447)",
        "",
        "     inbound esp sas:",
        "      spi: 0xD3F19A51(3555826257)",
        "        transform: esp-3des esp-sha-hmac ,",
        "        in use settings ={Tunnel, }",
        "        conn id: 2001, flow_id: 1, crypto map: VPNMAP",
        "        sa timing: remaining key lifetime (k/sec): (4525504/3502)",
        "        IV size: 8 bytes",
        "        replay detection support: Y",
        "        Status: ACTIVE",
        "",
        "     outbound esp sas:",
        "      spi: 0x9713B24F(2534650447)",
        "        transform: esp-3des esp-sha-hmac ,",
        "        in use settings ={Tunnel, }",
        "        conn id: 2002, flow_id: 1, crypto map: VPNMAP",
        "        sa timing: remaining key lifetime (k/sec): (4525504/3502)",
        "        IV size: 8 bytes",
        "        replay detection support: Y",
        "        Status: ACTIVE",
        "",
        "R1#",
    ].map { $0 + "\r\n" }.joined()

    @Test func analyzeJSONHasTheWholeCountersAndRows() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cut-lines-\(getpid()).log")
        try Self.log.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try ProgramRun.run(binary, ["analyze", "--json", file.path])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let doc = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rows = try #require(doc["isakmp_sas"] as? [[String: Any]])
        #expect(rows.map { $0["dst"] as? String } == ["10.1.0.2", "10.1.0.9"])
        #expect(rows.map { $0["src"] as? String } == ["10.1.0.1", "10.1.0.1"])
        #expect(rows.map { $0["conn_id"] as? Int } == [1001, 1002])
        let flow = try #require((doc["ipsec_sas"] as? [[String: Any]])?.first)
        let counters = try #require(flow["counters"] as? [String: Any])
        #expect(counters["pkts_encaps"] as? Int == 2210 && counters["pkts_encrypt"] as? Int == 2210 && counters["pkts_digest"] as? Int == 2210)
        #expect(counters["pkts_decaps"] as? Int == 1984 && counters["pkts_decrypt"] as? Int == 1984 && counters["pkts_verify"] as? Int == 1984)
        #expect((doc["warnings"] as? [Any])?.isEmpty == true)
        // The invalid-SPI message, though it cut a table row, is still diagnosed.
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.contains { ($0["evidence"] as? [Int])?.contains(6) == true })
    }
}
