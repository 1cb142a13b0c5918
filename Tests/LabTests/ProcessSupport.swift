import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Helpers for tests that drive the built `ipsec-console` binary as a real process.
enum ProcessSupport {
    /// The built `ipsec-console` (built by `swift build --build-tests`).
    static var binary: String { BuiltProducts.executable().path }

    static func temporaryDirectory(_ prefix: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + prefix + "-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        return String(cString: made)
    }

    /// Reads from `fd` until `marker` appears or `timeout` seconds pass; returns all read.
    static func read(_ fd: Int32, until marker: String, timeout: Double) -> String {
        String(decoding: readBytes(fd, timeout: timeout) { String(decoding: $0, as: UTF8.self).contains(marker) }, as: UTF8.self)
    }

    /// Raw bytes available within `timeout` seconds, until end of input or until `done` says so.
    static func readBytes(_ fd: Int32, timeout: Double, untilEOF: Bool = false, done: ([UInt8]) -> Bool = { _ in false }) -> [UInt8] {
        var collected: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 50) > 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                collected += buffer[0..<n]
                if done(collected) { break }
            }
        }
        return collected
    }

    static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// Starts a program with a clean signal mask and default dispositions. Foundation's
    /// Process hands children the test thread's blocked signals, and a daemon such as sshd
    /// then never sees SIGCHLD. Returns the pid; stdin/stdout/stderr go to the given fds.
    static func spawn(_ path: String, _ arguments: [String], stdin: Int32? = nil, stdout: Int32? = nil, stderr: Int32? = nil) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let null = open("/dev/null", O_RDWR)
        defer { close(null) }
        posix_spawn_file_actions_adddup2(&actions, stdin ?? null, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout ?? null, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr ?? null, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }

    /// Runs a program (clean signal mask) to completion with `input` on stdin.
    static func runClean(_ path: String, _ arguments: [String], input: String, timeout: Double) throws -> (Int32, String, String) {
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        pipe(&inPipe); pipe(&outPipe); pipe(&errPipe)
        // Only the dup2'd copies may reach the child, or it holds its own stdin open forever.
        for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let pid = try spawn(path, arguments, stdin: inPipe[0], stdout: outPipe[1], stderr: errPipe[1])
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        write(inPipe[1], input)
        close(inPipe[1])
        let out = readBytes(outPipe[0], timeout: timeout, untilEOF: true)
        let err = readBytes(errPipe[0], timeout: 1, untilEOF: true)
        close(outPipe[0]); close(errPipe[0])
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline { kill(pid, SIGKILL) }
            usleep(10_000)
        }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exit, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
