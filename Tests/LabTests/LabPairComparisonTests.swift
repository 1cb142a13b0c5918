import IPsecKit
import Testing
@testable import Lab

/// Every lab pair (side A and its `--peer-of` side B), both running-configs rendered by the
/// lab and compared: a configuration fault is reported under the scenario's catalog id and
/// nothing else; healthy pairs and faults outside the configuration report nothing.
@Suite struct LabPairComparisonTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var scenario: ScenarioDefinition
        var persona: Persona
        var testDescription: String { "\(scenario.id) (\(persona.rawValue))" }
    }

    static let cases: [Case] = ScenarioCatalog.all.flatMap { s in s.personas.map { Case(scenario: s, persona: $0) } }

    /// The catalog id a lab scenario stands for when its fault is in the configuration;
    /// nil for the healthy pair and for traffic-level, platform and hardware faults.
    static func expectedMismatch(_ scenario: ScenarioDefinition) -> String? {
        let changes = scenario.localChanges + scenario.peerChanges
        let configFaults = changes.filter {
            switch $0 {
            case .pathMtu, .transformsWithMd5, .remoteAccess: return false
            default: return true
            }
        }
        guard !configFaults.isEmpty else { return nil }
        return scenario.id == "one-way-traffic" ? "acl-check" : scenario.id
    }

    static func runningConfigs(_ c: Case) throws -> (a: String, b: String) {
        var options = LabDeviceOptions()
        options.scenario = c.scenario.id
        options.persona = c.persona
        let a = try LabDevice(options: options)
        options.peerOf = a.topology.local.hostname
        let b = try LabDevice(options: options)
        func text(_ d: LabDevice) -> String {
            (d.persona == .ios ? d.iosRunningConfig() : d.asaRunningConfig(cryptoOnly: false)).joined(separator: "\n")
        }
        return (text(a), text(b))
    }

    @Test(arguments: cases) func pairReportsExactlyTheScenarioMismatch(_ c: Case) throws {
        let (a, b) = try Self.runningConfigs(c)
        let result = ConfigComparison.compare(RunningConfigParser.parse(a).config, RunningConfigParser.parse(b).config,
                                              labelA: "A", labelB: "B")
        let summary = result.mismatches.map { "\($0.check) -> \($0.signature) \($0.alternatives): \($0.message)" }
        if let expected = Self.expectedMismatch(c.scenario) {
            #expect(!result.mismatches.isEmpty, "\(c): nothing reported")
            for m in result.mismatches {
                #expect(m.signature == expected || m.alternatives.contains(expected), "\(c): \(summary)")
            }
        } else {
            #expect(result.mismatches.isEmpty, "\(c): \(summary)")
        }
    }
}
