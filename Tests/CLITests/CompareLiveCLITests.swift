import Foundation
import Testing
import TestSupport

/// `compare` against live devices: one end of a lab pair behind a real sshd (the lab device
/// as its ForceCommand), the other through `lab://` on a pseudo-terminal, both fetched by
/// the built binary at the same time.
@Suite struct CompareLiveCLITests {
    struct Case: CustomTestStringConvertible, Sendable {
        var scenario: String
        var persona: String
        /// Which end sits behind sshd; the other is `lab://`.
        var sshSide: String
        /// The catalog id the comparison must name (nil: no mismatch).
        var expected: String?
        var testDescription: String { "\(scenario) (\(persona), ssh is side \(sshSide))" }
    }

    static let cases: [Case] = [
        Case(scenario: "healthy", persona: "ios", sshSide: "A", expected: nil),
        Case(scenario: "ike-sanity-check", persona: "asa", sshSide: "B", expected: "ike-sanity-check"),
        Case(scenario: "proxy-id-unsupported", persona: "ios", sshSide: "A", expected: "proxy-id-unsupported"),
        Case(scenario: "one-way-traffic", persona: "asa", sshSide: "A", expected: "acl-check"),
        Case(scenario: "mtu", persona: "ios", sshSide: "B", expected: nil),
    ]

    let binary = BuiltProducts.executable()

    @Test(arguments: cases) func comparesBothEndsOverSSHAndPty(_ c: Case) throws {
        let hostA = c.persona == "ios" ? "R1" : "asa"
        var device = [binary.path, "lab-device", "--persona", c.persona, "--scenario", c.scenario]
        if c.sshSide == "B" { device += ["--peer-of", hostA] }
        let server = try PrivateSSHServer(device: device, trustHostKey: true, name: "compare")
        defer { server.stop() }
        let lab = "lab://\(c.scenario)?persona=\(c.persona)" + (c.sshSide == "A" ? "&peer-of=\(hostA)" : "")
        let sides = c.sshSide == "A" ? [server.url, lab] : [lab, server.url]
        let log = server.directory + "/compare.log"
        let arguments = ["compare"] + sides + ["--json", "--log", log, "--login-timeout", "10s"]
            + server.clientArguments(key: true).map { "--ssh-arg=\($0)" }
        let run = try ProgramRun.run(binary, arguments, timeout: 60)
        #expect(run.status == (c.expected == nil ? 0 : 1), "\(run.stderr)")
        let doc = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout) \(run.stderr)")
        let mismatches = try #require(doc["mismatches"] as? [[String: Any]])
        if let expected = c.expected {
            #expect(!mismatches.isEmpty)
            for m in mismatches {
                let ids = [m["signature"] as? String] + ((m["alternatives"] as? [String]) ?? []).map(Optional.some)
                #expect(ids.contains(expected), "\(m)")
            }
        } else {
            #expect(mismatches.isEmpty, "\(mismatches)")
        }
        // The keys never leave the devices: not in the output, not in either session log.
        let logs = [log, log.replacingOccurrences(of: ".log", with: "-b.log")]
            .map { (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "" }
        #expect(logs.allSatisfy { $0.contains("show running-config") })
        for text in [run.stdout, run.stderr] + logs {
            #expect(!text.contains("Lab-Key"), "a pre-shared key was written out")
        }
        // The device behind sshd was only asked read-only commands.
        let commands = server.auditLines().compactMap { $0.split(separator: " ", maxSplits: 1).last.map(String.init) }
        #expect(commands.contains { $0.contains("show running-config") }, "\(commands)")
        #expect(!commands.contains { $0.hasPrefix("conf") || $0.hasPrefix("clear") }, "\(commands)")
    }

    @Test func unreachableSideIsNamedAndExitsTwo() throws {
        let run = try ProgramRun.run(binary, ["compare", "lab://healthy", "telnet://127.0.0.1:\(LoopbackPort.free())"], timeout: 30)
        #expect(run.status == 2)
        #expect(run.stderr.contains("side B (telnet://127.0.0.1:"), "\(run.stderr)")
    }

    @Test func argumentThatIsNeitherFileNorTargetNamesBothReadings() throws {
        let run = try ProgramRun.run(binary, ["compare", "./missing/r1.cfg", "lab://healthy"], timeout: 30)
        #expect(run.status == 2)
        #expect(run.stderr.contains("neither a saved configuration") && run.stderr.contains("device target"), "\(run.stderr)")
    }
}
