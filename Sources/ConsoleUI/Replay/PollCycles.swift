import IPsecKit

/// Splits what a session log recorded into poll cycles: a new cycle starts when a show
/// command already seen in the current cycle appears again. Each cycle becomes one
/// snapshot, so a replay shows the same changes, deltas and rates a live poll would.
public enum PollCycles {
    /// First line of each cycle, ascending (the first is always 1).
    public static func starts(of report: AnalysisReport) -> [Int] {
        var starts = [1]
        var seen = Set<String>()
        for section in report.sections.sorted(by: { $0.firstLine < $1.firstLine }) where ShowCommand(rawValue: section.command) != nil {
            if seen.contains(section.command) {
                starts.append(section.firstLine)
                seen = []
            }
            seen.insert(section.command)
        }
        return starts
    }

    /// The report cut into cycles, in order. Rows are placed by their line; rows without a
    /// line belong to the last cycle.
    public static func split(_ report: AnalysisReport) -> [AnalysisReport] {
        let starts = starts(of: report)
        var cycles = Array(repeating: AnalysisReport(), count: starts.count)
        func index(_ line: Int?) -> Int {
            guard let line else { return starts.count - 1 }
            var i = 0
            while i + 1 < starts.count, starts[i + 1] <= line { i += 1 }
            return i
        }
        for x in report.isakmpSas { cycles[index(x.line)].isakmpSas.append(x) }
        for x in report.isakmpSummary { cycles[index(x.line)].isakmpSummary.append(x) }
        for x in report.ikev2Sas { cycles[index(x.line)].ikev2Sas.append(x) }
        for x in report.ipsecSas { cycles[index(x.line)].ipsecSas.append(x) }
        for x in report.engineConnections { cycles[index(x.line)].engineConnections.append(x) }
        for x in report.cryptoSessions { cycles[index(x.line)].cryptoSessions.append(x) }
        for x in report.warnings { cycles[index(x.line)].warnings.append(x) }
        for x in report.sections { cycles[index(x.firstLine)].sections.append(x) }
        return cycles
    }

    /// Last line of cycle `i` (for handing over the debug lines recorded before it ends).
    public static func lastLine(ofCycle i: Int, starts: [Int]) -> Int {
        i + 1 < starts.count ? starts[i + 1] - 1 : Int.max
    }
}
