import Foundation
import Testing
@testable import Lab

/// What each scenario must show, written from the knowledge spec (section 2) independently
/// of the scenario table, so a wrong row fails here.
struct ScenarioExpectation: Sendable, CustomStringConvertible {
    let id: String
    let persona: Persona
    /// ISAKMP state in `show crypto isakmp sa`; nil: no SA row.
    let state: String?
    let ipsecUp: Bool
    /// Device strings the debug/log stream must carry within 30 s with all debugs on.
    let strings: [String]

    var description: String { "\(id)/\(persona.rawValue)" }

    static let all: [ScenarioExpectation] = [
        .init(id: "healthy", persona: .ios, state: "QM_IDLE", ipsecUp: true, strings: []),
        .init(id: "healthy", persona: .asa, state: "MM_ACTIVE", ipsecUp: true, strings: []),
        .init(id: "ike-sanity-check", persona: .ios, state: "MM_KEY_EXCH", ipsecUp: false,
              strings: ["%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 10.1.0.2 failed its sanity check or is malformed"]),
        .init(id: "ike-sanity-check", persona: .asa, state: "MM_KEY_EXCH", ipsecUp: false, strings: ["mismatched pre-shared key"]),
        .init(id: "main-mode-failed", persona: .ios, state: "MM_NO_STATE", ipsecUp: false,
              strings: ["atts are not acceptable. Next payload is 0", "no offers accepted!", "SA not acceptable!",
                        "%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 10.1.0.2"]),
        .init(id: "policy-hash-mismatch", persona: .ios, state: "MM_NO_STATE", ipsecUp: false,
              strings: ["Hash algorithm offered does not match policy!", "Encryption algorithm offered does not match policy!",
                        "against priority 65535 policy", "phase 1 SA not acceptable!"]),
        .init(id: "proxy-id-unsupported", persona: .ios, state: "QM_IDLE", ipsecUp: false,
              strings: ["IPsec(validate_transform_proposal): proxy identities not supported", "ISAKMP: IPsec policy invalidated proposal"]),
        .init(id: "transform-unsupported", persona: .ios, state: "QM_IDLE", ipsecUp: false,
              strings: ["IPsec (validate_proposal): transform proposal (port 3, trans 2, hmac_alg 2) not supported", "atts not acceptable"]),
        .init(id: "invalid-local-address", persona: .ios, state: "QM_IDLE", ipsecUp: false,
              strings: ["IPSEC(validate_proposal): invalid local address 10.1.0.1", "atts not acceptable", "SA not acceptable!"]),
        .init(id: "no-cert-no-keys", persona: .ios, state: "MM_NO_STATE", ipsecUp: false,
              strings: ["ISAKMP: No cert, and no keys (public or pre-shared) with remote peer 10.1.0.2"]),
        .init(id: "peer-not-found", persona: .ios, state: "QM_IDLE", ipsecUp: false,
              strings: ["IPSEC(validate_transform_proposal): peer address 10.1.0.2 not found", "(type=1)"]),
        .init(id: "invalid-proxy-ids", persona: .ios, state: "QM_IDLE", ipsecUp: false, strings: ["IPSEC(initialize_sas): invalid proxy IDs"]),
        .init(id: "reserved-not-zero", persona: .ios, state: "MM_KEY_EXCH", ipsecUp: false, strings: ["reserved not zero on payload 5"]),
        .init(id: "replay-check", persona: .ios, state: "QM_IDLE", ipsecUp: true,
              strings: ["%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=2000"]),
        .init(id: "invalid-spi", persona: .asa, state: "MM_ACTIVE", ipsecUp: true,
              strings: ["%ASA-4-402101: decaps: recd IPSEC packet has invalid spi for destaddr=10.1.0.1, prot=esp, spi="]),
        .init(id: "hmac-failed", persona: .ios, state: "QM_IDLE", ipsecUp: true,
              strings: ["%MOTCR-1-ERROR: motcr_crypto_callback() motcr return failure",
                        "%MOTCR-1-PKTENGRET_ERROR: MOTCR PktEng Return Value = 0x20000, PktEngReturn_MACMiscompare"]),
        .init(id: "hw-encrypt-decrypt-error", persona: .ios, state: "QM_IDLE", ipsecUp: true,
              strings: ["%HW_VPN-1-HPRXERR: Hardware VPN0/2: Packet Encryption/Decryption error, status=4615"]),
        .init(id: "esp-sequence-fail", persona: .ios, state: "QM_IDLE", ipsecUp: true, strings: ["%C1700_EM-1-ERROR: packet-rx error: ESP sequence fail"]),
        .init(id: "qm-fsm", persona: .asa, state: "MM_ACTIVE", ipsecUp: false, strings: ["QM FSM error"]),
        .init(id: "remote-not-responding", persona: .ios, state: "QM_IDLE", ipsecUp: false, strings: ["remote peer not responding"]),
        .init(id: "remote-not-responding", persona: .asa, state: "MM_ACTIVE", ipsecUp: false, strings: ["remote peer not responding"]),
        .init(id: "all-proposals-unacceptable", persona: .ios, state: "QM_IDLE", ipsecUp: false, strings: ["all IPSec SA proposals found unacceptable"]),
        .init(id: "all-proposals-unacceptable", persona: .asa, state: "MM_ACTIVE", ipsecUp: false, strings: ["all IPSec SA proposals found unacceptable"]),
        .init(id: "platform-no-sw-crypto", persona: .ios, state: nil, ipsecUp: false, strings: ["crypto_engine_select_crypto_engine: can't handle any more"]),
        .init(id: "one-way-traffic", persona: .ios, state: "QM_IDLE", ipsecUp: true, strings: []),
        .init(id: "one-way-traffic", persona: .asa, state: "MM_ACTIVE", ipsecUp: true, strings: []),
        .init(id: "mtu", persona: .ios, state: "QM_IDLE", ipsecUp: true, strings: []),
        .init(id: "mtu", persona: .asa, state: "MM_ACTIVE", ipsecUp: true, strings: []),
        .init(id: "ra-no-route", persona: .asa, state: "AM_ACTIVE", ipsecUp: true, strings: ["%ASA-6-110003: Routing failed to locate next hop"]),
        .init(id: "split-tunnel-pix", persona: .asa, state: "AM_ACTIVE", ipsecUp: true, strings: []),
        .init(id: "sysopt-missing", persona: .asa, state: "AM_ACTIVE", ipsecUp: true, strings: ["%ASA-4-106023: Deny tcp src outside:10.135.1.5"]),
    ]
}

