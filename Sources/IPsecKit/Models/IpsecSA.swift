/// Traffic selector half (`local ident` / `remote ident`): `(addr/mask/prot/port)`.
/// For IPv6, `mask` holds the prefix length as printed (`64`).
public struct IpsecIdentity: Codable, Equatable, Sendable {
    public var addr: String
    public var mask: String
    public var prot: Int
    public var port: Int

    public init(addr: String, mask: String, prot: Int, port: Int) {
        self.addr = addr; self.mask = mask; self.prot = prot; self.port = port
    }
}

/// Counters of one IPsec flow. The common ones are fields (fast, typed); anything else a
/// device prints lands in `extra` under its snake_cased label.
public struct IpsecCounters: Equatable, Sendable {
    public var pktsEncaps: Int?
    public var pktsEncrypt: Int?
    public var pktsDigest: Int?
    public var pktsDecaps: Int?
    public var pktsDecrypt: Int?
    public var pktsVerify: Int?
    public var pktsCompressed: Int?
    public var pktsDecompressed: Int?
    public var pktsNotCompressed: Int?
    public var pktsComprFailed: Int?
    public var pktsDecompressFailed: Int?
    public var sendErrors: Int?
    public var recvErrors: Int?
    /// Further counters by snake_case name (`pkts_no_sa_send`, `pmtus_sent`, ...).
    public var extra: [String: Int] = [:]

    public init() {}

    /// All counters, known and extra, by JSON name.
    public var all: [String: Int] {
        var d = extra
        for (k, v) in knownFields { if let v { d[k] = v } }
        return d
    }

    var knownFields: [(String, Int?)] {
        [("pkts_encaps", pktsEncaps), ("pkts_encrypt", pktsEncrypt), ("pkts_digest", pktsDigest),
         ("pkts_decaps", pktsDecaps), ("pkts_decrypt", pktsDecrypt), ("pkts_verify", pktsVerify),
         ("pkts_compressed", pktsCompressed), ("pkts_decompressed", pktsDecompressed),
         ("pkts_not_compressed", pktsNotCompressed), ("pkts_compr_failed", pktsComprFailed),
         ("pkts_decompress_failed", pktsDecompressFailed), ("send_errors", sendErrors),
         ("recv_errors", recvErrors)]
    }

    /// Sets a counter by its JSON name; unknown names go to `extra`.
    public mutating func set(_ name: String, _ value: Int) {
        switch name {
        case "pkts_encaps": pktsEncaps = value
        case "pkts_encrypt": pktsEncrypt = value
        case "pkts_digest": pktsDigest = value
        case "pkts_decaps": pktsDecaps = value
        case "pkts_decrypt": pktsDecrypt = value
        case "pkts_verify": pktsVerify = value
        case "pkts_compressed": pktsCompressed = value
        case "pkts_decompressed": pktsDecompressed = value
        case "pkts_not_compressed": pktsNotCompressed = value
        case "pkts_compr_failed": pktsComprFailed = value
        case "pkts_decompress_failed": pktsDecompressFailed = value
        case "send_errors": sendErrors = value
        case "recv_errors": recvErrors = value
        default: extra[name] = value
        }
    }

    public subscript(name: String) -> Int? { all[name] }
}

extension IpsecCounters: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in all.sorted(by: { $0.key < $1.key }) { try c.encode(v, forKey: Key(stringValue: k)) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init()
        for k in c.allKeys { set(k.stringValue, try c.decode(Int.self, forKey: k)) }
    }
}

/// One SA (one direction, one protocol) under an IPsec flow.
public struct IpsecSAEntry: Codable, Equatable, Sendable {
    public enum Direction: String, Codable, Sendable { case inbound, outbound }
    public enum SecurityProtocol: String, Codable, Sendable { case esp, ah, pcp }

    public var direction: Direction
    public var `protocol`: SecurityProtocol
    public var spi: UInt32
    /// As printed, trimmed of the trailing comma: `esp-3des esp-md5-hmac`.
    public var transform: String?
    /// `Tunnel` or `Transport`, wherever it stands in `in use settings` (ASA puts `L2L`/`RA` first).
    public var mode: String?
    /// The `in use settings` list as printed, without braces and the trailing `, `
    /// (`Tunnel, NAT-T-Encaps`, ASA `L2L, Tunnel, IKEv1`).
    public var settings: String?
    public var slot: Int?
    public var connId: Int?
    public var flowId: Int?
    /// IOS-XE `flow_id: SW:1`-style ids are kept as text here.
    public var flowIdText: String?
    public var sibling: String?
    public var cryptoMap: String?
    /// IOS-XE 16.9+ `initiator : True`: whether this router started the negotiation.
    public var initiator: Bool?
    public var remainingKb: Int?
    public var remainingSec: Int?
    public var ivSize: Int?
    public var replayDetection: Bool?
    /// Anti-replay window in packets (IOS-XE `replay window size: 1024`).
    public var replayWindowSize: Int?
    /// IOS-XE `Status: ACTIVE(ACTIVE)`, ASA `SA State: active`, as printed.
    public var status: String?
    /// ASA `Anti replay bitmap:` words as printed, space separated (`0xFFFFFFFF 0xFFFFFFFF`).
    public var antiReplayBitmap: String?
    public var line: Int?

    public init(direction: Direction, protocol: SecurityProtocol, spi: UInt32) {
        self.direction = direction; self.protocol = `protocol`; self.spi = spi
    }
}

/// One `show crypto ipsec sa` block: an (interface, crypto map, ident pair) with its
/// counters and SAs.
public struct IpsecSAFlow: Codable, Equatable, Sendable {
    public var interface: String?
    public var cryptoMap: String?
    public var seqNum: Int?
    public var localAddr: String?
    public var vrf: String?
    public var protectedVrf: String?
    public var localIdent: IpsecIdentity?
    public var remoteIdent: IpsecIdentity?
    public var peer: String?
    public var peerPort: Int?
    public var dynamicPeerIp: String?
    /// `PERMIT, flags={origin_is_acl,}` -> `PERMIT`
    public var action: String?
    /// `PERMIT, flags={origin_is_acl,}` -> `origin_is_acl`
    public var flags: [String]?
    /// ASA: the crypto ACL entry printed above the idents (`access-list 2 extended permit ...`).
    public var accessList: String?
    public var counters: IpsecCounters = IpsecCounters()
    public var localCryptoEndpoint: String?
    public var remoteCryptoEndpoint: String?
    /// ASA prints the IKE port after the endpoint (`172.16.248.119/4500`).
    public var localCryptoEndpointPort: Int?
    public var remoteCryptoEndpointPort: Int?
    public var plaintextMtu: Int?
    public var pathMtu: Int?
    public var mediaMtu: Int?
    public var ipsecOverhead: Int?
    public var ipMtu: Int?
    public var ipMtuIdb: String?
    public var currentOutboundSpi: UInt32?
    public var currentInboundSpi: UInt32?
    public var pfs: String?
    public var dhGroup: String?
    /// ASA `PMTU time remaining (sec): 0, DF policy: copy-df`.
    public var pmtuTimeRemaining: Int?
    public var dfPolicy: String?
    /// ASA `ICMP error validation: disabled, TFC packets: disabled`.
    public var icmpErrorValidation: String?
    public var tfcPackets: String?
    public var sas: [IpsecSAEntry] = []
    public var line: Int?

    public init() {}
}
