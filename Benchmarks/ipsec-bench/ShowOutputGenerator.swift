/// Deterministic device output for benchmarks: the same N always gives the same bytes.
///
/// The blocks follow real layouts (IOS-XE `show crypto ipsec sa`, ASA 9.x `show crypto
/// ipsec sa`, the IOS `show crypto isakmp sa` table); the numbers vary per peer so no two
/// blocks are byte-identical, as on a real hub.
struct ShowOutputGenerator {
    private var out: [UInt8] = []

    /// `show crypto ipsec sa detail` of an IOS-XE hub with `peers` static VTI peers (the
    /// detail form: every drop counter, about 2.2 KB per peer).
    static func iosIpsecSA(peers: Int) -> [UInt8] {
        var g = ShowOutputGenerator()
        g.out.reserveCapacity(peers * 2_300)
        for i in 0..<peers { g.iosBlock(i) }
        return g.out
    }

    /// `show crypto ipsec sa` of an ASA with `peers` L2L peers under one crypto map.
    static func asaIpsecSA(peers: Int) -> [UInt8] {
        var g = ShowOutputGenerator()
        g.out.reserveCapacity(peers * 2_600)
        g.line("interface: outside")
        for i in 0..<peers { g.asaBlock(i) }
        return g.out
    }

    /// `show crypto isakmp sa` (IOS table) with `rows` phase 1 SAs.
    static func iosIsakmpSA(rows: Int) -> [UInt8] {
        var g = ShowOutputGenerator()
        g.out.reserveCapacity(rows * 80 + 200)
        g.line("IPv4 Crypto ISAKMP SA")
        g.line("dst             src             state          conn-id status")
        let states = ["QM_IDLE", "QM_IDLE", "QM_IDLE", "MM_NO_STATE", "MM_KEY_EXCH", "QM_IDLE"]
        for i in 0..<rows {
            let state = states[Int(mix(i, 7) % UInt64(states.count))]
            g.line(pad("192.0.2.1", 16) + pad(peerAddress(i), 16) + pad(state, 15) + pad(String(1001 + i), 7, left: true) + " ACTIVE")
        }
        g.line("")
        g.line("IPv6 Crypto ISAKMP SA")
        g.line("")
        return g.out
    }

    // MARK: - Blocks

    private mutating func iosBlock(_ i: Int) {
        let peer = Self.peerAddress(i)
        let inSpi = UInt32(truncatingIfNeeded: Self.mix(i, 1) | 0x100)
        let outSpi = UInt32(truncatingIfNeeded: Self.mix(i, 2) | 0x100)
        let encaps = Self.mix(i, 3) % 90_000_000, decaps = Self.mix(i, 4) % 90_000_000
        let seconds = Self.mix(i, 5) % 3600, kb = 4_608_000 - Self.mix(i, 6) % 400_000
        line("interface: Tunnel\(i + 1)")
        line("    Crypto map tag: Tunnel\(i + 1)-head-0, local addr 192.0.2.1")
        line("")
        line("   protected vrf: (none)")
        line("   local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)")
        line("   remote ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)")
        line("   current_peer \(peer) port 500")
        line("     PERMIT, flags={origin_is_acl,}")
        line("    #pkts encaps: \(encaps), #pkts encrypt: \(encaps), #pkts digest: \(encaps)")
        line("    #pkts decaps: \(decaps), #pkts decrypt: \(decaps), #pkts verify: \(decaps)")
        line("    #pkts compressed: 0, #pkts decompressed: 0")
        line("    #pkts not compressed: 0, #pkts compr. failed: 0")
        line("    #pkts not decompressed: 0, #pkts decompress failed: 0")
        line("    #pkts no sa (send) 0, #pkts invalid sa (rcv) 0")
        line("    #pkts encaps failed (send) 0, #pkts decaps failed (rcv) 0")
        line("    #pkts invalid prot (recv) 0, #pkts verify failed: 0")
        line("    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0")
        line("    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0")
        line("    ##pkts replay failed (rcv): \(Self.mix(i, 9) % 5)")
        line("    #pkts tagged (send): 0, #pkts untagged (rcv): 0")
        line("    #pkts not tagged (send): 0, #pkts not untagged (rcv): 0")
        line("    #pkts internal err (send): 0, #pkts internal err (recv) 0")
        line("")
        line("     local crypto endpt.: 192.0.2.1, remote crypto endpt.: \(peer)")
        line("     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet1")
        line("     current outbound spi: \(Self.spi(outSpi))")
        line("     PFS (Y/N): N, DH group: none")
        line("")
        for (direction, spi, conn) in [("inbound", inSpi, 2 * i + 2001), ("outbound", outSpi, 2 * i + 2002)] {
            line("     \(direction) esp sas:")
            line("      spi: \(Self.spi(spi))")
            line("        transform: esp-256-aes esp-sha256-hmac ,")
            line("        in use settings ={Tunnel, }")
            line("        conn id: \(conn), flow_id: SW:\(conn - 2000), sibling_flags FFFFFFFF80004048, crypto map: Tunnel\(i + 1)-head-0")
            line("        sa timing: remaining key lifetime (k/sec): (\(kb)/\(seconds))")
            line("        IV size: 16 bytes")
            line("        replay detection support: Y")
            line("        Status: ACTIVE(ACTIVE)")
            line("")
            line("     \(direction) ah sas:")
            line("")
            line("     \(direction) pcp sas:")
            line("")
        }
    }

