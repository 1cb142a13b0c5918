/// `show running-config` for both personas, built from the same `CryptoConfig` that
/// drives the SA tables and debug lines.
extension LabDevice {
    func iosRunningConfig() -> [String] {
        let l = topology.local
        let c = config
        var body = ["!", "version \(scenario.hardware[.ios]?.version ?? "12.4")",
                    "service timestamps debug datetime msec", "service timestamps log datetime msec",
                    "no service password-encryption", "!", "hostname \(l.hostname)", "!",
                    "boot-start-marker", "boot-end-marker", "!",
                    "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "!", "no aaa new-model", "ip cef", "!", "!"]
        body += ["crypto isakmp policy \(c.isakmpPriority)"]
        if c.isakmpEncryption != "des" { body.append(" encr \(c.isakmpEncryption)") }
        if c.isakmpHash != "sha" { body.append(" hash \(c.isakmpHash)") }
        body += [" authentication pre-share", " group \(c.isakmpGroup)"]
        body.append("crypto isakmp key \(c.preSharedKey) address \(c.keyPeerAddress)")
        body += ["!", "!", "crypto ipsec transform-set \(c.transformSetName) \(c.transforms.joined(separator: " ")) ", "!"]
        for entry in c.mapEntries {
            body += ["crypto map \(c.cryptoMapName) \(entry.sequence) ipsec-isakmp ", " set peer \(entry.peer)",
                     " set transform-set \(c.transformSetName) ", " match address \(entry.aclName)"]
        }
        if let lo = c.localAddressInterface { body.append("crypto map \(c.cryptoMapName) local-address \(lo)") }
        body += ["!", "!"]
        if let lo = c.localAddressInterface, let address = c.loopbackAddress {
            body += ["interface \(lo)", " ip address \(address) 255.255.255.255", "!"]
        }
        body += ["interface \(l.outsideInterface)", " ip address \(l.outsideAddress) 255.255.255.0", " ip nat outside",
                 " ip virtual-reassembly", " duplex auto", " speed auto"]
        if c.pathMtu < c.mediaMtu { body.append(" ip mtu \(c.mediaMtu)") }
        body += [" crypto map \(c.cryptoMapName)", "!",
                 "interface \(l.insideInterface)", " ip address \(l.insideAddress) \(l.lanMask)", " ip nat inside",
                 " ip virtual-reassembly", " duplex auto", " speed auto", "!",
                 "ip forward-protocol nd", "ip route 0.0.0.0 0.0.0.0 \(l.defaultGateway)", "!", "no ip http server", "!"]
        body.append(c.natExemption ? "ip nat inside source route-map NONAT interface \(l.outsideInterface) overload"
                                   : "ip nat inside source list 120 interface \(l.outsideInterface) overload")
        body.append("!")
        for entry in c.mapEntries {
            for a in entry.acl {
                body.append("access-list \(entry.aclName) permit ip " + iosAclAddress(a.source, a.sourceMask) + " " + iosAclAddress(a.destination, a.destinationMask))
            }
        }
        let remote = topology.remote
        if c.natExemption {
            body.append("access-list 120 deny   ip \(l.lanNetwork) \(IPv4.wildcard(l.lanMask)) \(remote.lanNetwork) \(IPv4.wildcard(remote.lanMask))")
        }
        body.append("access-list 120 permit ip \(l.lanNetwork) \(IPv4.wildcard(l.lanMask)) any")
        if c.natExemption { body += ["!", "route-map NONAT permit 10", " match ip address 120"] }
        body += ["!", "!", "control-plane", "!", "line con 0", " exec-timeout 0 0", "line aux 0", "line vty 0 4", " login local",
                 " transport input ssh", "!", "end", ""]
        let size = body.reduce(0) { $0 + $1.utf8.count + 1 }
        return ["Building configuration...", "", "Current configuration : \(size) bytes"] + body
    }

    private func iosAclAddress(_ address: String, _ mask: String) -> String {
        mask == "255.255.255.255" ? "host \(address)" : "\(address) \(IPv4.wildcard(mask))"
    }

    func asaRunningConfig(cryptoOnly: Bool) -> [String] {
        let l = topology.local, r = topology.remote
        let c = config
        var crypto: [String] = []
        crypto.append("crypto ipsec ikev1 transform-set \(c.transformSetName) \(c.transforms.joined(separator: " "))")
        crypto.append("crypto ipsec security-association pmtu-aging infinite")
        if c.remoteAccess {
            crypto += ["crypto dynamic-map dynmap 10 set ikev1 transform-set \(c.transformSetName)",
                       "crypto map \(c.cryptoMapName) 65535 ipsec-isakmp dynamic dynmap"]
        } else {
            for entry in c.mapEntries {
                crypto += ["crypto map \(c.cryptoMapName) \(entry.sequence) match address \(entry.aclName)",
                           "crypto map \(c.cryptoMapName) \(entry.sequence) set peer \(entry.peer) ",
                           "crypto map \(c.cryptoMapName) \(entry.sequence) set ikev1 transform-set \(c.transformSetName)"]
            }
        }
        crypto += ["crypto map \(c.cryptoMapName) interface outside",
                   "crypto ikev1 enable outside",
                   "crypto ikev1 policy \(c.isakmpPriority)",
                   " authentication pre-share",
                   " encryption \(c.isakmpEncryption)",
                   " hash \(c.isakmpHash)",
                   " group \(c.isakmpGroup)",
                   " lifetime \(c.isakmpLifetime)"]
        if cryptoOnly { return crypto }
        var lines = [": Saved", ":", ": Serial Number: JAD21040ABC", ": Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)",
                     ":", "ASA Version 9.8(4) ", "!", "hostname \(l.hostname)",
                     "enable password 8Ry2YjIyt7RRXU24 encrypted", "names"]
        if c.remoteAccess { lines.append("ip local pool RAPOOL \(Topology.clientPoolStart)-\(Topology.clientPoolEnd) mask 255.255.255.0") }
        lines += ["!", "interface \(l.outsideInterface)", " nameif outside", " security-level 0", " ip address \(l.outsideAddress) 255.255.255.0", "!",
                  "interface \(l.insideInterface)", " nameif inside", " security-level 100", " ip address \(l.insideAddress) \(l.lanMask)", "!",
                  "ftp mode passive",
                  "object network LOCAL-NET", " subnet \(l.lanNetwork) \(l.lanMask)"]
        let remoteNet = c.remoteAccess ? ("10.135.1.0", "255.255.255.0") : (r.lanNetwork, r.lanMask)
        lines += ["object network REMOTE-NET", " subnet \(remoteNet.0) \(remoteNet.1)"]
        if c.remoteAccess, let split = c.splitTunnelNetworks {
            for (net, mask) in split { lines.append("access-list SPLIT standard permit \(net) \(mask) ") }
        }
        if !c.remoteAccess {
            for entry in c.mapEntries {
                for a in entry.acl {
                    lines.append("access-list \(entry.aclName) extended permit ip " + asaAclAddress(a.source, a.sourceMask) + " " + asaAclAddress(a.destination, a.destinationMask) + " ")
                }
            }
        }
        lines.append("access-list outside_access_in extended permit icmp any any echo-reply ")
        lines += ["pager lines 24", "logging enable", "logging timestamp", "logging monitor debugging", "mtu outside \(c.mediaMtu)", "mtu inside 1500",
                  "icmp unreachable rate-limit 1 burst-size 1", "no asdm history enable", "arp timeout 14400"]
        if c.natExemption {
            lines.append("nat (inside,outside) source static LOCAL-NET LOCAL-NET destination static REMOTE-NET REMOTE-NET no-proxy-arp route-lookup")
        }
        lines += ["!", "object network LOCAL-NET", " nat (inside,outside) dynamic interface",
                  "access-group outside_access_in in interface outside",
                  "route outside 0.0.0.0 0.0.0.0 \(l.defaultGateway) 1"]
        if c.remoteAccess && c.routeToRoutedInside {
            lines.append("route inside \(Topology.routedInsideNetwork) \(Topology.routedInsideMask) \(topology.insideRouter) 1")
        }
        lines += ["timeout xlate 3:00:00", "user-identity default-domain LOCAL", "aaa authentication ssh console LOCAL",
                  "no snmp-server location", "no snmp-server contact"]
        lines.append(c.sysoptPermitVpn ? "sysopt connection permit-vpn" : "no sysopt connection permit-vpn")
        lines += crypto
        lines += ["ssh 0.0.0.0 0.0.0.0 outside", "ssh timeout 5", "console timeout 0", "threat-detection basic-threat"]
        if c.remoteAccess {
            lines += ["group-policy RAGROUP internal", "group-policy RAGROUP attributes", " vpn-tunnel-protocol ikev1"]
            if c.splitTunnelNetworks != nil {
                lines += [" split-tunnel-policy tunnelspecified", " split-tunnel-network-list value SPLIT"]
            } else {
                lines.append(" split-tunnel-policy tunnelall")
            }
            lines += ["username labuser password 3USUcOPFUiMCO4Jk encrypted",
                      "tunnel-group RAGROUP type remote-access", "tunnel-group RAGROUP general-attributes",
                      " address-pool RAPOOL", " default-group-policy RAGROUP", "tunnel-group RAGROUP ipsec-attributes",
                      " ikev1 pre-shared-key \(c.preSharedKey)"]
        } else {
            lines += ["tunnel-group \(c.keyPeerAddress) type ipsec-l2l", "tunnel-group \(c.keyPeerAddress) ipsec-attributes",
                      " ikev1 pre-shared-key \(c.preSharedKey)"]
        }
        lines += ["!", "prompt hostname context", "Cryptochecksum:8c4b2d8f5e2a1b3c7d9e0f1a2b3c4d5e", ": end"]
        return lines
    }

    private func asaAclAddress(_ address: String, _ mask: String) -> String {
        mask == "255.255.255.255" ? "host \(address)" : "\(address) \(mask)"
    }
}
