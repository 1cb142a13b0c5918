import Foundation
import Testing
import TestSupport

/// The headless command against the lab, table-driven: every scenario with the
/// walkthrough that applies to it must reach the scenario's catalog id (healthy: every
/// walkthrough concludes healthy), through a real sshd and through a pty (`lab://`), and
/// the device's audit log must show the debugs off at the end of every run.
///
/// The lab runs 10x faster than real time (`--time-scale`), so a 2 s debug wait covers
/// 20 s of device time: at least one negotiation retry or periodic error of each scenario.
@Suite("Walkthroughs against the lab")
struct LabWalkthroughTests {
    struct Row: CustomStringConvertible, Sendable {
        var scenario: String
        var persona: String
        var walkthrough: String
        var expected: String
        var description: String { "\(scenario)/\(persona) \(walkthrough)" }
    }

    static let healthy = ["tunnel-down", "no-traffic", "split-tunnel", "mtu", "intermittent"].flatMap { w in
        ["ios", "asa"].map { Row(scenario: "healthy", persona: $0, walkthrough: w, expected: "healthy") }
    }

    /// scenario, personas, walkthrough, catalog id reached.
    static let faults: [Row] = [
        ("ike-sanity-check", "ios asa", "tunnel-down", "ike-sanity-check"),
        ("main-mode-failed", "ios", "tunnel-down", "main-mode-failed"),
        ("policy-hash-mismatch", "ios", "tunnel-down", "policy-hash-mismatch"),
        ("proxy-id-unsupported", "ios", "tunnel-down", "proxy-id-unsupported"),
        ("transform-unsupported", "ios", "tunnel-down", "transform-unsupported"),
        ("invalid-local-address", "ios", "tunnel-down", "invalid-local-address"),
        ("no-cert-no-keys", "ios", "tunnel-down", "no-cert-no-keys"),
        ("peer-not-found", "ios", "tunnel-down", "peer-not-found"),
        ("invalid-proxy-ids", "ios", "tunnel-down", "invalid-proxy-ids"),
        ("reserved-not-zero", "ios", "tunnel-down", "reserved-not-zero"),
        ("replay-check", "ios", "intermittent", "replay-check"),
        ("invalid-spi", "asa", "intermittent", "invalid-spi"),
        ("hmac-failed", "ios", "intermittent", "hmac-failed"),
        ("hw-encrypt-decrypt-error", "ios", "intermittent", "hw-encrypt-decrypt-error"),
        ("esp-sequence-fail", "ios", "intermittent", "esp-sequence-fail"),
        ("qm-fsm", "asa", "tunnel-down", "qm-fsm"),
        ("remote-not-responding", "ios asa", "tunnel-down", "remote-not-responding"),
        ("all-proposals-unacceptable", "ios asa", "tunnel-down", "all-proposals-unacceptable"),
        ("platform-no-sw-crypto", "ios", "tunnel-down", "platform-no-sw-crypto"),
        // The lab's name for the symptom; the catalog files the cause under acl-check.
        ("one-way-traffic", "ios asa", "no-traffic", "acl-check"),
        ("mtu", "ios asa", "mtu", "mtu"),
        ("ra-no-route", "asa", "no-traffic", "ra-no-route"),
        ("split-tunnel-pix", "asa", "split-tunnel", "split-tunnel-pix"),
        ("sysopt-missing", "asa", "no-traffic", "sysopt-missing"),
    ].flatMap { scenario, personas, walkthrough, expected in
        personas.split(separator: " ").map { Row(scenario: scenario, persona: String($0), walkthrough: walkthrough, expected: expected) }
    }

    static let rows = healthy + faults
    static let timing = ["--debug-wait", "2s", "--poll-interval", "1s", "--command-timeout", "20s"]
    static let timeScale = "10"

    /// Every lab scenario appears in the table (a new scenario needs a row).
    @Test func everyScenarioHasARow() throws {
        let listed = try ProgramRun.run(BuiltProducts.executable(), ["lab-device", "--list"]).stdout
            .split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(Set(listed) == Set(Self.rows.map(\.scenario)))
    }

