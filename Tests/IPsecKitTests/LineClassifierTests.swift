import Testing
@testable import IPsecKit

@Suite struct LineClassifierTests {
    func classify(_ s: String, previous: LineKind = .other) -> ClassifiedLine {
        s.withByteLine { LineClassifier.classify($0, previousKind: previous) }
    }

    func classifyAll(_ text: String) -> [(String, ClassifiedLine)] {
        var c = LineClassifier()
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let s = String(line)
            return (s, s.withByteLine { c.classify($0) })
        }
    }

    @Test func debugStreams() {
        #expect(classify("1d00h: ISAKMP (0:1): atts are not acceptable. Next payload is 0").kind == .isakmpDebug)
        #expect(classify("*Mar  1 00:01:02.345: ISAKMP:(1001):Old State = IKE_I_MM4  New State = IKE_I_MM5").kind == .isakmpDebug)
        #expect(classify("ISAKMP: encryption 3DES-CBC").kind == .isakmpDebug)
        #expect(classify("ISAKMP-PAK: (1001):received packet from 10.0.0.2 dport 500 sport 500 Global (I) MM_SA_SETUP").kind == .isakmpDebug)
        #expect(classify("crypto_isakmp_process_block: src 10.1.0.1, dest 10.1.0.2").kind == .isakmpDebug)
        #expect(classify("OAK_QM exchange").kind == .isakmpDebug)
        #expect(classify("return status is IKMP_NO_ERROR").kind == .isakmpDebug)
        #expect(classify("Nov 28 10:00:01 [IKEv1]: Group = 10.0.0.2, IP = 10.0.0.2, PHASE 1 COMPLETED").kind == .isakmpDebug)
        #expect(classify("[IKEv1 DEBUG]: Group = 10.0.0.2, IP = 10.0.0.2, All SA proposals found unacceptable").kind == .isakmpDebug)
        #expect(classify("IKEv2:(SESSION ID = 1,SA ID = 1):Sending Packet [To 10.0.0.2:500/From 10.0.0.1:500/VRF i0:f0]").kind == .isakmpDebug)
        #expect(classify("IPSEC(validate_proposal_request): proposal part #2,").kind == .ipsecDebug)
        #expect(classify("20:44:44: IPSEC(validate_transform_proposal):").kind == .ipsecDebug)
        #expect(classify("1d00h: IPsec (validate_proposal): transform proposal").kind == .ipsecDebug)
        #expect(classify("IPSEC: New embryonic SA created @ 0x00007fff2d6b1e40,").kind == .ipsecDebug)
        #expect(classify("CryptoEngine0: generate alg parameter").kind == .engineDebug)
        #expect(classify("crypto_engine_select_crypto_engine: can't handle any more").kind == .engineDebug)
        // Seed captures with the `ISAKMP` prefix cut off.
        #expect(classify("SKEYID state generated").kind == .isakmpDebug)
        #expect(classify("processing SA payload. message ID = 0").kind == .isakmpDebug)
    }

    @Test func syslogTags() {
        let ios = classify("000123: *Mar  1 00:01:02.345 UTC: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 10.0.0.2")
        #expect(ios.kind == .syslog)
        #expect(ios.syslog == SyslogTag(facility: "CRYPTO", severity: 6, mnemonic: "IKMP_MODE_FAILURE"))
        #expect(ios.sequenceNumber == 123)
        #expect(ios.timestamp == "Mar  1 00:01:02.345 UTC")
        #expect(ios.peer == "10.0.0.2")

        let asa = classify("Nov 28 2026 10:00:01: %ASA-4-402119: IPSEC: Received an ESP packet (SPI= 0x0C190BF9, sequence number= 0x598243) from 192.0.2.1 (user= 192.0.2.1) to 192.0.2.2 that failed anti-replay checking.")
        #expect(asa.kind == .syslog)
        #expect(asa.syslog?.facility == "ASA")
        #expect(asa.syslog?.mnemonic == "402119")
        #expect(asa.timestamp == "Nov 28 2026 10:00:01")
        #expect(asa.peer == "192.0.2.1")

        #expect(classify("%PIX-4-402101: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.0.0.1, prot=esp, spi=0x1234").syslog?.facility == "PIX")
        #expect(classify("%PIX|ASA-4-402101: decaps: recd IPSEC packet has").syslog?.facility == "PIX|ASA")
        let typo = classify("1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its sanity check or is malformed")
        #expect(typo.kind == .syslog)
        #expect(typo.syslog?.facility == "CRPTO")
        #expect(typo.timestamp == "1d00H")
        #expect(typo.peer == "198.51.100.1")
        #expect(classify("HW_VPN-1-HPRXERR: Virtual Private Network (VPN) Module0/2: Packet Encryption/Decryption error, status=4615").kind == .syslog)
        let relay = classify("Sep 22 11:02:39 203.0.113.16 2435: %MOTCR-1-ERROR: motcr_crypto_callback() motcr return failure")
        #expect(relay.syslog?.facility == "MOTCR")
        #expect(relay.timestamp == "Sep 22 11:02:39")
        let host = classify("Nov 28 10:00:01 fw01 %ASA-5-713119: Group = 10.0.0.2, IP = 10.0.0.2, PHASE 1 COMPLETED")
        #expect(host.kind == .syslog)
        #expect(host.peer == "10.0.0.2")
    }

    @Test func messageStartSkipsStamps() {
        let line = "000123: *Mar  1 00:01:02.345: ISAKMP (0:3): SA not acceptable!"
        let c = classify(line)
        #expect(String(line.utf8.dropFirst(c.messageStart))! == "ISAKMP (0:3): SA not acceptable!")
        let asa = "Nov 28 10:00:01 [IKEv1]: IP = 10.0.0.2, IKE_DECODE RECEIVED Message"
        #expect(String(asa.utf8.dropFirst(classify(asa).messageStart))! == "[IKEv1]: IP = 10.0.0.2, IKE_DECODE RECEIVED Message")
        #expect(classify("2w5d: ICMP: dst (172.16.1.56): frag. needed and DF set.").timestamp == "2w5d")
        #expect(classify(".Mar  1 00:01:02: ISAKMP: Created a peer struct for 10.0.0.2, peer port 500").timestamp == "Mar  1 00:01:02")
    }

    @Test func peers() {
        #expect(classify("%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 198.51.100.1").peer == "198.51.100.1")
        #expect(classify("ISAKMP: No cert, and no keys (public or pre-shared) with remote peer 198.51.100.2").peer == "198.51.100.2")
        #expect(classify("ISAKMP (0:1): found peer pre-shared key matched 203.0.113.22").peer == "203.0.113.22")
        #expect(classify("ISAKMP:(1001): processing SA payload. peer 10.0.0.9 message ID = 0").peer == "10.0.0.9")
        #expect(classify("ISAKMP (0:0): processing transaction payload from 10.1.0.2.").peer == "10.1.0.2")
        #expect(classify("Nov 28 10:00:01 [IKEv1]: Group = 10.0.0.2, IP = 10.0.0.3, QM FSM error").peer == "10.0.0.3")
        #expect(classify("%ASA-3-713902: IP = 10.0.0.4, Error: Unable to remove PeerTblEntry").peer == "10.0.0.4")
        #expect(classify("20:44:44: IPSEC(validate_transform_proposal): peer address 198.51.100.6 not found").peer == "198.51.100.6")
        #expect(classify("(key eng. msg.) dest= 192.0.2.15, src=198.51.100.6,", previous: .ipsecDebug).peer == "198.51.100.6")
        #expect(classify("*Oct 24 04:31:10.058: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=61.128.1.1, prot=50, spi=0x3EA71AED(1051138797), srcaddr=103.1.1.1").peer == "103.1.1.1")
        #expect(classify("ISAKMP:(0): beginning Main Mode exchange").peer == nil)
        #expect(classify("ISAKMP: New peer created peer = 0x6A7F1234 peer_handle = 0x80000003").peer == nil)
        #expect(classify("ISAKMP: received packet from 2001:db8::2 dport 500 sport 500 Global (N) NEW SA").peer == "2001:db8::2")
    }

    @Test func connections() {
        func conn(_ s: String) -> (Int?, ConnectionSource?) { let c = classify(s); return (c.connection, c.connectionSource) }
        #expect(conn("ISAKMP (0:3): SA not acceptable!") == (3, .isakmp))
        #expect(conn("*Mar  1 00:01:02.345: ISAKMP:(1001):Checking ISAKMP transform 1 against priority 10 policy") == (1001, .isakmp))
        #expect(conn("ISAKMP-PAK: (1002):received packet from 10.0.0.2 dport 500") == (1002, .isakmp))
        #expect(conn("ISAKMP (0): atts are acceptable. Next payload is 3") == (0, .isakmp))
        #expect(conn("    spi= 0xC22209E(203563166), conn_id= 3,", ) == (nil, nil))
        #expect(classify("    spi= 0xC22209E(203563166), conn_id= 3,", previous: .ipsecDebug).connection == 3)
        #expect(conn("%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5") == (5, .cryptoEngine))
        #expect(conn("ISAKMP: encryption 3DES-CBC") == (nil, nil))
    }

    @Test func continuationLinesFollowTheirDebugLine() {
        let text = """
        IPSEC(initialize_sas): ,
            (key eng. msg.) dest= 10.1.0.2, src=10.1.0.1,
            dest_proxy= 10.1.1.0/255.255.255.0/0/0,
            protocol= ESP, transform= esp-des esp-sha-hmac
        IPSEC(spi_response): getting spi 203563166 for SA
            from 10.1.0.2 to 10.1.0.1 for prot 2
        """
        let kinds = classifyAll(text).map(\.1.kind)
        #expect(kinds == Array(repeating: .ipsecDebug, count: 6))
        #expect(classify("    from 10.1.0.2 to 10.1.0.1 for prot 2").kind == .other)
    }

    /// The session-log splitter relies on this: show output is never asynchronous.
    @Test func showOutputIsNeverAsynchronous() throws {
        var samples = [ShowSamples.iosIpsecSA, ShowSamples.pixIpsecSA, ShowSamples.isakmpTables, ShowSamples.engineAndPrompts,
                       ShowSamples.asaIsakmp, ShowSamples.configuration]
        for c in try Corpus.cases(commandPrefix: "show_crypto") { samples.append(c.raw) }
        for text in samples {
            for (line, c) in classifyAll(text) {
                #expect(!c.isAsynchronous, "show line taken for \(c.kind): \(line)")
            }
        }
    }

    @Test func debugInterruptingShowOutputIsFound() {
        let text = ShowSamples.iosIpsecSA.replacingOccurrences(
            of: "    local crypto endpt.",
            with: "*Mar  1 00:01:02.345: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5\n    local crypto endpt.")
        let async = classifyAll(text).filter { $0.1.isAsynchronous }.map(\.0)
        #expect(async == ["*Mar  1 00:01:02.345: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=5"])
    }

    @Test func garbageDoesNotCrash() {
        for s in ["", ":", "%", "%A-1-", "000123:", "*Mar", "Mar 99 1:2:3", "ISAKMP (", "ISAKMP (0:", "peer at 1.2.3.", "from ::",
                  "1d", "12:34:", String(repeating: "9", count: 40) + ":", "\u{FFFD}\u{1B}[K"] {
            _ = classify(s)
        }
    }
}

