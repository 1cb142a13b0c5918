#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The secrets a file or standard input holds: the password, then optionally the enable secret.
public struct SecretLines {
    public var password: Secret
    public var enableSecret: Secret?
}

/// Reads secrets from a file only its owner can read, or from standard input.
public enum SecretFile {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The lines of `path` (first: password; second, if present: enable secret).
    /// Refuses a file that group or others may read or write, like ssh does for keys.
    public static func readLines(_ path: String) throws -> SecretLines {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Problem(description: "cannot read password file \(path): \(FileDescriptorIO.errorText())")
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw Problem(description: "password file \(path) has permissions \(String(mode, radix: 8)), which let others read it; run chmod 600 \(path)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Problem(description: "cannot open password file \(path): \(FileDescriptorIO.errorText())") }
        defer { close(fd) }
        return try readAll(fd, name: path)
    }

    /// Secrets from standard input, one a line.
    public static func readStandardInput() throws -> SecretLines {
        try readAll(STDIN_FILENO, name: "standard input")
    }

    static func readAll(_ fd: Int32, name: String) throws -> SecretLines {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        defer {
            buffer.withUnsafeMutableBytes { if let b = $0.baseAddress { memset(b, 0, $0.count) } }
        }
        while data.count < 1 << 20 {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        defer { data.withUnsafeMutableBytes { if let b = $0.baseAddress { memset(b, 0, $0.count) } } }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line -> [UInt8] in
            var l = Array(line)
            if l.last == UInt8(ascii: "\r") { l.removeLast() }
            return l
        }
        let password = lines.first.flatMap { $0.isEmpty ? nil : Secret($0) }
        guard let password else { throw Problem(description: "no password on the first line of \(name)") }
        let enable = lines.count > 1 && !lines[1].isEmpty ? Secret(lines[1]) : nil
        return SecretLines(password: password, enableSecret: enable)
    }
}