@Suite("Lab scenarios: every output agrees with the scenario")
struct LabScenarioTests {
    @Test func everyCatalogScenarioIsCovered() {
        let covered = Set(ScenarioExpectation.all.map { "\($0.id)/\($0.persona.rawValue)" })
        let modelled = Set(ScenarioCatalog.all.flatMap { s in s.personas.map { "\(s.id)/\($0.rawValue)" } })
        #expect(covered == modelled)
        #expect(ScenarioCatalog.all.count == 25)
    }

    @Test(arguments: ScenarioExpectation.all)
    func isakmpStateMatches(_ e: ScenarioExpectation) throws {
        var d = try LabDriver(e.id, persona: e.persona)
        _ = d.wait(4) // failing scenarios make their first attempt
        let out = d.output("show crypto isakmp sa")
        if let state = e.state {
            #expect(out.contains(state))
        } else {
            #expect(!out.contains("_"), "no ISAKMP SA expected")
        }
    }

    @Test(arguments: ScenarioExpectation.all)
    func ipsecSAsMatch(_ e: ScenarioExpectation) throws {
        var d = try LabDriver(e.id, persona: e.persona)
        _ = d.type(e.persona == .ios ? "terminal length 0" : "terminal pager 0")
        let out = d.output("show crypto ipsec sa")
        let spi = e.persona == .ios ? "      spi: 0x" : "      spi: 0x"
        #expect(out.contains(spi) == e.ipsecUp)
        if e.persona == .asa && !e.ipsecUp { #expect(out == "There are no ipsec sas\n") }
    }

    @Test(arguments: ScenarioExpectation.all.filter { !$0.strings.isEmpty })
    func debugStreamCarriesTheDeviceStrings(_ e: ScenarioExpectation) throws {
        var d = try LabDriver(e.id, persona: e.persona)
        _ = d.type("terminal monitor")
        _ = d.type(e.persona == .ios ? "debug crypto isakmp" : "debug crypto isakmp 127")
        _ = d.type(e.persona == .ios ? "debug crypto ipsec" : "debug crypto ipsec 127")
        if e.persona == .ios { _ = d.type("debug crypto engine") }
        var stream = ""
        for _ in 0..<30 { stream += d.wait(1) }
        for s in e.strings { #expect(stream.contains(s), "missing: \(s)") }
    }

    @Test func debugLinesOnlyWhileDebugsAreOn() throws {
        var d = try LabDriver()
        _ = d.type("terminal monitor")
        _ = d.type("clear crypto sa")
        #expect(d.wait(5) == "")
        _ = d.type("debug crypto ipsec")
        _ = d.type("clear crypto sa")
        let on = d.wait(5)
        #expect(on.components(separatedBy: "IPSEC(create_sa): sa created").count == 3)
        #expect(on.contains("*Mar "))
        #expect(on.hasSuffix("R1#"))
        _ = d.type("undebug all")
        _ = d.type("clear crypto sa")
        #expect(d.wait(5) == "")
    }

    @Test func vtyNeedsTerminalMonitorConsoleDoesNot() throws {
        var vty = try LabDriver("main-mode-failed")
        _ = vty.type("debug crypto isakmp")
        #expect(vty.wait(15) == "")
        _ = vty.type("terminal monitor")
        #expect(vty.wait(15).contains("no offers accepted!"))
        var console = try LabDriver("main-mode-failed") { $0.console = true }
        _ = console.type("debug crypto isakmp")
        #expect(console.wait(15).contains("no offers accepted!"))
    }

    @Test func debugConditionFiltersOtherPeers() throws {
        var d = try LabDriver("main-mode-failed")
        _ = d.type("terminal monitor")
        _ = d.type("debug crypto isakmp")
        _ = d.type("debug crypto condition peer ipv4 10.9.9.9")
        let filtered = d.wait(15)
        #expect(!filtered.contains("ISAKMP (0:"))
        #expect(filtered.contains("%CRYPTO-6-IKMP_MODE_FAILURE"), "log messages are not debug output")
        #expect(d.output("show debugging").contains("10.9.9.9"))
    }

    @Test func asaTimestampsAndIosTimestamps() throws {
        var asa = try LabDriver("qm-fsm", persona: .asa)
        _ = asa.type("terminal monitor")
        _ = asa.type("debug crypto isakmp 127")
        let out = asa.wait(5)
        let line = out.split(separator: "\n").first { $0.contains("QM FSM error") } ?? ""
        #expect(line.range(of: #"^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \[IKEv1\]: Group = 10\.1\.0\.2"#, options: .regularExpression) != nil)
        var ios = try LabDriver("main-mode-failed")
        _ = ios.type("terminal monitor")
        _ = ios.type("debug crypto isakmp")
        let iosLine = ios.wait(5).split(separator: "\n").first { $0.contains("no offers") } ?? ""
        #expect(iosLine.range(of: #"^\*Mar [ \d]\d \d{2}:\d{2}:\d{2}\.\d{3}: ISAKMP \(0:1001\): no offers accepted!$"#, options: .regularExpression) != nil)
    }

    @Test func countersGrowPerDirection() throws {
        var d = try LabDriver("one-way-traffic")
        _ = d.type("terminal length 0")
        let before = d.device.encapsCount
        _ = d.wait(10)
        #expect(d.device.encapsCount == before + 90)
        #expect(d.device.decapsCount == 0)
        let show = d.output("show crypto ipsec sa")
        #expect(show.contains("#pkts encaps: \(before + 90),"))
        #expect(show.contains("#pkts decaps: 0,"))
    }

    @Test func receiveErrorsCountTheLoggedEvents() throws {
        var d = try LabDriver("replay-check")
        _ = d.type("terminal monitor")
        var logged = 0
        for _ in 0..<60 { logged += d.wait(1).components(separatedBy: "PKT_REPLAY_ERR").count - 1 }
        #expect(logged == 4) // at 7, 22, 37, 52 s
        #expect(d.device.receiveErrors == 4)
        _ = d.type("terminal length 0")
        #expect(d.output("show crypto ipsec sa").contains("#recv errors 4"))
        #expect(d.output("show running-config").contains("crypto ipsec transform-set TS esp-3des esp-md5-hmac"))
    }

    @Test func lifetimesCountDownAndRekey() throws {
        var d = try LabDriver()
        let spi = d.device.tunnel.inboundSpi
        let remaining = d.device.phase2RemainingSeconds
        _ = d.wait(10)
        #expect(d.device.phase2RemainingSeconds == remaining - 10)
        _ = d.wait(Double(remaining))
        #expect(d.device.tunnel.inboundSpi != spi)
        #expect(d.device.phase2RemainingSeconds > 3500)
    }

    @Test func clearCryptoSAResetsAndRenegotiates() throws {
        var d = try LabDriver()
        _ = d.type("terminal length 0")
        _ = d.type("clear crypto sa")
        #expect(!d.output("show crypto ipsec sa").contains("      spi: 0x"))
        _ = d.wait(2)
        let out = d.output("show crypto ipsec sa")
        #expect(out.contains("      spi: 0x"))
        #expect(out.contains("#pkts encaps: 24,"))
    }

    @Test func mtuScenarioFailsLargeDFPings() throws {
        var d = try LabDriver("mtu")
        _ = d.type("debug ip icmp")
        let big = d.output("ping 192.168.2.10 size 1500 df-bit")
        #expect(big.contains("Packet sent with the DF bit set"))
        #expect(big.contains("frag. needed and DF set"))
        #expect(big.contains("Success rate is 0 percent (0/5)"))
        let small = d.output("ping 192.168.2.10 size 1400 df-bit")
        #expect(small.contains("Success rate is 100 percent (5/5)"))
        var healthy = try LabDriver()
        #expect(healthy.output("ping 192.168.2.10 size 1500 df-bit").contains("!!!!!"))
        var oneWay = try LabDriver("one-way-traffic")
        #expect(oneWay.output("ping 192.168.2.10").contains("....."))
    }

    @Test func runningConfigShowsTheScenarioMismatch() throws {
        var a = try LabDriver("proxy-id-unsupported")
        var b = try LabDriver("proxy-id-unsupported") { $0.peerOf = "R1" }
        _ = a.type("terminal length 0"); _ = b.type("terminal length 0")
        let ra = a.output("show running-config"), rb = b.output("show running-config")
        #expect(b.device.prompt == "R2#")
        #expect(ra.contains("access-list 110 permit ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255"))
        #expect(rb.contains("access-list 110 permit ip 192.168.2.0 0.0.0.255 192.168.1.0 0.0.0.127"))
        #expect(rb.contains("crypto isakmp key Lab-Key-7731 address 10.1.0.1"))
        #expect(rb.contains(" ip address 10.1.0.2 255.255.255.0"))
        var k1 = try LabDriver("ike-sanity-check"), k2 = try LabDriver("ike-sanity-check") { $0.peerOf = "R1" }
        _ = k1.type("terminal length 0"); _ = k2.type("terminal length 0")
        #expect(k1.output("show running-config").contains("crypto isakmp key Lab-Key-7731 address 10.1.0.2"))
        #expect(k2.output("show running-config").contains("crypto isakmp key Lab-Key-7713 address 10.1.0.1"))
        var s = try LabDriver("sysopt-missing", persona: .asa)
        _ = s.type("terminal pager 0")
        #expect(s.output("show running-config").contains("\nno sysopt connection permit-vpn\n"))
        var t = try LabDriver("split-tunnel-pix", persona: .asa)
        _ = t.type("terminal pager 0")
        #expect(t.output("show running-config").contains(" split-tunnel-policy tunnelall"))
        #expect(t.output("show crypto ipsec sa").contains("local ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)"))
    }

    @Test func auditRecordsEveryCommand() throws {
        var d = try LabDriver { $0.unprivileged = true }
        _ = d.type("enable"); _ = d.type("cisco")
        _ = d.wait(1.5)
        _ = d.type("debug crypto isakmp")
        _ = d.type("undebug all")
        let audit = d.device.drainAudit()
        #expect(audit.count == 4)
        #expect(audit[0].hasSuffix(" R1 enable"))
        #expect(audit[1].hasSuffix(" R1 <secret>"))
        #expect(audit[3].hasSuffix(" R1 undebug all"))
        #expect(audit[3].range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.500Z"#, options: .regularExpression) != nil)
        #expect(!audit.joined().contains("cisco"))
        #expect(d.device.drainAudit().isEmpty)
    }

    @Test func sameSeedSameOutputOtherSeedOtherSPIs() throws {
        func session(seed: UInt64) throws -> String {
            var d = try LabDriver("replay-check", seed: seed)
            var text = d.type("terminal length 0") + d.type("terminal monitor") + d.type("debug crypto ipsec")
            text += d.type("clear crypto sa") + d.wait(20) + d.type("show crypto ipsec sa") + d.type("show clock")
            return text + d.device.drainAudit().joined(separator: "\n")
        }
        #expect(try session(seed: 42) == session(seed: 42))
        #expect(try session(seed: 42) != session(seed: 43))
    }

    @Test func loadModeStreamsNumberedLinesAtTheRate() throws {
        var d = try LabDriver("main-mode-failed") { $0.debugRate = 500 }
        _ = d.type("terminal monitor")
        #expect(d.wait(1) == "", "no debug on: no load lines")
        _ = d.type("debug crypto isakmp")
        var lines: [Substring] = []
        for _ in 0..<4 { lines += d.wait(0.5).split(separator: "\n").filter { $0.first?.isNumber == true } }
        // Lines every 2 ms after debug went on at t=1000, through t=3000.
        #expect(lines.count == 1000)
        #expect(lines.first?.hasPrefix("000001: *Mar ") == true)
        #expect(lines.last?.hasPrefix("001000: ") == true)
        for (n, line) in lines.enumerated() {
            let seq = Int(line.prefix(6)) ?? -1
            if seq != n + 1 { Issue.record("sequence \(seq) at \(n)"); break }
        }
        _ = d.type("undebug all")
        #expect(!d.wait(1).contains("00"))
    }

    @Test func loadModeKeepsRatesAboveOneLinePerMillisecond() throws {
        var d = try LabDriver("healthy") { $0.debugRate = 20_000 }
        _ = d.type("terminal monitor")
        _ = d.type("debug crypto isakmp")
        let lines = d.wait(0.5).split(separator: "\n").filter { $0.first?.isNumber == true }
        // Slots 0 through 10000: t = 0 to 500 ms inclusive, 20 per millisecond.
        #expect(lines.count == 10_001)
        #expect(lines.last?.hasPrefix("010001: ") == true)
    }

    @Test func asyncLinesRedrawThePartialCommand() throws {
        var d = try LabDriver("main-mode-failed") { $0.echo = true }
        _ = d.type("terminal monitor")
        _ = d.type("debug crypto isakmp")
        _ = d.device.receive("show cl")
        let out = d.wait(5)
        #expect(out.hasPrefix("\n*Mar "))
        #expect(out.hasSuffix("\nR1#show cl"))
        #expect(d.device.receive("ock\n").contains("UTC"))
    }

    @Test func pagerHoldsAsyncLinesUntilItEnds() throws {
        var d = try LabDriver("main-mode-failed")
        _ = d.type("terminal monitor")
        _ = d.type("debug crypto isakmp")
        #expect(d.type("show running-config").hasSuffix(" --More-- "))
        #expect(d.wait(5) == "")
        let after = d.device.receive("q")
        #expect(after.contains("no offers accepted!"))
        #expect(after.hasSuffix("R1#"))
    }
}
