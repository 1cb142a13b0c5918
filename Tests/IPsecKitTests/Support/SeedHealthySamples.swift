/// The healthy negotiation samples of the source document: the diagnosis must find nothing
/// in them (a proposal rejected and a later one accepted is normal negotiation).
enum SeedHealthySamples {
    struct Sample {
        let name: String
        let log: String
    }

    static let all: [Sample] = [
        Sample(name: "ios-debug-crypto-isakmp", log: """
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
        """),
        Sample(name: "ios-debug-crypto-ipsec", log: """
        Checking IPSec proposal 1transform 1, ESP_DES
        attributes in transform:
        encaps is 1
        SA life type in seconds
        SA life duration (basic) of 3600
        SA life type in kilobytes
        SA life duration (VPI) of 0x0 0x46 0x50 0x0
        HMAC algorithm is SHA
        atts are acceptable.
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
        IPSEC(initialize_sas): ,
            (key eng. msg.) src=10.1.0.2, dest= 10.1.0.1,
            src_proxy= 10.1.1.0/255.255.255.0/0/0,
            dest_proxy= 10.1.0.0/255.255.255.0/0/0,
            protocol= ESP, transform= esp-des esp-sha-hmac
            lifedur= 3600s and 4608000kb,
            spi= 0xDEDOAB4(233638580), conn_id= 6,
            keysize= 0, flags= 0x4
        IPSEC(create_sa): sa created,
            (sa) sa_dest= 10.1.0.2, sa_prot= 50,
            sa_spi= 0xB9D0109(194838793),
            sa_trans= esp-des esp-sha-hmac , sa_conn_id= 5
        IPSEC(create_sa): sa created,
            (sa) sa_dest= 10.1.0.2, sa_prot= 50,
            sa_spi= 0xDEDOAB4(233638580),
            sa_trans= esp-des esp-sha-hmac , sa_conn_id= 6
        """),
        Sample(name: "pix-debug-crypto-isakmp", log: """
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
        IPSEC(validate_proposal): transform proposal
          (prot 3, trans 2, hmac_alg 1) not supported
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
        """),
        Sample(name: "pix-debug-crypto-ipsec", log: """
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
            has spi 2749108168 and conn_id 1 and flags 4IPSEC(key_engine):
            got a queue event...
        IPSEC(initialize_sas): ,
        (key eng. msg.) dest= 10.1.0.1, src=10.1.0.2,
            dest_proxy= 10.1.0.1/0.0.0.0/0/0 (type=1),
            src_proxy= 10.32.8.1/0.0.0.0/0/0 (type=1),
            protocol= ESP, transform= esp-3des esp-md5-hmac ,
            lifedur= 0s and 0kb,
            spi= 0xd532efbd(3576885181), conn_id= 2, keysize= 0, flags= 0x4
        IPSEC(initialize_sas): ,
        (key eng. msg.) src=10.1.0.1, dest= 10.1.0.2,
            src_proxy= 10.1.0.1/0.0.0.0/0/0 (type=1),
            dest_proxy= 10.32.8.1/0.0.0.0/0/0 (type=1),
            protocol= ESP, transform= esp-3des esp-md5-hmac ,
            lifedur= 0s and 0kb,
            spi= 0xa3dc0fc8(2749108168), conn_id= 1, keysize= 0, flags= 0x4
        return status is IKMP_NO_ERROR
        """),
    ]
}
