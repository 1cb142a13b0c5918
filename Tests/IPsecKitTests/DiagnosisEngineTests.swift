import Foundation
import Testing
import Yams
@testable import IPsecKit

@Suite struct DiagnosisEngineTests {
    func diagnose(_ text: String, limits: DiagnosisLimits = DiagnosisLimits()) -> [Finding] {
        var engine = DiagnosisEngine(signatures: TestCatalog.signatures, limits: limits)
        engine.consume(text: text)
        return engine.findings
    }

    func ids(_ findings: [Finding]) -> [String] { findings.map(\.id) }

    @Test func catalogCompilesWithoutProblems() {
        let engine = DiagnosisEngine(signatures: TestCatalog.signatures)
        #expect(engine.patternProblems.isEmpty)
    }

    // MARK: - Healthy negotiations

    @Test func healthyIsakmpSampleGivesNoFindings() {
        #expect(diagnose(DebugSamples.healthyIsakmp).isEmpty)
    }

    @Test func healthyIpsecSampleGivesNoFindings() {
        #expect(diagnose(DebugSamples.healthyIpsec).isEmpty)
    }

    @Test func pixRejectThenAcceptGivesNoFindings() {
        #expect(diagnose(DebugSamples.pixRejectThenAccept).isEmpty)
        #expect(diagnose(DebugSamples.pixIpsec).isEmpty)
    }

    @Test func rejectedProposalWithoutOutcomeStaysPending() {
        // A rejected transform alone is proposal walking, not a fault (yet).
        #expect(diagnose("ISAKMP (0:1): atts are not acceptable. Next payload is 3").isEmpty)
    }

    // MARK: - Phase 1

    @Test func mainModeFailure() throws {
        let f = diagnose(DebugSamples.mainModeFailed)
        #expect(ids(f) == ["main-mode-failed"])
        let m = try #require(f.first)
        #expect(m.peer == "198.51.100.1")
        #expect(m.count == 1)
        #expect(m.evidence == [1, 2, 3, 4])
        #expect(m.firstLine == 1 && m.lastLine == 4)
        #expect(m.captures["next_payload"] == "0")
        #expect(m.severity == .error && m.phase == .phase1)
    }

    @Test func mainModeFailureOnASA() throws {
        let f = diagnose("""
        Nov 28 10:00:01 [IKEv1 DEBUG]: IP = 10.0.0.7, All SA proposals found unacceptable
        Nov 28 10:00:01 [IKEv1]: IP = 10.0.0.7, Error processing payload: Payload ID: 1
        """)
        #expect(ids(f) == ["main-mode-failed"])
        #expect(f.first?.peer == "10.0.0.7")
    }

    @Test func hashMismatchExplainsTheMainModeFailure() throws {
        let f = diagnose(DebugSamples.hashMismatch)
        #expect(ids(f) == ["policy-hash-mismatch"])
        let h = try #require(f.first)
        #expect(h.peer == "203.0.113.22")
        #expect(h.count == 1)
        // The explanation, the rejected transform and the failure lines are all evidence.
        #expect(h.evidence == [10, 11, 12, 13])
        #expect(h.confidence >= 0.9)
    }

    /// Read as one stream, the note's two-router block checks the offer against a configured
    /// policy (hash mismatch) and then the default policy 65535 (encryption mismatch): the
    /// configured policy's mismatch is what to fix. (Each router's half alone gives its own
    /// explanation: see SeedDiagnosisTests.)
    @Test func seedHashAndEncryptionBlockReportsTheConfiguredPolicysMismatch() {
        let f = diagnose(DebugSamples.seedHashAndEncryption)
        #expect(Set(ids(f)) == ["policy-hash-mismatch"])
        #expect(!ids(f).contains("main-mode-failed"))
        #expect(f.allSatisfy { $0.peer == "203.0.113.22" && $0.count == 1 })
    }

    @Test func ikeSanityCheckBothSpellings() throws {
        let f = diagnose("""
        1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its sanity check or is malformed
        *Mar  1 00:01:02.345: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.9 failed its sanity check or is malformed
        """)
        #expect(ids(f) == ["ike-sanity-check", "ike-sanity-check"])
        #expect(Set(f.compactMap(\.peer)) == ["198.51.100.1", "198.51.100.9"])
        #expect(f.allSatisfy { $0.confidence >= 0.95 })
    }

