#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The session log: every line the device printed (prompts with the commands typed
/// at them, output, debug lines), cleaned of terminal artefacts and with secrets
/// masked. `ipsec-console analyze` reads it back.
public final class TranscriptLog {
    public let path: String
    private let fd: Int32
    public var redactor: SecretRedactor
    private var pending: [UInt8] = []

    /// Creates (or truncates) `path` with mode 0600.
    public init(path: String, redactor: SecretRedactor = SecretRedactor()) throws(DeviceSessionError) {
        self.path = path
        self.redactor = redactor
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .connection(ConnectionFailure(kind: .other, message: "cannot write the session log \(path): \(FileDescriptorIO.errorText())"))
        }
    }

    public func record(line: String) {
        pending += Array(redactor.redact(line).utf8)
        pending.append(.newline)
        if pending.count >= 8192 { flush() }
    }

    public func flush() {
        guard !pending.isEmpty else { return }
        FileDescriptorIO.writeAll(fd, pending)
        pending.removeAll(keepingCapacity: true)
    }

    deinit {
        flush()
        close(fd)
    }
}