/// Show output in the layouts the devices print (composed from the seed and public docs).
enum ShowSamples {
    static let iosIpsecSA = """
    interface: FastEthernet0
      Crypto map tag: test, local addr. 10.1.0.1
      local ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)
      remote ident (addr/mask/prot/port): (10.1.1.0/255.255.255.0/0/0)
      current_peer: 10.1.0.2
        PERMIT, flags={origin_is_acl,}
        #pkts encaps: 7767918, #pkts encrypt: 7767918, #pkts digest 7767918
        #pkts decaps: 7760382, #pkts decrypt: 7760382, #pkts verify 7760382
        #pkts compressed: 0, #pkts decompressed: 0
        #pkts not compressed: 0, #pkts compr. failed: 0,
        #pkts decompress failed: 0, #send errors 1, #recv errors 0
        local crypto endpt.: 10.1.0.1, remote crypto endpt.: 10.1.0.2
        path mtu 1500, media mtu 1500
        current outbound spi: 3D3
        inbound esp sas:
          spi: 0x136A010F(325714191)
            transform: esp-3des esp-md5-hmac ,
            in use settings ={Tunnel, }
            slot: 0, conn id: 3442, flow_id: 1443, crypto map: test
            sa timing: remaining key lifetime (k/sec): (4608000/52)
            IV size: 8 bytes
            replay detection support: Y
        inbound ah sas:
        inbound pcp sas:
        outbound esp sas:
          spi: 0x3D3(979)
            transform: esp-3des esp-md5-hmac ,
            in use settings ={Tunnel, }
            slot: 0, conn id: 3443, flow_id: 1444, crypto map: test
            sa timing: remaining key lifetime (k/sec): (4608000/52)
            IV size: 8 bytes
            replay detection support: Y
        outbound ah sas:
        outbound pcp sas:
    """

