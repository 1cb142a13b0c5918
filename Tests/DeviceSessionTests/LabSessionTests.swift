import Foundation
import Testing
@testable import DeviceSession
import IPsecKit

/// The product's own lab devices: on a pty (`lab://`) and behind sshd as the ForceCommand.
@Suite("Sessions with the lab devices", .serialized)
struct LabSessionTests {
    static func configuration(_ target: String, audit: String, sink: LineSink? = nil) throws -> ManagedSession.Configuration {
        var c = ManagedSession.Configuration(target: try DeviceTarget.parse(target), executable: TestEnvironment.executable,
                                             driver: TestEnvironment.driverOptions(collecting: sink))
        c.labAuditFile = audit
        c.stateStore = DebugStateStore(directory: TestEnvironment.temporaryDirectory("state"))
        return c
    }

    /// Commands the lab received, without its timestamp and hostname columns.
    static func commands(_ audit: String) -> [String] {
        TestEnvironment.readLines(audit).map { line in
            line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).dropFirst(2).first.map(String.init) ?? line
        }
    }

    @Test func watchesAFailingPhase1OnTheIOSLab() throws {
        let audit = TestEnvironment.temporaryDirectory("lab") + "/audit"
        let sink = LineSink()
        let session = ManagedSession(configuration: try Self.configuration("lab://main-mode-failed?persona=ios", audit: audit, sink: sink),
                                     credentials: StaticCredentials())
        try session.connect()
        #expect(session.platform == .ios)
        #expect(session.driver?.pagingDisabled == true)
        let sa = try session.execute("show crypto isakmp sa")
        let report = SnapshotPoller.snapshot(of: sa, platform: .ios).report
        #expect(report.sections.map(\.command) == ["show crypto isakmp sa"])
        #expect(report.warnings.isEmpty)
        try session.armDebugs([.isakmp, .ipsec], peer: "10.1.0.2")
        let sawDebug = TestEnvironment.eventually(.seconds(15)) {
            (try? session.pump(for: .milliseconds(500))) != nil && sink.lines.contains { $0.recognised && $0.text.contains("ISAKMP") }
        }
        #expect(sawDebug)
        #expect(!sink.lines.contains { !$0.recognised }, "nothing unclassified leaks between commands: \(sink.lines.filter { !$0.recognised }.map(\.text))")
        #expect(session.close().isEmpty)
        let sent = Self.commands(audit)
        let undebug = try #require(sent.firstIndex(of: "undebug all"))
        #expect(sent[..<undebug].contains("debug crypto condition peer ipv4 10.1.0.2"))
        #expect(sent[undebug...].contains("terminal no monitor"))
    }

    @Test func safetyRulesHoldAtTheSessionLayer() throws {
        let audit = TestEnvironment.temporaryDirectory("lab") + "/audit"
        let session = ManagedSession(configuration: try Self.configuration("lab://healthy?persona=ios", audit: audit),
                                     credentials: StaticCredentials())
        try session.connect()
        defer { session.close() }
        for command in ["configure terminal", "reload", "write memory", "show run | redirect flash:x"] {
            #expect {
                try session.execute(command)
            } throws: { error in
                guard case let .refused(refused, _) = error as? DeviceSessionError else { return false }
                return refused == command
            }
        }
        #expect {
            try session.execute("clear crypto sa")
        } throws: { error in
            "\(error)".contains("--confirm-disruptive")
        }
        #expect(!Self.commands(audit).contains { $0.hasPrefix("conf") || $0 == "reload" || $0.hasPrefix("clear") || $0.hasPrefix("write") })
        _ = try session.execute("clear crypto sa", confirmed: true)
        #expect(Self.commands(audit).contains("clear crypto sa"))
    }

    @Test func speaksToTheASALab() throws {
        let audit = TestEnvironment.temporaryDirectory("lab") + "/audit"
        let session = ManagedSession(configuration: try Self.configuration("lab://healthy?persona=asa", audit: audit),
                                     credentials: StaticCredentials())
        try session.connect()
        defer { session.close() }
        #expect(session.platform == .asa)
        let sa = try session.execute("show crypto isakmp sa")
        let report = SnapshotPoller.snapshot(of: sa, platform: .asa).report
        #expect(!report.isakmpSas.isEmpty)
        #expect(report.isakmpSas.allSatisfy { $0.peer != nil })
        let ipsec = try session.execute("show crypto ipsec sa")
        #expect(!SnapshotPoller.snapshot(of: ipsec, platform: .asa).report.ipsecSas.isEmpty)
        #expect(Self.commands(audit).contains("terminal pager 0"))
        let refused = try session.execute("show crypto nonsense")
        #expect(refused.deviceError?.contains("Invalid input") == true)
    }

    @Test func becomesPrivilegedOnTheLabWithTheEnableSecret() throws {
        var configuration = try Self.configuration("lab://healthy?persona=ios", audit: TestEnvironment.temporaryDirectory("lab") + "/audit")
        configuration.target = .lab(scenario: "healthy", persona: .ios)
        let channel = try ProcessChannel(arguments: [TestEnvironment.executable, "lab-device", "--persona", "ios", "--scenario", "healthy",
                                                     "--unprivileged", "--enable-secret", "s3cr3t-En"], label: "lab")
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(enableSecret: Secret("s3cr3t-En")), options: configuration.driver)
        try driver.start()
        #expect(driver.prompt?.privileged == true)
        let wrong = try ProcessChannel(arguments: [TestEnvironment.executable, "lab-device", "--persona", "ios", "--scenario", "healthy",
                                                   "--unprivileged", "--enable-secret", "s3cr3t-En"], label: "lab")
        defer { wrong.close() }
        let refused = CLIDriver(channel: wrong, credentials: StaticCredentials(enableSecret: Secret("nope")), options: configuration.driver)
        #expect {
            try refused.start()
        } throws: { error in
            guard case let .connection(f) = error as? DeviceSessionError else { return false }
            return f.kind == .authenticationFailed && f.message.contains("privileged")
        }
    }

    @Test func watchOverSSHToTheLabCleansUpOnSIGTERM() throws {
        let server = try SSHServerFixture(lab: ["--persona", "ios", "--scenario", "main-mode-failed"])
        try server.trustHostKey()
        let directory = TestEnvironment.temporaryDirectory("labwatch")
        let pid = try CommandLineTests.start(["watch", CommandLineTests.target(server), "--json", "--debug", "isakmp", "--peer", "10.1.0.2",
                                              "--interval", "1s", "--state-directory", directory + "/state"]
                                             + CommandLineTests.sshFlags(server, key: true), directory: directory)
        let streaming = TestEnvironment.eventually(.seconds(20)) {
            ((try? String(contentsOfFile: directory + "/stdout", encoding: .utf8)) ?? "").contains("\"kind\":\"debug-isakmp\"")
        }
        #expect(streaming)
        kill(pid, SIGTERM)
        let result = CommandLineTests.finish(pid, directory: directory)
        #expect(result.status == 128 + SIGTERM)
        #expect(result.stdout.contains("\"debugs\":\"off\""))
        let sent = Self.commands(server.audit)
        let undebug = try #require(sent.lastIndex(of: "undebug all"))
        #expect(sent[undebug...].contains("terminal no monitor"))
    }

    @Test func execOverSSHToTheLabWithPasswordAndEnableSecret() throws {
        // The lab's enable secret is the shared directory's path: no secret in the fixture's own argv.
        let server = try SSHServerFixture(lab: ["--persona", "asa", "--scenario", "healthy", "--unprivileged", "--enable-secret", "{shared}"])
        try server.trustHostKey()
        let directory = TestEnvironment.temporaryDirectory("labexec")
        let file = directory + "/secrets"
        _ = FileManager.default.createFile(atPath: file, contents: Data("\(SSHServerFixture.password)\n\(server.shared)\n".utf8),
                                           attributes: [.posixPermissions: 0o600])
        let result = try CommandLineTests.run(["exec", CommandLineTests.target(server), "--password-file", file, "--json"]
                                              + CommandLineTests.sshFlags(server, key: false) + ["--", "show crypto isakmp sa"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["platform"] as? String == "asa")
        let parsed = try #require((document["commands"] as? [[String: Any]])?.first?["parsed"] as? [String: Any])
        #expect((parsed["isakmp_sas"] as? [Any])?.isEmpty == false)
        #expect(Self.commands(server.audit).contains("enable"))
    }
}

