import IPsecKit

/// A device described by the value each walkthrough check should read, rendered as the
/// text its commands print (composed for the tests in the devices' formats). The unit
/// tests drive the pure walkthrough machine with it, step by step, as the runner would.
struct ComposedDevice {
    static let peer = "10.1.0.2"
    /// check -> value; a `debug-finding` value is per step: key `STEP.debug-finding`.
    var values: [String: String]

    func value(_ check: EvidenceCheck, default fallback: String) -> String { values[check.rawValue] ?? fallback }

    var platform: Platform { value(.platform, default: "ios") == "asa" ? .asa : .ios }

    /// The outputs of one step's plan: each command once per poll, the sweep, the debug findings.
    func outputs(for plan: WalkthroughStepPlan, catalog: SignatureCatalog) -> WalkthroughStepOutputs {
        var outputs = WalkthroughStepOutputs()
        for poll in 0..<plan.polls {
            for command in plan.commands { outputs.commands.append(.init(command: command, output: render(command, poll: poll))) }
        }
        for command in plan.sweep { outputs.commands.append(.init(command: command, output: ping(command))) }
        if plan.debugKinds != nil {
            let ids = (values["\(plan.stepID).debug-finding"] ?? "none").split(separator: ",").map(String.init).filter { $0 != "none" }
            outputs.debugFindings = ids.map { id in
                let entry = catalog[id]
                return Finding(id: id, title: entry?.title ?? id, severity: entry?.severity ?? .error, phase: entry?.phase ?? .phase1,
                               peer: Self.peer, confidence: 0.9)
            }
        }
        return outputs
    }

    func render(_ command: String, poll: Int) -> String {
        let body: [String]
        switch command {
        case "show running-config": body = platform == .asa ? asaConfig() : iosConfig()
        case "show crypto isakmp sa": body = isakmp()
        case "show crypto ipsec sa": body = ipsec(poll: poll)
        case "show version": body = version()
        default: body = []
        }
        return (["R1#" + command] + body).joined(separator: "\n") + "\n"
    }

    // MARK: - Configuration

    func iosConfig() -> [String] {
        let nat = value(.natExemption, default: "covers")
        let natRole = nat == "no-nat" ? [] : [" ip nat outside"]
        let mapLine = value(.cryptoMapApplied, default: "applied") == "applied" ? [" crypto map VPNMAP"] : []
        var lines = ["hostname R1", "crypto isakmp policy 10", " encr 3des", " authentication pre-share", " group 2"]
        lines.append("crypto isakmp key Lab-Key address " + (value(.keyForPeer, default: "configured") == "configured" ? Self.peer : "10.1.0.20"))
        if value(.transformSets, default: "defined") == "defined" { lines.append("crypto ipsec transform-set TS esp-3des esp-sha-hmac") }
        if value(.remoteAccess, default: "none") == "configured" {
            lines += ["crypto isakmp client configuration group RA", " key Client-Key", " pool RAPOOL"]
            if value(.splitTunnel, default: "configured") == "configured" { lines.append(" acl 150") }
            lines.append("ip local pool RAPOOL 10.135.1.1 10.135.1.254")
        }
        let peer = value(.peerConfigured, default: "configured") == "configured" ? Self.peer : "10.9.9.9"
        lines += ["crypto map VPNMAP 10 ipsec-isakmp", " set peer \(peer)", " set transform-set TS", " match address 110"]
        switch value(.localAddress, default: "default") {
        case "matches": lines.append("crypto map VPNMAP local-address FastEthernet0/0")
        case "differs": lines.append("crypto map VPNMAP local-address Loopback0")
        default: break
        }
        lines += ["interface Loopback0", " ip address 10.255.0.1 255.255.255.255"]
        lines += ["interface FastEthernet0/0", " ip address 10.1.0.1 255.255.255.0"] + natRole + mapLine
        lines += ["interface FastEthernet0/1", " ip address 192.168.1.1 255.255.255.0"] + (nat == "no-nat" ? [] : [" ip nat inside"])
        switch value(.sysopt, default: "unset") {
        case "permit": lines.append("sysopt connection permit-ipsec")
        case "denied": lines.append("no sysopt connection permit-ipsec")
        default: break
        }
        // No crypto ACL, no host to ping into: the sweep cannot run.
        if value(.cryptoACL, default: "defined") == "defined" && value(.dfSweep, default: "all-pass") != "not-run" {
            // A second inside network behind a router: reachable only through a static route.
            lines += ["access-list 110 permit ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255",
                      "access-list 110 permit ip 172.16.0.0 0.0.255.255 192.168.2.0 0.0.0.255"]
        }
        switch nat {
        case "covers":
            lines += ["ip nat inside source route-map NONAT interface FastEthernet0/0 overload",
                      "access-list 120 deny   ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255",
                      "access-list 120 deny   ip 172.16.0.0 0.0.255.255 192.168.2.0 0.0.0.255",
                      "access-list 120 permit ip 192.168.1.0 0.0.0.255 any", "route-map NONAT permit 10", " match ip address 120"]
        case "missing":
            lines += ["ip nat inside source list 130 interface FastEthernet0/0 overload", "access-list 130 permit ip 192.168.1.0 0.0.0.255 any"]
        default: break
        }
        lines.append("access-list 150 permit ip 192.168.1.0 0.0.0.255 10.135.1.0 0.0.0.255")
        if value(.insideRoutes, default: "routed") == "routed" { lines.append("ip route 172.16.0.0 255.255.0.0 192.168.1.2") }
        return lines + ["end"]
    }

