import Testing
@testable import IPsecKit

@Suite struct RunningConfigParserTests {
    static let ios = """
    Building configuration...

    Current configuration : 2417 bytes
    !
    hostname R1
    !
    crypto isakmp policy 10
     encr aes 256
     hash sha
     authentication pre-share
     group 14
     lifetime 28800
    crypto isakmp policy 20
     encr 3des
     hash md5
     authentication pre-share
     group 2
    crypto isakmp key 0 s3cr3t-key address 10.1.0.2
    crypto isakmp key other address 0.0.0.0 0.0.0.0
    !
    crypto isakmp client configuration group hw-client-groupname
     key hw-client-password
     dns 192.0.2.20 198.51.100.21
     pool dynpool
     acl 150
    !
    crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
     mode tunnel
    crypto ipsec transform-set LEGACY esp-3des esp-md5-hmac
    !
    crypto map vpn local-address FastEthernet0
    crypto map vpn 10 ipsec-isakmp
     set peer 10.1.0.2
     set transform-set TS LEGACY
     set pfs group14
     set security-association lifetime seconds 3600
     match address 101
    !
    interface FastEthernet0
     ip address 10.1.0.1 255.255.255.0
     ip nat outside
     crypto map vpn
    !
    interface FastEthernet1
     ip address 172.21.113.1 255.255.255.0
     ip nat inside
     ip tcp adjust-mss 1300
     ip mtu 1400
    !
    ip nat inside source route-map NONAT interface FastEthernet0 overload
    ip route 0.0.0.0 0.0.0.0 10.1.0.254
    !
    access-list 101 permit ip 172.21.113.0 0.0.0.255 172.21.114.0 0.0.0.255
    access-list 101 permit ip host 10.2.0.8 host 172.21.114.123
    access-list 110 deny   ip 172.21.113.0 0.0.0.255 172.21.114.0 0.0.0.255
    access-list 110 permit ip 172.21.113.0 0.0.0.255 any
    access-list 150 permit ip 192.0.2.0 0.0.0.127 any
    ip access-list extended NAMED
     permit tcp 10.0.0.0 0.255.255.255 eq 22 host 10.9.9.9
    !
    route-map NONAT permit 10
     match ip address 110
    !
    end
    """

    @Test func readsIOSCryptoConfiguration() {
        let (c, warnings) = RunningConfigParser.parse(Self.ios)
        #expect(warnings.isEmpty)
        #expect(c.platform == .ios)
        #expect(c.hostname == "R1")
        #expect(c.isakmpPolicies.map(\.priority) == [10, 20])
        #expect(c.isakmpPolicies[0].encryption == "aes-256" && c.isakmpPolicies[0].hash == "sha" && c.isakmpPolicies[0].group == 14)
        #expect(c.isakmpPolicies[0].lifetime == 28800 && c.isakmpPolicies[0].authentication == "pre-share")
        #expect(c.isakmpPolicies[1].encryption == "3des" && c.isakmpPolicies[1].hash == "md5")
        #expect(c.preSharedKeys.map(\.address) == ["10.1.0.2", "0.0.0.0"])
        #expect(c.preSharedKey(for: "10.1.0.2")?.mask == nil)
        #expect(c.preSharedKey(for: "192.0.2.99")?.address == "0.0.0.0")
        #expect(c.transformSets.map(\.transforms) == [["esp-aes-256", "esp-sha-hmac"], ["esp-3des", "esp-md5-hmac"]])
        #expect(c.transformSets[0].mode == "tunnel")
        let map = c.cryptoMaps[0]
        #expect(map.map == "vpn" && map.sequence == 10 && map.peers == ["10.1.0.2"] && map.transformSets == ["TS", "LEGACY"])
        #expect(map.matchAddress == "101" && map.pfs == "group14" && map.lifetimeSeconds == 3600)
        #expect(c.cryptoMapLocalAddress["vpn"] == "FastEthernet0")
        #expect(c.interfaces(applying: "vpn").map(\.address) == ["10.1.0.1"])
        #expect(c.interfaces[1].tcpAdjustMss == 1300 && c.interfaces[1].ipMtu == 1400 && c.interfaces[1].natRole == "inside")
        let acl = c.accessList(named: "101")!
        #expect(acl.entries.count == 2)
        #expect(acl.entries[0].source == AddressMatch(address: "172.21.113.0", mask: "255.255.255.0"))
        #expect(acl.entries[1].destination.isHost && acl.entries[1].destination.address == "172.21.114.123")
        #expect(c.accessList(named: "150")!.entries[0].source.mask == "255.255.255.128")
        #expect(c.accessList(named: "150")!.entries[0].destination == .any)
        #expect(c.accessList(named: "NAMED")!.entries[0].destination.address == "10.9.9.9")
        #expect(c.natExemptions == [{ var e = NatExemption(kind: .routeMapDeny); e.accessList = "110"; e.line = 50; return e }()])
        #expect(c.clientGroups.first?.splitTunnelACL == "150" && c.clientGroups.first?.pool == "dynpool" && c.clientGroups.first?.hasKey == true)
        #expect(c.routes.first?.nextHop == "10.1.0.254")
    }

