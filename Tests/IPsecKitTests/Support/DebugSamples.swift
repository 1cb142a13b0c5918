/// Debug and logging output for the diagnosis tests, in the layouts IOS and PIX/ASA print
/// (composed after the knowledge document's device strings).
enum DebugSamples {
    /// `debug crypto isakmp`, healthy phase 1 then the start of quick mode (prefixes cut
    /// off as in the troubleshooting note).
    static let healthyIsakmp = """
    processing SA payload. message ID = 0
    Checking ISAKMP transform against priority 1 policy
    encryption DES-CBC
        hash SHA
    default group 2
    auth pre-share
    life type in seconds
    life duration (basic) of 240
    atts are acceptable. Next payload is 0
    processing KE payload. message ID = 0
    processing NONCE payload. message ID = 0
    processing ID payload. message ID = 0
    SKEYID state generated
    processing HASH payload. message ID = 0
    SA has been authenticated
    processing SA payload. message ID = 800032287
    """

    /// `debug crypto ipsec`, healthy: proposal accepted, SPIs, two SAs created. The note's
    /// own remark about `atts not acceptable` sits in the middle, as in the note.
    static let healthyIpsec = """
    Checking IPSec proposal 1transform 1, ESP_DES
    attributes in transform:
    encaps is 1
    SA life type in seconds
    SA life duration (basic) of 3600
    SA life type in kilobytes
    SA life duration (VPI) of 0x0 0x46 0x50 0x0
    HMAC algorithm is SHA
    atts are acceptable.
    Invalid attribute combinations between peers will show up as "atts not acceptable".
    IPSEC(validate_proposal_request): proposal part #2,
    (key eng. msg.) dest= 10.1.0.2, src=10.1.0.1,
        dest_proxy= 10.1.1.0/0.0.0.0/0/0,
        src_proxy= 10.1.0.0/0.0.0.16/0/0,
        protocol= ESP, transform= esp-des esp-sha-hmac
        lifedur= 0s and 0kb,
        spi= 0x0(0), conn_id= 0, keysize= 0, flags= 0x4
    IPSEC(key_engine): got a queue event...
    IPSEC(spi_response): getting spi 203563166 for SA
        from 10.1.0.2 to 10.1.0.1 for prot 2
    IPSEC(spi_response): getting spi 194838793 for SA
        from 10.1.0.2 to 10.1.0.1 for prot 3
    IPSEC(key_engine): got a queue event...
    IPSEC(initialize_sas): ,
        (key eng. msg.) dest= 10.1.0.2, src=10.1.0.1,
        dest_proxy= 10.1.1.0/255.255.255.0/0/0,
        src_proxy= 10.1.0.0/255.255.255.0/0/0,
        protocol= ESP, transform= esp-des esp-sha-hmac
        lifedur= 3600s and 4608000kb,
        spi= 0xC22209E(203563166), conn_id= 3,
        keysize=0, flags= 0x4
    IPSEC(create_sa): sa created,
        (sa) sa_dest= 10.1.0.2, sa_prot= 50,
        sa_spi= 0xB9D0109(194838793),
        sa_trans= esp-des esp-sha-hmac , sa_conn_id= 5
    IPSEC(create_sa): sa created,
        (sa) sa_dest= 10.1.0.2, sa_prot= 50,
        sa_spi= 0xDEDOAB4(233638580),
        sa_trans= esp-des esp-sha-hmac , sa_conn_id= 6
    """

