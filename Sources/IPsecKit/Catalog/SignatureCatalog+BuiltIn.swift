import Foundation

extension SignatureCatalog {
    /// The YAML files shipped in IPsecKit's `Resources/Signatures`, sorted by name.
    ///
    /// Reading the module's own bundle is the one file access the core allows itself.
    public static func builtInSources() throws -> [SignatureSource] {
        guard let folder = Bundle.module.url(forResource: "Signatures", withExtension: nil) else {
            throw SignatureCatalogError(issues: [SignatureIssue(file: "Signatures", message: "the built-in signature folder is missing from the bundle")])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        return try names.map { name in
            SignatureSource(name: name, text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The built-in catalog. Throws when a shipped file is invalid (the tests keep it valid).
    public static func builtIn() throws -> SignatureCatalog {
        merge(try builtInEntries.get(), overrides: [], issues: []).catalog
    }

    /// The built-in catalog with user files laid over it. The built-in files must be valid;
    /// problems in the user files come back as issues, and their broken entries are skipped.
    public static func builtIn(overriddenBy overrides: [SignatureSource]) throws -> SignatureCatalogLoad {
        merge(try builtInEntries.get(), overrides: overrides, issues: [])
    }
}

/// The shipped files, decoded and validated once per process: they cannot change while it
/// runs, and decoding them (YAML plus every regex) is the expensive part of loading.
private let builtInEntries = Result { () throws -> [LocatedSignature] in
    var issues: [SignatureIssue] = []
    let entries = SignatureCatalog.decodeLayer(try SignatureCatalog.builtInSources(), issues: &issues)
    // A dangling `related` id in a shipped file is as much a defect as a broken entry.
    issues += SignatureCatalog.merge(entries, overrides: [], issues: []).issues
    guard issues.isEmpty else { throw SignatureCatalogError(issues: issues) }
    return entries
}