    @Test func keysAreNeverEncoded() throws {
        let (c, _) = RunningConfigParser.parse(Self.ios)
        let json = String(decoding: try AnalysisReport.makeJSONEncoder().encode(c), as: UTF8.self)
        #expect(!json.contains("s3cr3t"))
        #expect(!json.contains("hw-client-password"))
        #expect(!json.contains("digest"))
        let (same, _) = RunningConfigParser.parse(Self.ios.replacingOccurrences(of: "key other", with: "key s3cr3t-key"))
        #expect(same.preSharedKeys[1].digest == c.preSharedKeys[0].digest)
        #expect(c.preSharedKeys[1].digest != c.preSharedKeys[0].digest)
    }

    static let asa = """
    ASA Version 9.8(4)
    !
    hostname asa
    interface GigabitEthernet0/0
     nameif outside
     security-level 0
     ip address 172.16.1.1 255.255.255.0
    !
    interface GigabitEthernet0/1
     nameif inside
     security-level 100
     ip address 10.10.10.1 255.255.255.0
    !
    object network LOCAL-NET
     subnet 10.10.10.0 255.255.255.0
    object network REMOTE-NET
     subnet 10.20.20.0 255.255.255.0
    access-list outside_cryptomap extended permit ip object LOCAL-NET object REMOTE-NET
    access-list SPLIT standard permit 10.10.10.0 255.255.255.0
    access-list OLD extended permit ip 10.10.10.0 255.255.255.0 10.30.30.0 255.255.255.0
    nat (inside,outside) source static LOCAL-NET LOCAL-NET destination static REMOTE-NET REMOTE-NET no-proxy-arp route-lookup
    route outside 0.0.0.0 0.0.0.0 172.16.1.254 1
    crypto ipsec ikev1 transform-set ESP-AES256-SHA esp-aes-256 esp-sha-hmac
    crypto map outside_map 10 match address outside_cryptomap
    crypto map outside_map 10 set peer 172.16.1.2
    crypto map outside_map 10 set ikev1 transform-set ESP-AES256-SHA
    crypto map outside_map 10 set security-association lifetime seconds 28800
    crypto map outside_map interface outside
    crypto ikev1 enable outside
    crypto ikev1 policy 10
     authentication pre-share
     encryption aes-256
     hash sha
     group 2
     lifetime 86400
    group-policy GP attributes
     split-tunnel-policy tunnelspecified
     split-tunnel-network-list value SPLIT
    tunnel-group 172.16.1.2 type ipsec-l2l
    tunnel-group 172.16.1.2 ipsec-attributes
     ikev1 pre-shared-key Sup3rS3cret
    no sysopt connection permit-vpn
    """

