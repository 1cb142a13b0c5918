import Foundation
import Testing
import TestSupport
@testable import DeviceSession
import IPsecKit

@Suite("ssh through the system OpenSSH client against a private sshd", .serialized)
struct SSHSessionTests {
    @Test func logsInWithAKeyAndRunsACommand() throws {
        let server = try SSHServerFixture(deviceArguments: ["--enable-secret", "En4ble!"])
        try server.trustHostKey()
        let session = ManagedSession(configuration: server.managedConfiguration(key: true),
                                     credentials: StaticCredentials(enableSecret: Secret("En4ble!")))
        try session.connect()
        defer { session.close() }
        let result = try session.execute("show crypto isakmp sa")
        #expect(result.output.contains("10.1.1.2        10.1.1.1        QM_IDLE           1001 ACTIVE"))
        #expect(result.prompt == "core-rtr.lab-1#")
        #expect(server.auditLines().contains("show crypto isakmp sa"))
    }

    @Test func logsInWithAPasswordThroughAskpassWithoutExposingIt() throws {
        let server = try SSHServerFixture(deviceArguments: ["--enable-secret-file", "{shared}/enable"])
        try "En4ble-S3cret\n".write(toFile: server.shared + "/enable", atomically: true, encoding: .utf8)
        chmod(server.shared + "/enable", 0o644)
        try server.trustHostKey()
        let logPath = TestEnvironment.temporaryDirectory("log") + "/session.log"
        var configuration = server.managedConfiguration(key: false)
        let password = Secret(SSHServerFixture.password)
        let enable = Secret("En4ble-S3cret")
        var redactor = SecretRedactor()
        redactor.addSecret(password)
        redactor.addSecret(enable)
        configuration.driver.transcript = try TranscriptLog(path: logPath, redactor: redactor)
        let credentials = StaticCredentials(password: password, enableSecret: enable)
        let session = ManagedSession(configuration: configuration, credentials: credentials)
        try session.connect()
        #expect(credentials.passwordRequests == 1)
        // While ssh runs: the secrets are in no process's argv or environment.
        #expect(ProcessScan.processesExposing(SSHServerFixture.password).isEmpty)
        #expect(ProcessScan.processesExposing("En4ble-S3cret").isEmpty)
        if let ssh = session.driver?.channel as? SSHChannel {
            #expect(!ssh.arguments.joined(separator: " ").contains(SSHServerFixture.password))
            #expect(ssh.arguments.contains("StrictHostKeyChecking=ask"))
        }
        let config = try session.execute("show running-config")
        #expect(config.output.contains("crypto isakmp key Sup3rSecretPSK address 10.1.1.2"), "the live output is unchanged")
        session.close()
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(!log.contains(SSHServerFixture.password))
        #expect(!log.contains("En4ble-S3cret"))
        #expect(!log.contains("Sup3rSecretPSK"))
        #expect(!log.contains("An0therSecret"))
        #expect(!log.contains("AdminPassw0rd"))
        #expect(log.contains("crypto isakmp key ***** address 10.1.1.2"))
        #expect(log.contains(" ikev1 pre-shared-key *****"))
        #expect(log.contains("core-rtr.lab-1#show running-config"))
        let sshLog = try String(contentsOfFile: server.directory + "/sshd.log", encoding: .utf8)
        #expect(sshLog.contains("Accepted password for \(SSHServerFixture.user)"))
    }

    @Test func aWrongPasswordIsAnAuthenticationFailure() throws {
        let server = try SSHServerFixture()
        try server.trustHostKey()
        let session = ManagedSession(configuration: server.managedConfiguration(key: false),
                                     credentials: StaticCredentials(password: Secret("not-the-password")))
        let failure = try #require(connectionFailure { try session.connect() })
        #expect(failure.kind == .authenticationFailed)
        #expect(failure.description.contains("127.0.0.1 port \(server.port)"))
    }

    @Test func aMissingPasswordSaysWhereToGiveIt() throws {
        let server = try SSHServerFixture()
        try server.trustHostKey()
        let session = ManagedSession(configuration: server.managedConfiguration(key: false), credentials: StaticCredentials())
        let failure = try #require(connectionFailure { try session.connect() })
        #expect(failure.kind == .authenticationFailed)
        #expect(failure.advice?.contains("password:\" and no answer was available") == true)
        #expect(failure.advice?.contains("--password-stdin") == true)
    }

    @Test func anUnknownHostKeyIsShownWithItsFingerprintAndNeedsADecision() throws {
        let server = try SSHServerFixture()
        let fingerprint = try server.hostKeyFingerprint()
        let refusing = StaticCredentials()
        let first = ManagedSession(configuration: server.managedConfiguration(key: true), credentials: refusing)
        let failure = try #require(connectionFailure { try first.connect() })
        #expect(failure.kind == .unknownHostKey)
        #expect(failure.fingerprint == fingerprint)
        #expect(failure.description.contains("--accept-host-key \(fingerprint)"))
        #expect(refusing.hostKeyQuestions.first?.keyType == "ED25519")
        #expect(try String(contentsOfFile: server.knownHosts, encoding: .utf8).isEmpty)

        let accepting = StaticCredentials(acceptedFingerprints: [fingerprint])
        let second = ManagedSession(configuration: server.managedConfiguration(key: true), credentials: accepting)
        try second.connect()
        second.close()
        #expect(try String(contentsOfFile: server.knownHosts, encoding: .utf8).contains("[127.0.0.1]:\(server.port)"))
    }