    @Test func noCertNoKeys() throws {
        let f = diagnose("1d00h: ISAKMP: No cert, and no keys (public or pre-shared) with remote peer 198.51.100.2")
        #expect(ids(f) == ["no-cert-no-keys"])
        #expect(f.first?.peer == "198.51.100.2")
        #expect(f.first?.captures["peer"] == "198.51.100.2")
    }

    @Test func retriesOfTheSamePeerCountSeparately() throws {
        let attempt = """
        ISAKMP (0:1): beginning Main Mode exchange
        ISAKMP (0:1): sending packet to 10.0.0.2 (I) MM_NO_STATE
        ISAKMP (0:1): atts are not acceptable. Next payload is 0
        ISAKMP (0:1): no offers accepted!
        ISAKMP (0:1): SA not acceptable!
        """
        let f = diagnose(attempt + "\n" + attempt)
        #expect(ids(f) == ["main-mode-failed"])
        #expect(f.first?.count == 2)
        #expect(f.first?.evidence == [3, 4, 5, 8, 9, 10])
    }

    // MARK: - Phase 2

    @Test func invalidLocalAddress() throws {
        let f = diagnose("""
        IPSEC(validate_proposal): invalid local address 10.2.0.2
        ISAKMP (0:3): atts not acceptable. Next payload is 0
        ISAKMP (0:3): SA not acceptable!
        """)
        #expect(ids(f) == ["invalid-local-address"])
        let m = try #require(f.first)
        #expect(m.captures["local_address"] == "10.2.0.2")
        #expect(m.count == 1)
        #expect(m.evidence == [1, 3])
    }

    @Test func proxyIdentitiesIOSAndASA() throws {
        let ios = diagnose("""
        1d00h: ISAKMP (0:2): sending packet to 172.21.114.67 (R) QM_IDLE
        1d00h: IPsec(validate_transform_proposal): proxy identities not supported
        1d00h: ISAKMP: IPsec policy invalidated proposal
        1d00h: ISAKMP (0:2): SA not acceptable!
        """)
        #expect(ids(ios) == ["proxy-id-unsupported"])
        #expect(ios.first?.peer == "172.21.114.67")
        #expect(ios.first?.related == ["invalid-proxy-ids"])

        let asa = diagnose("""
        Dec 04 2014 12:37:51: %ASA-5-713119: Group = 192.0.2.100, IP = 192.0.2.100, PHASE 1 COMPLETED
        Dec 04 2014 12:37:51: %ASA-3-713061: Group = 192.0.2.100, IP = 192.0.2.100, Rejecting IPSec tunnel: no matching crypto map entry for remote proxy 10.9.0.0/255.255.255.0/0/0 local proxy 10.1.0.0/255.255.255.0/0/0 on interface outside
        """)
        #expect(ids(asa) == ["proxy-id-unsupported"])
        #expect(asa.first?.peer == "192.0.2.100")
        #expect(asa.first?.captures["remote_proxy"] == "10.9.0.0/255.255.255.0/0/0")
    }

    @Test func transformProposalRejectedToTheEnd() throws {
        let f = diagnose("""
        1d00h: ISAKMP (0:2): Checking IPsec proposal 1
        1d00h: IPsec (validate_proposal): transform proposal (port 3, trans 2, hmac_alg 2) not supported
        1d00h: ISAKMP (0:2) : atts not acceptable. Next payload is 0
        1d00h: ISAKMP (0:2) SA not acceptable
        """)
        #expect(ids(f) == ["transform-unsupported"])
        #expect(f.first?.captures["prot"] == "3")
        #expect(f.first?.captures["trans"] == "2")
        #expect(f.first?.captures["hmac_alg"] == "2")
        #expect(f.first?.confidence == 0.75)
    }

    @Test func bareFailureInPhase2PicksAPhase2Signature() {
        let f = diagnose("""
        ISAKMP (0:4): Checking IPsec proposal 1
        ISAKMP (0:4): SA not acceptable!
        """)
        #expect(f.count == 1)
        #expect(f.first?.phase == .phase2)
    }

