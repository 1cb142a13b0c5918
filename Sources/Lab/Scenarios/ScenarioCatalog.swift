/// Every lab scenario: healthy plus one per documented fault, keyed by the signature
/// catalog id. Table-driven: a scenario is a row, not code.
public enum ScenarioCatalog {
    public static func scenario(id: String) -> ScenarioDefinition? { all.first { $0.id == id } }

    private static func i(_ t: String) -> DebugLineTemplate { DebugLineTemplate(.isakmp, t) }
    private static func p(_ t: String) -> DebugLineTemplate { DebugLineTemplate(.ipsec, t) }
    private static func s(_ t: String) -> DebugLineTemplate { DebugLineTemplate(.syslog, t) }

    static let isr = Hardware(
        chassis: "Cisco 2811 (revision 53.51) with 249856K/12288K bytes of memory.",
        image: "2800 Software (C2800NM-ADVIPSERVICESK9-M), Version 12.4(24)T8, RELEASE SOFTWARE (fc1)",
        imageFile: "flash:c2800nm-advipservicesk9-mz.124-24.T8.bin", version: "12.4",
        processorLine: "Processor board ID FTX1234A5BC",
        interfaceLines: ["2 FastEthernet interfaces", "1 Virtual Private Network (VPN) Module", "DRAM configuration is 64 bits wide with parity enabled."])
    static let vpnAccelerated = Hardware(
        chassis: "Cisco 7206VXR (NPE-G1) processor (revision B) with 983040K/65536K bytes of memory.",
        image: "7200 Software (C7200-ADVIPSERVICESK9-M), Version 12.4(24)T8, RELEASE SOFTWARE (fc1)",
        imageFile: "disk0:c7200-advipservicesk9-mz.124-24.T8.bin", version: "12.4",
        processorLine: "Processor board ID 35162221",
        interfaceLines: ["3 Gigabit Ethernet interfaces", "1 Virtual Private Network (VPN) Module (MOTCR crypto accelerator)"])
    static let aimVpn = Hardware(
        chassis: "Cisco 2651XM (MPC860P) processor (revision 0x200) with 125952K/5120K bytes of memory.",
        image: "C2600 Software (C2600-ADVIPSERVICESK9-M), Version 12.3(26), RELEASE SOFTWARE (fc2)",
        imageFile: "flash:c2600-advipservicesk9-mz.123-26.bin", version: "12.3",
        processorLine: "Processor board ID JAE07220YZ3 (3847281734)",
        interfaceLines: ["2 FastEthernet interfaces", "1 Virtual Private Network (VPN) Module(s) (AIM-VPN/BPII, VPN0/2)"])
    static let c1700 = Hardware(
        chassis: "Cisco 1721 (MPC860P) processor (revision 0x100) with 59392K/6144K bytes of memory.",
        image: "C1700 Software (C1700-K9O3SY7-M), Version 12.3(22), RELEASE SOFTWARE (fc2)",
        imageFile: "flash:c1700-k9o3sy7-mz.123-22.bin", version: "12.3",
        processorLine: "Processor board ID FOC08150Z3K (2915238843), with hardware revision 0000",
        interfaceLines: ["2 FastEthernet interfaces", "1 Virtual Private Network (VPN) Module(s) (C1700_EM)"])
    static let c7600 = Hardware(
        chassis: "cisco CISCO7606 (R7000) processor (revision 1.1) with 983008K/65536K bytes of memory.",
        image: "s72033_rp Software (s72033_rp-ADVIPSERVICESK9_WAN-M), Version 12.2(33)SRD4, RELEASE SOFTWARE (fc3)",
        imageFile: "disk0:c7600s72033-advipservicesk9-mz.122-33.SRD4.bin", version: "12.2",
        processorLine: "Processor board ID FOX1234ABCD",
        interfaceLines: ["2 Gigabit Ethernet interfaces", "No IPsec SPA installed: software crypto is not supported on this platform"])
    static let asa = Hardware(
        chassis: "Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)",
        image: "Cisco Adaptive Security Appliance Software Version 9.8(4)", imageFile: "disk0:/asa984-lfbff-k8.SPA", version: "9.8(4)",
        processorLine: "Serial Number: JAD21040ABC",
        interfaceLines: [" 0: Int: Internal-Data0/0    : address is 0000.0001.0002, irq 255",
                         " 1: Ext: GigabitEthernet0/0  : address is 00a3.8e11.2001, irq 255",
                         " 2: Ext: GigabitEthernet0/1  : address is 00a3.8e11.2002, irq 255"])

