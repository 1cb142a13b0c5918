/// IOS `show crypto ...` output in the router's layouts (12.4T, and the 12.2/12.3 layout
/// of the seed document for older images).
extension LabDevice {
    private typealias L = TextLayout

    /// 12.2/12.3 images print the older `show crypto ipsec sa` layout.
    var legacyIOS: Bool { (scenario.hardware[.ios]?.version ?? "12.4") < "12.4" }

    func iosIsakmpSA(detail: Bool) -> [String] {
        var lines: [String] = []
        if detail {
            lines += ["Codes: C - IKE configuration mode, D - Dead Peer Detection",
                      "       K - Keepalives, N - NAT-traversal",
                      "       T - cTCP encapsulation, X - IKE Extended Authentication",
                      "       psk - Preshared key, rsig - RSA signature",
                      "       renc - RSA encryption",
                      "IPv4 Crypto ISAKMP SA", "",
                      "C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.", ""]
            if let _ = phase1State {
                let up = phase1Established
                let enc = up ? config.isakmpEncryption : peerConfig.isakmpEncryption
                let hash = up ? config.isakmpHash : peerConfig.isakmpHash
                let group = up ? config.isakmpGroup : peerConfig.isakmpGroup
                lines.append(L.left(String(tunnel.phase1ConnId), 6) + L.left(localAddress, 16) + L.left(peerAddress, 16) + "       "
                             + "ACTIVE " + L.left(enc, 5) + L.left(hash, 7) + "psk  " + L.left(String(group), 3)
                             + (up ? L.hms(phase1RemainingSeconds) : "") + (up ? " " : ""))
                lines.append("       Engine-id:Conn-id =  SW:\(tunnel.phase1ConnId - 1000)")
                lines.append("")
            }
            lines += ["IPv6 Crypto ISAKMP SA", ""]
            return lines
        }
        lines += ["IPv4 Crypto ISAKMP SA", "dst             src             state          conn-id status"]
        if let state = phase1State {
            lines.append(L.left(peerAddress, 16) + L.left(localAddress, 16) + L.left(state, 15)
                         + L.right(tunnel.phase1ConnId, 7) + " ACTIVE")
        }
        lines += ["", "IPv6 Crypto ISAKMP SA", ""]
        return lines
    }

    /// One flow per crypto map ACL line, SAs only on the flow the tunnel carries.
    func iosIpsecSA(detail: Bool, peer: String?) -> [String] {
        var lines: [String] = [""]
        let iface = topology.local.outsideInterface
        let localAddr = config.localAddressInterface == nil ? localAddress : (config.loopbackAddress ?? localAddress)
        lines.append("interface: \(iface)")
        lines.append(legacyIOS ? "  Crypto map tag: \(config.cryptoMapName), local addr. \(localAddr)"
                               : "    Crypto map tag: \(config.cryptoMapName), local addr \(localAddr)")
        for entry in config.mapEntries where peer == nil || entry.peer == peer {
            for acl in entry.acl {
                let carries = entry.peer == peerAddress && phase2Present
                lines += iosFlow(entry: entry, acl: acl, carriesTunnel: carries, detail: detail)
            }
        }
        return lines
    }

