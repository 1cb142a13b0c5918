#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden `askpass` subcommand: what ssh runs for a prompt. Hands the prompt to
/// the parent session over its socket and prints the answer for ssh.
public enum AskpassClient {
    /// Returns the process exit status: 0 with the answer on standard output, 1 when
    /// the parent refused or could not be reached (ssh then treats the prompt as cancelled).
    public static func run(socketPath: String, prompt: String) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return 1 }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(socketPath.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return 1 }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in pathBytes.enumerated() { raw[i] = b }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0, FileDescriptorIO.writeAll(fd, Array(prompt.utf8)) else { return 1 }
        shutdown(fd, Int32(SHUT_WR))
        // The parent may ask a person (UI dialog): wait long.
        guard var reply = AskpassServer.readToEnd(fd, timeout: .seconds(600)), reply.first == UInt8(ascii: "Y") else { return 1 }
        defer { reply.withUnsafeMutableBytes { if let b = $0.baseAddress { memset(b, 0, $0.count) } } }
        var out = Array(reply.dropFirst())
        out.append(UInt8(ascii: "\n"))
        defer { out.withUnsafeMutableBytes { if let b = $0.baseAddress { memset(b, 0, $0.count) } } }
        return FileDescriptorIO.writeAll(STDOUT_FILENO, out) ? 0 : 1
    }
}
