import Testing
@testable import IPsecKit

@Suite struct StateDiagnosisTests {
    let catalog = try! SignatureCatalog.builtIn()

    func isakmp(dst: String, src: String, state: String, conn: Int = 1, line: Int = 2) -> IsakmpSA {
        var sa = IsakmpSA()
        sa.dst = dst; sa.src = src; sa.state = state; sa.connId = conn; sa.line = line
        return sa
    }

    func flow(peer: String, encaps: Int, decaps: Int, sendErrors: Int = 0, recvErrors: Int = 0, hmac: Bool = true,
              withSAs: Bool = true, line: Int = 10) -> IpsecSAFlow {
        var f = IpsecSAFlow()
        f.interface = "FastEthernet0"
        f.cryptoMap = "test"
        f.localAddr = "10.1.0.1"
        f.localIdent = IpsecIdentity(addr: "10.1.0.0", mask: "255.255.255.0", prot: 0, port: 0)
        f.remoteIdent = IpsecIdentity(addr: "10.1.1.0", mask: "255.255.255.0", prot: 0, port: 0)
        f.peer = peer
        f.counters.pktsEncaps = encaps
        f.counters.pktsDecaps = decaps
        f.counters.sendErrors = sendErrors
        f.counters.recvErrors = recvErrors
        f.localCryptoEndpoint = "10.1.0.1"
        f.remoteCryptoEndpoint = peer
        f.pathMtu = 1500
        f.mediaMtu = 1500
        f.line = line
        if withSAs {
            for (dir, spi) in [(IpsecSAEntry.Direction.inbound, UInt32(0x136A010F)), (.outbound, UInt32(0x3D3))] {
                var e = IpsecSAEntry(direction: dir, protocol: .esp, spi: spi)
                e.transform = hmac ? "esp-3des esp-md5-hmac" : "esp-3des"
                f.sas.append(e)
            }
        }
        return f
    }

    func report(_ sas: [IsakmpSA], _ flows: [IpsecSAFlow]) -> AnalysisReport {
        var r = AnalysisReport()
        r.isakmpSas = sas
        r.ipsecSas = flows
        return r
    }

    @Test func healthyTunnelHasNoFindings() {
        let r = report([isakmp(dst: "10.1.0.2", src: "10.1.0.1", state: "QM_IDLE")],
                       [flow(peer: "10.1.0.2", encaps: 7767918, decaps: 7760382)])
        #expect(StateDiagnosis.diagnose(r, catalog: catalog).isEmpty)
        #expect(StateDiagnosis.diagnose(before: r, after: r, catalog: catalog).isEmpty)
    }

    @Test func mainModeNoState() throws {
        let f = StateDiagnosis.diagnose(report([isakmp(dst: "10.1.1.2", src: "10.1.1.1", state: "MM_NO_STATE", line: 7)], []), catalog: catalog)
        #expect(f.map(\.id) == ["isakmp-mm-no-state"])
        let m = try #require(f.first)
        #expect(m.related.first == "main-mode-failed")  // the spec's lead first; the catalog may add more
        #expect(m.peer == "10.1.1.2")
        #expect(m.evidence == [7])
        #expect(m.captures["state"] == "MM_NO_STATE")
        #expect(m.phase == .phase1)
    }

    @Test func mainModeKeyExchangeOnPix() throws {
        var sa = isakmp(dst: "192.168.254.250", src: "10.177.243.187", state: "MM_KEY_EXCH")
        sa.pending = 0; sa.created = 0
        var pix = flow(peer: "10.9.9.9", encaps: 1, decaps: 1)
        pix.localAddr = "192.168.254.250"
        let f = StateDiagnosis.diagnose(report([sa], [pix]), catalog: catalog)
        let m = try #require(f.first { $0.id == "isakmp-mm-key-exch" })
        #expect(m.related.contains("ike-sanity-check"))
        // 192.168.254.250 is this device (local addr), so the peer is the other end.
        #expect(m.peer == "10.177.243.187")
    }

    @Test func phase2Missing() throws {
        var asa = IsakmpSA()
        asa.peer = "10.0.0.9"; asa.state = "MM_ACTIVE"; asa.line = 5
        let r = report([isakmp(dst: "10.1.0.2", src: "10.1.0.1", state: "QM_IDLE"),
                        isakmp(dst: "10.1.0.3", src: "10.1.0.1", state: "QM_IDLE", conn: 2, line: 3), asa],
                       [flow(peer: "10.1.0.2", encaps: 5, decaps: 5), flow(peer: "10.1.0.3", encaps: 0, decaps: 0, withSAs: false)])
        let f = StateDiagnosis.diagnose(r, catalog: catalog)
        #expect(Set(f.filter { $0.id == "phase2-missing" }.compactMap(\.peer)) == ["10.1.0.3", "10.0.0.9"])
        let m = try #require(f.first { $0.id == "phase2-missing" })
        #expect(Array(m.related.prefix(3)) == ["transform-unsupported", "proxy-id-unsupported", "invalid-local-address"])
        // Without any `show crypto ipsec sa` output nothing can be said about phase 2.
        #expect(StateDiagnosis.diagnose(report([isakmp(dst: "10.1.0.2", src: "10.1.0.1", state: "QM_IDLE")], []), catalog: catalog).isEmpty)
    }

