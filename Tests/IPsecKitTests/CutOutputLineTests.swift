import Foundation
import Lab
import Testing
@testable import IPsecKit

@Suite("Whether a line is the rest of one a debug message cut")
struct InterruptedLineTests {
    @Test(arguments: [
        // Indented counters: the rest has no indent.
        ("    #pkts encaps: 12, #pk", "ts encrypt: 12, #pkts digest: 12", "   current_peer 10.1.1.2 port 500", true),
        ("    #pkts encaps: 12, ", "#pkts encrypt: 12, #pkts digest: 12", nil, true),
        ("    #pkts encaps: 12", ", #pkts encrypt: 12, #pkts digest: 12", nil, true),
        // Whole lines around a message that fell between them.
        ("    #pkts encaps: 12, #pkts encrypt: 12, #pkts digest: 12", "    #pkts decaps: 10, #pkts decrypt: 10, #pkts verify: 10", nil, false),
        ("     outbound pcp sas:", "interface: Tunnel0", nil, false),
        ("     outbound pcp sas:", "", nil, false),
        ("", "interface: Tunnel0", nil, false),
        ("    Rekey   : no              State   : MM_ACTIVE", "2   IKE Peer: 10.1.1.3", nil, false),
        ("    Type    : L2L             Role    : initiator", "Total IKE SA: 2", nil, false),
        ("  ID Interface            IP-Address      State  Algorithm           Encrypt  Decrypt",
         "1001 FastEthernet0/0      10.1.0.1        set    HMAC_SHA+3DES_56_C        0        0", nil, false),
        ("     plaintext mtu 14", "38, path mtu 1500, ip mtu 1500", nil, true),
        // Table rows: a short fragment whose rest makes a full row.
        ("10.1.1.2        10.1", ".1.1        QM_IDLE           1001 ACTIVE", "dst             src             state          conn-id status", true),
        ("10.1.1.2        10.1.1.1        QM_IDLE           1001 ACTIVE", "10.1.1.3        10.1.1.1        QM_IDLE           1002 ACTIVE",
         "10.1.1.4        10.1.1.1        QM_IDLE           1003 ACTIVE", false),
        ("IPv4 Crypto ISAKMP SA", "dst             src             state          conn-id status", nil, false),
    ] as [(String, String, String?, Bool)])
    func decidesFromTheLayout(_ fragment: String, _ next: String, _ previous: String?, _ joined: Bool) {
        #expect(InterruptedLine.isRest(next, of: fragment, previous: previous) == joined)
    }
}

/// A recorded console session whose show output is cut by debug and syslog messages, as a
/// console without `logging synchronous` prints them: the analyzer joins the pieces again.
@Suite struct CutLinesInRecordedLogsTests {
    static let invalidSPI = "*Mar  1 00:01:02.123: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.1.0.1, prot=50, spi=0x1A2B3C4D(439041101), srcaddr=10.1.0.5"
    static let sending = "*Mar  1 00:01:03.001: ISAKMP (0:1001): sending packet to 10.1.0.2 my_port 500 peer_port 500 (I) QM_IDLE"
    static let notEncrypted = "*Mar  1 00:01:03.002: %CRYPTO-6-IKMP_NOT_ENCRYPTED: IKE packet from 10.1.0.2 was not encrypted"

    /// The session as it was printed: `|` marks where a message cut the line it sits in.
    /// Each element is one output line; messages go at the cuts, or on their own between lines.
    static let printed: [(line: String, messages: [String])] = [
        ("R1#show crypto isakmp sa", []),
        ("IPv4 Crypto ISAKMP SA", []),
        ("dst             src             state          conn-id status", []),
        ("10.1.0.2        10.1.0.1        QM_IDLE           1001 ACTIVE", []),
        ("10.1.0.3        10.1|.0.1        MM_NO_STATE       1002 ACTIVE", [invalidSPI]),
        ("", []),
        ("IPv6 Crypto ISAKMP SA", []),
        ("", []),
        ("R1#show crypto ipsec sa", []),
        ("", []),
        ("interface: FastEthernet0/0", []),
        ("    Crypto map tag: VPNMAP, local addr 10.1.0.1", []),
        ("", []),
        ("   protected vrf: (none)", []),
        ("   local  ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)", []),
        ("   remote ident (addr/mask/prot/port): (192.168.2.0/255.255.255.0/0/0)", []),
        ("   current_peer 10.1.0.2 port 500", []),
        ("     PERMIT, flags={origin_is_acl,}", [sending]), // a message between two whole lines
        ("    #pkts encaps: 14797, #pk|ts encrypt: 14797, #pkts digest: 14797", [sending]),
        ("    #pkts decaps: 13564, |#pkts decr|ypt: 13564, #pkts verify: 13564", [sending, notEncrypted]),
        ("    #pkts compressed: 0, #pkts decompressed: 0", []),
        ("    #pkts not compressed: 0|, #pkts compr. failed: 0", [invalidSPI]),
        ("    #pkts not decompressed: 0, #pkts decompress failed: 0", []),
        ("    #send errors 0, #recv errors 0", []),
        ("", []),
        ("     local crypto endpt.: 10.1.0.1, remote crypto endpt.: 10.1.0.2", []),
        ("     path mtu 1500, ip mtu 1500, ip mtu idb FastEthernet0/0", []),
        ("     current outbound spi: 0x9713B24F(2534650447)", []),
        ("", []),
        ("R1#", []),
    ]

