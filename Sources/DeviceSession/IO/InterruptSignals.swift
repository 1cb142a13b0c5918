#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT, SIGTERM and SIGHUP into bytes on a pipe, so a session blocked in
/// `poll` wakes up, stops what it is doing and cleans up (turns debugs off) before
/// exiting. A signal handler may only do async-signal-safe work: it writes one byte.
public final class InterruptSignals: @unchecked Sendable {
    public static let shared = InterruptSignals()

    /// Read end of the pipe; -1 until `install` ran.
    public private(set) var readFD: Int32 = -1
    private var installed = false

    private init() {}

    /// Installs the handlers (idempotent). Also ignores SIGPIPE: a vanished ssh child
    /// must show up as a write error, not kill the program.
    public func install(_ signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        guard !installed else { return }
        installed = true
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            FileDescriptorIO.setNonBlocking(fd)
            FileDescriptorIO.setCloseOnExec(fd)
        }
        readFD = fds[0]
        interruptWriteFD = fds[1]
        signal(SIGPIPE, SIG_IGN)
        // A parent may have started us with these blocked; we must see them to clean up.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for s in signals { sigaddset(&unblock, s) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for s in signals {
            signal(s) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(interruptWriteFD, &byte, 1)
            }
        }
    }

    /// The next pending signal number, if any.
    public func take() -> Int32? {
        guard readFD >= 0 else { return nil }
        var byte: UInt8 = 0
        let n = read(readFD, &byte, 1)
        return n == 1 ? Int32(byte) : nil
    }

    /// Sends a signal into the pipe as if it had arrived (tests, UI quit).
    public func raise(_ number: Int32) {
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(interruptWriteFD, &byte, 1)
    }
}

/// Written only once, before the handlers are installed; read by the handler.
nonisolated(unsafe) private var interruptWriteFD: Int32 = -1
