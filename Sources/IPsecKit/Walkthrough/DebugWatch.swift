/// Reads the lines a device prints during a step's debug wait through the stream
/// diagnosis, and tells the runner when a finding that decides the step has appeared,
/// so the wait can end early instead of running to its bound.
public struct DebugWatch {
    private var stream: StreamDiagnosis
    private let decisive: Set<String>
    public private(set) var linesSeen = 0

    public init(catalog: SignatureCatalog, decisive: Set<String>) {
        stream = StreamDiagnosis(signatures: catalog.signatures)
        self.decisive = decisive
    }

    /// Feeds one received line; true once a decisive finding is among the findings.
    @discardableResult
    public mutating func consume(_ text: String) -> Bool {
        linesSeen += 1
        text.withByteLine(number: linesSeen) { stream.consume($0) }
        return isDecided
    }

    public var isDecided: Bool { stream.findings.contains { decisive.contains($0.id) } }

    /// The findings once the wait is over (a held-back last line is diagnosed too).
    public mutating func finish() -> [Finding] {
        stream.flush()
        return stream.findings
    }
}
