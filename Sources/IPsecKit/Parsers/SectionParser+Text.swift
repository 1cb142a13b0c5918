extension SectionParser {
    /// Parses `text` as this command's bare output (framing and cleaning it first) and
    /// returns a report holding only what this parser found. For tests and small inputs.
    public static func parse(_ text: String, platform: Platform? = nil) -> AnalysisReport {
        var parser = Self(platform: platform)
        var framer = LineFramer()
        var cleaner = DeviceLineCleaner()
        let bytes = Array(text.utf8)
        framer.feed(bytes) { raw in cleaner.clean(raw) { parser.consume($0) } }
        framer.finish { raw in cleaner.clean(raw) { parser.consume($0) } }
        var report = AnalysisReport()
        parser.finish(into: &report)
        return report
    }
}
