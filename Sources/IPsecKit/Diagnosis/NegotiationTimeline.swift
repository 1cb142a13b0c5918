/// One step of an IKE/IPsec negotiation, as the debug output showed it.
public struct NegotiationEvent: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case mainModeStarted = "main-mode-started"
        case aggressiveModeStarted = "aggressive-mode-started"
        case policyChecked = "policy-checked"
        case proposalAccepted = "proposal-accepted"
        case proposalRejected = "proposal-rejected"
        case skeyidGenerated = "skeyid-generated"
        case authenticated
        case modeConfig = "mode-config"
        case addressAccepted = "address-accepted"
        case quickModeStarted = "quick-mode-started"
        case quickModeProposal = "quick-mode-proposal"
        case spiAllocated = "spi-allocated"
        case saCreated = "sa-created"
        /// A catalog signature matched (`signature` names it).
        case error

        /// The IKE phase the step belongs to, when it says.
        var phase: SignaturePhase? {
            switch self {
            case .mainModeStarted, .aggressiveModeStarted, .policyChecked, .skeyidGenerated, .authenticated: return .phase1
            case .quickModeStarted, .quickModeProposal, .spiAllocated, .saCreated: return .phase2
            case .modeConfig, .addressAccepted: return .remoteAccess
            case .proposalAccepted, .proposalRejected, .error: return nil
            }
        }
    }

    public var line: Int
    public var kind: Kind
    /// ISAKMP connection number of the line, when printed.
    public var connection: Int?
    /// For `.error`: the catalog signature id.
    public var signature: String?

    public init(line: Int, kind: Kind, connection: Int? = nil, signature: String? = nil) {
        self.line = line; self.kind = kind; self.connection = connection; self.signature = signature
    }
}

/// What a negotiation step does to the exchange it belongs to.
enum EventEffect {
    case none
    /// A new negotiation begins: what the previous attempt left pending is dropped.
    case startsExchange
    /// The peers agreed on something: pending symptoms were normal proposal walking.
    case accepts
}

/// Device phrases that mark negotiation steps (literals: found by the prefilter).
struct NegotiationPhrase {
    let literal: String
    /// Nil for phrases that only tie the exchange to its peer (`sending packet to 10.0.0.2`).
    let kind: NegotiationEvent.Kind?
    let effect: EventEffect

    /// The phrase is followed by the peer's address (`sending packet to 10.0.0.2`).
    let namesPeer: Bool

    init(literal: String, kind: NegotiationEvent.Kind?, effect: EventEffect) {
        self.literal = literal; self.kind = kind; self.effect = effect
        namesPeer = kind == nil
    }

    static let all: [NegotiationPhrase] = [
        .init(literal: "beginning Main Mode exchange", kind: .mainModeStarted, effect: .startsExchange),
        .init(literal: "OAK_MM exchange", kind: .mainModeStarted, effect: .startsExchange),
        .init(literal: "beginning Aggressive Mode exchange", kind: .aggressiveModeStarted, effect: .startsExchange),
        .init(literal: "OAK_AG exchange", kind: .aggressiveModeStarted, effect: .startsExchange),
        .init(literal: "IKE Initiator: New Phase 1", kind: .mainModeStarted, effect: .startsExchange),
        // A responder's new phase 1: the peer's first packet, and main mode's SA payload
        // (message ID 0; the later payloads of main mode are KE, NONCE, ID and HASH).
        .init(literal: " NEW SA", kind: .mainModeStarted, effect: .startsExchange),
        .init(literal: "processing SA payload. message ID = 0", kind: .mainModeStarted, effect: .startsExchange),
        .init(literal: "Checking ISAKMP transform", kind: .policyChecked, effect: .none),
        .init(literal: "atts are acceptable", kind: .proposalAccepted, effect: .accepts),
        .init(literal: "atts are not acceptable", kind: .proposalRejected, effect: .none),
        .init(literal: "atts not acceptable", kind: .proposalRejected, effect: .none),
        .init(literal: "SKEYID state generated", kind: .skeyidGenerated, effect: .none),
        .init(literal: "SA has been authenticated", kind: .authenticated, effect: .accepts),
        .init(literal: "PHASE 1 COMPLETED", kind: .authenticated, effect: .accepts),
        .init(literal: "IKE_P1_COMPLETE", kind: .authenticated, effect: .accepts),
        .init(literal: "Need config/address", kind: .modeConfig, effect: .none),
        .init(literal: "peer accepted the address!", kind: .addressAccepted, effect: .accepts),
        .init(literal: "beginning Quick Mode exchange", kind: .quickModeStarted, effect: .startsExchange),
        .init(literal: "Checking IPsec proposal", kind: .quickModeProposal, effect: .none),
        .init(literal: "Checking IPSec proposal", kind: .quickModeProposal, effect: .none),
        .init(literal: "validate_proposal_request", kind: .quickModeProposal, effect: .none),
        .init(literal: "getting spi", kind: .spiAllocated, effect: .none),
        .init(literal: "sa created", kind: .saCreated, effect: .accepts),
        .init(literal: "Creating IPsec SAs", kind: .saCreated, effect: .accepts),
        .init(literal: "PHASE 2 COMPLETED", kind: .saCreated, effect: .accepts),
        .init(literal: "Security negotiation complete", kind: .saCreated, effect: .accepts),
        .init(literal: "sending packet to", kind: nil, effect: .none),
        .init(literal: "received packet from", kind: nil, effect: .none),
        .init(literal: "found peer pre-shared key", kind: nil, effect: .none),
        .init(literal: "Created a peer", kind: nil, effect: .none),
        .init(literal: "initiating peer config to", kind: nil, effect: .none),
    ]
}

/// A negotiation event as the engine stores it: no strings, so keeping it costs no
/// reference counting (the signature is an index into the catalog).
struct StoredEvent {
    var line: Int
    var connection: Int32
    var signature: Int16
    var kind: NegotiationEvent.Kind

    init(line: Int, kind: NegotiationEvent.Kind, connection: Int?, signature: Int? = nil) {
        self.line = line
        self.kind = kind
        self.connection = connection.map { Int32(truncatingIfNeeded: $0) } ?? -1
        self.signature = signature.map { Int16(truncatingIfNeeded: $0) } ?? -1
    }

    func event(signatures: [Signature]) -> NegotiationEvent {
        NegotiationEvent(line: line, kind: kind, connection: connection >= 0 ? Int(connection) : nil,
                         signature: signature >= 0 ? signatures[Int(signature)].id : nil)
    }
}

/// The most recent negotiation events of one peer (a ring: old events fall off).
struct PeerTimeline {
    private(set) var events: [StoredEvent] = []
    private var head = 0
    var lastTouched = 0

    var isEmpty: Bool { events.isEmpty }

    mutating func append(_ e: StoredEvent, capacity: Int, touched: Int? = nil) {
        if let touched { lastTouched = touched }
        guard capacity > 0 else { return }
        if events.count < capacity {
            // Most exchanges log a handful of steps: start at 8 rather than growing 1, 2, 4.
            if events.isEmpty { events.reserveCapacity(min(capacity, 8)) }
            events.append(e)
        } else {
            events[head] = e
            // No division: this runs for every negotiation step.
            head += 1
            if head >= capacity { head = 0 }
        }
    }

    var ordered: [StoredEvent] { Array(events[head...] + events[..<head]) }

    /// Calls `body` with every event, oldest first (no array built).
    func forEachInOrder(_ body: (StoredEvent) -> Void) {
        for i in head..<events.count { body(events[i]) }
        for i in 0..<head { body(events[i]) }
    }
}