    static let pixIpsecSA = """
    interface: outside
      Crypto map tag: vpn, local addr. 10.1.0.1
      local ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)
      remote ident (addr/mask/prot/port): (10.1.0.2/255.255.255.255/0/0)
      current_peer: 10.2.1.1
      dynamic allocated peer ip: 10.1.0.2
      PERMIT, flags={}
      #pkts encaps: 345, #pkts encrypt: 345, #pkts digest 0
      #pkts decaps: 366, #pkts decrypt: 366, #pkts verify 0
      #send errors 0, #recv errors 0
      path mtu 1500, ipsec overhead 56, media mtu 1500
      current outbound spi: 9a46ecae
    """

    static let isakmpTables = """
    dst      src      state      conn-id      slot
    10.1.0.2 10.1.0.1  QM_IDLE    1             0
    dst\tsrc\tstate\tconn-id\tslot
    10.1.1.2\t10.1.1.1\tMM_NO_STATE\t1\t0
    Total      : 2
    Embryonic : 1
    dst        src        state    pending  created
    192.168.254.250  10.177.243.187  MM_KEY_EXCH  0        0
    IPv4 Crypto ISAKMP SA
    dst             src             state          conn-id status
    10.0.0.2        10.0.0.1        QM_IDLE           1001 ACTIVE
    """

    static let engineAndPrompts = """
    Router#show crypto engine connection active
      ID Interface            IP-Address      State  Algorithm           Encrypt  Decrypt
       1 FastEthernet0        10.1.0.1        set    HMAC_SHA+DES_56_CB        0        0
    3442 FastEthernet0        10.1.0.1        set    HMAC_MD5+3DES_56_C        0     7760382
    crypto engine name:  unknown
    crypto engine type:  software
    PIX(config)#show crypto isakmp sa
    Router#
    """

    static let asaIsakmp = """
    IKEv1 SAs:

       Active SA: 1
        Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)
    Total IKE SA: 1

    1   IKE Peer: 10.0.0.2
        Type    : L2L             Role    : initiator
        Rekey   : no              State   : MM_ACTIVE
    IKEv2 SAs:
    Session-id:1, Status:UP-ACTIVE, IKE count:1, Child count:1
    Tunnel-id                 Local                                               Remote     Status         Role
    """

    static let configuration = """
    crypto isakmp policy 10
     encr 3des
     hash md5
     authentication pre-share
    crypto map vpn 10 ipsec-isakmp
     set peer 10.0.0.2
    access-list 150 permit ip 172.21.113.0 0.0.0.255 172.21.114.0 0.0.0.255
    """
}
