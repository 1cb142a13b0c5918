import Foundation
import Testing
@testable import DeviceSession

/// A private OpenSSH server on 127.0.0.1 whose ForceCommand is the scripted device:
/// own config, host key, a test user with a password and a key. Needs root (sshd
/// checks passwords against /etc/shadow and switches to the user).
final class SSHServerFixture: @unchecked Sendable {
    static let user = "ipsecdev"
    static let password = "Tunnel-Passw0rd!x7"

    let directory: String
    /// World-writable: the device (running as the test user) writes its audit log here.
    let shared: String
    let port: Int
    let hostKey: String
    let clientKey: String
    let knownHosts: String
    let audit: String
    private var sshdPID: pid_t = 0

    /// - Parameters:
    ///   - deviceArguments: arguments for the scripted device; `{shared}` stands for `shared`.
    ///   - extraConfig: more sshd_config lines (e.g. `KexAlgorithms ...`).
    ///   - lab: when set, the device is the product's own lab (`ipsec-console lab-device` with these
    ///     arguments; `{shared}` substituted too).
    init(deviceArguments: [String] = [], extraConfig: [String] = [], lab: [String]? = nil) throws {
        try #require(getuid() == 0, "the ssh tests run a private sshd and need root")
        try Self.ensureUser()
        mkdir("/run/sshd", 0o755)
        directory = TestEnvironment.temporaryDirectory("sshd")
        chmod(directory, 0o755)
        shared = directory + "/shared"
        mkdir(shared, 0o777)
        chmod(shared, 0o777)
        hostKey = directory + "/host_key"
        clientKey = directory + "/client_key"
        knownHosts = directory + "/known_hosts"
        audit = shared + "/audit"
        _ = FileManager.default.createFile(atPath: audit, contents: nil)
        chmod(audit, 0o666)
        _ = FileManager.default.createFile(atPath: knownHosts, contents: nil)
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey])
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", clientKey])
        try FileManager.default.copyItem(atPath: clientKey + ".pub", toPath: directory + "/authorized_keys")
        chmod(directory + "/authorized_keys", 0o644)
        let device = directory + "/fake-device.py"
        try FileManager.default.copyItem(atPath: TestEnvironment.fakeDevice, toPath: device)
        chmod(device, 0o755)
        port = Self.freePort()
        let sharedPath = shared
        let arguments = deviceArguments.map { $0.replacingOccurrences(of: "{shared}", with: sharedPath) }
        let program = lab.map { [TestEnvironment.executable, "lab-device"] + $0.map { $0.replacingOccurrences(of: "{shared}", with: sharedPath) } }
            ?? [TestEnvironment.python, device]
        let command = (program + ["--audit", audit] + arguments).joined(separator: " ")
        let config = [
            "Port \(port)", "ListenAddress 127.0.0.1", "HostKey \(hostKey)", "PidFile \(directory)/sshd.pid",
            "PasswordAuthentication yes", "PubkeyAuthentication yes", "KbdInteractiveAuthentication no", "UsePAM no",
            "AuthorizedKeysFile \(directory)/authorized_keys", "StrictModes no", "AllowUsers \(Self.user)",
            "PermitRootLogin no", "MaxStartups 50", "LogLevel VERBOSE", "ForceCommand \(command)",
        ] + extraConfig
        try config.joined(separator: "\n").appending("\n").write(toFile: directory + "/sshd_config", atomically: true, encoding: .utf8)
        sshdPID = try ChildProgram.spawn(["/usr/sbin/sshd", "-f", directory + "/sshd_config", "-D", "-e"],
                                         stdin: "/dev/null", stdout: "/dev/null", stderr: directory + "/sshd.log")
        let chosenPort = port
        let listening = TestEnvironment.eventually(.seconds(5)) { Self.isListening(chosenPort) }
        try #require(listening, "sshd did not start: \((try? String(contentsOfFile: directory + "/sshd.log", encoding: .utf8)) ?? "")")
    }

    deinit { stop() }

    func stop() {
        guard sshdPID > 0 else { return }
        kill(sshdPID, SIGTERM)
        _ = ChildProgram.wait(sshdPID)
        sshdPID = 0
    }

    var target: DeviceTarget { .ssh(user: Self.user, host: "127.0.0.1", port: port) }

    /// ssh options for the tests: no user config, our known_hosts, our key (or none).
    func sshArguments(key: Bool) -> [String] {
        var a = ["-F", "/dev/null", "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "GlobalKnownHostsFile=/dev/null",
                 "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none"]
        a += key ? ["-o", "IdentityFile=\(clientKey)", "-o", "PasswordAuthentication=no"]
                 : ["-o", "PubkeyAuthentication=no"]
        return a
    }

    /// Records the server's real key as known.
    func trustHostKey() throws {
        let key = try String(contentsOfFile: hostKey + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(key)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
    }

    /// Records some other key for this server, as if it had changed.
    func recordOtherHostKey() throws {
        let other = directory + "/other_key"
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other])
        let key = try String(contentsOfFile: other + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(key)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
    }

    /// `SHA256:...` of the server's key, as ssh prints it.
    func hostKeyFingerprint() throws -> String {
        let out = try Self.run("/usr/bin/ssh-keygen", ["-l", "-f", hostKey + ".pub"])
        return String(out.split(separator: " ")[1])
    }

    func auditLines() -> [String] { TestEnvironment.readLines(audit) }

    func managedConfiguration(key: Bool, sink: LineSink? = nil, stateDirectory: String? = nil) -> ManagedSession.Configuration {
        var c = ManagedSession.Configuration(target: target, executable: TestEnvironment.executable,
                                             driver: TestEnvironment.driverOptions(collecting: sink))
        c.sshArguments = sshArguments(key: key)
        c.stateStore = DebugStateStore(directory: stateDirectory ?? TestEnvironment.temporaryDirectory("state"))
        c.reconnectInitialDelay = .milliseconds(200)
        return c
    }

    // MARK: - Helpers

    nonisolated(unsafe) private static var userReady = false
    private static let userLock = NSLock()

    private static func ensureUser() throws {
        userLock.lock()
        defer { userLock.unlock() }
        guard !userReady else { return }
        if (try? run("/usr/bin/id", [user])) == nil {
            try run("/usr/sbin/useradd", ["-m", "-s", "/bin/sh", user])
        }
        try run("/usr/sbin/chpasswd", [], input: "\(user):\(password)\n")
        userReady = true
    }

    /// Runs a helper program and returns its standard output (through a file).
    @discardableResult
    static func run(_ path: String, _ arguments: [String], input: String? = nil) throws -> String {
        let scratch = TestEnvironment.temporaryDirectory("run")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        _ = FileManager.default.createFile(atPath: scratch + "/in", contents: Data((input ?? "").utf8), attributes: [.posixPermissions: 0o600])
        let pid = try ChildProgram.spawn([path] + arguments, stdin: scratch + "/in", stdout: scratch + "/out", stderr: "/dev/null")
        guard ChildProgram.wait(pid) == 0 else { throw CocoaError(.executableLoad) }
        return (try? String(contentsOfFile: scratch + "/out", encoding: .utf8)) ?? ""
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }
}

/// Looks for `needle` in every process's argv and environment.
enum ProcessScan {
    static func processesExposing(_ needle: String) -> [String] {
        let bytes = Array(needle.utf8)
        var found: [String] = []
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        for entry in entries where Int(entry) != nil {
            for file in ["cmdline", "environ"] {
                if let data = FileManager.default.contents(atPath: "/proc/\(entry)/\(file)"), contains(Array(data), bytes) {
                    found.append("\(entry)/\(file)")
                }
            }
        }
        return found
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count, !needle.isEmpty else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return true }
        return false
    }
}

/// Starts helper programs with posix_spawn and reaps them with waitpid (Foundation's
/// Process can miss a child's exit while another child it started keeps running).
enum ChildProgram {
    static func spawn(_ argv: [String], stdin: String, stdout: String, stderr: String, environment: [String: String]? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        // The test runner blocks signals in its threads; the child must start clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else { throw CocoaError(.executableLoad) }
        return pid
    }

    /// Waits for `pid`; returns its exit status (128+N for signal N).
    static func wait(_ pid: pid_t, timeout: Duration = .seconds(60)) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }
            if r < 0 { return nil }
            usleep(10_000)
        }
        return nil
    }
}
