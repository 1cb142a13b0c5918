/// A line the diagnosis took as evidence for a finding, with the finding's id (the catalog
/// signature id). The console tags the line in its debug stream with the id. `line` is the
/// number the line was fed with (`ByteLine.number`).
public struct EvidenceMark: Equatable, Sendable {
    public var line: Int
    public var findingId: String

    public init(line: Int, findingId: String) { self.line = line; self.findingId = findingId }

    /// Most marks a diagnosis holds for its reader; beyond it new ones are dropped (a reader
    /// that stops taking them must not make memory grow with the input).
    public static let pendingLimit = 100_000
}
