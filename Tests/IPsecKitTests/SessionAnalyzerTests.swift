import Testing
@testable import IPsecKit

@Suite struct PromptLineTests {
    func prompt(_ s: String) -> PromptLine? { s.withByteLine { PromptLine.parse($0) } }

    @Test func recognisesIOSAndASAPrompts() {
        #expect(prompt("R1#show crypto isakmp sa") == PromptLine(hostname: "R1", mode: nil, privileged: true, command: "show crypto isakmp sa"))
        #expect(prompt("core-rtr.lab.example#  sh cry ipsec sa ")?.command == "sh cry ipsec sa")
        #expect(prompt("asa/ctx1# show crypto isakmp sa")?.hostname == "asa/ctx1")
        #expect(prompt("R1(config-isakmp)#")?.mode == "config-isakmp")
        #expect(prompt("Router>enable")?.privileged == false)
        #expect(prompt("R1#")?.command == "")
    }

    @Test func ignoresOutputThatIsNotAPrompt() {
        for line in ["    #pkts encaps: 5, #pkts encrypt: 5", "interface: FastEthernet0", "10.1.0.2 10.1.0.1 QM_IDLE 1 0",
                     "ISAKMP (0:1): atts are acceptable. Next payload is 0", "IPSEC(validate_proposal_request): proposal part #2,",
                     "*Mar  1 00:01:02.345: %CRYPTO-6-IKMP_MODE_FAILURE: x", "  R1#show", "1   IKE Peer: 10.0.0.2", "ISAKMP:(1001):Old State = X"] {
            #expect(prompt(line) == nil, "\(line)")
        }
    }
}

@Suite struct ShowCommandTests {
    @Test func resolvesAbbreviations() {
        #expect(ShowCommand.resolve("show crypto isakmp sa") == .isakmpSA)
        #expect(ShowCommand.resolve("sh cry isa sa") == .isakmpSA)
        #expect(ShowCommand.resolve("sh cry ipsec sa detail | i spi") == .ipsecSA)
        #expect(ShowCommand.resolve("sh cry ips sa peer 10.0.0.2") == .ipsecSA)
        #expect(ShowCommand.resolve("show crypto engine connection active") == .engineConnectionsActive)
        #expect(ShowCommand.resolve("sh cry eng conn act") == .engineConnectionsActive)
        #expect(ShowCommand.resolve("show crypto session detail") == .cryptoSession)
        #expect(ShowCommand.resolve("show crypto ikev2 sa detail") == .ikev2SA)
        #expect(ShowCommand.resolve("show crypto ikev1 sa") == .ikev1SA)
        #expect(ShowCommand.resolve("show isakmp sa") == .isakmpSA)
        #expect(ShowCommand.resolve("SHOW CRYPTO IPSEC SA") == .ipsecSA)
    }

    @Test func rejectsOtherCommands() {
        for typed in ["show running-config", "show version", "debug crypto isakmp", "sh cry i sa", "show crypto", "sh cry ike sa", ""] {
            #expect(ShowCommand.resolve(typed) == nil, "\(typed)")
        }
    }

    @Test func recognisesBareOutputHeaders() {
        func header(_ s: String) -> ShowCommand? { s.withByteLine { ShowCommand.recognize(header: $0) } }
        #expect(header("interface: GigabitEthernet0/0") == .ipsecSA)
        #expect(header("dst             src             state          conn-id slot status") == .isakmpSA)
        #expect(header("IPv4 Crypto ISAKMP SA") == .isakmpSA)
        #expect(header("IKEv1 SAs:") == .isakmpSA)
        #expect(header("Tunnel-id Local                 Remote                fvrf/ivrf            Status") == .ikev2SA)
        #expect(header("Crypto session current status") == .cryptoSession)
        #expect(header("  ID Interface            IP-Address      State  Algorithm           Encrypt  Decrypt") == .engineConnectionsActive)
        #expect(header("    #pkts encaps: 5") == nil)
    }
}

@Suite struct SessionAnalyzerTests {
    static func isAsync(_ line: ByteLine) -> Bool { line.hasPrefix("*Mar") || line.hasPrefix("%") }

