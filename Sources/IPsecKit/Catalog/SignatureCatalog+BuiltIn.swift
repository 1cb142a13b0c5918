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
        let load = assemble(base: try builtInSources())
        guard load.issues.isEmpty else { throw SignatureCatalogError(issues: load.issues) }
        return load.catalog
    }

    /// The built-in catalog with user files laid over it. The built-in files must be valid;
    /// problems in the user files come back as issues, and their broken entries are skipped.
    public static func builtIn(overriddenBy overrides: [SignatureSource]) throws -> SignatureCatalogLoad {
        let base = try builtInSources()
        let baseLoad = assemble(base: base)
        guard baseLoad.issues.isEmpty else { throw SignatureCatalogError(issues: baseLoad.issues) }
        return assemble(base: base, overrides: overrides)
    }
}
