#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A password or secret held only in memory, wiped when released. It is never put in
/// argv, the environment or a log; `description` does not show it.
public final class Secret: CustomStringConvertible, @unchecked Sendable {
    private var storage: [UInt8]

    public init(_ bytes: [UInt8]) { storage = bytes }
    public convenience init(_ text: String) { self.init(Array(text.utf8)) }

    /// The bytes, for writing to the device or the askpass socket.
    public var bytes: [UInt8] { storage }
    public var isEmpty: Bool { storage.isEmpty }
    /// The text, for masking occurrences in output.
    public var text: String { String(decoding: storage, as: UTF8.self) }

    public var description: String { "*****" }

    deinit {
        storage.withUnsafeMutableBytes { raw in
            if let base = raw.baseAddress { memset(base, 0, raw.count) }
        }
    }
}
