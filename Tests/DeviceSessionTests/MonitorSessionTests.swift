import Foundation
import Testing
import TestSupport
@testable import DeviceSession
import IPsecKit

/// Two ssh sessions per device: one polls show commands, the other carries `terminal
/// monitor` and the debugs. The lab runs behind sshd through a small script that gives
/// every ssh session its own audit file (`session-PID.audit`), so each session's commands
/// can be told apart.
@Suite("a second ssh session for the debugs")
struct MonitorSessionTests {
    /// The lab behind sshd, one audit file per session; with `singleVty` the device serves
    /// only the first session (like a router with one free vty line) and refuses the others.
    final class LabPerSession {
        let server: SSHServerFixture

        init(scenario: String = "main-mode-failed", singleVty: Bool = false, extraConfig: [String] = []) throws {
            server = try SSHServerFixture(extraConfig: extraConfig, command: ["/bin/sh", "{shared}/device.sh"])
            let lab = "exec '\(TestEnvironment.executable)' lab-device --persona ios --scenario \(scenario) --audit '\(server.shared)'/session-$$.audit"
            let script = singleVty
                ? "#!/bin/sh\nif mkdir '\(server.shared)/vty' 2>/dev/null; then \(lab); fi\necho '% All vty lines are in use'\nexit 1\n"
                : "#!/bin/sh\n\(lab)\n"
            try script.write(toFile: server.shared + "/device.sh", atomically: true, encoding: .utf8)
            chmod(server.shared + "/device.sh", 0o755)
            try server.trustHostKey()
        }