    @Test func aChangedHostKeyIsRefusedNamingTheKnownHostsLine() throws {
        let server = try SSHServerFixture()
        try server.recordOtherHostKey()
        let session = ManagedSession(configuration: server.managedConfiguration(key: true),
                                     credentials: StaticCredentials(acceptNewHostKeys: true))
        let failure = try #require(connectionFailure { try session.connect() })
        #expect(failure.kind == .changedHostKey)
        #expect(failure.fingerprint == (try server.hostKeyFingerprint()))
        #expect(failure.knownHostsLine == "\(server.knownHosts):1")
        #expect(failure.description.contains("ssh-keygen -f \"\(server.knownHosts)\" -R \"[127.0.0.1]:\(server.port)\""))
    }

    @Test func aClosedPortIsConnectionRefused() throws {
        let port = SSHServerFixture.freePort()
        var configuration = ManagedSession.Configuration(target: .ssh(user: "x", host: "127.0.0.1", port: port),
                                                         executable: TestEnvironment.executable, driver: TestEnvironment.driverOptions())
        configuration.sshArguments = ["-F", "/dev/null"]
        let session = ManagedSession(configuration: configuration, credentials: StaticCredentials())
        let failure = try #require(connectionFailure { try session.connect() })
        #expect(failure.kind == .connectionRefused)
        #expect(failure.message == "connection refused by 127.0.0.1 port \(port)")
    }

    @Test func anOldKeyExchangeGetsTheExactOptionThatFixesIt() throws {
        let server = try SSHServerFixture(extraConfig: ["KexAlgorithms diffie-hellman-group14-sha1"])
        try server.trustHostKey()
        let session = ManagedSession(configuration: server.managedConfiguration(key: true), credentials: StaticCredentials())
        let failure = try #require(connectionFailure { try session.connect() })
        #expect(failure.kind == .algorithmMismatch)
        #expect(failure.suggestedOption == "-o KexAlgorithms=+diffie-hellman-group14-sha1")

        var fixed = server.managedConfiguration(key: true)
        fixed.sshArguments += ["-o", "KexAlgorithms=+diffie-hellman-group14-sha1"]
        let retry = ManagedSession(configuration: fixed, credentials: StaticCredentials())
        try retry.connect()
        #expect(try retry.execute("show version").output.first?.contains("Cisco IOS Software") == true)
        retry.close()
    }

    @Test func turnsDebugsOffOnCloseAndLimitsThemToThePeer() throws {
        let server = try SSHServerFixture(deviceArguments: ["--start-privileged"])
        try server.trustHostKey()
        let sink = LineSink()
        let state = TestEnvironment.temporaryDirectory("state")
        let session = ManagedSession(configuration: server.managedConfiguration(key: true, sink: sink, stateDirectory: state),
                                     credentials: StaticCredentials())
        try session.connect()
        try session.armDebugs([.isakmp, .ipsec], peer: "10.9.9.9")
        #expect(session.debugs.armedCommands == ["debug crypto condition peer ipv4 10.9.9.9", "debug crypto isakmp", "debug crypto ipsec", "terminal monitor"])
        let stateFile = DebugStateStore(directory: state).path(for: server.target.deviceKey)
        #expect(FileManager.default.fileExists(atPath: stateFile))
        try session.pump(for: .seconds(1))
        #expect(sink.lines.contains { $0.recognised && $0.text.contains("received packet from 10.9.9.9") })
        let problems = session.close()
        #expect(problems.isEmpty)
        let audit = server.auditLines()
        let undebug = try #require(audit.firstIndex(of: "undebug all"))
        #expect(audit[undebug...].contains("no debug crypto condition peer ipv4 10.9.9.9"))
        #expect(audit[undebug...].contains("terminal no monitor"))
        #expect(!FileManager.default.fileExists(atPath: stateFile))
    }

    @Test func reconnectsAfterADropToTurnDebugsOff() throws {
        // {shared} is the fixture's world-writable directory: the drop happens only in the first session.
        let server2 = try SSHServerFixture(deviceArguments: ["--start-privileged", "--drop-once", "{shared}/dropped", "--drop-after", "5"])
        try server2.trustHostKey()
        let session = ManagedSession(configuration: server2.managedConfiguration(key: true), credentials: StaticCredentials())
        var attempts: [Int] = []
        session.onReconnect = { attempt, _, _ in attempts.append(attempt) }
        try session.connect()
        // terminal length, terminal width, two debug commands, then terminal monitor: the 5th drops the line.
        #expect(throws: DeviceSessionError.self) { try session.armDebugs([.isakmp, .ipsec], peer: nil) }
        #expect(session.debugs.isArmed)
        let problems = session.close()
        #expect(problems.isEmpty)
        #expect(!attempts.isEmpty)
        let audit = server2.auditLines()
        let drop = try #require(audit.firstIndex(of: "DROP"))
        #expect(audit[drop...].contains("undebug all"))
        #expect(audit[drop...].contains("terminal no monitor"))
    }

    private func connectionFailure(_ body: () throws -> Void) -> ConnectionFailure? {
        do {
            try body()
            return nil
        } catch let error as DeviceSessionError {
            if case let .connection(f) = error { return f }
            return nil
        } catch {
            return nil
        }
    }
}
