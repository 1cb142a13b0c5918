import Foundation

/// A private OpenSSH server on 127.0.0.1 for tests and benchmarks: its own config, host
/// key, a client key and a test user with a password; the device program is its
/// `ForceCommand`. Needs root (sshd checks passwords against /etc/shadow and switches
/// to the user). Used by the session tests, the console's end-to-end tests, the
/// walkthrough tests and `ipsec-bench watch`, so they all start sshd the same way.
public final class PrivateSSHServer: @unchecked Sendable {
    public static let user = "ipsecdev"
    public static let password = "Tunnel-Passw0rd!x7"

    public struct StartFailed: Error, CustomStringConvertible {
        public let description: String
    }

    public let directory: String
    /// World-writable: the device (running as the test user) writes its audit log here.
    public let shared: String
    public let port: Int
    public let hostKey: String
    public let clientKey: String
    public let knownHosts: String
    public let audit: String
    private var sshdPID: pid_t = 0
    private let removeOnStop: Bool

    /// - Parameters:
    ///   - device: the device program and its arguments; `{shared}` stands for `shared`.
    ///     `--audit AUDIT` is appended.
    ///   - extraConfig: more sshd_config lines (e.g. `KexAlgorithms ...`).
    ///   - passwordLogin: whether sshd accepts the test user's password (keys always work).
    ///   - trustHostKey: write the server's key into `knownHosts` right away.
    ///   - removeOnStop: delete `directory` when stopped (benchmarks; tests keep it for a look).
    public init(device: [String], extraConfig: [String] = [], passwordLogin: Bool = true,
                trustHostKey: Bool = false, removeOnStop: Bool = false, name: String = "sshd") throws {
        guard getuid() == 0 else { throw StartFailed(description: "a private sshd needs root") }
        try Self.ensureUser()
        mkdir("/run/sshd", 0o755)
        directory = NSTemporaryDirectory() + "ipsec-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        chmod(directory, 0o755)
        shared = directory + "/shared"
        mkdir(shared, 0o777)
        chmod(shared, 0o777)
        hostKey = directory + "/host_key"
        clientKey = directory + "/client_key"
        knownHosts = directory + "/known_hosts"
        audit = shared + "/audit"
        self.removeOnStop = removeOnStop
        _ = FileManager.default.createFile(atPath: audit, contents: nil)
        chmod(audit, 0o666)
        _ = FileManager.default.createFile(atPath: knownHosts, contents: nil)
        try ChildProgram.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey])
        try ChildProgram.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", clientKey])
        try FileManager.default.copyItem(atPath: clientKey + ".pub", toPath: directory + "/authorized_keys")
        chmod(directory + "/authorized_keys", 0o644)
        port = LoopbackPort.free()
        let sharedPath = shared
        let command = (device.map { $0.replacingOccurrences(of: "{shared}", with: sharedPath) } + ["--audit", audit])
            .joined(separator: " ")
        let config = [
            "Port \(port)", "ListenAddress 127.0.0.1", "HostKey \(hostKey)", "PidFile \(directory)/sshd.pid",
            "PasswordAuthentication \(passwordLogin ? "yes" : "no")", "PubkeyAuthentication yes",
            "KbdInteractiveAuthentication no", "UsePAM no",
            "AuthorizedKeysFile \(directory)/authorized_keys", "StrictModes no", "AllowUsers \(Self.user)",
            "PermitRootLogin no", "MaxStartups 50", "LogLevel VERBOSE", "ForceCommand \(command)",
        ] + extraConfig
        try config.joined(separator: "\n").appending("\n").write(toFile: directory + "/sshd_config", atomically: true, encoding: .utf8)
        sshdPID = try ChildProgram.spawn(["/usr/sbin/sshd", "-f", directory + "/sshd_config", "-D", "-e"],
                                         stdout: "/dev/null", stderr: directory + "/sshd.log")
        let deadline = ContinuousClock.now + .seconds(5)
        while !LoopbackPort.isListening(port) {
            guard ContinuousClock.now < deadline else {
                let log = (try? String(contentsOfFile: directory + "/sshd.log", encoding: .utf8)) ?? ""
                stop()
                throw StartFailed(description: "sshd did not start: \(log)")
            }
            usleep(20_000)
        }
        if trustHostKey { try self.trustHostKey() }
    }

    deinit { stop() }

    public func stop() {
        guard sshdPID > 0 else { return }
        kill(sshdPID, SIGTERM)
        _ = ChildProgram.wait(sshdPID)
        sshdPID = 0
        if removeOnStop { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// `ssh://ipsecdev@127.0.0.1:PORT`
    public var url: String { "ssh://\(Self.user)@127.0.0.1:\(port)" }

    /// ssh options for a client: no user config, our known_hosts, our key (or none).
    public func clientArguments(key: Bool) -> [String] {
        var a = ["-F", "/dev/null", "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "GlobalKnownHostsFile=/dev/null",
                 "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none"]
        a += key ? ["-o", "IdentityFile=\(clientKey)", "-o", "PasswordAuthentication=no"]
                 : ["-o", "PubkeyAuthentication=no"]
        return a
    }

    /// Records the server's real key as known.
    public func trustHostKey() throws {
        let key = try String(contentsOfFile: hostKey + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(key)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
    }

    /// Records some other key for this server, as if it had changed.
    public func recordOtherHostKey() throws {
        let other = directory + "/other_key"
        try ChildProgram.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other])
        let key = try String(contentsOfFile: other + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(key)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
    }

    /// `SHA256:...` of the server's key, as ssh prints it.
    public func hostKeyFingerprint() throws -> String {
        let out = try ChildProgram.run("/usr/bin/ssh-keygen", ["-l", "-f", hostKey + ".pub"])
        return String(out.split(separator: " ")[1])
    }

    /// The device's audit log (commands it received), one entry a line.
    public func auditLines() -> [String] {
        ((try? String(contentsOfFile: audit, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    nonisolated(unsafe) private static var userReady = false
    private static let userLock = NSLock()

    private static func ensureUser() throws {
        userLock.lock()
        defer { userLock.unlock() }
        guard !userReady else { return }
        if (try? ChildProgram.run("/usr/bin/id", [user])) == nil {
            try ChildProgram.run("/usr/sbin/useradd", ["-m", "-s", "/bin/sh", user])
        }
        try ChildProgram.run("/usr/sbin/chpasswd", [], input: "\(user):\(password)\n")
        userReady = true
    }
}
