import ConsoleUI
import IPsecKit
import Testing

@Suite struct ReplayTests {
    @Test(arguments: [
        ("*Mar  1 00:10:01.101: ISAKMP (0): received packet", true),
        ("Mar 1 00:10:01: IPSEC(create_sa): sa created", true),
        ("000123: *Mar  1 00:10:01.101: ISAKMP: local port 500", true),
        ("%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet", true),
        ("%ASA-4-402101: decaps: recd IPSEC packet has invalid spi", true),
        ("ISAKMP: Encryption algorithm offered does not match policy!", true),
        ("IPSEC(validate_proposal_request): proposal part #1", true),
        ("IPv4 Crypto ISAKMP SA", false),
        ("dst             src             state          conn-id slot status", false),
        ("   #pkts encaps: 1000, #pkts encrypt: 1000", false),
        ("% Invalid input detected at '^' marker.", false),
        ("", false),
    ])
    func detectsAsynchronousLines(_ text: String, _ expected: Bool) {
        #expect(text.withByteLine { LineClassifier.classify($0).isAsynchronous } == expected)
    }

    @Test func splitsPollCyclesWhereACommandRepeats() {
        var r = AnalysisReport()
        r.sections = [
            SectionInfo(command: "show crypto isakmp sa", typed: nil, platform: .ios, firstLine: 2, lastLine: 5),
            SectionInfo(command: "show crypto ipsec sa", typed: nil, platform: .ios, firstLine: 6, lastLine: 40),
            SectionInfo(command: "debug crypto isakmp", typed: "debug crypto isakmp", platform: nil, firstLine: 41, lastLine: 50),
            SectionInfo(command: "show crypto isakmp sa", typed: nil, platform: .ios, firstLine: 51, lastLine: 55),
            SectionInfo(command: "show crypto ipsec sa", typed: nil, platform: .ios, firstLine: 56, lastLine: 90),
        ]
        var a = IsakmpSA(); a.line = 3
        var b = IsakmpSA(); b.line = 52
        var c = IsakmpSA()
        r.isakmpSas = [a, b, c]
        var f = IpsecSAFlow(); f.line = 60
        r.ipsecSas = [f]
        r.warnings = [ParseWarning(line: 7, message: "x")]
        #expect(PollCycles.starts(of: r) == [1, 51])
        let cycles = PollCycles.split(r)
        #expect(cycles.count == 2)
        #expect(cycles[0].isakmpSas == [a])
        #expect(cycles[1].isakmpSas == [b, c])
        #expect(cycles[1].ipsecSas == [f])
        #expect(cycles[0].warnings.count == 1)
        #expect(cycles[0].sections.count == 3 && cycles[1].sections.count == 2)
        #expect(PollCycles.lastLine(ofCycle: 0, starts: [1, 51]) == 50)
        c.line = nil
        #expect(PollCycles.split(AnalysisReport()).count == 1)
    }

    @Test func oneWayTrafficIsFlagged() {
        #expect(Phase2Row.direction(encaps: 10, decaps: 0, deltaEncaps: nil, deltaDecaps: nil) == .outboundOnly)
        #expect(Phase2Row.direction(encaps: 10, decaps: 5, deltaEncaps: 3, deltaDecaps: 0) == .outboundOnly)
        #expect(Phase2Row.direction(encaps: 10, decaps: 5, deltaEncaps: 0, deltaDecaps: 4) == .inboundOnly)
        #expect(Phase2Row.direction(encaps: 10, decaps: 5, deltaEncaps: 0, deltaDecaps: 0) == .idle)
        #expect(Phase2Row.direction(encaps: 10, decaps: 5, deltaEncaps: 1, deltaDecaps: 1) == .both)
        #expect(Phase2Row.direction(encaps: 0, decaps: 0, deltaEncaps: nil, deltaDecaps: nil) == .idle)
    }

    @Test func phase1HealthHasAGlyphForEveryVerdict() {
        #expect(SAHealth.of(phase1State: "QM_IDLE") == .healthy)
        #expect(SAHealth.of(phase1State: "MM_NO_STATE") == .failed)
        #expect(SAHealth.of(phase1State: "MM_KEY_EXCH") == .negotiating)
        #expect(SAHealth.of(phase1State: "MM_WAIT_MSG2") == .negotiating)
        #expect(SAHealth.of(phase1State: "IN-NEG") == .negotiating)
        #expect(SAHealth.of(phase1State: "DELETE") == .failed)
        #expect(SAHealth.of(phase1State: "DOWN-NEGOTIATING") == .negotiating)
        #expect(SAHealth.of(phase1State: nil) == .unknown)
        #expect(Set([SAHealth.healthy, .negotiating, .failed].map(\.glyph)).count == 3)
    }

    @Test func numbersFitNarrowColumns() {
        #expect(NetworkText.count(99_999) == "99999")
        #expect(NetworkText.count(7_767_918) == "7767.9k")
        #expect(NetworkText.count(12_345_678) == "12.3M")
        #expect(NetworkText.duration(59) == "59s")
        #expect(NetworkText.duration(3600) == "60m")
        #expect(NetworkText.duration(86400) == "24h")
        #expect(NetworkText.ident(IpsecIdentity(addr: "10.1.1.5", mask: "255.255.255.255", prot: 6, port: 22)) == "10.1.1.5 6:22")
        #expect(NetworkText.ident(IpsecIdentity(addr: "2001:db8::", mask: "64", prot: 0, port: 0)) == "2001:db8::/64")
        #expect(NetworkText.ident(IpsecIdentity(addr: "10.0.0.0", mask: "255.0.255.0", prot: 0, port: 0)) == "10.0.0.0/255.0.255.0")
    }
}