    private mutating func asaBlock(_ i: Int) {
        let peer = Self.peerAddress(i)
        let inSpi = UInt32(truncatingIfNeeded: Self.mix(i, 1) | 0x100)
        let outSpi = UInt32(truncatingIfNeeded: Self.mix(i, 2) | 0x100)
        let encaps = Self.mix(i, 3) % 90_000_000, decaps = Self.mix(i, 4) % 90_000_000
        let seconds = Self.mix(i, 5) % 28_800, kb = 4_608_000 - Self.mix(i, 6) % 400_000
        let remote = "10.\(64 + (i >> 8) & 63).\(i & 255).0"
        line("    Crypto map tag: outside_map, seq num: \(i + 1), local addr: 192.0.2.10")
        line("")
        line("      access-list outside_cryptomap_\(i + 1) extended permit ip 10.1.0.0 255.255.255.0 \(remote) 255.255.255.0")
        line("      local ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)")
        line("      remote ident (addr/mask/prot/port): (\(remote)/255.255.255.0/0/0)")
        line("      current_peer: \(peer)")
        line("")
        line("")
        line("      #pkts encaps: \(encaps), #pkts encrypt: \(encaps), #pkts digest: \(encaps)")
        line("      #pkts decaps: \(decaps), #pkts decrypt: \(decaps), #pkts verify: \(decaps)")
        line("      #pkts compressed: 0, #pkts decompressed: 0")
        line("      #pkts not compressed: \(encaps), #pkts comp failed: 0, #pkts decomp failed: 0")
        line("      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0")
        line("      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0")
        line("      #TFC rcvd: 0, #TFC sent: 0")
        line("      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0")
        line("      #send errors: 0, #recv errors: \(Self.mix(i, 8) % 3)")
        line("")
        line("      local crypto endpt.: 192.0.2.10/500, remote crypto endpt.: \(peer)/500")
        line("      path mtu 1500, ipsec overhead 74(44), media mtu 1500")
        line("      PMTU time remaining (sec): 0, DF policy: copy-df")
        line("      ICMP error validation: disabled, TFC packets: disabled")
        line("      current outbound spi: \(String(outSpi, radix: 16, uppercase: true))")
        line("      current inbound spi : \(String(inSpi, radix: 16, uppercase: true))")
        line("")
        for (direction, spi) in [("inbound", inSpi), ("outbound", outSpi)] {
            line("    \(direction) esp sas:")
            line("      spi: 0x\(String(spi, radix: 16, uppercase: true)) (\(spi))")
            line("         SA State: active")
            line("         transform: esp-aes-256 esp-sha-hmac no compression")
            line("         in use settings ={L2L, Tunnel, IKEv1, }")
            line("         slot: 0, conn_id: \(4096 * (i + 1)), crypto-map: outside_map")
            line("         sa timing: remaining key lifetime (kB/sec): (\(kb)/\(seconds))")
            line("         IV size: 16 bytes")
            line("         replay detection support: Y")
            line("         Anti replay bitmap:")
            line("          0x00000000 0x00000001")
        }
        line("")
    }

    // MARK: - Helpers

    private mutating func line(_ text: String) {
        out.append(contentsOf: text.utf8)
        out.append(UInt8(ascii: "\n"))
    }

    /// A fixed pseudo-random value per (peer, field): splitmix64 of both.
    static func mix(_ i: Int, _ field: UInt64) -> UInt64 {
        var z = UInt64(truncatingIfNeeded: i) &* 0x9E37_79B9_7F4A_7C15 &+ field &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func peerAddress(_ i: Int) -> String { "100.\(64 + (i >> 16) & 63).\((i >> 8) & 255).\(i & 255)" }

    static func spi(_ value: UInt32) -> String { "0x\(String(value, radix: 16, uppercase: true))(\(value))" }

    static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? fill + s : s + fill
    }
}
