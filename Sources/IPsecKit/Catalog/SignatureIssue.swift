/// One problem found while loading signature files, located as precisely as the file allows.
///
/// Rendered as `file:line: entry 'id': field: message`, so that a user fixing an override
/// file can jump straight to it.
public struct SignatureIssue: Error, Equatable, Sendable, CustomStringConvertible {
    /// The source's name (see `SignatureSource.name`).
    public var file: String
    /// Line of the entry (or of the file-level problem) when known, 1-based.
    public var line: Int?
    /// The entry's id, or `#N` (1-based position) when the entry has no usable id.
    public var entry: String?
    /// Dotted path of the offending field inside the entry, e.g. `patterns[0].examples[1]`.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, entry: String? = nil, field: String? = nil, message: String) {
        self.file = file; self.line = line; self.entry = entry; self.field = field; self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ":"
        if let entry { text += " entry '\(entry)':" }
        if let field { text += " \(field):" }
        return text + " " + message
    }
}

/// Thrown when signature files that must be valid (the built-in catalog) are not.
public struct SignatureCatalogError: Error, Sendable, CustomStringConvertible {
    public var issues: [SignatureIssue]

    public init(issues: [SignatureIssue]) { self.issues = issues }

    public var description: String {
        "invalid signature catalog (\(issues.count) issue\(issues.count == 1 ? "" : "s")):\n"
            + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}
