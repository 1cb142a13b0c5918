/// The whole reading of one log: command sections parsed into tables, the debug and
/// syslog stream diagnosed line by line, and the parsed state diagnosed at the end.
///
/// This is the one pipeline `analyze`, `replay` and the live console share:
/// bytes -> `SessionAnalyzer` (framing, cleaning, sections, parsers) -> stream lines ->
/// `MessageJoiner` (wrapped messages) -> `DiagnosisEngine`; at `finish()`,
/// `StateDiagnosis` over the parsed tables. Memory stays bounded by the engine's limits
/// and the size of the parsed tables, not by the length of the log.
public struct LogAnalysis {
    /// The stream side, boxed so the section splitter's callback can feed it.
    private final class StreamSide {
        var diagnosis: StreamDiagnosis
        var classifier = LineClassifier()
        /// The chunk being fed: a stream line framed in place in it stays readable until
        /// `feed` returns, so the joiner need not copy it (empty between feeds).
        var chunk = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

        init(_ diagnosis: StreamDiagnosis) { self.diagnosis = diagnosis }
    }

    public let catalog: SignatureCatalog
    private var sessions: SessionAnalyzer
    private let stream: StreamSide

    /// - Parameter onStreamLine: also receives every debug/syslog line, in order (for a
    ///   view of the stream beside the diagnosis).
    public init(catalog: SignatureCatalog, options: SessionAnalyzer.Options = .init(), limits: DiagnosisLimits = DiagnosisLimits(),
                onStreamLine: @escaping (ByteLine) -> Void = { _ in }) {
        self.catalog = catalog
        let stream = StreamSide(StreamDiagnosis(signatures: catalog.signatures, limits: limits))
        self.stream = stream
        self.sessions = SessionAnalyzer(
            options: options,
            isAsynchronous: { stream.classifier.classify($0).isAsynchronous },
            onStreamLine: { line in
                onStreamLine(line)
                stream.diagnosis.consume(line, readableUntilChunkEnds: line.isPart(of: stream.chunk))
            })
    }

    /// Notes each line the diagnosis takes as evidence, for `takeEvidenceMarks()`.
    public var marksEvidence: Bool {
        get { stream.diagnosis.engine.marksEvidence }
        nonmutating set { stream.diagnosis.marksEvidence = newValue }
    }

    /// The stream lines taken as evidence since the last call (numbered as `onStreamLine` saw them).
    public func takeEvidenceMarks() -> [EvidenceMark] { stream.diagnosis.takeEvidenceMarks() }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        stream.chunk = chunk
        sessions.feed(chunk)
        stream.chunk = UnsafeBufferPointer(start: nil, count: 0)
        stream.diagnosis.chunkEnded()
    }

    public mutating func feed(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { feed($0) } }

    /// Ends the input: the report with its findings (most severe first) and timelines.
    public mutating func finish() -> AnalysisReport {
        var report = sessions.finish()
        stream.diagnosis.flush()
        let engine = stream.diagnosis.engine
        report.findings = catalog.describe((engine.findings + StateDiagnosis.diagnose(report, catalog: catalog)).sortedForDisplay())
        report.timeline = engine.timelinePeers.map { PeerNegotiation(peer: $0, events: engine.timeline(for: $0)) }
        return report
    }

    /// Analyses a whole text (tests, small inputs).
    public static func analyze(_ text: String, catalog: SignatureCatalog, options: SessionAnalyzer.Options = .init()) -> AnalysisReport {
        var analysis = LogAnalysis(catalog: catalog, options: options)
        analysis.feed(Array(text.utf8))
        return analysis.finish()
    }
}

/// One peer's negotiation steps, oldest first (the `timeline` of `analyze --json`).
public struct PeerNegotiation: Codable, Equatable, Sendable {
    public var peer: String
    public var events: [NegotiationEvent]

    public init(peer: String, events: [NegotiationEvent]) {
        self.peer = peer; self.events = events
    }
}
