import Foundation
import Testing
import TestSupport

/// The console over a real sshd that accepts only the password: the password dialog
/// opens, the typed password is masked, the tables fill, and the password appears
/// nowhere (screen, `--log` session log, any process's argv or environment).
@Suite(.serialized) struct CredentialDialogE2ETests {
    static func lab(trust: Bool) throws -> PrivateSSHServer {
        try PrivateSSHServer(device: [try ReplayConsoleE2ETests.product(), "lab-device", "--persona", "ios", "--scenario", "healthy"],
                             trustHostKey: trust, name: "e2e-dialog")
    }

    /// The console on `server` with its ssh options (`-o` kept, the rest as `--ssh-arg=`).
    static func console(_ server: PrivateSSHServer, key: Bool, directory: String, log: String) throws -> TmuxSession {
        var arguments = [try ReplayConsoleE2ETests.product(), server.url, "--log", log, "--interval", "1", "--state-directory", directory + "/state"]
        var ssh = server.clientArguments(key: key)[...]
        while let first = ssh.popFirst() {
            if first == "-o", let value = ssh.popFirst() { arguments += ["-o", value] } else { arguments.append("--ssh-arg=\(first)") }
        }
        return try TmuxSession(command: arguments, width: 120, height: 36,
                               environment: ["XDG_CONFIG_HOME": directory, "TERM": "tmux-256color", "LANG": "C.UTF-8"])
    }

    static func directory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-dialog-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func thePasswordIsTypedIntoTheDialogAndNeverShown() throws {
        let server = try Self.lab(trust: true)
        defer { server.stop() }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = directory + "/session.log"
        let session = try Self.console(server, key: false, directory: directory, log: log)
        #expect(try session.waitFor(timeout: 20) { $0.contains("Password") && $0.contains("password:") }.ok, "the password dialog opens")
        try session.type(PrivateSSHServer.password)
        let typed = try session.waitFor { $0.contains(String(repeating: "•", count: PrivateSSHServer.password.count)) }
        #expect(typed.ok, "the typed password is masked")
        #expect(!typed.screen.contains(PrivateSSHServer.password))
        try session.send("Enter")
        let filled = try session.waitFor(timeout: 20) { $0.contains("QM_IDLE") || $0.contains("MM_ACTIVE") }
        #expect(filled.ok, "the tables fill after the log-in: \(filled.screen)")
        #expect(!filled.screen.contains(PrivateSSHServer.password))
        #expect(ProcessScan.processesExposing(PrivateSSHServer.password).isEmpty)
        try session.send("q")
        _ = try session.waitForExit(timeout: 30)
        let transcript = try String(contentsOfFile: log, encoding: .utf8)
        #expect(transcript.contains("show crypto isakmp sa"))
        #expect(!transcript.contains(PrivateSSHServer.password))
        let sshLog = try String(contentsOfFile: server.directory + "/sshd.log", encoding: .utf8)
        #expect(sshLog.contains("Accepted password for \(PrivateSSHServer.user)"))
    }

    @Test func anUnknownHostKeyIsAcceptedOnceInTheDialog() throws {
        let server = try Self.lab(trust: false)
        defer { server.stop() }
        let fingerprint = try server.hostKeyFingerprint()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try Self.console(server, key: true, directory: directory, log: directory + "/session.log")
        let asked = try session.waitFor(timeout: 20) { $0.contains("Unknown host key") && $0.contains(fingerprint) }
        #expect(asked.ok, "the host-key dialog shows the fingerprint: \(asked.screen)")
        #expect(asked.screen.contains("[127.0.0.1]:\(server.port)"))
        try session.send("a")
        let filled = try session.waitFor(timeout: 20) { $0.contains("QM_IDLE") || $0.contains("MM_ACTIVE") }
        #expect(filled.ok, "the tables fill once the key is accepted: \(filled.screen)")
        try session.send("q")
        _ = try session.waitForExit(timeout: 30)
        #expect(try String(contentsOfFile: server.knownHosts, encoding: .utf8).isEmpty, "accepted once: known_hosts is unchanged")
    }
}
