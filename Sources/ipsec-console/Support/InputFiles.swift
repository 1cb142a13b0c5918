#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import IPsecKit

/// Reads a file (or standard input for `-`) in fixed-size chunks, so inputs of any size
/// are analysed in constant memory.
enum InputFiles {
    struct OpenError: Error, CustomStringConvertible {
        let description: String
    }

    static let chunkSize = LineFramer.readSize

    /// Calls `body` with each chunk of `path`. Throws a message naming the file and what
    /// to do when it cannot be read.
    static func forEachChunk(of path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let fd: Int32
        if path == "-" {
            fd = STDIN_FILENO
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw OpenError(description: "\(path) is a folder; give the saved output files inside it")
            }
            fd = open(path, O_RDONLY)
            if fd < 0 {
                let reason = String(cString: strerror(errno))
                throw OpenError(description: "cannot read \(path): \(reason); check the path, or use - to read standard input")
            }
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OpenError(description: "error reading \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
    }
}