    func asaConfig() -> [String] {
        var lines = ["ASA Version 9.8(4)", "hostname asa"]
        let remote = value(.remoteAccess, default: "none") == "configured"
        if remote { lines.append("ip local pool RAPOOL 10.135.1.1-10.135.1.254 mask 255.255.255.0") }
        lines += ["interface GigabitEthernet0/0", " nameif outside", " ip address 10.1.0.1 255.255.255.0",
                  "interface GigabitEthernet0/1", " nameif inside", " ip address 192.168.1.1 255.255.255.0",
                  "object network LOCAL-NET", " subnet 192.168.1.0 255.255.255.0", "object network REMOTE-NET", " subnet 10.135.1.0 255.255.255.0"]
        lines.append("access-list SPLIT standard permit 192.168.1.0 255.255.255.0")
        if value(.natExemption, default: "covers") == "covers" {
            lines.append("nat (inside,outside) source static LOCAL-NET LOCAL-NET destination static REMOTE-NET REMOTE-NET no-proxy-arp route-lookup")
        }
        lines += ["sysopt connection permit-vpn", "crypto ipsec ikev1 transform-set TS esp-3des esp-md5-hmac"]
        if remote {
            lines += ["crypto dynamic-map dynmap 10 set ikev1 transform-set TS", "crypto map outside_map 65535 ipsec-isakmp dynamic dynmap",
                      "crypto map outside_map interface outside", "group-policy RAGROUP internal", "group-policy RAGROUP attributes"]
            lines += value(.splitTunnel, default: "configured") == "configured"
                ? [" split-tunnel-policy tunnelspecified", " split-tunnel-network-list value SPLIT"] : [" split-tunnel-policy tunnelall"]
            lines += ["tunnel-group RAGROUP type remote-access", "tunnel-group RAGROUP general-attributes", " address-pool RAPOOL",
                      " default-group-policy RAGROUP"]
        }
        return lines + [": end"]
    }

    // MARK: - SA tables, version, ping

    func isakmp() -> [String] {
        var lines = ["IPv4 Crypto ISAKMP SA", "dst             src             state          conn-id status"]
        let state = value(.isakmpState, default: "QM_IDLE")
        if state != "none" { lines.append("\(Self.peer)        10.1.0.1        \(state)           1001 ACTIVE") }
        return lines + ["", "IPv6 Crypto ISAKMP SA"]
    }