    /// PIX `debug crypto isakmp` for a remote-access client: transform 1 rejected then
    /// transform 3 accepted; mode config; quick mode proposal 1 rejected then 2 accepted.
    static let pixRejectThenAccept = """
    crypto_isakmp_process_block: src 10.1.0.1, dest 10.1.0.2
    OAK_AG exchange
    ISAKMP (0): processing SA payload. message ID = 0
    ISAKMP (0): Checking ISAKMP transform 1 against priority 1 policy
    ISAKMP:      encryption DES-CBC
    ISAKMP:      hash MD5
    ISAKMP:      default group 1
    ISAKMP:      auth pre-share
    ISAKMP (0): atts are not acceptable. Next payload is 3
    ISAKMP (0): Checking ISAKMP transform 3 against priority 1 policy
    ISAKMP:      encryption 3DES-CBC
    ISAKMP:      hash SHA
    ISAKMP:      default group 1
    ISAKMP:      auth pre-share
    ISAKMP (0): atts are acceptable. Next payload is 3
    ISAKMP (0): processing KE payload. message ID = 0
    ISAKMP: Created a peer node for 10.1.0.2
    OAK_QM exchange
    ISAKMP (0:0): Need config/address
    ISAKMP (0:0): initiating peer config to 10.1.0.2. ID = 2607270170 (0x9b67c91a)
    return status is IKMP_NO_ERROR
    crypto_isakmp_process_block: src 10.1.0.2, dest 10.1.0.1
    ISAKMP_TRANSACTION exchange
    ISAKMP (0:0): processing transaction payload from 10.1.0.2.
      message ID = 2156506360
    ISAKMP: Config payload CFG_ACK
    ISAKMP (0:0): peer accepted the address!
    ISAKMP (0:0): processing saved QM.
    oakley_process_quick_mode:
    OAK_QM_IDLE
    ISAKMP (0): processing SA payload. message ID = 818324052
    ISAKMP : Checking IPsec proposal 1
    ISAKMP: transform 1, ESP_DES
    ISAKMP:   attributes in transform:
    ISAKMP:     authenticator is HMAC-MD5
    ISAKMP:     encaps is 1
    IPSEC(validate_proposal): transform proposal (prot 3, trans 2, hmac_alg 1) not supported
    ISAKMP (0): atts not acceptable. Next payload is 0
    ISAKMP : Checking IPsec proposal 2
    ISAKMP: transform 1, ESP_3DES
    ISAKMP:   attributes in transform:
    ISAKMP:     authenticator is HMAC-MD5
    ISAKMP:     encaps is 1
    ISAKMP (0): atts are acceptable.
    ISAKMP (0): processing NONCE payload. message ID = 818324052
    ISAKMP (0): processing ID payload. message ID = 81
    ISAKMP (0): ID_IPV4_ADDR src 10.32.8.1 prot 0 port 0
    ISAKMP (0): processing ID payload. message ID = 81
    ISAKMP (0): ID_IPV4_ADDR dst 10.1.0.1 prot 0 port 0
    INITIAL_CONTACTIPSEC(key_engine): got a queue event...
    """

    /// PIX `debug crypto ipsec` that follows.
    static let pixIpsec = """
    IPSEC(key_engine): got a queue event...
    IPSEC(spi_response): getting spi 0xd532efbd(3576885181) for SA
        from 10.1.0.2 to 10.1.0.1 for prot 3
    return status is IKMP_NO_ERROR
    crypto_isakmp_process_block: src 10.1.0.2, dest 10.1.0.1
    OAK_QM exchange
    oakley_process_quick_mode:
    OAK_QM_AUTH_AWAIT
    ISAKMP (0): Creating IPsec SAs
        inbound SA from 10.1.0.2 to 10.1.0.1
            (proxy 10.32.8.1 to 10.1.0.1.)
        has spi 3576885181 and conn_id 2 and flags 4
        outbound SA from 10.1.0.1 to 10.1.0.2
            (proxy 10.1.0.1 to 10.32.8.1)
        has spi 2749108168 and conn_id 1 and flags 4
    IPSEC(initialize_sas): ,
    (key eng. msg.) dest= 10.1.0.1, src=10.1.0.2,
        dest_proxy= 10.1.0.1/0.0.0.0/0/0 (type=1),
        src_proxy= 10.32.8.1/0.0.0.0/0/0 (type=1),
        protocol= ESP, transform= esp-3des esp-md5-hmac ,
        lifedur= 0s and 0kb,
        spi= 0xd532efbd(3576885181), conn_id= 2, keysize= 0, flags= 0x4
    return status is IKMP_NO_ERROR
    """

