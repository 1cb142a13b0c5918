/// Something in the input that could not be read as expected. Parsing goes on; the
/// warning says where and what.
public struct ParseWarning: Codable, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    /// The input file, when several were read together.
    public var file: String?

    public init(line: Int, message: String) {
        self.line = line; self.message = message
    }

    public var description: String { (file.map { "\($0):" } ?? "line ") + "\(line): \(message)" }
}

/// One command's output found in the input.
public struct SectionInfo: Codable, Equatable, Sendable {
    /// Canonical command, e.g. `show crypto ipsec sa`.
    public var command: String
    /// As typed on the device, when a prompt line introduced it (`sh cry ipsec sa`).
    public var typed: String?
    public var platform: Platform?
    public var firstLine: Int
    public var lastLine: Int
    /// The input file, when several were read together.
    public var file: String?

    public init(command: String, typed: String?, platform: Platform?, firstLine: Int, lastLine: Int) {
        self.command = command; self.typed = typed; self.platform = platform
        self.firstLine = firstLine; self.lastLine = lastLine
    }
}
