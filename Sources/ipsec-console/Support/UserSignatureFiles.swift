import Foundation
import IPsecKit

/// Reads the user's signature overrides from disk; the core only sees their text.
enum UserSignatureFiles {
    static var directory: String {
        SignatureOverrideDirectory.path(environment: ProcessInfo.processInfo.environment, homeDirectory: NSHomeDirectory())
    }

    /// The `*.yaml` / `*.yml` files of the user directory, sorted; none when it does not exist.
    static func paths() throws -> [String] { try paths(in: directory) }

    /// The `*.yaml` / `*.yml` files of `folder`, sorted (walkthrough overrides use it too).
    static func paths(in folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { folder + "/" + $0 }
    }

    /// The built-in catalog with the user files laid over it. Problems in user files are
    /// reported on stderr and their broken entries skipped, so a bad override never hides
    /// the built-in knowledge.
    static func catalogWithOverrides() throws -> SignatureCatalog {
        var sources: [SignatureSource] = []
        for path in try paths() {
            do {
                sources.append(SignatureSource(name: path, text: try String(contentsOfFile: path, encoding: .utf8)))
            } catch {
                warn("\(path): cannot read: \(error.localizedDescription)")
            }
        }
        let load = try SignatureCatalog.builtIn(overriddenBy: sources)
        for issue in load.issues { warn(issue.description) }
        return load.catalog
    }

    private static func warn(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }
}
