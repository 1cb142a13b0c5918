import Foundation
import Testing
import TestSupport

/// The console over a real sshd that accepts only the password: the password dialog
/// opens, the typed password is masked, the tables fill, and the password appears
/// nowhere (screen, `--log` session log, any process's argv or environment).
@Suite(.serialized) struct CredentialDialogE2ETests {
    @Test func thePasswordIsTypedIntoTheDialogAndNeverShown() throws {
        let server = try PrivateSSHServer(device: [try ReplayConsoleE2ETests.product(), "lab-device", "--persona", "ios", "--scenario", "healthy"],
                                          trustHostKey: true, name: "e2e-dialog")
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-dialog-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = directory + "/session.log"
        var arguments = [try ReplayConsoleE2ETests.product(), server.url, "--log", log, "--interval", "1", "--state-directory", directory + "/state"]
        var ssh = server.clientArguments(key: false)[...]
        while let first = ssh.popFirst() {
            if first == "-o", let value = ssh.popFirst() { arguments += ["-o", value] } else { arguments.append("--ssh-arg=\(first)") }
        }
        let session = try TmuxSession(command: arguments, width: 120, height: 36,
                                      environment: ["XDG_CONFIG_HOME": directory, "TERM": "tmux-256color", "LANG": "C.UTF-8"])
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
}