    /// The recorded log: each cut filled with its messages (one message per cut, in order), and
    /// the messages of an uncut line after it.
    static func log(cut: Bool) -> String {
        var lines: [String] = []
        for (line, messages) in printed {
            let pieces = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if cut, pieces.count > 1 {
                var queue = messages[...]
                for (i, piece) in pieces.enumerated() {
                    lines.append(piece)
                    if i < pieces.count - 1 {
                        // The last cut takes every message left (two at once, as a busy console does).
                        if i == pieces.count - 2 { lines += queue; queue = [] } else if let m = queue.popFirst() { lines.append(m) }
                    }
                }
            } else {
                lines.append(pieces.joined())
                lines += messages
            }
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    static func isAsync(_ line: ByteLine) -> Bool { line.hasPrefix("*Mar") }

    func analyze(_ text: String, chunk: Int? = nil) -> (report: AnalysisReport, stream: [String]) {
        var stream: [String] = []
        var analyzer = SessionAnalyzer(isAsynchronous: { Self.isAsync($0) }, onStreamLine: { stream.append($0.string) })
        let bytes = Array(text.utf8)
        let size = chunk ?? bytes.count
        var i = 0
        while i < bytes.count { analyzer.feed(Array(bytes[i..<min(bytes.count, i + size)])); i += size }
        return (analyzer.finish(), stream)
    }

    @Test func cutCountersAndRowsComeBackWhole() throws {
        let (report, stream) = analyze(Self.log(cut: true))
        #expect(report.warnings.isEmpty)
        #expect(report.isakmpSas.map(\.src) == ["10.1.0.1", "10.1.0.1"])
        #expect(report.isakmpSas.map(\.state) == ["QM_IDLE", "MM_NO_STATE"])
        #expect(report.isakmpSas.map(\.connId) == [1001, 1002])
        let flow = try #require(report.ipsecSas.first)
        #expect(report.ipsecSas.count == 1)
        #expect([flow.counters.pktsEncaps, flow.counters.pktsEncrypt, flow.counters.pktsDigest] == [14797, 14797, 14797])
        #expect([flow.counters.pktsDecaps, flow.counters.pktsDecrypt, flow.counters.pktsVerify] == [13564, 13564, 13564])
        #expect(flow.counters.pktsNotCompressed == 0 && flow.counters.pktsComprFailed == 0)
        // The same tables as the log with no line cut; the messages reach the stream in the order printed.
        let whole = analyze(Self.log(cut: false))
        #expect(try tablesWithoutLineNumbers(report) == tablesWithoutLineNumbers(whole.report))
        #expect(stream == [Self.invalidSPI, Self.sending, Self.sending, Self.sending, Self.notEncrypted, Self.invalidSPI])
        #expect(stream == whole.stream)
        // The joined lines end where their rest was: the sections still span the whole log.
        #expect(report.sections.map(\.lastLine) == [10, 40])
    }

    @Test func chunkingDoesNotChangeTheResult() {
        let text = Self.log(cut: true)
        let whole = analyze(text)
        for size in [1, 3, 7, 64] {
            let chunked = analyze(text, chunk: size)
            #expect(chunked.report == whole.report, "chunks of \(size)")
            #expect(chunked.stream == whole.stream, "chunks of \(size)")
        }
    }

    /// Through the whole pipeline (`analyze`, `replay`): the debug lines still make the same findings.
    @Test func theDiagnosisSeesEveryMessage() throws {
        let catalog = try SignatureCatalog.builtIn()
        let cut = LogAnalysis.analyze(Self.log(cut: true), catalog: catalog)
        let whole = LogAnalysis.analyze(Self.log(cut: false), catalog: catalog)
        func withoutLines(_ findings: [Finding]) -> [Finding] {
            findings.map { var f = $0; f.firstLine = nil; f.lastLine = nil; f.evidence = []; return f }
        }
        #expect(cut.findings.contains { $0.id.lowercased().contains("spi") })
        #expect(withoutLines(cut.findings) == withoutLines(whole.findings))
        // Evidence points at the same lines (a joined row by the line where it starts).
        let cutLines = Self.log(cut: true).components(separatedBy: "\r\n")
        let wholeLines = Self.log(cut: false).components(separatedBy: "\r\n")
        for (c, w) in zip(cut.findings, whole.findings) {
            #expect(c.evidence.count == w.evidence.count, "\(c.id)")
            for (a, b) in zip(c.evidence, w.evidence) {
                #expect(wholeLines[b - 1].hasPrefix(cutLines[a - 1]), "\(c.id): \"\(cutLines[a - 1])\" for \"\(wholeLines[b - 1])\"")
            }
        }
    }
}

/// The parsed tables as JSON without the `line` fields (which count lines of the input, and
/// inputs compared here differ in their number of lines).
func tablesWithoutLineNumbers(_ report: AnalysisReport) throws -> String {
    var tables = report
    tables.sections = []; tables.warnings = []; tables.findings = []; tables.timeline = []
    func strip(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { $0.key != "line" }.mapValues(strip)
        }
        if let array = value as? [Any] { return array.map(strip) }
        return value
    }
    let object = try JSONSerialization.jsonObject(with: AnalysisReport.makeJSONEncoder().encode(tables))
    return String(decoding: try JSONSerialization.data(withJSONObject: strip(object), options: [.sortedKeys]), as: UTF8.self)
}

/// Whole lines of real and lab output, back to back, are never taken for one line cut in two:
/// a message that fell between them must not glue them together.
@Suite struct WholeLinesStayApartTests {
    /// Outputs named by their command: the shared corpus (when present) and the lab's answers.
    static func outputs() throws -> [(name: String, command: String, platform: Platform, text: String)] {
        var out: [(String, String, Platform, String)] = []
        for item in try Corpus.cases(commandPrefix: "show_crypto") {
            out.append(("\(item.platform)/\(item.command)/\(item.name)", item.command.replacingOccurrences(of: "_", with: " "),
                        item.platform == "cisco_asa" ? .asa : .ios, item.raw))
        }
        for (persona, commands) in [(Persona.ios, ["show crypto isakmp sa", "show crypto isakmp sa detail", "show crypto ipsec sa",
                                                   "show crypto engine connections active", "show crypto session detail"]),
                                    (Persona.asa, ["show crypto isakmp sa", "show crypto ikev1 sa detail", "show crypto ipsec sa"])] {
            for scenario in ["healthy", "one-way-traffic", persona == .asa ? "invalid-spi" : "main-mode-failed"] {
                var options = LabDeviceOptions()
                options.scenario = scenario
                options.persona = persona
                var device = try LabDevice(options: options)
                _ = device.start()
                _ = device.receive(persona == .asa ? "terminal pager 0\n" : "terminal length 0\n")
                for command in commands {
                    var text = device.receive(command + "\n")
                    if text.hasSuffix(device.prompt) { text.removeLast(device.prompt.count) }
                    if text.contains("% Invalid input") || text.hasPrefix("ERROR:") { continue }
                    out.append(("lab \(persona) \(scenario): \(command)", command, persona == .asa ? .asa : .ios, text))
                }
            }
        }
        return out
    }

    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func noPairOfWholeLinesIsJoined() throws {
        let outputs = try Self.outputs()
        #expect(outputs.count > 20)
        var joined: [String] = []
        for output in outputs {
            let lines = Self.lines(output.text)
            for i in lines.indices.dropFirst() where InterruptedLine.isRest(lines[i], of: lines[i - 1], previous: i > 1 ? lines[i - 2] : nil) {
                joined.append("\(output.name) line \(i): \"\(lines[i - 1])\" + \"\(lines[i])\"")
            }
        }
        #expect(joined.isEmpty, "\(joined.count) pairs: \(joined.prefix(20).joined(separator: "\n"))")
    }

