import ConsoleUI
import Foundation
import IPsecKit

/// Fixed, hand-written device data and console states for the tests. Times are fixed so
/// ages and rates are stable.
enum ConsoleFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let t1 = t0.addingTimeInterval(10)
    static let now = t1.addingTimeInterval(3)

    static func isakmp(_ dst: String, _ src: String, _ state: String, _ conn: Int, line: Int) -> IsakmpSA {
        var sa = IsakmpSA()
        sa.dst = dst; sa.src = src; sa.state = state; sa.connId = conn; sa.slot = 0; sa.status = "ACTIVE"; sa.line = line
        return sa
    }

    static func flow(peer: String, local: String, remote: String, encaps: Int, decaps: Int, outSpi: UInt32, inSpi: UInt32,
                     remaining: Int, line: Int) -> IpsecSAFlow {
        var f = IpsecSAFlow()
        f.interface = "GigabitEthernet0/1"; f.cryptoMap = "branch"; f.localAddr = "192.0.2.1"; f.peer = peer; f.peerPort = 500
        f.localIdent = IpsecIdentity(addr: local, mask: "255.255.255.0", prot: 0, port: 0)
        f.remoteIdent = IpsecIdentity(addr: remote, mask: "255.255.255.0", prot: 0, port: 0)
        f.flags = ["origin_is_acl"]
        f.counters.pktsEncaps = encaps; f.counters.pktsEncrypt = encaps; f.counters.pktsDigest = encaps
        f.counters.pktsDecaps = decaps; f.counters.pktsDecrypt = decaps; f.counters.pktsVerify = decaps
        f.counters.sendErrors = 0; f.counters.recvErrors = 0
        f.currentOutboundSpi = outSpi; f.currentInboundSpi = inSpi
        var inbound = IpsecSAEntry(direction: .inbound, protocol: .esp, spi: inSpi)
        inbound.transform = "esp-aes esp-sha-hmac"; inbound.mode = "Tunnel"; inbound.connId = 2001; inbound.remainingSec = remaining
        var outbound = IpsecSAEntry(direction: .outbound, protocol: .esp, spi: outSpi)
        outbound.transform = "esp-aes esp-sha-hmac"; outbound.mode = "Tunnel"; outbound.connId = 2002; outbound.remainingSec = remaining
        f.sas = [inbound, outbound]
        f.line = line
        return f
    }

    static func engine(_ id: Int, _ type: String, encrypt: Int, decrypt: Int) -> EngineConnection {
        var c = EngineConnection()
        c.connId = id; c.type = type; c.algorithm = "AES+SHA"; c.encrypt = encrypt; c.decrypt = decrypt; c.ipAddress = "192.0.2.1"
        return c
    }

    /// First poll: both tunnels' counters; second: branch grew both ways, the lab flow only outbound.
    static func report(second: Bool) -> AnalysisReport {
        var r = AnalysisReport()
        r.isakmpSas = [
            isakmp("192.0.2.2", "192.0.2.1", "QM_IDLE", 1, line: 3),
            isakmp("198.51.100.9", "192.0.2.1", "MM_NO_STATE", second ? 3 : 2, line: 4),
        ]
        var v2 = IKEv2SA()
        v2.tunnelId = 7; v2.local = "192.0.2.1"; v2.localPort = 500; v2.remote = "203.0.113.5"; v2.remotePort = 500
        v2.status = "READY"; v2.role = "Initiator"; v2.lifetime = 86400; v2.activeTime = 3600; v2.encryption = "AES-CBC"; v2.keysize = 256
        r.ikev2Sas = [v2]
        r.ipsecSas = [
            flow(peer: "192.0.2.2", local: "10.10.0.0", remote: "10.20.0.0", encaps: second ? 1500 : 1000, decaps: second ? 1480 : 990,
                 outSpi: 0x5A3C01F2, inSpi: 0x1B2C3D4E, remaining: 3407, line: 10),
            flow(peer: "203.0.113.5", local: "10.10.0.0", remote: "172.16.5.0", encaps: second ? 820 : 400, decaps: 0,
                 outSpi: 0x0BADF00D, inSpi: 0x0C0FFEE0, remaining: 45, line: 40),
        ]
        r.engineConnections = [
            engine(2001, "IPsec", encrypt: 0, decrypt: second ? 1480 : 990),
            engine(2002, "IPsec", encrypt: second ? 1500 : 1000, decrypt: 0),
            engine(1001, "IKE", encrypt: 0, decrypt: 0),
        ]
        return r
    }

    static let debugText: [String] = [
        "*Mar  1 00:10:01.101: ISAKMP (0): received packet from 198.51.100.9 dport 500 sport 500 Global (N) NEW SA",
        "*Mar  1 00:10:01.105: ISAKMP: local port 500, remote port 500",
        "*Mar  1 00:10:01.108: ISAKMP: Encryption algorithm offered does not match policy!",
        "*Mar  1 00:10:01.110: ISAKMP (0:2): atts are not acceptable. Next payload is 0",
        "*Mar  1 00:10:01.112: ISAKMP (0:2): no offers accepted!",
        "*Mar  1 00:10:01.113: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 198.51.100.9",
        "*Mar  1 00:10:02.001: IPSEC(validate_proposal_request): proposal part #1",
        "*Mar  1 00:10:02.002: IPSEC(create_sa): sa created, (sa) sa_dest= 192.0.2.2, sa_proto= 50",
        "*Mar  1 00:10:02.003: crypto_engine: Generate IKE hash",
        "Crypto ISAKMP debugging is on",
        "*Mar  1 00:10:07.500: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=192.0.2.1, prot=50, spi=0x1234(4660), srcaddr=192.0.2.2",
        "*Mar  1 00:10:08.000: ISAKMP: \u{1B}[31mcoloured\u{1B}[0m text and a tab\there 名前 e\u{301}",
    ]

    static let findings: [FindingItem] = [
        FindingItem(id: "main-mode-failed|198.51.100.9", signatureId: "main-mode-failed", title: "Phase 1 policies do not match",
                    severity: .error, summary: "Main mode with the peer failed: no ISAKMP policy on this side matches the peer's proposal.",
                    peer: "198.51.100.9", count: 2, lastSeen: t1,
                    causes: ["Encryption, hash, DH group or authentication differ between the peers' policies."],
                    fixes: [FixStep(text: "Compare the ISAKMP policies on both peers.",
                                    verify: PlatformCommands(ios: ["show crypto isakmp policy"], asa: ["show run crypto ikev1"]),
                                    fix: PlatformCommands(ios: ["crypto isakmp policy 10", " encryption aes 256"]))],
                    evidenceLines: [103, 105], confirm: PlatformCommands(ios: ["debug crypto isakmp"]), platform: .ios),
        FindingItem(id: "invalid-spi|192.0.2.2", signatureId: "invalid-spi", title: "Packets arrive for an unknown SPI",
                    severity: .warning, summary: "The peer sends with an SPI this router does not know.", peer: "192.0.2.2",
                    count: 1, lastSeen: t1, causes: ["SAs aged differently on the peers."],
                    fixes: [FixStep(text: "Start new traffic from this side; clear the SA if it persists.")],
                    evidenceLines: [110], confirm: PlatformCommands(ios: ["show crypto ipsec sa peer 192.0.2.2"]), platform: .ios),
    ]

    /// The lines the diagnosis took as evidence for the two findings.
    static let evidenceMarks: [EvidenceMark] = [103, 104, 105].map { EvidenceMark(line: $0, findingId: "main-mode-failed") }
        + [EvidenceMark(line: 110, findingId: "invalid-spi")]

    static let connection = ConnectionInfo(device: "R1", transport: "ssh", state: .connected, privilege: 15)

    /// A console after two polls, twelve debug lines (source lines 100...) and two findings.
    static func state(width: Int, height: Int, focus: PaneID = .phase1) -> ConsoleState {
        var s = ConsoleState(width: width, height: height, now: t0, theme: .fallback, connection: connection, pollInterval: 5)
        _ = ConsoleUpdate.update(&s, .snapshot(Snapshot(report: report(second: false), takenAt: t0, platform: .ios)))
        _ = ConsoleUpdate.update(&s, .snapshot(Snapshot(report: report(second: true), takenAt: t1, platform: .ios)))
        _ = ConsoleUpdate.update(&s, .debugLines(debugText.enumerated().map { DebugInput(text: $1, sourceLine: 100 + $0) }))
        _ = ConsoleUpdate.update(&s, .findings(findings))
        _ = ConsoleUpdate.update(&s, .tick(now))
        s.focus = focus
        return s
    }

    static func send(_ s: inout ConsoleState, _ keys: [Key]) -> [ConsoleEffect] {
        keys.flatMap { ConsoleUpdate.update(&s, .key($0)) }
    }

    static func type(_ s: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
        send(&s, text.map { Key.char($0) })
    }
}