    private func iosFlow(entry: CryptoMapEntry, acl: AccessListEntry, carriesTunnel: Bool, detail: Bool) -> [String] {
        let enc = carriesTunnel ? encapsCount : 0, dec = carriesTunnel ? decapsCount : 0
        let recv = carriesTunnel ? receiveErrors : 0
        let localId = "(\(acl.source)/\(acl.sourceMask)/0/0)", remoteId = "(\(acl.destination)/\(acl.destinationMask)/0/0)"
        var lines: [String] = []
        if legacyIOS {
            lines += ["  local ident (addr/mask/prot/port): \(localId)",
                      "  remote ident (addr/mask/prot/port): \(remoteId)",
                      "  current_peer: \(entry.peer)",
                      "    PERMIT, flags={origin_is_acl,}",
                      "    #pkts encaps: \(enc), #pkts encrypt: \(enc), #pkts digest \(enc)",
                      "    #pkts decaps: \(dec), #pkts decrypt: \(dec), #pkts verify \(dec)",
                      "    #pkts compressed: 0, #pkts decompressed: 0",
                      "    #pkts not compressed: 0, #pkts compr. failed: 0,",
                      "    #pkts decompress failed: 0, #send errors 0, #recv errors \(recv)",
                      "    local crypto endpt.: \(localAddress), remote crypto endpt.: \(entry.peer)",
                      "    path mtu \(config.pathMtu), media mtu \(config.mediaMtu)",
                      "    current outbound spi: " + (carriesTunnel ? String(tunnel.outboundSpi, radix: 16, uppercase: true) : "0")]
            lines.append("    inbound esp sas:")
            if carriesTunnel { lines += iosSA(spi: tunnel.inboundSpi, conn: tunnel.inboundConnId, packets: dec, indent: "      ", legacy: true) }
            lines += ["    inbound ah sas:", "    inbound pcp sas:", "    outbound esp sas:"]
            if carriesTunnel { lines += iosSA(spi: tunnel.outboundSpi, conn: tunnel.outboundConnId, packets: enc, indent: "      ", legacy: true) }
            lines += ["    outbound ah sas:", "    outbound pcp sas:", ""]
            return lines
        }
        lines += ["", "   protected vrf: (none)",
                  "   local  ident (addr/mask/prot/port): \(localId)",
                  "   remote ident (addr/mask/prot/port): \(remoteId)",
                  "   current_peer \(entry.peer) port 500",
                  "     PERMIT, flags={origin_is_acl,}",
                  "    #pkts encaps: \(enc), #pkts encrypt: \(enc), #pkts digest: \(enc)",
                  "    #pkts decaps: \(dec), #pkts decrypt: \(dec), #pkts verify: \(dec)",
                  "    #pkts compressed: 0, #pkts decompressed: 0",
                  "    #pkts not compressed: 0, #pkts compr. failed: 0",
                  "    #pkts not decompressed: 0, #pkts decompress failed: 0"]
        if detail {
            lines += ["    #pkts no sa (send) 0, #pkts invalid sa (rcv) 0",
                      "    #pkts encaps failed (send) 0, #pkts decaps failed (rcv) 0",
                      "    #pkts invalid prot (recv) 0, #pkts verify failed: 0",
                      "    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0",
                      "    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0",
                      "    ##pkts replay failed (rcv): \(scenario.id == "replay-check" ? recv : 0)",
                      "    #pkts internal err (send): 0, #pkts internal err (recv) 0"]
        } else {
            lines.append("    #send errors 0, #recv errors \(recv)")
        }
        let outSpi = carriesTunnel ? tunnel.outboundSpi : 0
        lines += ["",
                  "     local crypto endpt.: \(localAddress), remote crypto endpt.: \(entry.peer)",
                  "     path mtu \(config.pathMtu), ip mtu \(config.mediaMtu), ip mtu idb \(topology.local.outsideInterface)",
                  "     current outbound spi: \(SPIText.iosHexDec(outSpi))",
                  "     PFS (Y/N): N, DH group: none", "",
                  "     inbound esp sas:"]
        if carriesTunnel { lines += iosSA(spi: tunnel.inboundSpi, conn: tunnel.inboundConnId, packets: dec, indent: "      ", legacy: false) + [""] } else { lines.append("") }
        lines += ["     inbound ah sas:", "", "     inbound pcp sas:", "", "     outbound esp sas:"]
        if carriesTunnel { lines += iosSA(spi: tunnel.outboundSpi, conn: tunnel.outboundConnId, packets: enc, indent: "      ", legacy: false) + [""] } else { lines.append("") }
        lines += ["     outbound ah sas:", "", "     outbound pcp sas:"]
        return lines
    }

    private func iosSA(spi: UInt32, conn: Int, packets: Int, indent: String, legacy: Bool) -> [String] {
        let timing = "sa timing: remaining key lifetime (k/sec): (\(remainingKilobytes(packets: packets))/\(phase2RemainingSeconds))"
        let iv = config.transforms.first == "esp-aes" ? 16 : 8
        if legacy {
            return [indent + "spi: \(SPIText.iosHexDec(spi))",
                    indent + "  transform: \(transformText) ,",
                    indent + "  in use settings ={Tunnel, }",
                    indent + "  slot: 0, conn id: \(conn), flow_id: \(conn - 1999), crypto map: \(config.cryptoMapName)",
                    indent + "  " + timing,
                    indent + "  IV size: \(iv) bytes",
                    indent + "  replay detection support: Y"]
        }
        return [indent + "spi: \(SPIText.iosHexDec(spi))",
                indent + "  transform: \(transformText) ,",
                indent + "  in use settings ={Tunnel, }",
                indent + "  conn id: \(conn), flow_id: SW:\(conn - 1999), sibling_flags 80000046, crypto map: \(config.cryptoMapName)",
                indent + "  " + timing,
                indent + "  IV size: \(iv) bytes",
                indent + "  replay detection support: Y",
                indent + "  Status: ACTIVE"]
    }

