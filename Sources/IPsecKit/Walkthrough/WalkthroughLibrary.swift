import Foundation

/// The walkthroughs, looked up by id: the built-in files shipped with IPsecKit, then user
/// files whose walkthroughs replace built-in ones with the same id or add new ones.
/// Every walkthrough in a library passed validation against the catalog it was built with.
public struct WalkthroughLibrary: Sendable {
    public private(set) var walkthroughs: [Walkthrough]

    public subscript(id: String) -> Walkthrough? { walkthroughs.first { $0.id == id } }
    public var ids: [String] { walkthroughs.map(\.id) }

    /// Builds a library; broken files are left out (a broken override leaves the built-in
    /// walkthrough in place) and reported. `commandProblem` is the session's allowlist:
    /// why a command would be refused, nil when it is allowed.
    public static func assemble(base: [SignatureSource], overrides: [SignatureSource] = [], catalog: SignatureCatalog,
                                commandProblem: (String) -> String?) -> WalkthroughLibraryLoad {
        withoutActuallyEscaping(commandProblem) { check in
            let rules = WalkthroughValidator.Rules(catalogIDs: Set(catalog.ids), commandProblem: check)
            var issues: [SignatureIssue] = []
            var merged: [LocatedWalkthrough] = []
            for (layer, sources) in [base, overrides].enumerated() {
                var seenInLayer: [String: LocatedWalkthrough] = [:]
                for source in sources {
                    let result = WalkthroughFileDecoder.decode(source, rules: rules)
                    issues += result.issues
                    guard let entry = result.walkthrough else { continue }
                    let id = entry.walkthrough.id
                    if let first = seenInLayer[id] {
                        issues.append(SignatureIssue(file: entry.file, line: entry.line, entry: id, field: "id",
                                                     message: "duplicate id, already defined in \(first.file)"))
                        continue
                    }
                    seenInLayer[id] = entry
                    if layer == 1, let position = merged.firstIndex(where: { $0.walkthrough.id == id }) {
                        merged[position] = entry
                    } else {
                        merged.append(entry)
                    }
                }
            }
            return WalkthroughLibraryLoad(library: WalkthroughLibrary(walkthroughs: merged.map(\.walkthrough)), issues: issues)
        }
    }

    /// The YAML files shipped in IPsecKit's `Resources/Walkthroughs`, sorted by name.
    public static func builtInSources() throws -> [SignatureSource] {
        guard let folder = Bundle.module.url(forResource: "Walkthroughs", withExtension: nil) else {
            throw SignatureCatalogError(issues: [SignatureIssue(file: "Walkthroughs", message: "the built-in walkthrough folder is missing from the bundle")])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        return try names.map { name in
            SignatureSource(name: name, text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The built-in walkthroughs with user files laid over them. Throws when a shipped file is invalid.
    public static func builtIn(catalog: SignatureCatalog, overriddenBy overrides: [SignatureSource] = [],
                               commandProblem: (String) -> String?) throws -> WalkthroughLibraryLoad {
        let base = assemble(base: try builtInSources(), catalog: catalog, commandProblem: commandProblem)
        guard base.issues.isEmpty else { throw SignatureCatalogError(issues: base.issues) }
        return assemble(base: try builtInSources(), overrides: overrides, catalog: catalog, commandProblem: commandProblem)
    }
}

/// A library together with the issues met while building it.
public struct WalkthroughLibraryLoad: Sendable {
    public var library: WalkthroughLibrary
    public var issues: [SignatureIssue]
}
