/// Building blocks of the negotiation debug streams, in the devices' own words (seed
/// document samples for IOS, ASA 8.x/9.x wording for the ASA). Scenarios compose them.
enum IOSScript {
    private static func i(_ t: String) -> DebugLineTemplate { DebugLineTemplate(.isakmp, t) }
    private static func p(_ t: String) -> DebugLineTemplate { DebugLineTemplate(.ipsec, t) }
    private static func e(_ t: String) -> DebugLineTemplate { DebugLineTemplate(.engine, t) }

    static let mainModeStart: [DebugLineTemplate] = [
        i("ISAKMP (0:{c1}): received packet from {peer} dport 500 sport 500 Global (N) NEW SA"),
        i("ISAKMP: local port 500, remote port 500"),
        i("ISAKMP (0:{c1}): processing SA payload. message ID = 0"),
    ]

    static let keyFound: [DebugLineTemplate] = [i("ISAKMP (0:{c1}): found peer pre-shared key matching {peer}")]

    static func policyCheck(priority: Int, encryption: String, hash: String, group: Int) -> [DebugLineTemplate] {
        [i("ISAKMP (0:{c1}): Checking ISAKMP transform 1 against priority \(priority) policy"),
         i("ISAKMP:      encryption \(encryption)"),
         i("ISAKMP:      hash \(hash)"),
         i("ISAKMP:      default group \(group)"),
         i("ISAKMP:      auth pre-share"),
         i("ISAKMP:      life type in seconds"),
         i("ISAKMP:      life duration (VPI) of  0x0 0x1 0x51 0x80")]
    }

    static let policyAccepted: [DebugLineTemplate] =
        policyCheck(priority: 10, encryption: "3DES-CBC", hash: "SHA", group: 2) + [i("ISAKMP (0:{c1}): atts are acceptable. Next payload is 0")]

    static let keyExchange: [DebugLineTemplate] = [
        e("CryptoEngine0: generate alg parameter"),
        e("CRYPTO_ENGINE: Dh phase 1 status: 0"),
        i("ISAKMP (0:{c1}): processing KE payload. message ID = 0"),
        i("ISAKMP (0:{c1}): processing NONCE payload. message ID = 0"),
        e("CryptoEngine0: create ISAKMP SKEYID for conn id {c1}"),
        i("ISAKMP (0:{c1}): SKEYID state generated"),
    ]

    static let authenticated: [DebugLineTemplate] = [
        i("ISAKMP (0:{c1}): processing ID payload. message ID = 0"),
        i("ISAKMP (0:{c1}): processing HASH payload. message ID = 0"),
        e("CryptoEngine0: generate hmac context for conn id {c1}"),
        i("ISAKMP (0:{c1}): SA has been authenticated with {peer}"),
    ]

    static let phase1Up = mainModeStart + keyFound + policyAccepted + keyExchange + authenticated

    static func quickModeProposal(transform: String, authenticator: String) -> [DebugLineTemplate] {
        [i("ISAKMP (0:{c1}): processing SA payload. message ID = {msgid}"),
         i("ISAKMP (0:{c1}): Checking IPSec proposal 1"),
         i("ISAKMP: transform 1, \(transform)"),
         i("ISAKMP:   attributes in transform:"),
         i("ISAKMP:      encaps is 1"),
         i("ISAKMP:      SA life type in seconds"),
         i("ISAKMP:      SA life duration (basic) of 3600"),
         i("ISAKMP:      SA life type in kilobytes"),
         i("ISAKMP:      SA life duration (VPI) of  0x0 0x46 0x50 0x0"),
         i("ISAKMP:      authenticator is \(authenticator)")]
    }

    /// The proposal as the peer sent it: its own ACL, seen from this side.
    static let proposalRequest: [DebugLineTemplate] = [
        p("""
        IPSEC(validate_proposal_request): proposal part #1,
          (key eng. msg.) dest= {local}, src= {peer},
            dest_proxy= {pDstNet}/{pDstMask}/0/0 (type={pDstType}),
            src_proxy= {pSrcNet}/{pSrcMask}/0/0 (type={pSrcType}),
            protocol= ESP, transform= {peerTransform} ,
            lifedur= 0s and 0kb,
            spi= 0x0(0), conn_id= 0, keysize= 0, flags= 0x4
        """),
    ]