    func iosEngineConnections() -> [String] {
        var lines = ["", "  ID Interface            IP-Address      State  Algorithm           Encrypt  Decrypt"]
        func row(_ id: Int, _ algorithm: String, _ enc: Int, _ dec: Int) -> String {
            L.right(id, 4) + " " + L.left(topology.local.outsideInterface, 21) + L.left(localAddress, 16) + "set    "
                + L.left(algorithm, 18) + L.right(enc, 9) + L.right(dec, 9)
        }
        if phase1Established {
            let ike = (config.isakmpHash == "md5" ? "HMAC_MD5" : "HMAC_SHA") + "+" + (config.isakmpEncryption == "des" ? "DES_56_CB" : "3DES_56_C")
            lines.append(row(tunnel.phase1ConnId, ike, 0, 0))
        }
        if phase2Present {
            lines.append(row(tunnel.inboundConnId, engineAlgorithm, 0, decapsCount))
            lines.append(row(tunnel.outboundConnId, engineAlgorithm, encapsCount, 0))
        }
        lines.append("")
        return lines
    }

    func iosCryptoSession(detail: Bool) -> [String] {
        var lines = ["Crypto session current status", ""]
        if detail {
            lines += ["Code: C - IKE Configuration mode, D - Dead Peer Detection",
                      "K - Keepalives, N - NAT-traversal, T - cTCP encapsulation",
                      "X - IKE Extended Authentication, F - IKE Fragmentation", ""]
        }
        let status: String
        if !tunnel.phase1Present && !phase2Present { status = scenario.phase1 == .absent ? "DOWN" : "DOWN-NEGOTIATING" }
        else if phase2Present && phase1Established { status = "UP-ACTIVE" }
        else if phase2Present { status = "UP-NO-IKE" }
        else if phase1Established { status = "UP-IDLE" }
        else { status = "DOWN-NEGOTIATING" }
        lines.append("Interface: \(topology.local.outsideInterface)")
        if detail && phase2Present { lines.append("Uptime: " + L.hms(Int((now - tunnel.phase2CreatedAt) / 1000))) }
        lines.append("Session status: \(status)")
        lines.append("Peer: \(peerAddress) port 500" + (detail ? " fvrf: (none) ivrf: (none)" : ""))
        if detail {
            lines += ["      Phase1_id: \(phase1Established ? peerAddress : "(none)")", "      Desc: (none)"]
        }
        if tunnel.phase1Present {
            if detail { lines.append("  Session ID: 0") }
            lines.append("  IKEv1 SA: local \(localAddress)/500 remote \(peerAddress)/500 " + (phase1Established ? "Active" : "Inactive"))
            if detail {
                lines.append("          Capabilities:(none) connid:\(phase1Established ? tunnel.phase1ConnId : 0) lifetime:"
                             + (phase1Established ? L.hms(phase1RemainingSeconds) : "0"))
            }
        }
        let (ln, lm) = localIdent, (rn, rm) = remoteIdent
        lines.append("  IPSEC FLOW: permit ip \(ln)/\(lm) \(rn)/\(rm)")
        lines.append("        Active SAs: \(phase2Present ? 2 : 0), origin: crypto map")
        if detail {
            let inLife = phase2Present ? "\(remainingKilobytes(packets: decapsCount))/\(phase2RemainingSeconds)" : "0/0"
            let outLife = phase2Present ? "\(remainingKilobytes(packets: encapsCount))/\(phase2RemainingSeconds)" : "0/0"
            lines.append("        Inbound:  #pkts dec'ed \(decapsCount) drop \(receiveErrors) life (KB/Sec) \(inLife)")
            lines.append("        Outbound: #pkts enc'ed \(encapsCount) drop 0 life (KB/Sec) \(outLife)")
        }
        lines.append("")
        return lines
    }

    func iosVersion() -> [String] {
        let hw = scenario.hardware[.ios] ?? ScenarioCatalog.isr
        // Images before 12.4 still used the older banner.
        let banner = legacyIOS ? ["Cisco Internetwork Operating System Software ", "IOS (tm) \(hw.image)"] : ["Cisco IOS Software, \(hw.image)"]
        return banner + ["Technical Support: http://www.cisco.com/techsupport",
                "Copyright (c) 1986-2012 by Cisco Systems, Inc.",
                "Compiled Fri 16-Mar-12 05:53 by prod_rel_team", "",
                "ROM: System Bootstrap, Version 12.4(13r)T, RELEASE SOFTWARE (fc1)", "",
                "\(topology.local.hostname) uptime is \(clock.uptimeWords(persona: .ios))",
                "System returned to ROM by power-on",
                "System image file is \"\(hw.imageFile)\"", "",
                hw.chassis, hw.processorLine] + hw.interfaceLines + [
                "239K bytes of non-volatile configuration memory.",
                "62720K bytes of ATA CompactFlash (Read/Write)", "",
                "Configuration register is 0x2102", ""]
    }
}