@Suite("Asynchronous lines under load (lab --debug-rate)")
struct DebugLoadTests {
    @Test func nothingIsLostOrReorderedWhileCommandsRun() throws {
        let sink = LineSink()
        let channel = try ProcessChannel(arguments: [TestEnvironment.executable, "lab-device", "--persona", "ios", "--scenario", "healthy",
                                                     "--debug-rate", "400"], label: "lab under load")
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(), options: TestEnvironment.driverOptions(collecting: sink))
        try driver.start()
        _ = try driver.run("debug crypto isakmp")
        var results: [CommandResult] = []
        for _ in 0..<10 {
            results.append(try driver.run("show crypto ipsec sa"))
            try driver.pump(for: .milliseconds(100))
        }
        _ = try driver.run("undebug all")
        try driver.pump(for: .milliseconds(300))
        // Every numbered debug line arrived once, in order, and none inside a table.
        let numbers = sink.lines.filter(\.recognised).compactMap { Int($0.text.prefix { $0 != ":" }) }
        #expect(numbers.count > 100)
        #expect(numbers == Array((numbers.first ?? 0)...(numbers.last ?? 0)), "sequence numbers run without gaps or repeats")
        let first = try #require(results.first)
        for result in results {
            // Counters move between polls; the shape of the table does not.
            #expect(result.output.count == first.output.count, "each table is whole")
            #expect(!result.output.contains("R1#"))
            #expect(!result.output.contains { $0.contains("ISAKMP") })
            let report = SnapshotPoller.snapshot(of: result, platform: .ios).report
            #expect(report.ipsecSas.count == 1)
            #expect(report.warnings.isEmpty)
        }
    }
}
