#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small wrappers over POSIX descriptors for the terminal loop.
enum FileDescriptorIO {
    /// Writes all of `bytes`, retrying short writes; false when the other end is gone.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { usleep(1000); continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Waits up to `milliseconds` for input; nil on timeout, [] at end of input.
    static func read(_ fd: Int32, timeoutMilliseconds: Int32) -> [UInt8]? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pfd, 1, timeoutMilliseconds)
        if ready <= 0 { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n < 0 { return errno == EINTR || errno == EAGAIN ? nil : [] }
        return Array(buffer[0..<n])
    }
}

/// Appends audit lines to a file, one `write` per batch (O_APPEND keeps concurrent
/// devices sharing a file from interleaving within a line).
public final class AuditFile {
    private let fd: Int32

    public init?(path: String) {
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if fd < 0 { return nil }
    }

    deinit { close(fd) }

    public func append(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileDescriptorIO.writeAll(fd, Array((lines.joined(separator: "\n") + "\n").utf8))
    }
}
