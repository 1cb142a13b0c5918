import ConsoleUI
import Foundation
import Testing

/// Compares a rendered screen with a stored snapshot: the text of every row, then the style
/// runs of every row (`x+width role`). Never escape bytes.
///
/// Snapshots live in `Tests/ConsoleUITests/Snapshots/NAME.txt`. To re-record after an
/// intended change, run the tests with `RECORD_SNAPSHOTS=1`:
///
///     RECORD_SNAPSHOTS=1 swift test --filter ConsoleUITests
///
/// Recording writes the files and fails each recorded test once (so a recording run is
/// never mistaken for a passing one); review the diff with `git diff`, then run again.
enum ScreenSnapshot {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    static func serialize(_ screen: Screen) -> String {
        var out = "# \(screen.width)x\(screen.height)"
        if let c = screen.cursor { out += " cursor \(c.x),\(c.y)" }
        out += "\n"
        for y in 0..<screen.height { out += "|" + screen.text(row: y) + "|\n" }
        out += "# styles\n"
        for y in 0..<screen.height {
            let runs = screen.styleRuns(row: y).map { "\($0.x)+\($0.width) \($0.role.rawValue)" }
            out += "\(y): " + runs.joined(separator: ", ") + "\n"
        }
        return out
    }

    static func assertMatches(_ screen: Screen, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = serialize(screen)
        let url = folder.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; record it with RECORD_SNAPSHOTS=1 swift test --filter ConsoleUITests", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }
            let detail = firstDiff.map { "line \($0.offset + 1):\n  expected \($0.element.0)\n  actual   \($0.element.1)" } ?? "different length"
            Issue.record("screen differs from snapshot \(name): \(detail)", sourceLocation: sourceLocation)
        }
    }
}
