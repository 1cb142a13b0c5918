/// The error samples of the source document, one per catalog id, as they appear there
/// (including its line wrapping and typos), with the peer each finding must name.
/// `peer` is nil where the message names no peer.
enum SeedErrorSamples {
    struct Sample {
        let id: String
        let peer: String?
        let log: String
    }

    static let all: [Sample] = [
        Sample(id: "replay-check", peer: nil, log: """
        %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=#.
        """),
        Sample(id: "qm-fsm", peer: nil, log: """
        Nov 28 10:00:01 [IKEv1]: QM FSM error (P2 struct &0x3c8b4e8, mess id 0x1c4b6ab1)!
        """),
        Sample(id: "invalid-local-address", peer: nil, log: """
        IPSEC(validate_proposal): invalid local address 10.2.0.2
        ISAKMP (0:3): atts not acceptable. Next payload is 0
        ISAKMP (0:3): SA not acceptable!
        """),
        Sample(id: "ike-sanity-check", peer: "198.51.100.1", log: """
        1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its
        sanity check or is malformed
        """),
        Sample(id: "main-mode-failed", peer: "198.51.100.1", log: """
        1d00h: ISAKMP (0:1): atts are not acceptable. Next payload is 0
        1d00h: ISAKMP (0:1); no offers accepted!
        1d00h: ISAKMP (0:1): SA not acceptable!
        1d00h: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with
        peer at 198.51.100.1
        """),
        Sample(id: "proxy-id-unsupported", peer: nil, log: """
        1d00h: IPsec(validate_transform_proposal): proxy identities not supported
        1d00h: ISAKMP: IPsec policy invalidated proposal
        1d00h: ISAKMP (0:2): SA not acceptable!
        """),
        Sample(id: "transform-unsupported", peer: nil, log: """
        1d00h: IPsec (validate_proposal): transform proposal
        (port 3, trans 2, hmac_alg 2) not supported
        1d00h: ISAKMP (0:2) : atts not acceptable. Next payload is 0
        1d00h: ISAKMP (0:2) SA not acceptable
        """),
        Sample(id: "no-cert-no-keys", peer: "198.51.100.2", log: """
        1d00h: ISAKMP: No cert, and no keys (public or pre-shared) with
        remote peer 198.51.100.2
        """),
        Sample(id: "peer-not-found", peer: "198.51.100.6", log: """
        20:44:44: IPSEC(validate_proposal_request): proposal part #1,
          (key eng. msg.) dest= 192.0.2.15, src=198.51.100.6,
            dest_proxy= 10.0.0.76/255.255.255.255/0/0 (type=1),
            src_proxy= 198.51.100.23/255.255.255.255/0/0 (type=1),
            protocol= ESP, transform= esp-3des esp-md5-hmac ,
            lifedur= 0s and 0kb,
            spi= 0x0(0), conn_id= 0, keysize= 0, flags= 0x4
        20:44:44: IPSEC(validate_transform_proposal):
        peer address 198.51.100.6 not found
        """),
        Sample(id: "invalid-spi", peer: nil, log: """
        %PIX|ASA-4-402101: decaps: recd IPSEC packet has
        invalid spi for destaddr=dest_address, prot=protocol, spi=number
        """),
        Sample(id: "invalid-proxy-ids", peer: nil, log: """
        21:57:57: IPSEC(validate_proposal_request): proposal part #1,
          (key eng. msg.) dest= 192.0.2.1, src=192.0.2.2,
            dest_proxy= 10.1.1.1/255.255.255.0/0/0 (type=4),
            src_proxy= 10.2.0.1/255.255.255.0/0/0 (type=4)
        21:57:57: IPSEC(initialize_sas): invalid proxy IDs
        """),
        Sample(id: "reserved-not-zero", peer: nil, log: """
        ISAKMP (0:1): reserved not zero on payload 5!
        """),
        Sample(id: "policy-hash-mismatch", peer: "203.0.113.22", log: SeedPolicyCheck.hashMismatch),
        Sample(id: "policy-encryption-mismatch", peer: "203.0.113.22", log: SeedPolicyCheck.encryptionMismatch),
        Sample(id: "hmac-failed", peer: nil, log: """
        Sep 22 11:02:39 203.0.113.16 2435:
        Sep 22 11:02:39: %MOTCR-1-ERROR: motcr_crypto_callback() motcr return failure
        Sep 22 11:02:39 203.0.113.16 2436:
        Sep 22 11:02:39: %MOTCR-1-PKTENGRET_ERROR: MOTCR PktEng Return Value = 0x20000,
        PktEngReturn_MACMiscompare
        """),
        Sample(id: "remote-not-responding", peer: nil, log: """
        Nov 28 10:00:01 [IKEv1]: remote peer not responding
        """),
        Sample(id: "all-proposals-unacceptable", peer: nil, log: """
        Nov 28 10:00:01 [IKEv1]: all IPSec SA proposals found unacceptable!
        """),
        Sample(id: "hw-encrypt-decrypt-error", peer: nil, log: """
        HW_VPN-1-HPRXERR: Virtual Private Network (VPN) Module0/2: Packet Encryption/Decryption error, status=4615
        """),
        Sample(id: "esp-sequence-fail", peer: nil, log: """
        %C1700_EM-1-ERROR: packet-rx error: ESP sequence fail
        """),
        Sample(id: "platform-no-sw-crypto", peer: nil, log: """
        crypto_engine_select_crypto_engine: can't handle any more
        """),
    ]
}

/// The note's phase 1 policy check (its `debug crypto isakmp` block), one piece at a time:
/// each router's view as a sample, and the whole two-router block as the note prints it.
enum SeedPolicyCheck {
    static let saPayload = [
        "3d01h: ISAKMP (0:1): processing SA payload. message ID = 0",
        "3d01h: ISAKMP (0:1): found peer pre-shared key matched 203.0.113.22",
    ]

    /// The offered transform checked against the policy of `priority` and refused for its `algorithm`.
    static func transformRefused(priority: Int, algorithm: String) -> [String] {
        ["ISAKMP (0:1): Checking ISAKMP transform 1 against priority \(priority) policy",
         "ISAKMP: encryption 3DES-CBC", "ISAKMP: hash MD5", "ISAKMP: default group 1", "ISAKMP: auth pre-share",
         "ISAKMP: life type in seconds", "ISAKMP: life duration (VPI) of 0x0 0x1 0x51 0x80",
         "ISAKMP (0:1): \(algorithm) algorithm offered does not match policy!",
         "ISAKMP (0:1): atts are not acceptable. Next payload is 0"]
    }

    static let noOffers = ["ISAKMP (0:1): no offers accepted!", "ISAKMP (0:1): phase 1 SA not acceptable!"]

    /// Router A: its policy 1 has another hash.
    static let hashMismatch = (saPayload + transformRefused(priority: 1, algorithm: "Hash") + noOffers).joined(separator: "\n")

    /// Router B: only the default policy (65535) is left, with another encryption.
    static let encryptionMismatch = (saPayload + transformRefused(priority: 65535, algorithm: "Encryption") + noOffers)
        .joined(separator: "\n")

    /// The note's block with both routers, read as one stream, with its trailing spaces.
    static let bothRouters = (["=RouterA="] + saPayload + transformRefused(priority: 1, algorithm: "Hash")
        + ["=RouterB="] + transformRefused(priority: 65535, algorithm: "Encryption") + noOffers).joined(separator: "  \n")
}
