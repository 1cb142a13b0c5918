import ArgumentParser
import Foundation
import IPsecKit

/// `ipsec-console compare`: the two ends of a tunnel, configuration against configuration.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the crypto configuration of both ends of a LAN-to-LAN tunnel.",
        discussion: """
        Reads each side's saved `show running-config` and reports every mismatch that stops \
        the tunnel or makes it one-way: ISAKMP policies, pre-shared keys (compared by digest, \
        never shown), transform sets, PFS, mirrored crypto ACLs, peer addresses, the crypto map \
        on the interface, NAT exemption and overlapping crypto ACLs. Each mismatch names the \
        catalog id of the failure it causes (see `ipsec-console signatures show ID`).

        Exit status: 0 no mismatch, 1 mismatches found, 2 usage or input error.
        """
    )

    @Argument(help: ArgumentHelp("Saved configuration of side A.", valueName: "config-a"))
    var configA: String

    @Argument(help: ArgumentHelp("Saved configuration of side B.", valueName: "config-b"))
    var configB: String

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    func run() throws {
        let a = try Self.load(configA), b = try Self.load(configB)
        let labelA = a.config.hostname ?? "A", labelB = b.config.hostname ?? "B"
        let result = ConfigComparison.compare(a.config, b.config, labelA: labelA, labelB: labelB == labelA ? labelB + "'" : labelB)
        if json {
            print(String(decoding: try AnalysisReport.makeJSONEncoder().encode(result), as: UTF8.self))
        } else {
            print(Self.render(result))
        }
        if !result.isClean { throw ExitCode(1) }
    }

    static func load(_ path: String) throws -> (config: CryptoConfig, warnings: [ParseWarning]) {
        var bytes: [UInt8] = []
        do {
            try InputFiles.forEachChunk(of: path) { bytes.append(contentsOf: $0) }
        } catch let error as InputFiles.OpenError {
            throw CleanExit.message("error: \(error.description)", code: 2)
        }
        let parsed = RunningConfigParser.parse(String(decoding: bytes, as: UTF8.self))
        if parsed.config.cryptoMaps.isEmpty && parsed.config.isakmpPolicies.isEmpty {
            throw CleanExit.message("error: \(path) holds no crypto configuration (no crypto map or ISAKMP policy); give the output of `show running-config`", code: 2)
        }
        return parsed
    }

    static func render(_ r: ConfigComparison) -> String {
        var lines: [String] = []
        lines.append("Tunnel entries: \(r.labelA) \(r.tunnelA ?? "none") <-> \(r.labelB) \(r.tunnelB ?? "none")")
        func policy(_ m: ConfigComparison.PolicyMatch?, _ initiator: String, _ responder: String) -> String {
            m.map { "\(initiator) initiating: \(initiator) policy \($0.initiatorPriority) accepted by \(responder) policy \($0.responderPriority)" }
                ?? "\(initiator) initiating: no ISAKMP policy accepted"
        }
        lines.append(policy(r.policyMatchAInitiates, r.labelA, r.labelB))
        lines.append(policy(r.policyMatchBInitiates, r.labelB, r.labelA))
        lines.append("Transform sets in common: " + (r.commonTransformSets.isEmpty ? "none" : r.commonTransformSets.joined(separator: ", ")))
        lines.append("")
        if r.mismatches.isEmpty {
            lines.append("No mismatch found.")
        } else {
            lines.append("\(r.mismatches.count) mismatch\(r.mismatches.count == 1 ? "" : "es"):")
            for m in r.mismatches {
                let lineRefs = m.lines.isEmpty ? "" : " [\(m.lines.joined(separator: ", "))]"
                lines.append("  ! \(m.check) -> \(m.signature)\(lineRefs)")
                lines.append("    \(m.message)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