    private static func hw(_ ios: Hardware) -> [Persona: Hardware] { [.ios: ios, .asa: asa] }

    private static func row(_ id: String, _ summary: String, _ personas: [Persona], phase1: Phase1Outcome, phase2: Bool,
                            out: Int = 0, inbound: Int = 0, local: [ConfigChange] = [], peer: [ConfigChange] = [],
                            ios: [DebugLineTemplate] = IOSScript.healthy, asa: [DebugLineTemplate] = ASAScript.healthy,
                            retry: Int? = nil, periodic: PeriodicEvent? = nil, hardware: Hardware = isr) -> ScenarioDefinition {
        ScenarioDefinition(id: id, summary: summary, personas: personas, phase1: phase1, phase2Up: phase2,
                           outboundPacketsPerSecond: out, inboundPacketsPerSecond: inbound, localChanges: local, peerChanges: peer,
                           negotiation: [.ios: ios, .asa: asa], retrySeconds: retry, periodic: periodic, hardware: hw(hardware))
    }

    private static func every(_ seconds: Int, first: Int = 7, ios: [DebugLineTemplate] = [], asa: [DebugLineTemplate] = [], errors: Bool) -> PeriodicEvent {
        PeriodicEvent(firstAfterSeconds: first, intervalSeconds: seconds, lines: [.ios: ios, .asa: asa], countsReceiveError: errors)
    }

    static let modeFailure = s("%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at {peer}")
    static let badMessage = s("%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from {peer} failed its sanity check or is malformed")
    static let qmUpIOS = IOSScript.phase1Up + IOSScript.quickModeProposal(transform: "{peerTransformId}", authenticator: "{peerAuthenticator}")

