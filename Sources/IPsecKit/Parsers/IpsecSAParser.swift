// Placeholder so the package builds while the real parser is written.
public struct IpsecSAParser: SectionParser {
    public init(platform: Platform?) {}
    public mutating func consume(_ line: ByteLine) {}
    public mutating func finish(into report: inout AnalysisReport) {}
}
