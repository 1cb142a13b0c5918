/// How a lab device is started (the `lab-device` flags).
public struct LabDeviceOptions: Sendable {
    public var persona: Persona = .ios
    public var scenario = "healthy"
    /// Defaults to `R1`/`asa` (side A) or `R2`/`asa2` (the peer, with `peerOf`).
    public var hostname: String?
    /// Hostname of the device this one is the peer of: this device becomes side B of the pair.
    public var peerOf: String?
    /// Persona of the other side (pair mode); defaults to this device's persona.
    public var peerPersona: Persona?
    /// Load mode: this many debug lines per second, each with a sequence number.
    public var debugRate: Int?
    public var seed: UInt64 = 1
    public var unprivileged = false
    public var enableSecret = "cisco"
    public var login = false
    /// A console line shows log and debug messages without `terminal monitor`.
    public var console = false
    /// Echo typed characters (the device is on a terminal).
    public var echo = false
    /// `\r\n` on a terminal, `\n` on a pipe.
    public var lineEnding = "\n"

    public init() {}

    var side: Topology.Side { peerOf == nil ? .a : .b }

    var resolvedHostname: String {
        if let hostname { return hostname }
        switch (persona, side) {
        case (.ios, .a): return "R1"
        case (.ios, .b): return "R2"
        case (.asa, .a): return "asa"
        case (.asa, .b): return "asa2"
        }
    }
}

/// Why a lab device could not start.
public enum LabDeviceError: Error, Equatable, CustomStringConvertible {
    case unknownScenario(String)
    case personaNotModelled(scenario: String, persona: Persona)

    public var description: String {
        switch self {
        case .unknownScenario(let id):
            return "unknown scenario '\(id)' (see --list)"
        case .personaNotModelled(let id, let persona):
            let supported = ScenarioCatalog.scenario(id: id)?.personas.map(\.rawValue).joined(separator: ", ") ?? ""
            return "scenario '\(id)' is not modelled for \(persona.rawValue) (available for: \(supported))"
        }
    }
}
