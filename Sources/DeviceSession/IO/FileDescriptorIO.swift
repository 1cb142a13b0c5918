#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking-with-timeout reads and writes on raw descriptors, with `poll` so that a
/// signal (through `InterruptSignals`) wakes any wait.
enum FileDescriptorIO {
    /// Which of `fds` are readable after waiting at most `timeout` (empty on timeout).
    /// Throws `DeviceSessionError.interrupted` when an interrupt signal arrived and
    /// `interruptible` is set.
    static func waitReadable(_ fds: [Int32], timeout: Duration, interruptible: Bool) throws(DeviceSessionError) -> [Int32] {
        var pollSet = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let interruptFD = interruptible ? InterruptSignals.shared.readFD : -1
        if interruptFD >= 0 { pollSet.append(pollfd(fd: interruptFD, events: Int16(POLLIN), revents: 0)) }
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            let ms = max(0, Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            let r = poll(&pollSet, nfds_t(pollSet.count), ms)
            if r < 0 {
                if errno == EINTR { continue }
                return []
            }
            if interruptFD >= 0, pollSet.last!.revents != 0, let signal = InterruptSignals.shared.take() {
                throw .interrupted(signal: signal)
            }
            let ready = pollSet.prefix(fds.count).filter { $0.revents != 0 }.map(\.fd)
            if !ready.isEmpty || r == 0 || left <= .zero { return ready }
        }
    }

    /// Reads what is available (up to 64 KiB). Returns nil at end of file; a pty master
    /// reports the child's exit as EIO, which also counts as end of file.
    static func readAvailable(_ fd: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 { return Array(buffer[0..<n]) }
            if n == 0 { return nil }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return [] }
            return nil
        }
    }

    /// Writes all of `bytes`; false when the other side is gone.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, 1000)
                continue
            }
            return false
        }
        return true
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    static func setCloseOnExec(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFD)
        _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC)
    }

    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
