/// Which `debug` switch a device line belongs to. `syslog` lines are log messages: they
/// reach a vty with `terminal monitor` (and the console always) whatever is being debugged.
public enum DebugChannel: String, Sendable, CaseIterable {
    case isakmp, ipsec, engine, syslog
    /// Printed when any crypto debug is on (engine selection messages show under all of them).
    case anyCrypto
}

/// One device line of a negotiation or log event. `text` may hold several lines (a
/// multi-line debug message): only the first gets the timestamp, as on the devices.
/// `{name}` placeholders are filled from the device's state when the line is printed.
public struct DebugLineTemplate: Sendable, Equatable {
    public var channel: DebugChannel
    public var text: String

    public init(_ channel: DebugChannel, _ text: String) { self.channel = channel; self.text = text }
}

/// The phase 1 (ISAKMP) picture a scenario leaves behind.
public enum Phase1Outcome: Sendable, Equatable {
    /// Phase 1 up: `QM_IDLE` on IOS, `MM_ACTIVE` (L2L) or `AM_ACTIVE` (remote access) on ASA.
    case established
    /// Phase 1 stuck in the given state (same string on both personas).
    case stuck(String)
    /// No ISAKMP SA at all.
    case absent
}

/// Log messages a scenario's data plane produces at a fixed interval.
public struct PeriodicEvent: Sendable {
    public var firstAfterSeconds: Int
    public var intervalSeconds: Int
    public var lines: [Persona: [DebugLineTemplate]]
    /// Each event is one packet counted in `#recv errors` of the IPsec SA.
    public var countsReceiveError: Bool
}

/// The hardware and software a scenario's device reports in `show version`.
public struct Hardware: Sendable {
    public var chassis: String
    public var image: String
    public var imageFile: String
    public var version: String
    public var processorLine: String
    public var interfaceLines: [String]
}

/// One lab scenario: healthy, or one documented fault, described as data. Every output of
/// the device (SA tables, counters, debug stream, running-config) derives from it.
public struct ScenarioDefinition: Sendable {
    public var id: String
    public var summary: String
    public var personas: [Persona]
    public var phase1: Phase1Outcome
    public var phase2Up: Bool
    /// Packets per second leaving through the tunnel (encrypted) and arriving (decrypted).
    public var outboundPacketsPerSecond: Int
    public var inboundPacketsPerSecond: Int
    public var localChanges: [ConfigChange]
    public var peerChanges: [ConfigChange]
    /// Lines of one negotiation attempt, per persona.
    public var negotiation: [Persona: [DebugLineTemplate]]
    /// Failing scenarios retry the negotiation at this interval; nil: negotiation happens
    /// only on rekey or after `clear crypto sa`.
    public var retrySeconds: Int?
    public var periodic: PeriodicEvent?
    public var hardware: [Persona: Hardware]

    public func supports(_ persona: Persona) -> Bool { personas.contains(persona) }
}
