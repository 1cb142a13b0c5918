/// The debug/syslog stream side of the diagnosis: wrapped messages rejoined, then the
/// engine. Feed it physical lines in order (from a log, `analyze`, or a live device), or
/// whole reads of a log with `consume(chunk:framer:)`;
/// call `flush()` at the end of input or when a live stream goes quiet, so a held-back
/// last line is diagnosed too.
public struct StreamDiagnosis {
    public private(set) var engine: DiagnosisEngine
    private var joiner = MessageJoiner()

    public init(signatures: [Signature], limits: DiagnosisLimits = DiagnosisLimits()) {
        engine = DiagnosisEngine(signatures: signatures, limits: limits)
    }

    /// Note each evidence line for `takeEvidenceMarks()` (the console's finding tags).
    public var marksEvidence: Bool {
        get { engine.marksEvidence }
        set { engine.marksEvidence = newValue }
    }

    public mutating func consume(_ line: ByteLine) {
        Self.consume(line, joiner: &joiner, engine: &engine)
    }

    /// Frames `chunk` (a read of a log) with `framer` and diagnoses its lines, as framing
    /// and `consume(_:)` line by line would, without copying the lines left open that the
    /// next line in the chunk does not continue.
    public mutating func consume(chunk: UnsafeBufferPointer<UInt8>, framer: inout LineFramer) {
        Self.consume(chunk: chunk, framer: &framer, joiner: &joiner, engine: &engine)
    }

    /// As `consume(_:)`; with `readableUntilChunkEnds` the caller keeps the line's bytes
    /// readable until it calls `chunkEnded()` (see `MessageJoiner`).
    public mutating func consume(_ line: ByteLine, readableUntilChunkEnds: Bool) {
        Self.consume(line, readableUntilChunkEnds: readableUntilChunkEnds, joiner: &joiner, engine: &engine)
    }

    /// The chunk the lines given as `readableUntilChunkEnds` lie in is about to go.
    public mutating func chunkEnded() {
        Self.chunkEnded(joiner: &joiner, engine: &engine)
    }

    public mutating func flush() {
        Self.flush(joiner: &joiner, engine: &engine)
    }

    // The joiner's callback feeds the engine: the two are passed as separate stored
    // properties, so there is no overlapping access to self and nothing is moved or copied.
    private static func consume(_ line: ByteLine, joiner: inout MessageJoiner, engine: inout DiagnosisEngine) {
        joiner.consume(line) { engine.consume($0) }
    }

    private static func consume(_ line: ByteLine, readableUntilChunkEnds: Bool, joiner: inout MessageJoiner,
                                engine: inout DiagnosisEngine) {
        joiner.consume(line, readableUntilChunkEnds: readableUntilChunkEnds) { engine.consume($0) }
    }

    private static func chunkEnded(joiner: inout MessageJoiner, engine: inout DiagnosisEngine) {
        joiner.chunkEnded { engine.consume($0) }
    }

    private static func consume(chunk: UnsafeBufferPointer<UInt8>, framer: inout LineFramer,
                                joiner: inout MessageJoiner, engine: inout DiagnosisEngine) {
        joiner.consume(chunk: chunk, framer: &framer) { engine.consume($0) }
    }

    private static func flush(joiner: inout MessageJoiner, engine: inout DiagnosisEngine) {
        joiner.flush { engine.consume($0) }
    }

    public var findings: [Finding] { engine.findings }

    /// The lines taken as evidence since the last call, with their finding ids (with
    /// `marksEvidence`); a held-back line is only diagnosed once the next line or `flush()` comes.
    public mutating func takeEvidenceMarks() -> [EvidenceMark] { engine.takeEvidenceMarks() }
}
