import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CDeviceSupport

/// The parent side of ssh's password questions. ssh runs `SSH_ASKPASS` (a small
/// script that starts this program's hidden `askpass` subcommand) for every prompt;
/// that process sends the prompt over a private unix socket in a 0700 directory, and
/// the answer comes back the same way. The secret thus never appears in the argv or
/// environment of any process.
public final class AskpassServer {
    /// The program ssh runs as `SSH_ASKPASS`.
    public let scriptPath: String
    public let socketPath: String
    public let listenFD: Int32
    private let directory: String

    /// - Parameter executable: the ipsec-console binary (it implements `askpass`).
    public init(executable: String) throws(DeviceSessionError) {
        let base = (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp")
        var template = Array("\(base)/ipsec-console-askpass.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .connection(ConnectionFailure(kind: .other, message: "cannot create a private directory for password questions in \(base): \(FileDescriptorIO.errorText())"))
        }
        directory = String(cString: made)
        chmod(directory, 0o700)
        socketPath = directory + "/socket"
        scriptPath = directory + "/askpass"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            rmdir(directory)
            throw .connection(ConnectionFailure(kind: .other, message: "cannot create a unix socket: \(FileDescriptorIO.errorText())"))
        }
        listenFD = fd
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(socketPath.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            Glibc.close(fd); rmdir(directory)
            throw .connection(ConnectionFailure(kind: .other, message: "the temporary directory path \(base) is too long for a unix socket; set TMPDIR to a shorter one"))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in pathBytes.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            Glibc.close(fd); rmdir(directory)
            throw .connection(ConnectionFailure(kind: .other, message: "cannot listen on \(socketPath): \(FileDescriptorIO.errorText())"))
        }
        chmod(socketPath, 0o600)
        FileDescriptorIO.setNonBlocking(fd)
        let script = "#!/bin/sh\nexec \(Self.shellQuoted(executable)) askpass --socket \(Self.shellQuoted(socketPath)) \"$@\"\n"
        let scriptFD = open(scriptPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o700)
        guard scriptFD >= 0, FileDescriptorIO.writeAll(scriptFD, Array(script.utf8)) else {
            if scriptFD >= 0 { Glibc.close(scriptFD) }
            Glibc.close(fd); unlink(socketPath); rmdir(directory)
            throw .connection(ConnectionFailure(kind: .other, message: "cannot write \(scriptPath): \(FileDescriptorIO.errorText())"))
        }
        Glibc.close(scriptFD)
    }

    /// Serves every question waiting on the socket; `answer` maps a prompt to the
    /// reply (nil refuses, and ssh gives up on that method).
    public func serve(_ answer: (String) -> [UInt8]?) {
        while true {
            let client = cds_accept_cloexec(listenFD)
            guard client >= 0 else { return }
            defer { Glibc.close(client) }
            guard Self.peerIsUs(client) else { continue }
            guard let prompt = Self.readToEnd(client, timeout: .seconds(2)) else { continue }
            if var reply = answer(String(decoding: prompt, as: UTF8.self)) {
                FileDescriptorIO.writeAll(client, [UInt8(ascii: "Y")] + reply)
                reply.withUnsafeMutableBytes { if let b = $0.baseAddress { memset(b, 0, $0.count) } }
            } else {
                FileDescriptorIO.writeAll(client, [UInt8(ascii: "N")])
            }
        }
    }

    /// Removes the socket, the script and the directory.
    public func close() {
        Glibc.close(listenFD)
        unlink(socketPath)
        unlink(scriptPath)
        rmdir(directory)
    }

    /// Only a process of our own user may ask (the directory is 0700 already).
    private static func peerIsUs(_ fd: Int32) -> Bool {
        cds_peer_uid(fd) == Int(geteuid())
    }

    static func readToEnd(_ fd: Int32, timeout: Duration) -> [UInt8]? {
        var data: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { data += buffer[0..<n]; if data.count > 65536 { return nil }; continue }
            if n == 0 { return data }
            if errno != EAGAIN && errno != EINTR { return nil }
        }
        return nil
    }

    static func shellQuoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