    static let saCreation: [DebugLineTemplate] = [
        p("IPSEC(key_engine): got a queue event..."),
        p("""
        IPSEC(spi_response): getting spi {inSpiDec} for SA
                from {peer}        to {local}      for prot 3
        """),
        i("ISAKMP (0:{c1}): Creating IPSec SAs"),
        e("CryptoEngine0: allocate new conn id {inConn}"),
        p("IPSEC(key_engine): got a queue event..."),
        p("""
        IPSEC(initialize_sas): ,
          (key eng. msg.) dest= {local}, src= {peer},
            dest_proxy= {localNet}/{localMask}/0/0 (type=4),
            src_proxy= {remoteNet}/{remoteMask}/0/0 (type=4),
            protocol= ESP, transform= {transform} ,
            lifedur= 3600s and 4608000kb,
            spi= {inSpiHexDec}, conn_id= {inConn}, keysize= 0, flags= 0x4
        """),
        p("""
        IPSEC(initialize_sas): ,
          (key eng. msg.) src= {local}, dest= {peer},
            src_proxy= {localNet}/{localMask}/0/0 (type=4),
            dest_proxy= {remoteNet}/{remoteMask}/0/0 (type=4),
            protocol= ESP, transform= {transform} ,
            lifedur= 3600s and 4608000kb,
            spi= {outSpiHexDec}, conn_id= {outConn}, keysize= 0, flags= 0x4
        """),
        p("""
        IPSEC(create_sa): sa created,
          (sa) sa_dest= {local}, sa_prot= 50,
            sa_spi= {inSpiHexDec},
            sa_trans= {transform} , sa_conn_id= {inConn}
        """),
        p("""
        IPSEC(create_sa): sa created,
          (sa) sa_dest= {peer}, sa_prot= 50,
            sa_spi= {outSpiHexDec},
            sa_trans= {transform} , sa_conn_id= {outConn}
        """),
    ]

    static let healthy = phase1Up + quickModeProposal(transform: "{peerTransformId}", authenticator: "{peerAuthenticator}")
        + [i("ISAKMP (0:{c1}): atts are acceptable.")] + proposalRequest + saCreation

    static let phase2Rejected = [i("ISAKMP (0:{c1}): atts not acceptable. Next payload is 0"), i("ISAKMP (0:{c1}): SA not acceptable!")]
}

enum ASAScript {
    private static func i(_ t: String) -> DebugLineTemplate { DebugLineTemplate(.isakmp, t) }
    private static func p(_ t: String) -> DebugLineTemplate { DebugLineTemplate(.ipsec, t) }

    static let mainModeStart: [DebugLineTemplate] = [
        i("[IKEv1]: IP = {peer}, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + SA (1) + VENDOR (13) + NONE (0) total length : 164"),
        i("[IKEv1 DEBUG]: IP = {peer}, processing SA payload"),
        i("[IKEv1 DEBUG]: IP = {peer}, Oakley proposal is acceptable"),
        i("[IKEv1 DEBUG]: IP = {peer}, processing ke payload"),
        i("[IKEv1 DEBUG]: IP = {peer}, processing ISA_KE payload"),
        i("[IKEv1 DEBUG]: IP = {peer}, processing nonce payload"),
        i("[IKEv1]: IP = {peer}, Connection landed on tunnel_group {peer}"),
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, Generating keys for Responder..."),
    ]

    static let phase1Complete: [DebugLineTemplate] = [
        i("[IKEv1]: IP = {peer}, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + ID (5) + HASH (8) + NONE (0) total length : 64"),
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, processing ID payload"),
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, processing hash payload"),
        i("[IKEv1]: Group = {peer}, IP = {peer}, PHASE 1 COMPLETED"),
    ]

    static let quickModeStart: [DebugLineTemplate] = [
        i("[IKEv1]: IP = {peer}, IKE_DECODE RECEIVED Message (msgid={msgidHex}) with payloads : HDR + HASH (8) + SA (1) + NONCE (10) + ID (5) + ID (5) + NONE (0) total length : 172"),
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, processing SA payload"),
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, processing nonce payload"),
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, processing ID payload"),
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, ID_IPV4_ADDR_SUBNET ID received--{pSrcNet}--{pSrcMask}"),
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, ID_IPV4_ADDR_SUBNET ID received--{pDstNet}--{pDstMask}"),
    ]

    static let saCreation: [DebugLineTemplate] = [
        i("[IKEv1 DEBUG]: Group = {peer}, IP = {peer}, IPSec SA Proposal # 1, Transform # 1 acceptable  Matches global IPSec SA entry # 10"),
        i("[IKEv1]: Group = {peer}, IP = {peer}, IKE: requesting SPI!"),
        p("IPSEC: New embryonic SA created @ 0x00007f5a3c2d4e10,\n    SCB: 0x3C2D4F80,\n    Direction: inbound\n    SPI      : 0x{inSpiHex}\n    Session ID: 0x00001000\n    VPIF num  : 0x00000002\n    Tunnel type: l2l\n    Protocol   : esp\n    Lifetime   : 240 seconds"),
        p("IPSEC: Completed host IBSA update, SPI 0x{inSpiHex}"),
        p("IPSEC: Completed host OBSA update, SPI 0x{outSpiHex}"),
        i("[IKEv1]: Group = {peer}, IP = {peer}, Security negotiation complete for LAN-to-LAN Group ({peer})  Responder, Inbound SPI = 0x{inSpiHex}, Outbound SPI = 0x{outSpiHex}"),
        i("[IKEv1]: Group = {peer}, IP = {peer}, PHASE 2 COMPLETED (msgid={msgidHex})"),
    ]

    static let healthy = mainModeStart + phase1Complete + quickModeStart + saCreation
}
