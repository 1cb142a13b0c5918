/// Bounds that keep the streaming diagnosis in constant memory whatever the input length.
public struct DiagnosisLimits: Sendable, Equatable {
    /// Evidence line numbers kept per finding (the first ones; `last_line` still moves).
    public var evidenceLines: Int = 16
    /// Capture names kept per finding.
    public var capturesPerFinding: Int = 16
    /// Negotiation exchanges tracked at once (least recently used are dropped beyond).
    public var exchanges: Int = 4096
    /// Lines an exchange waits in `pending` before the oldest is dropped.
    public var pendingLinesPerExchange: Int = 32
    /// Distinct (signature, peer) findings; beyond it new peers aggregate without a peer.
    public var findings: Int = 10_000
    /// Peers whose negotiation timeline is kept (least recently used are dropped beyond).
    public var timelinePeers: Int = 1024
    /// Events kept per peer timeline (the most recent ones).
    public var eventsPerPeer: Int = 64
    /// A line naming neither peer nor connection belongs to the most recent exchange only
    /// when that exchange saw a line within this many lines.
    public var contextWindow: Int = 200

    public init() {}
}
