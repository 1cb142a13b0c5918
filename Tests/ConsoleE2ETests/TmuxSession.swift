import Foundation

/// A program running in a private tmux server: a real terminal for end-to-end tests.
/// Each session has its own socket, so tests never touch a user's tmux.
final class TmuxSession {
    let socket: String
    let name = "e2e"
    private let folder: URL
    private let statusFile: String

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(command: [String], width: Int, height: Int, environment: [String: String] = [:], directory: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        socket = folder.appendingPathComponent("sock").path
        let env = environment.map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        statusFile = folder.appendingPathComponent("status").path
        // The exit status goes to a file: tmux leaves #{pane_dead_status} empty in some locales.
        // `swift test` sets NO_COLOR for its own output; the program under test must not inherit it.
        let shell = "env -u NO_COLOR \(env) " + command.map(Self.quote).joined(separator: " ") + "; echo $? > \(Self.quote(statusFile))"
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"] + (directory.map { ["-c", $0] } ?? []) + [shell,
                  ";", "set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit {
        do {
            try tmux(["kill-server"])
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
        }
        try? FileManager.default.removeItem(at: folder)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let outURL = folder.appendingPathComponent("out-\(UUID().uuidString.prefix(8))")
        let errURL = folder.appendingPathComponent("err-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        let status = try Self.spawn(["tmux", "-S", socket, "-f", "/dev/null"] + args, stdout: outURL.path, stderr: errURL.path)
        let data = (try? Data(contentsOf: outURL)) ?? Data()
        guard status == 0 else {
            let errors = (try? Data(contentsOf: errURL)) ?? Data()
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs a program with output to files and waits for it with `waitpid`. Not Foundation's
    /// `Process`: the tmux server that `new-session` forks inherits the client's descriptors,
    /// and `Process` then never reports the client's exit.
    static func spawn(_ args: [String], stdout: String, stderr: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads block most signals and posix_spawn passes the mask on;
        // tmux (SIGCHLD) and the console (SIGWINCH, SIGTERM) need a clean one.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, args[0], &actions, &attributes, argv, environ)
        guard rc == 0 else { throw Failure(description: "cannot run \(args[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    func styledScreen() throws -> String { try tmux(["capture-pane", "-p", "-e", "-t", name]) }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    func format(_ f: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, f]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen satisfies `predicate`; returns the last screen either way.
    @discardableResult
    func waitFor(timeout: TimeInterval = 10, _ predicate: (String) -> Bool) throws -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return (true, last) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (false, last)
    }

    /// The program's process id (a child of the pane's shell).
    func programPID() throws -> Int32? {
        let shell = try format("#{pane_pid}")
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// Waits for the program to end; returns its exit status.
    func waitForExit(timeout: TimeInterval = 10) throws -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try format("#{pane_dead}") == "1" {
                let text = (try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? ""
                return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }
}
