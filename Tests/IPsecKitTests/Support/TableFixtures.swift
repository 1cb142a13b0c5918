import Foundation
import Testing
@testable import IPsecKit

/// Fixtures of the table parsers (`Fixtures/<folder>/<name>.txt`) and a way to feed a
/// parser its input in chunks, to check that chunking never changes the result.
enum TableFixtures {
    static func text(_ folder: String, _ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/\(folder)"),
                               "missing fixture \(folder)/\(name).txt")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Every fixture name in `folder`.
    static func names(_ folder: String) throws -> [String] {
        let dir = try #require(Bundle.module.url(forResource: folder, withExtension: nil, subdirectory: "Fixtures"))
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Feeds `text` through framer and cleaner to a `P` in chunks of `chunkSize` bytes.
    static func parse<P: SectionParser>(_ type: P.Type, _ text: String, chunkSize: Int, platform: Platform? = nil) -> AnalysisReport {
        var parser = P(platform: platform)
        var framer = LineFramer()
        var cleaner = DeviceLineCleaner()
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            framer.feed(Array(bytes[start..<end])) { raw in cleaner.clean(raw) { parser.consume($0) } }
            start = end
        }
        framer.finish { raw in cleaner.clean(raw) { parser.consume($0) } }
        var report = AnalysisReport()
        parser.finish(into: &report)
        return report
    }

    /// Checks that every fixture of `folder` parses the same whole, byte by byte and in
    /// odd-sized chunks.
    static func expectChunkingInvariant<P: SectionParser>(_ type: P.Type, folder: String, platform: Platform? = nil) throws {
        let names = try names(folder)
        #expect(!names.isEmpty)
        for name in names {
            let text = try self.text(folder, name)
            let whole = P.parse(text, platform: platform)
            for size in [1, 3, 7, 64] {
                #expect(parse(type, text, chunkSize: size, platform: platform) == whole, "\(folder)/\(name) in chunks of \(size)")
            }
        }
    }
}