    func ipsec(poll: Int) -> [String] {
        let traffic = value(.traffic, default: "both-ways")
        let encaps = 1000 + (poll > 0 && ["both-ways", "outbound-only"].contains(traffic) ? 40 : 0)
        let decaps = 900 + (poll > 0 && ["both-ways", "inbound-only"].contains(traffic) ? 38 : 0)
        let errors = poll > 0 && value(.errorsGrowing, default: "steady") == "growing" ? 7 : 2
        let replay = value(.replayFailures, default: "none") == "counted" ? 12 : 0
        let path = value(.pathMTU, default: "at-media") == "below-media" ? 1400 : 1500
        var lines = ["interface: FastEthernet0/0", "    Crypto map tag: VPNMAP, local addr 10.1.0.1", "",
                     "   local  ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)",
                     "   remote ident (addr/mask/prot/port): (192.168.2.0/255.255.255.0/0/0)",
                     "   current_peer \(Self.peer) port 500", "     PERMIT, flags={origin_is_acl,}",
                     "    #pkts encaps: \(encaps), #pkts encrypt: \(encaps), #pkts digest: \(encaps)",
                     "    #pkts decaps: \(decaps), #pkts decrypt: \(decaps), #pkts verify: \(decaps)",
                     "    #pkts compressed: 0, #pkts decompressed: 0",
                     "    #send errors 0, #recv errors \(errors)",
                     "    #pkts replay failed (rcv): \(replay)", "",
                     "     local crypto endpt.: 10.1.0.1, remote crypto endpt.: \(Self.peer)",
                     "     path mtu \(path), ip mtu 1500, ip mtu idb FastEthernet0/0",
                     "     current outbound spi: 0x9713B24F(2534650447)", ""]
        if value(.ipsecSA, default: "present") == "present" {
            for (direction, spi, conn) in [("inbound", "0xD3F19A51(3555826257)", 2000), ("outbound", "0x9713B24F(2534650447)", 2001)] {
                lines += ["     \(direction) esp sas:", "      spi: \(spi)", "        transform: esp-3des esp-sha-hmac ,",
                          "        in use settings ={Tunnel, }",
                          "        conn id: \(conn), flow_id: SW:1, sibling_flags 80000046, crypto map: VPNMAP",
                          "        sa timing: remaining key lifetime (k/sec): (4601426/2367)", "        IV size: 8 bytes",
                          "        replay detection support: Y", "        Status: ACTIVE", ""]
            }
        } else {
            lines += ["     inbound esp sas:", "", "     outbound esp sas:", ""]
        }
        return lines
    }

    func version() -> [String] {
        value(.cryptoEngine, default: "available") == "available"
            ? ["Cisco IOS Software, 2800 Software (C2800NM-ADVIPSERVICESK9-M), Version 12.4(24)T8",
               "Cisco 2811 (revision 53.51) with 249856K/12288K bytes of memory.", "1 Virtual Private Network (VPN) Module"]
            : ["Cisco IOS Software, s72033_rp Software (s72033_rp-ADVIPSERVICESK9_WAN-M), Version 12.2(33)SRD4",
               "cisco CISCO7606 (R7000) processor (revision 1.1) with 983008K/65536K bytes of memory.", "2 Gigabit Ethernet interfaces"]
    }

    func ping(_ command: String) -> String {
        let words = command.split(separator: " ")
        let size = words.firstIndex(of: "size").flatMap { Int(words[$0 + 1]) } ?? 100
        let marks: String
        switch value(.dfSweep, default: "all-pass") {
        case "large-fail": marks = size > 1400 ? "MM" : "!!"
        case "none-pass": marks = ".."
        default: marks = "!!"
        }
        let received = marks == "!!" ? 2 : 0
        return ["R1#" + command, "Type escape sequence to abort.",
                "Sending 2, \(size)-byte ICMP Echos to 192.168.2.1, timeout is 2 seconds:", "Packet sent with the DF bit set",
                marks, "Success rate is \(received * 50) percent (\(received)/2)" + (received > 0 ? ", round-trip min/avg/max = 1/2/4 ms" : "")]
            .joined(separator: "\n")
    }
}
