import IPsecKit

/// The live diagnosis behind `watch`.
///
/// Asynchronous lines go through the stream diagnosis (wrapped messages rejoined, then the
/// engine), numbered 1, 2, 3... in the order they were received, so a stream finding's
/// evidence and first/last line point into the watched stream. Each polled snapshot goes
/// through the state rules, against the previous snapshot of the same command when there
/// is one; those findings' line numbers are lines of that command's output.
///
/// A finding is reported when it first appears or its count changes; a state finding that
/// a later snapshot no longer shows is forgotten, so it is reported again if it comes back.
final class WatchDiagnosis {
    /// Where a finding came from: `stream`, or the show command whose snapshot raised it.
    struct Update {
        var source: String
        var finding: Finding
    }

    static let streamSource = "stream"

    let catalog: SignatureCatalog
    private var stream: StreamDiagnosis
    private(set) var linesReceived = 0
    /// Findings only change on lines the engine looked at closely; comparing this counter
    /// spares building the findings list for every other line.
    private var candidatesSeen = 0
    private var reportedCounts: [String: Int] = [:]
    private var previousReports: [String: AnalysisReport] = [:]
    private var latestStateFindings: [String: [Finding]] = [:]

    init(catalog: SignatureCatalog) {
        self.catalog = catalog
        stream = StreamDiagnosis(signatures: catalog.signatures)
    }

    /// Diagnoses the next received line; returns the findings it raised or counted again.
    func line(_ text: String) -> [Update] {
        linesReceived += 1
        let number = linesReceived
        text.withByteLine(number: number) { stream.consume($0) }
        return streamChanges()
    }

    /// The stream went quiet: a held-back (possibly wrapped) last line is diagnosed now.
    func quiet() -> [Update] {
        stream.flush()
        return streamChanges()
    }

    /// Diagnoses a parsed snapshot of `command`.
    func snapshot(command: String, report: AnalysisReport) -> [Update] {
        let findings: [Finding]
        if let before = previousReports[command] {
            findings = StateDiagnosis.diagnose(before: before, after: report, catalog: catalog)
        } else {
            findings = StateDiagnosis.diagnose(report, catalog: catalog)
        }
        previousReports[command] = report
        latestStateFindings[command] = findings
        let prefix = command + "|"
        let present = Set(findings.map { Self.key(command, $0) })
        for key in reportedCounts.keys where key.hasPrefix(prefix) && !present.contains(key) {
            reportedCounts[key] = nil
        }
        return changes(findings, source: command)
    }

    /// Everything found so far (stream findings and the latest snapshot's state findings),
    /// with the catalog's causes and fixes, most severe first.
    var summary: [Update] {
        var all = stream.findings.map { Update(source: Self.streamSource, finding: $0) }
        for command in latestStateFindings.keys.sorted() {
            all += (latestStateFindings[command] ?? []).map { Update(source: command, finding: $0) }
        }
        let described = catalog.describe(all.map(\.finding))
        let updates = zip(all, described).map { Update(source: $0.source, finding: $1) }
        return updates.sorted { Finding.displayOrder($0.finding, $1.finding) }
    }

    private func streamChanges() -> [Update] {
        let candidates = stream.engine.candidateLines
        guard candidates != candidatesSeen else { return [] }
        candidatesSeen = candidates
        return changes(stream.findings, source: Self.streamSource)
    }

    private func changes(_ findings: [Finding], source: String) -> [Update] {
        var updates: [Update] = []
        for finding in findings {
            let key = Self.key(source, finding)
            guard reportedCounts[key] != finding.count else { continue }
            reportedCounts[key] = finding.count
            updates.append(Update(source: source, finding: finding))
        }
        return updates
    }

    private static func key(_ source: String, _ finding: Finding) -> String {
        source + "|" + finding.id + "|" + (finding.peer ?? "")
    }
}