    func run(_ text: String, options: SessionAnalyzer.Options = .init(), chunk: Int? = nil) -> (AnalysisReport, [String]) {
        var stream: [String] = []
        var analyzer = SessionAnalyzer(options: options, isAsynchronous: { Self.isAsync($0) }, onStreamLine: { stream.append($0.string) })
        let bytes = Array(text.utf8)
        if let chunk {
            var i = 0
            while i < bytes.count { analyzer.feed(Array(bytes[i..<min(bytes.count, i + chunk)])); i += chunk }
        } else {
            analyzer.feed(bytes)
        }
        return (analyzer.finish(), stream)
    }

    static let log = """
    R1#term len 0\r
    R1#sh cry isa sa\r
    dst             src             state          conn-id slot status\r
    10.1.0.2        10.1.0.1        QM_IDLE              1    0 ACTIVE\r
    *Mar  1 00:00:01.000: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5\r
    \r
    R1#debug crypto isakmp\r
    Crypto ISAKMP debugging is on\r
    ISAKMP (0:1): atts are acceptable. Next payload is 0\r
    R1#show running-config\r
    crypto isakmp key secret address 10.1.0.2\r
    R1#
    """

    @Test func splitsSectionsAtPrompts() {
        let (report, stream) = run(Self.log)
        #expect(report.sections.map(\.command) == ["term len 0", "show crypto isakmp sa", "debug crypto isakmp", "show running-config"])
        #expect(report.sections.map(\.typed) == ["term len 0", "sh cry isa sa", "debug crypto isakmp", "show running-config"])
        #expect(report.sections[1].firstLine == 2 && report.sections[1].lastLine == 6)
        #expect(stream == ["*Mar  1 00:00:01.000: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5",
                           "Crypto ISAKMP debugging is on", "ISAKMP (0:1): atts are acceptable. Next payload is 0"])
    }

    @Test func chunkingDoesNotChangeTheResult() {
        let whole = run(Self.log)
        for size in [1, 2, 7, 64] {
            let chunked = run(Self.log, chunk: size)
            #expect(chunked.0 == whole.0)
            #expect(chunked.1 == whole.1)
        }
    }

    @Test func bareOutputIsRecognisedByItsHeaders() {
        let text = """
        dst             src             state          conn-id slot status
        10.1.0.2        10.1.0.1        QM_IDLE              1    0 ACTIVE

        interface: FastEthernet0
            Crypto map tag: test, local addr. 10.1.0.1
        """
        let (report, stream) = run(text)
        #expect(report.sections.map(\.command) == ["show crypto isakmp sa", "show crypto ipsec sa"])
        #expect(report.sections.map(\.firstLine) == [1, 4])
        #expect(stream.isEmpty)
    }

    @Test func explicitCommandCoversBareOutput() {
        let (report, _) = run("garbage first line\nmore\n", options: .init(command: .ipsecSA, platform: .asa))
        #expect(report.sections.count == 1)
        #expect(report.sections[0].command == "show crypto ipsec sa")
        #expect(report.sections[0].platform == .asa)
        #expect(report.sections[0].firstLine == 1 && report.sections[0].lastLine == 2)
    }

    @Test func linesOutsideSectionsGoToTheStream() {
        let (report, stream) = run("processing SA payload. message ID = 0\nSA has been authenticated\n")
        #expect(report.sections.isEmpty)
        #expect(stream == ["processing SA payload. message ID = 0", "SA has been authenticated"])
    }

    @Test func pagerRemnantsAndEscapesAreCleanedBeforeRouting() {
        let text = "R1#show crypto isakmp sa\n --More-- \u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}          \u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{1B}[0m*Mar  1 00:00:02.000: %SYS-5-CONFIG_I: x\n"
        let (_, stream) = run(text)
        #expect(stream == ["*Mar  1 00:00:02.000: %SYS-5-CONFIG_I: x"])
    }

    @Test func overlongLinesAreReported() {
        let text = "R1#show crypto ipsec sa\n" + String(repeating: "x", count: 70_000) + "\n"
        let (report, _) = run(text)
        #expect(report.warnings.contains { $0.line == 2 && $0.message.contains("longer than") })
    }
}