    // MARK: - Data plane

    @Test func replayCheckIOSAndASA() throws {
        let f = diagnose("""
        *Mar  1 00:01:02.345: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5
        *Mar  1 00:01:03.345: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5
        *Mar  1 00:01:04.345: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5
        Jan 31 2020 17:24:03: %ASA-4-402119: IPSEC: Received an ESP packet (SPI= 0x0C190BF9, sequence number= 0x598243) from 192.0.2.1 (user= 192.0.2.1) to 192.0.2.2 that failed anti-replay checking.
        """)
        #expect(ids(f) == ["replay-check", "replay-check"])
        let ios = try #require(f.first { $0.peer == nil })
        #expect(ios.count == 3)
        #expect(ios.evidence == [1, 2, 3])
        #expect(ios.captures["conn_id"] == "5")
        let asa = try #require(f.first { $0.peer == "192.0.2.1" })
        #expect(asa.captures["spi"] == "0x0C190BF9")
        #expect(asa.captures["local"] == "192.0.2.2")
    }

    @Test func invalidSpiPixAsaAndIOS() throws {
        let f = diagnose("""
        %PIX-4-402101: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.1.0.1, prot=esp, spi=0x9a46ecae
        %PIX|ASA-4-402101: decaps: recd IPSEC packet has invalid spi for destaddr=10.1.0.1, prot=esp, spi=0x9a46ecaf
        *Apr 23 21:48:19.495: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=203.0.113.69, prot=50, spi=0x136D8924(325945636), srcaddr=198.51.100.201, input interface=Ethernet0/1
        """)
        #expect(ids(f) == ["invalid-spi", "invalid-spi"])
        let pix = try #require(f.first { $0.peer == nil })
        #expect(pix.count == 2)
        #expect(pix.captures["destaddr"] == "10.1.0.1")
        #expect(pix.captures["spi"] == "0x9a46ecae")
        let ios = try #require(f.first { $0.peer == "198.51.100.201" })
        #expect(ios.captures["prot"] == "50")
    }

    // MARK: - Negatives

    @Test func nearMissesGiveNoFindings() {
        let f = diagnose("""
        %CRYPTO-4-IKMP_NO_SA: IKE message from 10.10.10.10 has no SA and is not an initialization offer
        replay check failed on a lab trace (prose, no syslog tag)
        %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check ok connection id=5
        ISAKMP: No cert found for peer 198.51.100.2
        The log said "invalid local address" once
        Hash algorithm offered matches policy
        %ASA-4-402119: IPSEC: Received an ESP packet that passed anti-replay checking.
        %PIX-4-402102: decapsulate: packet missing {AH|ESP}, destadr=10.0.0.1, actual prot=1
        """)
        #expect(f.isEmpty)
    }

    // MARK: - Attribution and streaming

    @Test func interleavedPeersGetTheirOwnFindings() throws {
        let f = diagnose(DebugSamples.interleaved)
        var byPeer: [String: [String]] = [:]
        for x in f { byPeer[x.peer ?? "-", default: []].append(x.id) }
        #expect(byPeer["10.0.0.2"] == ["policy-hash-mismatch"])
        #expect(byPeer["10.0.0.3"] == nil)
        #expect(byPeer["10.0.0.4"] == ["main-mode-failed"])
        #expect(byPeer["10.0.0.5"] == ["invalid-spi"])
        #expect(byPeer["10.0.0.6"] == ["proxy-id-unsupported"])
        #expect(byPeer["-"] == nil)
    }

    @Test func byteByByteEqualsWhole() {
        let text = [DebugSamples.interleaved, DebugSamples.mainModeFailed, DebugSamples.pixRejectThenAccept,
                    DebugSamples.seedHashAndEncryption].joined(separator: "\n")
        let bytes = Array(text.utf8)
        func run(_ chunks: [ArraySlice<UInt8>]) -> ([Finding], [String: [NegotiationEvent]]) {
            var engine = DiagnosisEngine(signatures: TestCatalog.signatures)
            var framer = LineFramer()
            for c in chunks { framer.feed(Array(c)) { engine.consume($0) } }
            framer.finish { engine.consume($0) }
            var timelines: [String: [NegotiationEvent]] = [:]
            for p in engine.timelinePeers { timelines[p] = engine.timeline(for: p) }
            return (engine.findings, timelines)
        }
        let whole = run([bytes[...]])
        let single = run(bytes.indices.map { bytes[$0...$0] })
        let odd = run(stride(from: 0, to: bytes.count, by: 7).map { bytes[$0..<min($0 + 7, bytes.count)] })
        #expect(!whole.0.isEmpty)
        #expect(whole.0 == single.0)
        #expect(whole.0 == odd.0)
        #expect(whole.1 == single.1)
    }