    /// Main mode fails on policies (lines 1-4).
    static let mainModeFailed = """
    1d00h: ISAKMP (0:1): atts are not acceptable. Next payload is 0
    1d00h: ISAKMP (0:1); no offers accepted!
    1d00h: ISAKMP (0:1): SA not acceptable!
    1d00h: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 198.51.100.1
    """

    /// One router's hash mismatch: explanation on line 10, failure on lines 12-13.
    static let hashMismatch = """
    3d01h: ISAKMP (0:1): beginning Main Mode exchange
    3d01h: ISAKMP (0:1): sending packet to 203.0.113.22 (I) MM_NO_STATE
    3d01h: ISAKMP (0:1): processing SA payload. message ID = 0
    3d01h: ISAKMP (0:1): found peer pre-shared key matched 203.0.113.22
    3d01h: ISAKMP (0:1): Checking ISAKMP transform 1 against priority 1 policy
    3d01h: ISAKMP:      encryption 3DES-CBC
    3d01h: ISAKMP:      hash MD5
    3d01h: ISAKMP:      default group 1
    3d01h: ISAKMP:      auth pre-share
    3d01h: ISAKMP (0:1): Hash algorithm offered does not match policy!
    3d01h: ISAKMP (0:1): atts are not acceptable. Next payload is 0
    3d01h: ISAKMP (0:1): no offers accepted!
    3d01h: ISAKMP (0:1): phase 1 SA not acceptable!
    """

    /// The note's two-router block, read as one stream (with its trailing spaces).
    static let seedHashAndEncryption = SeedPolicyCheck.bothRouters

