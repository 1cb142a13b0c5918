/// One phase 1 (ISAKMP / IKEv1, or IKEv2 where the same table lists it) SA row from
/// `show crypto isakmp sa` in any of its layouts. Fields the device did not print are nil.
public struct IsakmpSA: Codable, Equatable, Sendable {
    public var dst: String?
    public var src: String?
    /// ASA's `IKE Peer`; for IOS the remote end (`dst` when this router initiated,
    /// otherwise `src`) is not guessed: only what is printed as the peer.
    public var peer: String?
    /// As printed: `QM_IDLE`, `MM_NO_STATE`, `MM_ACTIVE`, `AM_ACTIVE`, `READY`...
    public var state: String?
    public var connId: Int?
    public var slot: Int?
    /// `ACTIVE`, `ACTIVE(deleted)`, `NO`... where the layout has a status column.
    public var status: String?
    public var pending: Int?
    public var created: Int?
    public var ikeVersion: Int?
    /// ASA `Role`/`Dir`: `initiator`/`responder` (as printed).
    public var role: String?
    /// ASA `Type`: `L2L`, `user`...
    public var type: String?
    /// ASA `Rekey`/`Rky`: `no`/`yes` (as printed).
    public var rekey: String?
    /// IOS `f_vrf/i_vrf` column, IOS detail `I-VRF`, IOS-XE detail `fvrf/ivrf`, as printed.
    public var vrf: String?
    /// Detail layouts: `local` / `remote` addresses (IOS-XE detail).
    public var local: String?
    public var remote: String?
    public var encryption: String?
    public var hash: String?
    public var auth: String?
    public var dhGroup: Int?
    /// IOS detail: remaining lifetime as printed (`23:59:12`); ASA: the `Lifetime` value in
    /// seconds as printed (`86400`).
    public var lifetime: String?
    public var capabilities: String?
    public var engineId: String?
    /// ASA: the number printed in front of each peer (`1   IKE Peer: ...`).
    public var index: Int?
    /// ASA `detail`: `Lifetime Remaining` in seconds as printed (`Lifetime` is the
    /// negotiated total there).
    public var lifetimeRemaining: String?
    /// Line in the input where the row starts.
    public var line: Int?

    public init() {}
}

/// PIX/ASA totals printed above the SA rows.
public struct IsakmpSummary: Codable, Equatable, Sendable {
    public var total: Int?
    public var embryonic: Int?
    public var activeSA: Int?
    public var rekeySA: Int?
    public var totalIkeSA: Int?
    public var ikeVersion: Int?
    public var line: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case total, embryonic, ikeVersion, line
        case activeSA = "active_sa"
        case rekeySA = "rekey_sa"
        case totalIkeSA = "total_ike_sa"
    }
}
