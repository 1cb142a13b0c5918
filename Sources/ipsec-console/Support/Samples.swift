import Foundation

/// Session logs shipped with the program, to try `analyze` without a device.
enum Samples {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static var folder: URL? { Bundle.module.url(forResource: "Samples", withExtension: nil) }

    static func names() throws -> [String] {
        guard let folder else { throw Missing(description: "the bundled samples are missing from this installation") }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".log") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func path(of name: String) throws -> String {
        let known = try names()
        guard known.contains(name), let folder else {
            throw Missing(description: "no bundled sample named \(name); available: \(known.joined(separator: ", "))")
        }
        return folder.appendingPathComponent(name + ".log").path
    }
}
