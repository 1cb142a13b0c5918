/// A streaming parser for one command's output.
///
/// It is fed the section's lines one by one (already cleaned of terminal artefacts and
/// with asynchronous debug/syslog lines taken out) and, at the end, deposits its models
/// and warnings into the report. It keeps only what it has parsed, never the raw text.
public protocol SectionParser {
    init(platform: Platform?)
    /// Reads one line. `line` is valid only during the call.
    mutating func consume(_ line: ByteLine)
    /// Adds the parsed models and any warnings (e.g. truncated output, with the line
    /// number of the last line read) to `report`.
    mutating func finish(into report: inout AnalysisReport)
}
