import Foundation

/// Starts helper programs with posix_spawn and reaps them with waitpid (Foundation's
/// Process can miss a child's exit while another child it started keeps running).
public enum ChildProgram {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public static func spawn(_ argv: [String], stdin: String = "/dev/null", stdout: String, stderr: String,
                             environment: [String: String]? = nil) throws -> pid_t {
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
        guard rc == 0 else { throw Failed(description: "cannot start \(argv[0]): error \(rc)") }
        return pid
    }

    /// Waits for `pid`; returns its exit status (128+N for signal N), nil on timeout.
    public static func wait(_ pid: pid_t, timeout: Duration = .seconds(60)) -> Int32? {
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

    /// Runs a helper program to completion and returns its standard output (through a
    /// file); throws unless it exits 0. `input` goes to its standard input from a 0600 file.
    @discardableResult
    public static func run(_ path: String, _ arguments: [String], input: String? = nil) throws -> String {
        let scratch = NSTemporaryDirectory() + "ipsec-run-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        _ = FileManager.default.createFile(atPath: scratch + "/in", contents: Data((input ?? "").utf8),
                                           attributes: [.posixPermissions: 0o600])
        let pid = try spawn([path] + arguments, stdin: scratch + "/in", stdout: scratch + "/out", stderr: "/dev/null")
        let status = wait(pid)
        guard status == 0 else {
            throw Failed(description: "\(([path] + arguments).joined(separator: " ")) failed (status \(status.map(String.init) ?? "timeout"))")
        }
        return (try? String(contentsOfFile: scratch + "/out", encoding: .utf8)) ?? ""
    }
}

/// Loopback TCP ports for the private servers the tests start.
public enum LoopbackPort {
    /// A port nobody listens on right now (the kernel's choice).
    public static func free() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }
}
