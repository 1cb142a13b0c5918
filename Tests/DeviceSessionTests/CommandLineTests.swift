import Foundation
import TestSupport
import Testing
@testable import DeviceSession

/// The `exec` and `watch` subcommands, run as the user would run them, against the
/// scripted device behind a private sshd.
@Suite("exec and watch end to end", .serialized)
struct CommandLineTests {
    struct Run {
        var status: Int32?
        var stdout: String
        var stderr: String
    }

    /// Starts ipsec-console with `arguments`; stdin from `input`.
    static func start(_ arguments: [String], input: String = "", directory: String) throws -> pid_t {
        _ = FileManager.default.createFile(atPath: directory + "/stdin", contents: Data(input.utf8), attributes: [.posixPermissions: 0o600])
        return try ChildProgram.spawn([TestEnvironment.executable] + arguments, stdin: directory + "/stdin",
                                      stdout: directory + "/stdout", stderr: directory + "/stderr")
    }

    static func finish(_ pid: pid_t, directory: String) -> Run {
        let status = ChildProgram.wait(pid, timeout: .seconds(60))
        return Run(status: status, stdout: (try? String(contentsOfFile: directory + "/stdout", encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOfFile: directory + "/stderr", encoding: .utf8)) ?? "")
    }

    static func run(_ arguments: [String], input: String = "") throws -> Run {
        let directory = TestEnvironment.temporaryDirectory("cli")
        return finish(try start(arguments, input: input, directory: directory), directory: directory)
    }

    static func sshFlags(_ server: SSHServerFixture, key: Bool) -> [String] {
        var flags: [String] = []
        var arguments = server.sshArguments(key: key)[...]
        while let first = arguments.popFirst() {
            if first == "-o", let value = arguments.popFirst() { flags += ["-o", value] } else { flags.append("--ssh-arg=\(first)") }
        }
        return flags
    }

    static func target(_ server: SSHServerFixture) -> String { "ssh://\(SSHServerFixture.user)@127.0.0.1:\(server.port)" }