    @Test func oneWayTrafficBetweenSnapshots() throws {
        let before = report([], [flow(peer: "10.1.0.2", encaps: 100, decaps: 50), flow(peer: "10.1.0.3", encaps: 10, decaps: 10)])
        let after = report([], [flow(peer: "10.1.0.2", encaps: 180, decaps: 50), flow(peer: "10.1.0.3", encaps: 10, decaps: 40)])
        let f = StateDiagnosis.diagnose(before: before, after: after, catalog: catalog)
        let out = try #require(f.first { $0.id == "one-way-traffic-outbound" })
        #expect(out.peer == "10.1.0.2")
        #expect(out.captures["encaps_delta"] == "80")
        #expect(out.related.contains("acl-check") && out.related.contains("ra-no-route"))
        let inb = try #require(f.first { $0.id == "one-way-traffic-inbound" })
        #expect(inb.peer == "10.1.0.3")
        #expect(inb.captures["decaps_delta"] == "30")
        // Both directions moving, or neither: nothing.
        let both = report([], [flow(peer: "10.1.0.2", encaps: 200, decaps: 60)])
        #expect(StateDiagnosis.diagnose(before: before, after: both, catalog: catalog).isEmpty)
        #expect(StateDiagnosis.diagnose(before: before, after: before, catalog: catalog).isEmpty)
    }

    @Test func oneWayTrafficFromOneSnapshot() throws {
        let f = StateDiagnosis.diagnose(report([], [flow(peer: "10.1.0.2", encaps: 345, decaps: 0)]), catalog: catalog)
        let m = try #require(f.first)
        #expect(m.id == "one-way-traffic-outbound")
        #expect(m.confidence < 0.85)
    }

    @Test func errorsGrowing() throws {
        let before = report([], [flow(peer: "10.1.0.2", encaps: 100, decaps: 100, sendErrors: 1)])
        let after = report([], [flow(peer: "10.1.0.2", encaps: 200, decaps: 200, sendErrors: 1, recvErrors: 4)])
        let f = StateDiagnosis.diagnose(before: before, after: after, catalog: catalog)
        #expect(f.map(\.id) == ["ipsec-errors-growing"])
        #expect(f.first?.captures["recv_errors_delta"] == "4")
        #expect(f.first?.related.contains("replay-check") == true)
        // Errors that did not move since the last poll are history, not a finding.
        #expect(StateDiagnosis.diagnose(before: before, after: before, catalog: catalog).isEmpty)
    }

    @Test func replayWithHmac() throws {
        var withHmac = flow(peer: "10.1.0.2", encaps: 10, decaps: 10)
        withHmac.counters.set("pkts_replay_failed_rcv", 3)
        var without = flow(peer: "10.1.0.3", encaps: 10, decaps: 10, hmac: false)
        without.counters.set("pkts_replay_failed_rcv", 3)
        var rollover = flow(peer: "10.1.0.4", encaps: 10, decaps: 10)
        rollover.counters.set("pkts_replay_rollover_recv", 3)
        let f = StateDiagnosis.diagnose(report([], [withHmac, without, rollover]), catalog: catalog)
        #expect(f.map(\.id) == ["replay-with-hmac"])
        #expect(f.first?.peer == "10.1.0.2")
        #expect(f.first?.related == ["replay-check"])
    }

    @Test func iosPathMtuBelowIpMtu() throws {
        var f1 = flow(peer: "10.1.0.2", encaps: 10, decaps: 10)
        f1.pathMtu = 1400
        f1.mediaMtu = nil
        f1.ipMtu = 1500
        let f = StateDiagnosis.diagnose(report([], [f1]), catalog: catalog)
        #expect(f.map(\.id) == ["path-mtu-below-media"])
        #expect(f.first?.captures == ["path_mtu": "1400", "ip_mtu": "1500"])
    }

    @Test func pathMtuBelowMedia() throws {
        var f1 = flow(peer: "10.1.0.2", encaps: 10, decaps: 10)
        f1.pathMtu = 1400
        let f = StateDiagnosis.diagnose(report([], [f1]), catalog: catalog)
        #expect(f.map(\.id) == ["path-mtu-below-media"])
        #expect(f.first?.captures == ["path_mtu": "1400", "media_mtu": "1500"])
        #expect(f.first?.related == ["mtu"])
    }

    @Test func findingsAggregatePerPeerAndSortBySeverity() {
        var small = flow(peer: "10.1.0.2", encaps: 10, decaps: 10, line: 30)
        small.pathMtu = 1400
        var small2 = small
        small2.line = 60
        small2.remoteIdent = IpsecIdentity(addr: "10.1.2.0", mask: "255.255.255.0", prot: 0, port: 0)
        let f = StateDiagnosis.diagnose(report([isakmp(dst: "10.1.1.2", src: "10.1.1.1", state: "MM_NO_STATE")], [small, small2]), catalog: catalog)
        #expect(f.map(\.id) == ["isakmp-mm-no-state", "path-mtu-below-media"])
        #expect(f.last?.count == 2)
        #expect(f.last?.evidence == [30, 60])
    }
}
