@testable import ConsoleUI
import Foundation
import IPsecKit
import Testing

/// Debug lines the diagnosis took as evidence carry the finding's id, drawn as a tag at the
/// right of the row in the finding's severity style.
@Suite struct EvidenceTagTests {
    @Test func marksFindTheirLinesBySourceLine() {
        var log = DebugLog(capacity: 4)
        for i in 0..<6 { log.append(DebugInput(text: "ISAKMP: line \(i)", sourceLine: 10 + i)) }
        log.append(DebugInput(text: "── R1#show crypto isakmp sa")) // :exec output has no source line
        log.mark([EvidenceMark(line: 13, findingId: "main-mode-failed"), EvidenceMark(line: 13, findingId: "other"),
                  EvidenceMark(line: 15, findingId: "invalid-spi"),
                  EvidenceMark(line: 10, findingId: "gone"), EvidenceMark(line: 99, findingId: "not-yet")])
        #expect(log.line(seq: 3)?.finding == "main-mode-failed")
        #expect(log.line(seq: 3)?.findings == ["main-mode-failed", "other"], "a line backing two findings keeps both, first marked first")
        #expect(log.line(seq: 5)?.finding == "invalid-spi")
        #expect(log.line(seq: 4)?.finding == nil)
        #expect(log.line(seq: 6)?.finding == nil)
    }

    /// Marks come in bulk (a replay posts them all at once): each is found by binary search,
    /// also across `:exec` output that has no source line, and past the ring's start.
    @Test func bulkMarksFindEveryLineAcrossUnnumberedOutput() {
        var log = DebugLog(capacity: 5_000)
        var numbered: [Int] = []
        for i in 0..<9_000 {
            if i % 7 == 3 || i % 7 == 4 {
                log.append(DebugInput(text: "R1#show crypto isakmp sa output \(i)"))
            } else {
                log.append(DebugInput(text: "ISAKMP: line \(i)", sourceLine: i))
                numbered.append(i)
            }
        }
        log.mark(numbered.map { EvidenceMark(line: $0, findingId: "f\($0)") })
        let kept = (log.firstSeq..<log.nextSeq).compactMap { log.line(seq: $0) }
        let wrong = kept.filter { $0.finding != $0.sourceLine.map { "f\($0)" } }
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")
        #expect(kept.filter { $0.finding != nil }.count > 3_000)
    }

    @Test func theTagIsRightAlignedInTheFindingsSeverityStyle() throws {
        var s = ConsoleFixtures.state(width: 160, height: 48, focus: .debug)
        _ = ConsoleUpdate.update(&s, .evidenceMarks(ConsoleFixtures.evidenceMarks))
        let screen = ConsoleView.render(s)
        let area = try #require(ConsoleLayout.make(width: 160, height: 48, focus: .debug).panes[.debug]).inner
        let rows = (area.y..<area.maxY).map { y in (y, screen.text(row: y)) }
        let tagged = rows.filter { $0.1.contains("[main-mode-failed]") }
        #expect(tagged.count == 3)
        #expect(tagged.allSatisfy { String($0.1.prefix(area.maxX)).hasSuffix("[main-mode-failed]") }, "right-aligned in the pane")
        let (y, row) = try #require(tagged.first)
        #expect(row.contains("atts are not acceptable"))
        let x = try #require(row.range(of: "[main-mode-failed]")).lowerBound.utf16Offset(in: row)
        #expect(screen[x, y].role == .severityError, "main-mode-failed is an error finding")
        let spi = try #require(rows.first { $0.1.contains("[invalid-spi]") })
        let sx = try #require(spi.1.range(of: "[invalid-spi]")).lowerBound.utf16Offset(in: spi.1)
        #expect(screen[sx, spi.0].role == .severityWarning)
        #expect(!rows.contains { $0.1.contains("no offers") && !$0.1.contains("[main-mode-failed]") })
    }

    @Test func narrowPanesStillShowTheTagShortened() {
        var s = ConsoleFixtures.state(width: 40, height: 12, focus: .debug)
        _ = ConsoleUpdate.update(&s, .evidenceMarks(ConsoleFixtures.evidenceMarks))
        let text = ConsoleView.render(s).text
        #expect(text.contains("[main-mo"), "\(text)")
    }

    @Test func eachIdIsKeptOncePerLineUpToTheLimit() {
        var log = DebugLog(capacity: 8)
        log.append(DebugInput(text: "ISAKMP (0:1): no offers accepted!", sourceLine: 7))
        let ids = ["a", "b", "a", "c", "d", "e", "b"]
        log.mark(ids.map { EvidenceMark(line: 7, findingId: $0) })
        #expect(log.line(seq: 0)?.findings == ["a", "b", "c", "d"])
        #expect(DebugLine.findingLimit == 4)
    }

    /// A line that is evidence for two findings names both, in the most severe one's style;
    /// where the ids do not fit, the first and a count.
    @Test func aLineBackingSeveralFindingsNamesThemAll() throws {
        var s = ConsoleFixtures.state(width: 160, height: 48, focus: .debug)
        _ = ConsoleUpdate.update(&s, .evidenceMarks(ConsoleFixtures.evidenceMarks + [EvidenceMark(line: 103, findingId: "invalid-spi")]))
        let screen = ConsoleView.render(s)
        let area = try #require(ConsoleLayout.make(width: 160, height: 48, focus: .debug).panes[.debug]).inner
        let rows = (area.y..<area.maxY).map { y in (y, screen.text(row: y)) }
        let (y, row) = try #require(rows.first { $0.1.contains("[main-mode-failed invalid-spi]") }, "\(screen.text)")
        #expect(String(row.prefix(area.maxX)).hasSuffix("[main-mode-failed invalid-spi]"))
        let x = try #require(row.range(of: "[main-mode-failed")).lowerBound.utf16Offset(in: row)
        #expect(screen[x, y].role == .severityError, "the error finding outranks the warning")
        #expect(rows.filter { $0.1.contains("[main-mode-failed]") }.count == 2, "the other evidence lines keep their single tag")

        #expect(DebugStreamView.evidenceTag(["main-mode-failed", "invalid-spi", "policy-hash-mismatch"], maxColumns: 35)
                == "[main-mode-failed +2]")
        #expect(DebugStreamView.evidenceTag(["main-mode-failed"], maxColumns: 35) == "[main-mode-failed]")
        #expect(DebugStreamView.evidenceTag(["a", "b"], maxColumns: 35) == "[a b]")
    }
}