    /// Five peers at once, each packet's lines together as a device prints them:
    /// 10.0.0.2 hash mismatch, 10.0.0.3 healthy after a rejected transform, 10.0.0.4 main
    /// mode failure, 10.0.0.5 invalid SPI, 10.0.0.6 quick mode proxy identities.
    static let interleaved = """
    *Nov 28 10:00:01.001: ISAKMP (0:1): beginning Main Mode exchange
    *Nov 28 10:00:01.002: ISAKMP (0:1): sending packet to 10.0.0.2 (I) MM_NO_STATE
    *Nov 28 10:00:01.003: ISAKMP (0:2): beginning Main Mode exchange
    *Nov 28 10:00:01.004: ISAKMP (0:2): sending packet to 10.0.0.3 (I) MM_NO_STATE
    *Nov 28 10:00:01.005: ISAKMP (0:3): beginning Main Mode exchange
    *Nov 28 10:00:01.006: ISAKMP (0:3): sending packet to 10.0.0.4 (I) MM_NO_STATE
    *Nov 28 10:00:01.010: ISAKMP (0:2): received packet from 10.0.0.3 (I) MM_NO_STATE
    *Nov 28 10:00:01.011: ISAKMP (0:2): processing SA payload. message ID = 0
    *Nov 28 10:00:01.012: ISAKMP (0:2): Checking ISAKMP transform 1 against priority 10 policy
    *Nov 28 10:00:01.013: ISAKMP:      encryption DES-CBC
    *Nov 28 10:00:01.014: ISAKMP (0:2): atts are not acceptable. Next payload is 3
    *Nov 28 10:00:01.015: ISAKMP (0:1): received packet from 10.0.0.2 (I) MM_NO_STATE
    *Nov 28 10:00:01.016: ISAKMP (0:1): processing SA payload. message ID = 0
    *Nov 28 10:00:01.017: ISAKMP (0:1): Checking ISAKMP transform 1 against priority 10 policy
    *Nov 28 10:00:01.018: ISAKMP:      hash MD5
    *Nov 28 10:00:01.019: ISAKMP (0:1): Hash algorithm offered does not match policy!
    *Nov 28 10:00:01.020: ISAKMP (0:1): atts are not acceptable. Next payload is 0
    *Nov 28 10:00:01.021: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.0.0.1, prot=50, spi=0x1A2B3C4D(439041101), srcaddr=10.0.0.5
    *Nov 28 10:00:01.022: ISAKMP (0:2): Checking ISAKMP transform 2 against priority 10 policy
    *Nov 28 10:00:01.023: ISAKMP:      encryption AES-CBC
    *Nov 28 10:00:01.024: ISAKMP (0:2): atts are acceptable. Next payload is 0
    *Nov 28 10:00:01.025: ISAKMP (0:3): received packet from 10.0.0.4 (I) MM_NO_STATE
    *Nov 28 10:00:01.026: ISAKMP (0:3): Checking ISAKMP transform 1 against priority 10 policy
    *Nov 28 10:00:01.027: ISAKMP (0:3): atts are not acceptable. Next payload is 0
    *Nov 28 10:00:01.028: ISAKMP (0:1): no offers accepted!
    *Nov 28 10:00:01.029: ISAKMP (0:1): phase 1 SA not acceptable!
    *Nov 28 10:00:01.030: ISAKMP:(1004): received packet from 10.0.0.6 dport 500 sport 500 Global (R) QM_IDLE
    *Nov 28 10:00:01.031: ISAKMP:(1004):Checking IPSec proposal 1
    *Nov 28 10:00:01.032: IPsec(validate_transform_proposal): proxy identities not supported
    *Nov 28 10:00:01.033: ISAKMP: IPsec policy invalidated proposal
    *Nov 28 10:00:01.034: ISAKMP (0:3): no offers accepted!
    *Nov 28 10:00:01.035: ISAKMP:(1004): phase 2 SA policy not acceptable! (local 10.0.0.1 remote 10.0.0.6)
    *Nov 28 10:00:01.036: ISAKMP (0:2): SKEYID state generated
    *Nov 28 10:00:01.037: ISAKMP (0:2): SA has been authenticated
    *Nov 28 10:00:01.038: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 10.0.0.4
    """

    /// A modern IOS negotiation with 10.0.0.3, phase 1 and phase 2, all accepted.
    static let modernHealthy = """
    *Nov 28 10:00:01.001: ISAKMP:(0): beginning Main Mode exchange
    *Nov 28 10:00:01.002: ISAKMP:(0): sending packet to 10.0.0.3 my_port 500 peer_port 500 (I) MM_NO_STATE
    *Nov 28 10:00:01.010: ISAKMP:(0):Checking ISAKMP transform 1 against priority 10 policy
    *Nov 28 10:00:01.011: ISAKMP:      encryption AES-CBC
    *Nov 28 10:00:01.012: ISAKMP:(0):atts are acceptable. Next payload is 0
    *Nov 28 10:00:01.020: ISAKMP:(1005): SKEYID state generated
    *Nov 28 10:00:01.030: ISAKMP:(1005):SA has been authenticated with 10.0.0.3
    *Nov 28 10:00:01.040: ISAKMP:(1005):Checking IPSec proposal 1
    *Nov 28 10:00:01.041: ISAKMP:(1005):atts are acceptable.
    *Nov 28 10:00:01.042: IPSEC(spi_response): getting spi 203563166 for SA
    *Nov 28 10:00:01.043:         from 10.0.0.3 to 10.0.0.1 for prot 3
    *Nov 28 10:00:01.050: IPSEC(create_sa): sa created,
    *Nov 28 10:00:01.051:   (sa) sa_dest= 10.0.0.3, sa_prot= 50,
    *Nov 28 10:00:01.052: IPSEC(create_sa): sa created,
    *Nov 28 10:00:01.053:   (sa) sa_dest= 10.0.0.1, sa_prot= 50,
    """
}