    @Test func execPrintsOutputAndParsedJSON() throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged"])
        try server.trustHostKey()
        let text = try Self.run(["exec", Self.target(server)] + Self.sshFlags(server, key: true) + ["--", "show crypto isakmp sa"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("IPv4 Crypto ISAKMP SA\n"))
        let json = try Self.run(["exec", Self.target(server), "--json"] + Self.sshFlags(server, key: true) + ["--", "show crypto isakmp sa", "show version"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["platform"] as? String == "ios")
        let commands = try #require(document["commands"] as? [[String: Any]])
        #expect(commands.count == 2)
        #expect((commands[0]["output"] as? [String])?.contains("IPv4 Crypto ISAKMP SA") == true)
        let parsed = try #require(commands[0]["parsed"] as? [String: Any])
        #expect((parsed["sections"] as? [[String: Any]])?.first?["command"] as? String == "show crypto isakmp sa")
        #expect(commands[1]["parsed"] == nil)
    }

    @Test func execExitStatusesTellWhatWentWrong() throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged"])
        try server.trustHostKey()
        let deviceError = try Self.run(["exec", Self.target(server)] + Self.sshFlags(server, key: true) + ["--", "show crypto nonsense"])
        #expect(deviceError.status == 1)
        #expect(deviceError.stderr.contains("% Invalid input detected"))
        let refused = try Self.run(["exec", Self.target(server), "--", "configure terminal"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("configuration mode is never entered"))
        #expect(!server.auditLines().contains("configure terminal"))
        let disruptive = try Self.run(["exec", Self.target(server), "--", "clear crypto sa peer 10.1.1.2"])
        #expect(disruptive.status == 2)
        #expect(disruptive.stderr.contains("--confirm-disruptive"))
        let wrongPassword = try Self.run(["exec", Self.target(server), "--password-stdin"] + Self.sshFlags(server, key: false) + ["--", "show version"],
                                         input: "wrong-one\n")
        #expect(wrongPassword.status == 3)
        #expect(wrongPassword.stderr.contains("authentication failed"))
        let refusedPort = try Self.run(["exec", "ssh://x@127.0.0.1:\(SSHServerFixture.freePort())", "--ssh-arg=-F", "--ssh-arg=/dev/null", "--", "show version"])
        #expect(refusedPort.status == 3)
        #expect(refusedPort.stderr.contains("connection refused"))
    }

    @Test func passwordFileMustBePrivateAndTheLogIsRedactedAndReplayable() throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged"])
        try server.trustHostKey()
        let directory = TestEnvironment.temporaryDirectory("pw")
        let passwordFile = directory + "/password"
        _ = FileManager.default.createFile(atPath: passwordFile, contents: Data((SSHServerFixture.password + "\n").utf8), attributes: [.posixPermissions: 0o644])
        let loose = try Self.run(["exec", Self.target(server), "--password-file", passwordFile] + Self.sshFlags(server, key: false) + ["--", "show version"])
        #expect(loose.status == 2)
        #expect(loose.stderr.contains("chmod 600 \(passwordFile)"))
        chmod(passwordFile, 0o600)
        let log = directory + "/session.log"
        let ok = try Self.run(["exec", Self.target(server), "--password-file", passwordFile, "--log", log] + Self.sshFlags(server, key: false)
                              + ["--", "show crypto isakmp sa", "show running-config"])
        #expect(ok.status == 0)
        let transcript = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!transcript.contains(SSHServerFixture.password))
        #expect(!transcript.contains("Sup3rSecretPSK"))
        #expect(transcript.contains("crypto isakmp key ***** address 10.1.1.2"))
        #expect(transcript.contains("core-rtr.lab-1#show crypto isakmp sa"))
        let analyzed = try Self.run(["analyze", "--json", log])
        #expect(analyzed.status == 0)
        #expect(analyzed.stdout.contains("\"command\" : \"show crypto isakmp sa\""))
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func watchTurnsDebugsOffWhenSignalled(_ signal: Int32) throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged", "--debug-interval", "0.1"])
        try server.trustHostKey()
        let directory = TestEnvironment.temporaryDirectory("watch")
        let state = directory + "/state"
        let pid = try Self.start(["watch", Self.target(server), "--json", "--debug", "isakmp,ipsec", "--peer", "10.1.1.2",
                                  "--interval", "1s", "--state-directory", state] + Self.sshFlags(server, key: true), directory: directory)
        let streaming = TestEnvironment.eventually(.seconds(20)) {
            let out = (try? String(contentsOfFile: directory + "/stdout", encoding: .utf8)) ?? ""
            return out.contains("\"type\":\"line\"") && out.contains("received packet from 10.1.1.2") && out.contains("\"type\":\"snapshot\"")
        }
        #expect(streaming)
        #expect(FileManager.default.fileExists(atPath: DebugStateStore(directory: state).path(for: server.target.deviceKey)))
        kill(pid, signal)
        let result = Self.finish(pid, directory: directory)
        #expect(result.status == 128 + signal)
        let audit = server.auditLines()
        let undebug = try #require(audit.lastIndex(of: "undebug all"))
        #expect(audit[undebug...].contains("no debug crypto condition peer ipv4 10.1.1.2"))
        #expect(audit[undebug...].contains("terminal no monitor"))
        #expect(!FileManager.default.fileExists(atPath: DebugStateStore(directory: state).path(for: server.target.deviceKey)))
        let events = result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(events.count == result.stdout.split(separator: "\n").count, "every stdout line is one JSON object")
        let debugLine = try #require(events.first { $0["type"] as? String == "line" && ($0["text"] as? String)?.contains("received packet") == true })
        #expect(debugLine["kind"] as? String == "debug-isakmp")
        #expect(debugLine["peer"] as? String == "10.1.1.2")
        #expect(debugLine["device_timestamp"] != nil)
        let snapshot = try #require(events.first { $0["type"] as? String == "snapshot" && $0["command"] as? String == "show crypto isakmp sa" })
        #expect(((snapshot["report"] as? [String: Any])?["isakmp_sas"] as? [Any])?.count == 1)
    }

    @Test func watchEndsAfterItsDurationAndHonoursTheDebugTimeout() throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged"])
        try server.trustHostKey()
        let result = try Self.run(["watch", Self.target(server), "--json", "--debug", "isakmp", "--duration", "3s", "--debug-timeout", "1s",
                                   "--interval", "1s", "--state-directory", TestEnvironment.temporaryDirectory("state")] + Self.sshFlags(server, key: true))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"event\":\"debugs_off\""))
        #expect(result.stdout.contains("debug timeout"))
        let audit = server.auditLines()
        let off = try #require(audit.firstIndex(of: "undebug all"))
        #expect(audit[off...].contains("show crypto isakmp sa"), "polling goes on after the debug timeout")
    }

    @Test func aKilledWatchLeavesAStateFileTheNextRunCleansUp() throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged"])
        try server.trustHostKey()
        let directory = TestEnvironment.temporaryDirectory("kill")
        let state = directory + "/state"
        let pid = try Self.start(["watch", Self.target(server), "--json", "--debug", "isakmp", "--state-directory", state]
                                 + Self.sshFlags(server, key: true), directory: directory)
        let armed = TestEnvironment.eventually(.seconds(20)) {
            ((try? String(contentsOfFile: directory + "/stdout", encoding: .utf8)) ?? "").contains("debugs_on")
        }
        #expect(armed)
        kill(pid, SIGKILL)
        _ = Self.finish(pid, directory: directory)
        let stateFile = DebugStateStore(directory: state).path(for: server.target.deviceKey)
        #expect(FileManager.default.fileExists(atPath: stateFile))
        #expect(!server.auditLines().contains("undebug all"))

        let warned = try Self.run(["exec", Self.target(server), "--state-directory", state] + Self.sshFlags(server, key: true) + ["--", "show version"])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("--clean-stale-debugs"))
        #expect(warned.stderr.contains("debug crypto isakmp"))

        let cleaned = try Self.run(["exec", Self.target(server), "--state-directory", state, "--clean-stale-debugs"]
                                   + Self.sshFlags(server, key: true) + ["--", "show version"])
        #expect(cleaned.status == 0)
        #expect(server.auditLines().contains("undebug all"))
        #expect(!FileManager.default.fileExists(atPath: stateFile))
    }

    @Test func watchReconnectsAfterALostConnectionAndStillCleansUp() throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged", "--drop-once", "{shared}/dropped", "--drop-after", "8"])
        try server.trustHostKey()
        let result = try Self.run(["watch", Self.target(server), "--json", "--debug", "isakmp", "--duration", "6s", "--interval", "1s",
                                   "--state-directory", TestEnvironment.temporaryDirectory("state")] + Self.sshFlags(server, key: true))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"event\":\"connection_lost\""))
        #expect(result.stdout.contains("\"event\":\"reconnecting\""))
        let audit = server.auditLines()
        let drop = try #require(audit.firstIndex(of: "DROP"))
        let after = Array(audit[drop...])
        #expect(after.contains("debug crypto isakmp"), "debugs are armed again after reconnecting")
        #expect(after.last(where: { $0 != "EOF" && $0 != "LOGOUT" }) == "terminal no monitor")
        #expect(after.contains("undebug all"))
    }

    @Test func aFatalErrorWhileArmingStillTurnsDebugsOff() throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged"])
        try server.trustHostKey()
        // The scripted IOS knows no `debug crypto engine`: arming fails half-way.
        let result = try Self.run(["watch", Self.target(server), "--json", "--debug", "isakmp,engine", "--duration", "5s",
                                   "--state-directory", TestEnvironment.temporaryDirectory("state")] + Self.sshFlags(server, key: true))
        #expect(result.status == 1)
        #expect(result.stdout.contains("debug crypto engine"))
        let audit = server.auditLines()
        let armed = try #require(audit.firstIndex(of: "debug crypto isakmp"))
        #expect(audit[armed...].contains("undebug all"))
    }

    @Test func execReachesASerialConsole() throws {
        let pair = try ConsoleTransportTests.SerialPair(deviceArguments: ["--login", "netops:C0nsole!", "--start-privileged"])
        let result = try Self.run(["exec", "serial://\(pair.port)?baud=9600", "--username", "netops", "--password-stdin",
                                   "--serial-lock-directory", pair.directory, "--", "show crypto isakmp sa"], input: "C0nsole!\n")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("IPv4 Crypto ISAKMP SA"))
    }
}
