/// The debug/syslog stream side of the diagnosis: wrapped messages rejoined, then the
/// engine. Feed it physical lines in order (from a log, `analyze`, or a live device);
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
        // The joiner is moved out while its callback mutates the engine: no overlapping
        // access to self, and no copy of its buffer.
        var joiner = MessageJoiner()
        swap(&joiner, &self.joiner)
        joiner.consume(line) { engine.consume($0) }
        swap(&joiner, &self.joiner)
    }

    public mutating func flush() {
        var joiner = MessageJoiner()
        swap(&joiner, &self.joiner)
        joiner.flush { engine.consume($0) }
        swap(&joiner, &self.joiner)
    }

    public var findings: [Finding] { engine.findings }

    /// The lines taken as evidence since the last call, with their finding ids (with
    /// `marksEvidence`); a held-back line is only diagnosed once the next line or `flush()` comes.
    public mutating func takeEvidenceMarks() -> [EvidenceMark] { engine.takeEvidenceMarks() }
}