    // MARK: - Timeline

    @Test func timelineOfAHealthyNegotiation() {
        var engine = DiagnosisEngine(signatures: TestCatalog.signatures)
        engine.consume(text: DebugSamples.modernHealthy)
        let kinds = engine.timeline(for: "10.0.0.3").map(\.kind)
        #expect(kinds == [.mainModeStarted, .policyChecked, .proposalAccepted, .skeyidGenerated, .authenticated,
                          .quickModeProposal, .proposalAccepted, .spiAllocated, .saCreated, .saCreated])
        #expect(engine.findings.isEmpty)
    }

    @Test func timelineRecordsErrors() {
        var engine = DiagnosisEngine(signatures: TestCatalog.signatures)
        engine.consume(text: DebugSamples.hashMismatch)
        let events = engine.timeline(for: "203.0.113.22")
        #expect(events.first?.kind == .mainModeStarted)
        #expect(events.contains { $0.kind == .error && $0.signature == "policy-hash-mismatch" })
        #expect(events.contains { $0.kind == .proposalRejected })
    }

    // MARK: - Bounds

    @Test func evidenceAndFindingsAreCapped() throws {
        var limits = DiagnosisLimits()
        limits.findings = 5
        limits.evidenceLines = 4
        var lines: [String] = []
        for i in 0..<100 { lines.append("ISAKMP: No cert, and no keys (public or pre-shared) with remote peer 10.1.\(i / 250).\(i % 250)") }
        for _ in 0..<50 { lines.append("%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=7") }
        let f = diagnose(lines.joined(separator: "\n"), limits: limits)
        #expect(f.count <= 7)
        #expect(f.filter { $0.id == "no-cert-no-keys" }.map(\.count).reduce(0, +) == 100)
        let replay = try #require(f.first { $0.id == "replay-check" })
        #expect(replay.count == 50)
        #expect(replay.evidence == [101, 102, 103, 104])
        #expect(replay.lastLine == 150)
    }

    @Test func exchangesAndTimelinesAreCapped() {
        var limits = DiagnosisLimits()
        limits.exchanges = 16
        limits.timelinePeers = 8
        limits.eventsPerPeer = 3
        var engine = DiagnosisEngine(signatures: TestCatalog.signatures, limits: limits)
        var text = ""
        for i in 0..<200 {
            text += "ISAKMP (0:\(i + 1)): sending packet to 10.2.\(i / 100).\(i % 100) (I) MM_NO_STATE\n"
            text += "ISAKMP (0:\(i + 1)): Checking ISAKMP transform 1 against priority 1 policy\n"
            text += "ISAKMP (0:\(i + 1)): atts are acceptable. Next payload is 0\n"
            text += "ISAKMP (0:\(i + 1)): SKEYID state generated\n"
            text += "ISAKMP (0:\(i + 1)): SA has been authenticated\n"
        }
        engine.consume(text: text)
        #expect(engine.timelinePeers.count <= 8)
        #expect(engine.timelinePeers.allSatisfy { engine.timeline(for: $0).count <= 3 })
        #expect(engine.timeline(for: "10.2.1.99").map(\.kind) == [.proposalAccepted, .skeyidGenerated, .authenticated])
        #expect(engine.findings.isEmpty)
    }

    // MARK: - Model and catalog handling

    @Test func findingJSONUsesSnakeCase() throws {
        let f = diagnose(DebugSamples.mainModeFailed)
        let data = try JSONEncoder().encode(f)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"first_line\":1"))
        #expect(json.contains("\"last_line\":4"))
        #expect(try JSONDecoder().decode([Finding].self, from: data) == f)
    }

    @Test func findingsAreSortedMostSevereFirst() {
        let f = diagnose("""
        %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5
        ISAKMP: No cert, and no keys (public or pre-shared) with remote peer 198.51.100.2
        """)
        #expect(f.map(\.severity) == [.error, .warning])
    }

    @Test func badPatternsAreReportedNotFatal() {
        let sigs = [
            TestCatalog.signature("broken", .phase1, .info, [TestCatalog.p(["x"], "(unclosed", .trigger)]),
            TestCatalog.signature("derived", .phase1, .info, [TestCatalog.p([], #"QM FSM error \(P2 struct"#, .trigger)]),
            TestCatalog.signature("hopeless", .phase1, .info, [TestCatalog.p([], #"a|b"#, .trigger)]),
        ]
        var engine = DiagnosisEngine(signatures: sigs)
        #expect(engine.patternProblems.count == 2)
        engine.consume(text: "%ASA-3-713902: Group = 192.0.2.1, IP = 192.0.2.1, QM FSM error (P2 struct &0x00007fff33763a70, mess id 0x1)")
        #expect(engine.findings.map(\.id) == ["derived"])
    }

    @Test func signaturesFromYAML() throws {
        let yaml = """
        - id: qm-fsm
          title: Quick mode state machine error
          phase: phase2
          severity: error
          summary: The L2L tunnel does not come up.
          patterns:
            - literals: ["QM FSM error"]
              regex: 'IP = (?<peer>[\\d.]+), QM FSM error'
              platform: asa
              role: trigger
          causes: [Crypto ACLs are not mirror images]
          fixes:
            - text: Compare the crypto ACLs on both ends
          confirm:
            asa: [show crypto ipsec sa]
        """
        let sigs = try YAMLDecoder().decode([Signature].self, from: yaml)
        var engine = DiagnosisEngine(signatures: sigs)
        engine.consume(text: "Dec 04 2014 12:37:51: %ASA-3-713902: Group = 192.0.2.100, IP = 192.0.2.100, QM FSM error (P2 struct &0x00007fff33763a70, mess id 0x59c5d9b7)!")
        let f = engine.findings
        #expect(f.map(\.id) == ["qm-fsm"])
        #expect(f.first?.peer == "192.0.2.100")
        #expect(engine.signature(for: f[0])?.causes == ["Crypto ACLs are not mirror images"])
    }

    @Test func garbageInputNeitherCrashesNorHangs() {
        var rng: UInt64 = 0xDEADBEEF12345678
        func next() -> UInt8 { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return UInt8(truncatingIfNeeded: rng) }
        var bytes: [UInt8] = []
        let fragments = ["ISAKMP (0:", "SA not acceptable", "atts are acceptable", "peer at 10.0.0.", "%CRYPTO-4-PKT_REPLAY_ERR: ",
                         "Hash algorithm offered does not match policy!", "no offers accepted!", "\u{FFFD}", "(?<"]
        for i in 0..<20_000 {
            if i % 50 == 0 { bytes += Array(fragments[Int(next()) % fragments.count].utf8) }
            bytes.append(next() % 7 == 0 ? .newline : next())
        }
        bytes += Array(repeating: UInt8(ascii: "A"), count: 100_000) + Array("SA not acceptable!\n".utf8)
        var engine = DiagnosisEngine(signatures: TestCatalog.signatures)
        var framer = LineFramer()
        framer.feed(bytes) { engine.consume($0) }
        framer.finish { engine.consume($0) }
        #expect(engine.linesConsumed > 1000)
        #expect(engine.findings.allSatisfy { $0.count >= 1 && $0.evidence.count <= DiagnosisLimits().evidenceLines })
        #expect(DiagnosisEngine(signatures: []).findings.isEmpty)
    }

    @Test func prefilterKeepsRegexOffOrdinaryLines() {
        var engine = DiagnosisEngine(signatures: TestCatalog.signatures)
        var text = ""
        for i in 0..<500 { text += "%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel\(i), changed state to up\n" }
        text += "%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5\n"
        engine.consume(text: text)
        #expect(engine.linesConsumed == 501)
        #expect(engine.regexEvaluations == 1)
        #expect(engine.findings.count == 1)
    }
}
