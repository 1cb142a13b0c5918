import ConsoleUI
import Foundation
import IPsecKit

/// Reads a recorded session log on its own thread and feeds the console as a live session
/// would: debug lines in batches, then one snapshot per poll cycle (see `PollCycles`).
struct ReplayFeeder: Sendable {
    var path: String
    var options: SessionAnalyzer.Options
    var catalog: SignatureCatalog
    /// Real seconds between cycles; 0 delivers everything at once.
    var pace: TimeInterval
    /// Seconds between recorded polls, for snapshot times (and so rates) when `pace` is 0.
    var interval: TimeInterval

    static let batchSize = 2000

    func start(posting inbox: MessageInbox) {
        let feeder = self
        let thread = Thread { feeder.run(inbox) }
        thread.name = "replay"
        thread.start()
    }

    private func run(_ inbox: MessageInbox) {
        // Without pacing, lines go to the console as they are read (constant memory for any
        // log size); with pacing they wait for their cycle.
        let streaming = pace == 0
        var lines: [DebugInput] = []
        var analyzer = LogAnalysis(catalog: catalog, options: options) { line in
            lines.append(DebugInput(text: line.string, sourceLine: line.number))
            if streaming, lines.count >= Self.batchSize {
                inbox.post(.debugLines(lines))
                lines.removeAll(keepingCapacity: true)
            }
        }
        analyzer.marksEvidence = true
        var marks: [EvidenceMark] = []
        do {
            try InputFiles.forEachChunk(of: path) { chunk in
                analyzer.feed(chunk)
                marks += analyzer.takeEvidenceMarks()
            }
        } catch {
            inbox.post(.notice("\(error)", isError: true))
            inbox.post(.connection(ConnectionInfo(device: (path as NSString).lastPathComponent, transport: "replay",
                                                  state: .disconnected(reason: "cannot read the log"))))
            return
        }
        let report = analyzer.finish()
        marks += analyzer.takeEvidenceMarks()
        // Marks go out after the lines they tag (a symptom is attributed when its exchange fails).
        marks.sort { $0.line < $1.line }
        var marked = 0
        func postMarks(through line: Int) {
            var end = marked
            while end < marks.count, marks[end].line <= line { end += 1 }
            if end > marked { inbox.post(.evidenceMarks(Array(marks[marked..<end]))) }
            marked = end
        }
        let starts = PollCycles.starts(of: report)
        let cycles = PollCycles.split(report)
        let platform = report.sections.compactMap(\.platform).first ?? options.platform
        let origin = Date().addingTimeInterval(-interval * Double(max(0, cycles.count - 1)))
        var next = 0
        if streaming {
            post(lines[...], to: inbox)
            next = lines.count
        }
        for (i, cycle) in cycles.enumerated() {
            let last = PollCycles.lastLine(ofCycle: i, starts: starts)
            var end = next
            while end < lines.count, (lines[end].sourceLine ?? 0) <= last { end += 1 }
            post(lines[next..<end], to: inbox)
            next = end
            postMarks(through: last)
            let takenAt = pace > 0 ? Date() : origin.addingTimeInterval(interval * Double(i))
            inbox.post(.snapshot(Snapshot(report: cycle, takenAt: takenAt, platform: platform)))
            if pace > 0, i + 1 < cycles.count { Thread.sleep(forTimeInterval: pace) }
        }
        post(lines[next...], to: inbox)
        postMarks(through: .max)
        let when = origin.addingTimeInterval(interval * Double(max(0, cycles.count - 1)))
        inbox.post(.findings(report.findings.map { $0.item(catalog: catalog, platform: platform, lastSeen: when) }))
        if !report.warnings.isEmpty {
            inbox.post(.notice("\(report.warnings.count) parse warning(s); first: \(report.warnings[0])", isError: true))
        }
        inbox.post(.connection(ConnectionInfo(device: (path as NSString).lastPathComponent, transport: "replay",
                                              state: .replay(finished: true))))
    }

    private func post(_ lines: ArraySlice<DebugInput>, to inbox: MessageInbox) {
        var i = lines.startIndex
        while i < lines.endIndex {
            let j = min(lines.endIndex, i + Self.batchSize)
            inbox.post(.debugLines(Array(lines[i..<j])))
            i = j
        }
    }
}

/// A replay cannot touch a device: effects that would are answered with a notice.
struct ReplayEffectHandler: ConsoleEffectHandler {
    func handle(_ effect: ConsoleEffect, send: @escaping @Sendable (ConsoleMsg) -> Void) {
        switch effect {
        case .debugOn, .debugOff, .execute, .executeConfirmed, .setPollInterval:
            send(.notice("a replay is read-only: nothing is sent to a device", isError: true))
        case .walkthroughControl:
            break
        case .startWalkthrough(let name, _):
            send(.notice("walkthrough \(name) needs a live session; a replay only shows what was recorded", isError: true))
        case .compare:
            send(.notice("a replay is read-only: compare saved configurations with ipsec-console compare A B", isError: true))
        case .answerPassword, .answerHostKey:
            break // a replay never asks
        case .focusPeer:
            break // a replay filters its stream in the console itself
        case .quit, .redraw, .loadTheme, .startLog, .export:
            break // run by the console runner itself
        }
    }
}
