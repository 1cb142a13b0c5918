#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CDeviceSupport

/// A child process whose standard input and output are the slave side of a fresh
/// pseudo-terminal (its controlling terminal, in a session of its own), started with
/// `posix_spawn` (no code runs between fork and exec, which Swift cannot make safe).
/// Standard error is either the pty too or a separate pipe (ssh's own messages).
public final class PseudoTerminalProcess {
    public let pid: pid_t
    /// Master side of the pty: what the child prints, and where we type.
    public let masterFD: Int32
    /// Read end of the child's standard error, when it was kept apart.
    public let errorFD: Int32?
    private var exitStatus: Int32?

    public enum TerminalMode: Sendable {
        /// Bytes pass unchanged (the child, such as ssh, handles the terminal itself).
        case raw
        /// A normal line discipline with echo: what sshd gives a remote program.
        case cooked
    }

    /// Starts `arguments[0]` (an absolute path) with `environment` as its whole
    /// environment. Descriptors other than 0, 1 and 2 are closed in the child.
    public init(arguments: [String], environment: [String: String], mode: TerminalMode,
                separateStandardError: Bool, columns: UInt16 = 200, rows: UInt16 = 50) throws(DeviceSessionError) {
        guard let path = arguments.first, path.hasPrefix("/") else {
            throw .connection(ConnectionFailure(kind: .other, message: "cannot start \(arguments.first ?? "nothing"): not an absolute path"))
        }
        var nameBuffer = [CChar](repeating: 0, count: 128)
        let master = cds_open_pty_master(&nameBuffer, nameBuffer.count)
        guard master >= 0 else {
            throw .connection(ConnectionFailure(kind: .other, message: "cannot open a pseudo-terminal: \(FileDescriptorIO.errorText())"))
        }
        let slavePath = String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Configure the slave before the child opens it, so no byte is read in the wrong mode.
        let slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            close(master)
            throw .connection(ConnectionFailure(kind: .other, message: "cannot open \(slavePath): \(FileDescriptorIO.errorText())"))
        }
        var attributes = termios()
        tcgetattr(slave, &attributes)
        switch mode {
        case .raw:
            cfmakeraw(&attributes)
        case .cooked:
            attributes.c_lflag |= tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
            attributes.c_oflag |= tcflag_t(OPOST | ONLCR)
            attributes.c_iflag |= tcflag_t(ICRNL)
        }
        tcsetattr(slave, TCSANOW, &attributes)
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

        var errorPipe: [Int32] = [-1, -1]
        if separateStandardError {
            guard cds_pipe_cloexec(&errorPipe) == 0 else {
                close(master); close(slave)
                throw .connection(ConnectionFailure(kind: .other, message: "cannot create a pipe: \(FileDescriptorIO.errorText())"))
            }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid the first terminal opened becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, separateStandardError ? errorPipe[1] : 0, 2)
        cds_spawn_close_from(&actions, 3)

        var spawnAttributes = posix_spawnattr_t()
        posix_spawnattr_init(&spawnAttributes)
        defer { posix_spawnattr_destroy(&spawnAttributes) }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaultSignals, s) }
        posix_spawnattr_setsigdefault(&spawnAttributes, &defaultSignals)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&spawnAttributes, &emptyMask)
        posix_spawnattr_setflags(&spawnAttributes, cds_spawn_setsid_flag() | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var childPID: pid_t = 0
        let rc = posix_spawn(&childPID, path, &actions, &spawnAttributes, argv, envp)
        close(slave)
        if separateStandardError { close(errorPipe[1]) }
        guard rc == 0 else {
            close(master)
            if separateStandardError { close(errorPipe[0]) }
            throw .connection(ConnectionFailure(kind: .other, message: "cannot start \(path): \(FileDescriptorIO.errorText(rc))"))
        }
        pid = childPID
        masterFD = master
        errorFD = separateStandardError ? errorPipe[0] : nil
        FileDescriptorIO.setNonBlocking(master)
        if let errorFD { FileDescriptorIO.setNonBlocking(errorFD) }
    }

    /// The exit status once the child ended (shell convention: 128+N for signal N).
    public func pollExit() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        guard r == pid else { return nil }
        exitStatus = Self.decode(status)
        return exitStatus
    }

    /// Waits up to `timeout` for the child to end.
    public func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let s = pollExit() { return s }
            usleep(5_000)
        }
        return pollExit()
    }

    /// Ends the child: SIGHUP to its session (as a closing terminal would), then
    /// SIGKILL if it lingers; always reaps it and closes the descriptors.
    public func terminate(grace: Duration = .milliseconds(500)) {
        if pollExit() == nil {
            kill(-pid, SIGHUP)
            kill(pid, SIGHUP)
            if waitForExit(timeout: grace) == nil {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                _ = waitForExit(timeout: .seconds(2))
            }
        }
        closeDescriptors()
    }

    private var closed = false
    private func closeDescriptors() {
        guard !closed else { return }
        closed = true
        close(masterFD)
        if let errorFD { close(errorFD) }
    }

    deinit {
        terminate(grace: .milliseconds(200))
    }

    static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