    /// The analyzer, given each output with a debug message after every line, parses the same
    /// tables as from the output alone.
    @Test func messagesBetweenWholeLinesChangeNoTable() throws {
        let message = "*Mar  1 00:01:03.001: ISAKMP (0:1001): sending packet to 10.1.0.2 my_port 500 peer_port 500 (I) QM_IDLE"
        var checked = 0
        for output in try Self.outputs() {
            guard let command = ShowCommand.resolve(output.command) else { continue }
            let lines = Self.lines(output.text)
            let options = SessionAnalyzer.Options(command: command, platform: output.platform)
            let isAsync: (ByteLine) -> Bool = { $0.hasPrefix("*Mar") }
            let alone = SessionAnalyzer.analyze(lines.joined(separator: "\n"), options: options, isAsynchronous: isAsync)
            let interleaved = SessionAnalyzer.analyze(lines.map { $0 + "\n" + message }.joined(separator: "\n"),
                                                      options: options, isAsynchronous: isAsync)
            #expect(try tablesWithoutLineNumbers(interleaved) == tablesWithoutLineNumbers(alone), "\(output.name)")
            #expect(interleaved.warnings.count == alone.warnings.count, "\(output.name)")
            checked += alone.isEmpty ? 0 : 1
        }
        #expect(checked > 15)
    }
}