        /// Each session's received commands (timestamp and hostname dropped), by audit file name.
        func sessions() -> [String: [String]] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: server.shared)) ?? []
            var result: [String: [String]] = [:]
            for file in files where file.hasSuffix(".audit") {
                result[file] = TestEnvironment.readLines(server.shared + "/" + file).map {
                    $0.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).dropFirst(2).first.map(String.init) ?? $0
                }
            }
            return result
        }

        func configuration(sink: LineSink) -> ManagedSession.Configuration {
            var c = server.managedConfiguration(key: false, sink: sink)
            c.separateMonitorSession = true
            return c
        }
    }

    @Test func pollsOnOneSessionAndDebugsOnTheOtherWithOnePassword() throws {
        let lab = try LabPerSession()
        let sink = LineSink()
        let credentials = StaticCredentials(password: Secret(SSHServerFixture.password))
        let session = ManagedSession(configuration: lab.configuration(sink: sink), credentials: credentials)
        var notices: [String] = []
        session.onNotice = { notices.append($0) }
        try session.connect()
        try session.armDebugs([.isakmp], peer: nil)
        #expect(session.monitorDriver != nil)
        #expect(notices.contains { $0.hasPrefix("debug session open") })
        #expect(TestEnvironment.eventually(.seconds(15)) {
            (try? session.pump(for: .milliseconds(300))) != nil && sink.lines.contains { $0.recognised && $0.text.contains("ISAKMP") }
        })
        // While the debugs stream on the other session, the polled output has none.
        for _ in 0..<3 {
            let sa = try session.execute("show crypto isakmp sa")
            #expect(sa.asynchronous.isEmpty)
            #expect(!sa.output.contains { $0.contains("ISAKMP") && !$0.contains("ISAKMP SA") })
            #expect(SnapshotPoller.snapshot(of: sa, platform: .ios).report.warnings.isEmpty)
            try session.pump(for: .milliseconds(300))
        }
        // Both ssh processes ran with the password answered through askpass only.
        #expect(credentials.passwordRequests == 2)
        #expect(ProcessScan.processesExposing(SSHServerFixture.password).isEmpty)
        #expect(session.close().isEmpty)

        let sessions = lab.sessions()
        #expect(sessions.count == 2)
        let monitor = try #require(sessions.values.first { $0.contains("terminal monitor") })
        let poll = try #require(sessions.values.first { !$0.contains("terminal monitor") })
        #expect(poll.contains("show crypto isakmp sa"))
        #expect(!poll.contains { $0.hasPrefix("debug") || $0.hasPrefix("terminal monitor") })
        #expect(!monitor.contains { $0.hasPrefix("show") })
        let undebug = try #require(monitor.firstIndex(of: "undebug all"))
        #expect(monitor[..<undebug].contains("debug crypto isakmp"))
        #expect(monitor[undebug...].contains("terminal no monitor"))
        let sshLog = try String(contentsOfFile: lab.server.directory + "/sshd.log", encoding: .utf8)
        #expect(sshLog.components(separatedBy: "Accepted password for \(SSHServerFixture.user)").count - 1 == 2)
    }

    @Test func theDebugSessionIsAConnectionOfItsOwnEvenWhenSSHMultiplexes() throws {
        // One session per connection, like IOS: the debug session must not ask the command
        // session's connection (the ControlMaster) for a second channel.
        let lab = try LabPerSession(extraConfig: ["MaxSessions 1"])
        let sockets = "/tmp/cm-\(UUID().uuidString.prefix(6))"
        mkdir(sockets, 0o700)
        defer { try? FileManager.default.removeItem(atPath: sockets) }
        let sink = LineSink()
        var configuration = lab.configuration(sink: sink)
        configuration.sshArguments += ["-o", "ControlMaster=auto", "-o", "ControlPath=\(sockets)/%C", "-o", "ControlPersist=no"]
        let session = ManagedSession(configuration: configuration, credentials: StaticCredentials(password: Secret(SSHServerFixture.password)))
        try session.connect()
        try session.armDebugs([.isakmp], peer: nil)
        let monitor = try #require(session.monitorDriver?.channel as? SSHChannel)
        #expect(monitor.arguments.contains("ControlPath=none"))
        #expect((session.driver?.channel as? SSHChannel)?.arguments.contains("ControlPath=none") == false)
        #expect(!session.monitorRefused)
        #expect(try session.execute("show crypto isakmp sa").asynchronous.isEmpty)
        #expect(session.close().isEmpty)
        #expect(lab.sessions().count == 2)
        let sshLog = try String(contentsOfFile: lab.server.directory + "/sshd.log", encoding: .utf8)
        #expect(sshLog.components(separatedBy: "Accepted password for \(SSHServerFixture.user)").count - 1 == 2)
        #expect(!sshLog.contains("no more sessions"), "no second session was asked of the first connection")
    }

    @Test func fallsBackToOneSessionWhenTheDeviceRefusesASecond() throws {
        let lab = try LabPerSession(singleVty: true)
        let sink = LineSink()
        let session = ManagedSession(configuration: lab.configuration(sink: sink),
                                     credentials: StaticCredentials(password: Secret(SSHServerFixture.password)))
        var notices: [String] = []
        session.onNotice = { notices.append($0) }
        try session.connect()
        try session.armDebugs([.isakmp], peer: "10.1.0.2")
        #expect(session.monitorDriver == nil)
        #expect(session.monitorRefused)
        #expect(notices.contains { $0.contains("could not be opened") && $0.contains("share one session") })
        #expect(TestEnvironment.eventually(.seconds(15)) {
            (try? session.pump(for: .milliseconds(300))) != nil && sink.lines.contains { $0.recognised && $0.text.contains("ISAKMP") }
        })
        let sa = try session.execute("show crypto isakmp sa")
        #expect(SnapshotPoller.snapshot(of: sa, platform: .ios).report.warnings.isEmpty)
        #expect(session.close().isEmpty)
        let sessions = lab.sessions()
        #expect(sessions.count == 1)
        let only = try #require(sessions.values.first)
        let undebug = try #require(only.firstIndex(of: "undebug all"))
        #expect(only[..<undebug].contains("terminal monitor"))
        #expect(only[undebug...].contains("terminal no monitor"))
    }

    @Test func opensTheDebugSessionAgainToCleanUpWhenItDrops() throws {
        let lab = try LabPerSession()
        let sink = LineSink()
        let session = ManagedSession(configuration: lab.configuration(sink: sink),
                                     credentials: StaticCredentials(password: Secret(SSHServerFixture.password)))
        try session.connect()
        try session.armDebugs([.isakmp, .ipsec], peer: "10.1.0.2")
        let ssh = try #require(session.monitorDriver?.channel as? SSHChannel)
        kill(ssh.processID, SIGKILL)
        // The command session notices while it waits for a poll, or the next pump does.
        #expect(TestEnvironment.eventually(.seconds(10)) {
            _ = try? session.execute("show crypto isakmp sa")
            do { try session.pump(for: .milliseconds(200)); return false } catch { return (error as? DeviceSessionError)?.isConnectionLost == true }
        })
        #expect(session.close().isEmpty)
        let sessions = lab.sessions()
        #expect(sessions.count == 3, "command session, the dropped debug session, and the one opened to clean up: \(sessions)")
        let cleanup = try #require(sessions.values.first { $0.first(where: { $0.hasPrefix("debug") || $0.hasPrefix("undebug") }) == "undebug all" })
        let undebug = try #require(cleanup.firstIndex(of: "undebug all"))
        #expect(cleanup[undebug...].contains("no debug crypto condition peer ipv4 10.1.0.2"))
        #expect(cleanup[undebug...].contains("terminal no monitor"))
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func watchUsesTwoSessionsAndCleansUpWhenSignalled(_ signal: Int32) throws {
        let lab = try LabPerSession()
        let directory = TestEnvironment.temporaryDirectory("watch2")
        let pid = try CommandLineTests.start(["watch", CommandLineTests.target(lab.server), "--json", "--debug", "isakmp",
                                              "--interval", "1s", "--state-directory", directory + "/state"]
                                             + CommandLineTests.sshFlags(lab.server, key: true), directory: directory)
        let streaming = TestEnvironment.eventually(.seconds(20)) {
            let out = (try? String(contentsOfFile: directory + "/stdout", encoding: .utf8)) ?? ""
            return out.contains("\"kind\":\"debug-isakmp\"") && out.contains("\"type\":\"snapshot\"")
        }
        #expect(streaming)
        kill(pid, signal)
        let result = CommandLineTests.finish(pid, directory: directory)
        #expect(result.status == 128 + signal)
        #expect(result.stdout.contains("debug session open"))
        #expect(result.stdout.contains("\"debugs\":\"off\""))
        let sessions = lab.sessions()
        #expect(sessions.count == 2)
        let monitor = try #require(sessions.values.first { $0.contains("terminal monitor") })
        let poll = try #require(sessions.values.first { !$0.contains("terminal monitor") })
        #expect(poll.contains("show crypto ipsec sa"))
        let undebug = try #require(monitor.lastIndex(of: "undebug all"))
        #expect(monitor[undebug...].contains("terminal no monitor"))
    }
}
