/// ASA `show crypto ...` output (ASA 9.x layouts).
extension LabDevice {
    private typealias L = TextLayout

    func asaIsakmpSA(detail: Bool, ikev1Only: Bool) -> [String] {
        var lines: [String] = []
        if let state = phase1State {
            let ra = config.remoteAccess
            lines += ["IKEv1 SAs:", "",
                      "   Active SA: 1",
                      "    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)",
                      "Total IKE SA: 1", "",
                      "1   IKE Peer: \(peerAddress)",
                      "    Type    : " + L.left(ra ? "user" : "L2L", 16) + "Role    : " + (ra ? "responder" : "initiator") + " ",
                      "    Rekey   : no              State   : \(state) "]
            if detail && phase1Established {
                lines += ["    Encrypt : " + L.left(config.isakmpEncryption, 16) + "Hash    : " + config.isakmpHash.uppercased(),
                          "    Auth    : preshared       Lifetime: \(config.isakmpLifetime)",
                          "    Lifetime Remaining: \(phase1RemainingSeconds)"]
            }
            lines.append("")
        } else {
            lines += ["There are no IKEv1 SAs", ""]
        }
        if !ikev1Only { lines.append("There are no IKEv2 SAs") }
        return lines
    }

    func asaIpsecSA(detail: Bool, peer: String?) -> [String] {
        guard phase2Present, peer == nil || peer == peerAddress else { return ["There are no ipsec sas"] }
        let ra = config.remoteAccess
        let enc = encapsCount, dec = decapsCount
        let (ln, lm) = localIdent, (rn, rm) = remoteIdent
        let entry = config.primaryEntry
        var lines = ["interface: outside",
                     "    Crypto map tag: " + (ra ? "dynmap" : config.cryptoMapName) + ", seq num: " + (ra ? "10" : String(entry.sequence))
                        + ", local addr: \(localAddress)", ""]
        if !ra, let acl = entry.acl.first {
            lines.append("      access-list \(entry.aclName) extended permit ip \(acl.source) \(acl.sourceMask) \(acl.destination) \(acl.destinationMask)")
        }
        lines += ["      local ident (addr/mask/prot/port): (\(ln)/\(lm)/0/0)",
                  "      remote ident (addr/mask/prot/port): (\(rn)/\(rm)/0/0)",
                  "      current_peer: \(peerAddress)"]
        if ra {
            lines += ["      username: labuser", "      dynamic allocated peer ip: \(Topology.clientAssignedAddress)",
                      "      dynamic allocated peer ip(ipv6): 0.0.0.0"]
        }
        lines += ["", "",
                  "      #pkts encaps: \(enc), #pkts encrypt: \(enc), #pkts digest: \(enc)",
                  "      #pkts decaps: \(dec), #pkts decrypt: \(dec), #pkts verify: \(dec)",
                  "      #pkts compressed: 0, #pkts decompressed: 0",
                  "      #pkts not compressed: \(enc), #pkts comp failed: 0, #pkts decomp failed: 0",
                  "      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0",
                  "      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0",
                  "      #TFC rcvd: 0, #TFC sent: 0",
                  "      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0"]
        if detail {
            lines += ["      #pkts no sa (send): 0, #pkts invalid sa (rcv): 0",
                      "      #pkts encaps failed (send): 0, #pkts decaps failed (rcv): 0",
                      "      #pkts invalid prot (rcv): 0, #pkts verify failed: 0",
                      "      #pkts invalid identity (rcv): 0, #pkts invalid len (rcv): 0",
                      "      #pkts invalid pad (rcv): 0,",
                      "      #pkts invalid ip version (rcv): 0,",
                      "      #pkts replay rollover (send): 0, #pkts replay rollover (rcv): 0",
                      "      #pkts replay failed (rcv): 0",
                      "      #pkts min mtu frag failed (send): 0, #pkts bad frag offset (rcv): 0",
                      "      #pkts internal err (send): 0, #pkts internal err (rcv): 0"]
        }
        lines += ["      #send errors: 0, #recv errors: \(receiveErrors)", "",
                  "      local crypto endpt.: \(localAddress)/0, remote crypto endpt.: \(peerAddress)/0",
                  "      path mtu \(config.pathMtu), ipsec overhead 58(36), media mtu \(config.mediaMtu)",
                  "      PMTU time remaining (sec): 0, DF policy: copy-df",
                  "      ICMP error validation: disabled, TFC packets: disabled",
                  "      current outbound spi: \(SPIText.asaHex(tunnel.outboundSpi))",
                  "      current inbound spi : \(SPIText.asaHex(tunnel.inboundSpi))", ""]
        let settings = ra ? "{RA, Tunnel, IKEv1, }" : "{L2L, Tunnel, IKEv1, }"
        func sa(_ spi: UInt32, _ packets: Int, _ bitmap: String) -> [String] {
            ["      spi: 0x\(SPIText.asaHex(spi)) (\(spi))",
             "         SA State: active",
             "         transform: \(transformText) no compression",
             "         in use settings =\(settings)",
             "         slot: 0, conn_id: \(tunnel.inboundConnId * 4096), crypto-map: " + (ra ? "dynmap" : config.cryptoMapName),
             "         sa timing: remaining key lifetime (kB/sec): (\(remainingKilobytes(packets: packets))/\(phase2RemainingSeconds))",
             "         IV size: 8 bytes",
             "         replay detection support: Y",
             "         Anti replay bitmap: ",
             "          \(bitmap)"]
        }
        lines.append("    inbound esp sas:")
        lines += sa(tunnel.inboundSpi, dec, dec > 0 ? "0xFFFFFFFF 0xFFFFFFFF" : "0x00000000 0x00000001")
        lines.append("    outbound esp sas:")
        lines += sa(tunnel.outboundSpi, enc, "0x00000000 0x00000001")
        lines.append("")
        return lines
    }

    func asaVersion() -> [String] {
        let hw = scenario.hardware[.asa] ?? ScenarioCatalog.asa
        return ["", hw.image, "Firepower Extensible Operating System Version 2.2(2.86)", "Device Manager Version 7.8(2)", "",
                "Compiled on Wed 14-Nov-18 10:46 PST by builders",
                "System image file is \"\(hw.imageFile)\"",
                "Config file at boot was \"startup-config\"", "",
                "\(topology.local.hostname) up \(clock.uptimeWords(persona: .asa))", "",
                hw.chassis,
                "Internal ATA Compact Flash, 8192MB",
                "BIOS Flash M25P64 @ 0xfed01000, 16384KB", ""] + hw.interfaceLines + ["",
                "Licensed features for this platform:",
                "Maximum Physical Interfaces       : Unlimited      perpetual",
                "Encryption-DES                    : Enabled        perpetual",
                "Encryption-3DES-AES               : Enabled        perpetual",
                "IPsec Peers                       : 300            perpetual", "",
                hw.processorLine,
                "Configuration register is 0x1",
                "Configuration last modified by enable_15 at 09:12:44.120 UTC Sat Nov 28 2026"]
    }
}