    @Test func throughSSH() throws {
        let jobs = try Self.rows.map { row -> Job in
            let server = try PrivateSSHServer(device: [BuiltProducts.executable().path, "lab-device", "--persona", row.persona,
                                                       "--scenario", row.scenario, "--time-scale", Self.timeScale],
                                              trustHostKey: true, name: "walk")
            let arguments = ["walkthrough", row.walkthrough, "--target", server.url, "--json"] + Self.timing
                + server.clientArguments(key: true).map { "--ssh-arg=\($0)" }
            return Job(row: row, arguments: arguments, audit: server.audit, server: server)
        }
        try Self.runAll(jobs)
    }

    @Test func throughPty() throws {
        let jobs = Self.rows.map { row -> Job in
            let audit = NSTemporaryDirectory() + "ipsec-walk-audit-\(UUID().uuidString.prefix(8))"
            let arguments = ["walkthrough", row.walkthrough, "--target", "lab://\(row.scenario)?persona=\(row.persona)", "--json",
                             "--lab-audit", audit] + Self.timing
            return Job(row: row, arguments: arguments, audit: audit, server: nil)
        }
        try Self.runAll(jobs)
    }

    struct Job {
        var row: Row
        var arguments: [String]
        var audit: String
        var server: PrivateSSHServer?
    }

    /// Runs the jobs eight at a time as separate processes and checks each one's result.
    static func runAll(_ jobs: [Job]) throws {
        let executable = BuiltProducts.executable().path
        let scratch = NSTemporaryDirectory() + "ipsec-walk-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["IPSEC_CONSOLE_LAB_TIME_SCALE"] = timeScale
        environment["XDG_CONFIG_HOME"] = scratch // no user overrides from the machine running the tests
        var running: [(index: Int, pid: pid_t)] = []
        var statuses = [Int32?](repeating: nil, count: jobs.count)
        func reapOne() {
            let (index, pid) = running.removeFirst()
            statuses[index] = ChildProgram.wait(pid, timeout: .seconds(90))
        }
        for (index, job) in jobs.enumerated() {
            if running.count == 8 { reapOne() }
            let state = "\(scratch)/state-\(index)"
            let pid = try ChildProgram.spawn([executable] + job.arguments + ["--state-directory", state],
                                             stdout: "\(scratch)/\(index).out", stderr: "\(scratch)/\(index).err", environment: environment)
            running.append((index, pid))
        }
        while !running.isEmpty { reapOne() }

        for (index, job) in jobs.enumerated() {
            let out = (try? String(contentsOfFile: "\(scratch)/\(index).out", encoding: .utf8)) ?? ""
            let err = (try? String(contentsOfFile: "\(scratch)/\(index).err", encoding: .utf8)) ?? ""
            let expectedStatus: Int32 = job.row.expected == "healthy" ? 0 : 1
            #expect(statuses[index] == expectedStatus, "\(job.row): exit \(statuses[index].map(String.init) ?? "timeout"); stderr: \(err)")
            let document = (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any]
            let conclusion = (document?["conclusion"] as? [String: Any])?["id"] as? String
            let steps = (document?["steps"] as? [[String: Any]] ?? []).map { "\($0["id"] ?? "?")" }
            #expect(conclusion == job.row.expected, "\(job.row): concluded \(conclusion ?? "nothing") after \(steps); stderr: \(err)")
            let audit = job.server?.auditLines()
                ?? ((try? String(contentsOfFile: job.audit, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            #expect(debugsEndOff(audit), "\(job.row): debugs left on: \(audit.suffix(6))")
        }
    }

    /// True when no debug stays on: every `debug ...` is followed later by `undebug all`.
    static func debugsEndOff(_ audit: [String]) -> Bool {
        let commands = audit.map { line in line.split(separator: " ", maxSplits: 2).dropFirst(2).first.map(String.init) ?? "" }
        guard let lastDebug = commands.lastIndex(where: { $0.hasPrefix("debug ") }) else { return true }
        return commands[(lastDebug + 1)...].contains("undebug all")
    }
}