    public static let all: [ScenarioDefinition] = [
        row("healthy", "tunnel up, traffic both ways, no errors", [.ios, .asa], phase1: .established, phase2: true, out: 12, inbound: 11),
        row("ike-sanity-check", "pre-shared keys differ: IKE messages fail the sanity check (MM_KEY_EXCH)", [.ios, .asa],
            phase1: .stuck("MM_KEY_EXCH"), phase2: false, peer: [.preSharedKey("Lab-Key-7713")],
            ios: IOSScript.mainModeStart + IOSScript.keyFound + IOSScript.policyAccepted + IOSScript.keyExchange + [badMessage],
            asa: ASAScript.mainModeStart + [
                i("[IKEv1]: IP = {peer}, Received encrypted Oakley Main Mode packet with invalid payloads, MessID = 0"),
                i("[IKEv1]: Group = {peer}, IP = {peer}, ERROR, had problems decrypting packet, probably due to mismatched pre-shared key.  Aborting"),
            ], retry: 10),
        row("main-mode-failed", "phase 1 policies do not match: main mode fails (MM_NO_STATE)", [.ios],
            phase1: .stuck("MM_NO_STATE"), phase2: false, peer: [.isakmpPolicy(encryption: "des", hash: "md5", group: 1)],
            ios: IOSScript.mainModeStart + IOSScript.keyFound + IOSScript.policyCheck(priority: 10, encryption: "DES-CBC", hash: "MD5", group: 1) + [
                i("ISAKMP (0:{c1}): atts are not acceptable. Next payload is 0"),
                i("ISAKMP (0:{c1}): no offers accepted!"),
                i("ISAKMP (0:{c1}): SA not acceptable!"),
                modeFailure,
            ], retry: 10),
        row("policy-hash-mismatch", "peer offers a hash no ISAKMP policy (nor the default 65535) accepts", [.ios],
            phase1: .stuck("MM_NO_STATE"), phase2: false, peer: [.isakmpHash("md5")],
            ios: IOSScript.mainModeStart + IOSScript.keyFound + IOSScript.policyCheck(priority: 10, encryption: "3DES-CBC", hash: "MD5", group: 2) + [
                i("ISAKMP (0:{c1}): Hash algorithm offered does not match policy!"),
                i("ISAKMP (0:{c1}): atts are not acceptable. Next payload is 0"),
            ] + IOSScript.policyCheck(priority: 65535, encryption: "3DES-CBC", hash: "MD5", group: 2) + [
                i("ISAKMP (0:{c1}): Encryption algorithm offered does not match policy!"),
                i("ISAKMP (0:{c1}): atts are not acceptable. Next payload is 0"),
                i("ISAKMP (0:{c1}): no offers accepted!"),
                i("ISAKMP (0:{c1}): phase 1 SA not acceptable!"),
                modeFailure,
            ], retry: 10),
        row("proxy-id-unsupported", "crypto ACLs are not mirror images: phase 2 rejected (QM_IDLE, no IPsec SA)", [.ios],
            phase1: .established, phase2: false, peer: [.aclRemoteMask("255.255.255.128")],
            ios: qmUpIOS + [i("ISAKMP (0:{c1}): atts are acceptable.")] + IOSScript.proposalRequest + [
                p("IPsec(validate_transform_proposal): proxy identities not supported"),
                i("ISAKMP: IPsec policy invalidated proposal"),
                i("ISAKMP (0:{c1}): SA not acceptable!"),
            ], retry: 10),
        row("transform-unsupported", "transform sets differ: the peer's proposal is not supported", [.ios],
            phase1: .established, phase2: false, peer: [.transforms(["esp-des", "esp-sha-hmac"])],
            ios: qmUpIOS + [p("IPsec (validate_proposal): transform proposal (port 3, trans 2, hmac_alg 2) not supported")] + IOSScript.phase2Rejected,
            retry: 10),
        row("invalid-local-address", "crypto map local-address forces the wrong identity address", [.ios],
            phase1: .established, phase2: false, local: [.localAddressLoopback],
            ios: qmUpIOS + [p("IPSEC(validate_proposal): invalid local address {local}")] + IOSScript.phase2Rejected, retry: 10),
        row("no-cert-no-keys", "the key is bound to a stale peer address: no key for the real peer", [.ios],
            phase1: .stuck("MM_NO_STATE"), phase2: false, local: [.keyPeerAddress("10.1.0.20")],
            ios: IOSScript.mainModeStart + [
                i("ISAKMP: No cert, and no keys (public or pre-shared) with remote peer {peer}"),
                i("ISAKMP (0:{c1}): atts are not acceptable. Next payload is 0"),
            ], retry: 10),
        row("peer-not-found", "a broader crypto map entry to another peer matches before the host entry", [.ios],
            phase1: .established, phase2: false, local: [.broadEntryFirst(peer: "10.1.0.3")], peer: [.aclHostToHost],
            ios: qmUpIOS + [i("ISAKMP (0:{c1}): atts are acceptable.")] + IOSScript.proposalRequest + [
                p("IPSEC(validate_transform_proposal): peer address {peer} not found"),
                i("ISAKMP: IPsec policy invalidated proposal"),
                i("ISAKMP (0:{c1}): SA not acceptable!"),
            ], retry: 10),
        row("invalid-proxy-ids", "peer proposes host proxies, the local ACL is network-wide", [.ios],
            phase1: .established, phase2: false, peer: [.aclHostToHost],
            ios: qmUpIOS + [i("ISAKMP (0:{c1}): atts are acceptable.")] + IOSScript.proposalRequest + [
                p("IPSEC(key_engine): got a queue event..."),
                p("IPSEC(initialize_sas): invalid proxy IDs"),
                i("ISAKMP (0:{c1}): SA not acceptable!"),
            ], retry: 10),
        row("reserved-not-zero", "ISAKMP keys do not match: decrypted payload has reserved bits set", [.ios],
            phase1: .stuck("MM_KEY_EXCH"), phase2: false, peer: [.preSharedKey("Lab-Key-7713")],
            ios: IOSScript.mainModeStart + IOSScript.keyFound + IOSScript.policyAccepted + IOSScript.keyExchange + [
                i("ISAKMP (0:{c1}): processing ID payload. message ID = 0"),
                i("ISAKMP (0:{c1}): reserved not zero on payload 5!"),
                i("ISAKMP (0:{c1}): incrementing error counter on sa: PAYLOAD_MALFORMED"),
            ], retry: 10),
        row("replay-check", "packets reordered in transit: anti-replay drops them", [.ios],
            phase1: .established, phase2: true, out: 30, inbound: 28, local: [.transformsWithMd5], peer: [.transformsWithMd5],
            periodic: every(15, ios: [s("%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id={inConn}")], errors: true)),
        row("invalid-spi", "packets arrive for an SPI the ASA no longer has", [.asa],
            phase1: .established, phase2: true, out: 10, inbound: 10,
            periodic: every(20, asa: [s("%ASA-4-402101: decaps: recd IPSEC packet has invalid spi for destaddr={local}, prot=esp, spi={staleSpiDec}")], errors: false)),
        row("hmac-failed", "corrupted IPsec packets fail the HMAC check in the crypto accelerator", [.ios],
            phase1: .established, phase2: true, out: 40, inbound: 38,
            periodic: every(20, ios: [s("%MOTCR-1-ERROR: motcr_crypto_callback() motcr return failure"),
                                      s("%MOTCR-1-PKTENGRET_ERROR: MOTCR PktEng Return Value = 0x20000, PktEngReturn_MACMiscompare")], errors: true),
            hardware: vpnAccelerated),
        row("hw-encrypt-decrypt-error", "fragmented packets fall outside the VPN module's replay window", [.ios],
            phase1: .established, phase2: true, out: 25, inbound: 25,
            periodic: every(12, ios: [s("%HW_VPN-1-HPRXERR: Hardware VPN0/2: Packet Encryption/Decryption error, status=4615")], errors: true),
            hardware: aimVpn),
        row("esp-sequence-fail", "ESP packets arrive out of order at the encryption module", [.ios],
            phase1: .established, phase2: true, out: 20, inbound: 20,
            periodic: every(12, ios: [s("%C1700_EM-1-ERROR: packet-rx error: ESP sequence fail")], errors: true),
            hardware: c1700),
        row("qm-fsm", "crypto ACLs not mirrored: quick mode fails with QM FSM error", [.asa],
            phase1: .established, phase2: false, peer: [.aclRemoteMask("255.255.255.128")],
            asa: ASAScript.mainModeStart + ASAScript.phase1Complete + ASAScript.quickModeStart + [
                i("[IKEv1]: Group = {peer}, IP = {peer}, Rejecting IPSec tunnel: no matching crypto map entry for remote proxy {pSrcNet}/{pSrcMask}/0/0 local proxy {pDstNet}/{pDstMask}/0/0 on interface outside"),
                i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, sending notify message"),
                i("[IKEv1]: Group = {peer}, IP = {peer}, QM FSM error (P2 struct &0x00007f3a4c2e1d70, mess id 0x{msgidHex})!"),
                i("[IKEv1]: Group = {peer}, IP = {peer}, Removing peer from correlator table failed, no match!"),
            ], retry: 10),
        row("remote-not-responding", "transform sets differ: the peer never answers quick mode", [.ios, .asa],
            phase1: .established, phase2: false, peer: [.transforms(["esp-aes", "esp-sha-hmac"])],
            ios: IOSScript.phase1Up + [
                i("ISAKMP (0:{c1}): beginning Quick Mode exchange, M-ID of {msgid}"),
                i("ISAKMP (0:{c1}): retransmitting phase 2 QM_IDLE {msgid} ..."),
                i("ISAKMP (0:{c1}): retransmitting phase 2 QM_IDLE {msgid} ..."),
                i("ISAKMP (0:{c1}): deleting node {msgid} error TRUE reason \"remote peer not responding\""),
            ],
            asa: ASAScript.mainModeStart + ASAScript.phase1Complete + [
                i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, IKE Initiator sending 1st QM pkt: msg id = {msgidHex}"),
                i("[IKEv1]: Group = {peer}, IP = {peer}, Phase 2 retransmission, msg id = {msgidHex}"),
                i("[IKEv1]: Group = {peer}, IP = {peer}, QM: remote peer not responding, deleting SA"),
            ], retry: 10),
        row("all-proposals-unacceptable", "phase 2 parameters differ between the sites", [.ios, .asa],
            phase1: .established, phase2: false, peer: [.transforms(["esp-aes", "esp-md5-hmac"])],
            ios: qmUpIOS + [
                i("ISAKMP (0:{c1}): atts not acceptable. Next payload is 0"),
                i("ISAKMP (0:{c1}): all IPSec SA proposals found unacceptable!"),
                i("ISAKMP (0:{c1}): SA not acceptable!"),
            ],
            asa: ASAScript.mainModeStart + ASAScript.phase1Complete + ASAScript.quickModeStart + [
                i("[IKEv1]: Group = {peer}, IP = {peer}, all IPSec SA proposals found unacceptable!"),
                i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, sending notify message"),
            ], retry: 10),
        row("platform-no-sw-crypto", "7600 without an IPsec SPA: no crypto engine can take the SA", [.ios],
            phase1: .absent, phase2: false,
            ios: [i("ISAKMP (0:0): received packet from {peer} dport 500 sport 500 Global (N) NEW SA"),
                  DebugLineTemplate(.anyCrypto, "crypto_engine_select_crypto_engine: can't handle any more"),
                  i("ISAKMP: Unable to allocate IKE SA")],
            retry: 10, hardware: c7600),
        row("one-way-traffic", "tunnel up, packets leave but nothing returns: the peer lacks NAT exemption", [.ios, .asa],
            phase1: .established, phase2: true, out: 9, inbound: 0, peer: [.noNatExemption]),
        row("mtu", "tunnel up, large packets fail: path MTU 1400 below the 1500 media MTU", [.ios, .asa],
            phase1: .established, phase2: true, out: 14, inbound: 13, local: [.pathMtu(1400)], peer: [.pathMtu(1400)]),
        row("ra-no-route", "VPN client connected, no route from the ASA to the inside networks", [.asa],
            phase1: .established, phase2: true, out: 0, inbound: 6, local: [.remoteAccess, .noInsideRoute],
            periodic: every(10, asa: [s("%ASA-6-110003: Routing failed to locate next hop for icmp from outside:{clientIp}/1 to inside:172.16.1.10/0")], errors: false)),
        row("split-tunnel-pix", "VPN client sends everything into the tunnel: no split tunnel", [.asa],
            phase1: .established, phase2: true, out: 8, inbound: 15, local: [.remoteAccess, .noSplitTunnel]),
        row("sysopt-missing", "no sysopt connection permit-vpn: decrypted traffic hits the outside ACL", [.asa],
            phase1: .established, phase2: true, out: 0, inbound: 7, local: [.remoteAccess, .noSysopt],
            periodic: every(10, asa: [s("%ASA-4-106023: Deny tcp src outside:{clientIp}/51234 dst inside:{insideServer}/25 by access-group \"outside_access_in\" [0x0, 0x0]")], errors: false)),
    ]
}