    @Test func readsASAConfiguration() {
        let (c, warnings) = RunningConfigParser.parse(Self.asa)
        #expect(warnings.isEmpty)
        #expect(c.platform == .asa)
        #expect(c.interfaces.map(\.nameif) == ["outside", "inside"])
        #expect(c.interfaces(applying: "outside_map").map(\.address) == ["172.16.1.1"])
        let acl = c.accessList(named: "outside_cryptomap")!
        #expect(acl.entries[0].source == AddressMatch(address: "10.10.10.0", mask: "255.255.255.0"))
        #expect(acl.entries[0].destination.address == "10.20.20.0")
        #expect(c.accessList(named: "OLD")!.entries[0].destination.mask == "255.255.255.0")
        #expect(c.natExemptions.first?.kind == .twiceNat && c.natExemptions.first?.sourceObject == "LOCAL-NET")
        #expect(c.transformSets.first?.transforms == ["esp-aes-256", "esp-sha-hmac"])
        #expect(c.cryptoMaps.first?.peers == ["172.16.1.2"] && c.cryptoMaps.first?.transformSets == ["ESP-AES256-SHA"])
        #expect(c.cryptoMaps.first?.matchAddress == "outside_cryptomap" && c.cryptoMaps.first?.lifetimeSeconds == 28800)
        #expect(c.isakmpPolicies.first?.encryption == "aes-256" && c.isakmpPolicies.first?.group == 2)
        #expect(c.preSharedKey(for: "172.16.1.2") != nil)
        #expect(c.splitTunnels == [{ var s = SplitTunnel(group: "GP", accessList: "SPLIT"); s.line = 38; return s }()])
        #expect(c.sysoptPermitIPsec == false)
        #expect(c.isakmpEnabledInterfaces == ["outside"])
        #expect(c.routes.first?.interface == "outside")
    }

    @Test func readsPIX6Configuration() {
        let pix = """
        PIX Version 6.3(5)
        nameif ethernet0 outside security0
        nameif ethernet1 inside security100
        hostname pix
        ip address outside 10.1.0.1 255.255.255.0
        ip address inside 10.1.1.1 255.255.255.240
        access-list 90 permit ip 10.1.1.0 255.255.255.0 10.1.2.0 255.255.255.0
        access-list 90 permit ip 172.16.0.0 255.255.0.0 10.1.2.0 255.255.255.0
        nat (inside) 0 access-list 90
        route inside 172.16.0.0 255.255.0.0 10.1.1.2 1
        ip local pool mypool 10.1.2.1-10.1.2.254
        sysopt connection permit-ipsec
        crypto ipsec transform-set myset esp-3des esp-md5-hmac
        crypto map vpn 10 ipsec-isakmp dynamic dynmap
        crypto map vpn interface outside
        isakmp enable outside
        isakmp key ******** address 0.0.0.0 netmask 0.0.0.0
        isakmp policy 10 authentication pre-share
        isakmp policy 10 encryption 3des
        isakmp policy 10 hash md5
        isakmp policy 10 group 2
        vpngroup vpn3000 split-tunnel 90
        """
        let (c, _) = RunningConfigParser.parse(pix)
        #expect(c.platform == .asa)
        #expect(c.interfaces.first { $0.nameif == "outside" }?.address == "10.1.0.1")
        #expect(c.interfaces.first { $0.nameif == "outside" }?.cryptoMap == "vpn")
        #expect(c.accessList(named: "90")?.entries.count == 2)
        #expect(c.natExemptions.first?.kind == .natZero && c.natExemptions.first?.accessList == "90")
        #expect(c.sysoptPermitIPsec == true)
        #expect(c.cryptoMaps.first?.dynamic == true && c.cryptoMaps.first?.dynamicMapName == "dynmap")
        #expect(c.isakmpPolicies.first?.encryption == "3des" && c.isakmpPolicies.first?.hash == "md5" && c.isakmpPolicies.first?.group == 2)
        #expect(c.preSharedKeys.first?.mask == "0.0.0.0")
        #expect(c.splitTunnels.first?.accessList == "90")
        #expect(c.localPools["mypool"] == "10.1.2.1-10.1.2.254")
    }

    @Test func garbageIsSurvived() {
        let (c, _) = RunningConfigParser.parse("crypto map\ncrypto map x\ncrypto map x y\naccess-list 1 permit\naccess-list 1 permit ip 1.2.3\ncrypto isakmp policy x\n encr\n\u{0}\u{FFFD}")
        #expect(c.cryptoMaps.isEmpty)
    }
}
