/// The known IPsec problems, looked up by id.
///
/// Built from YAML sources: the built-in files shipped with IPsecKit, then user files whose
/// entries replace built-in ones with the same id or add new ones. Every entry in a
/// catalog passed validation, and every `related` id resolves to an entry in it.
public struct SignatureCatalog: Sendable {
    /// All entries, built-in order first (replacements keep their place), additions after.
    public private(set) var signatures: [Signature]
    private var positions: [String: Int]
    private var origins: [String: String]

    init(entries: [LocatedSignature]) {
        signatures = entries.map(\.signature)
        positions = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.signature.id, $0) })
        origins = Dictionary(uniqueKeysWithValues: entries.map { ($0.signature.id, $0.file) })
    }

    public subscript(id: String) -> Signature? {
        positions[id].map { signatures[$0] }
    }

    public func contains(_ id: String) -> Bool { positions[id] != nil }

    public var ids: [String] { signatures.map(\.id) }

    /// The name of the source file the entry was taken from.
    public func origin(of id: String) -> String? { origins[id] }

    public func signatures(in phase: SignaturePhase) -> [Signature] {
        signatures.filter { $0.phase == phase }
    }

    /// Builds a catalog from base sources and overriding sources, collecting every issue.
    ///
    /// Broken entries are left out (a broken override leaves the base entry in place); a
    /// duplicate id within one layer keeps the first entry; `related` ids that resolve to
    /// nothing are reported and dropped so the catalog never points into the void.
    public static func assemble(base: [SignatureSource], overrides: [SignatureSource] = []) -> SignatureCatalogLoad {
        var issues: [SignatureIssue] = []
        let baseEntries = decodeLayer(base, issues: &issues)
        return merge(baseEntries, overrides: overrides, issues: issues)
    }

    /// Lays decoded base entries and the override sources together (see `assemble`).
    static func merge(_ baseEntries: [LocatedSignature], overrides: [SignatureSource], issues baseIssues: [SignatureIssue]) -> SignatureCatalogLoad {
        var issues = baseIssues
        let overrideEntries = decodeLayer(overrides, issues: &issues)

        var merged = baseEntries
        var index = Dictionary(uniqueKeysWithValues: merged.enumerated().map { ($1.signature.id, $0) })
        for entry in overrideEntries {
            if let position = index[entry.signature.id] {
                merged[position] = entry
            } else {
                index[entry.signature.id] = merged.count
                merged.append(entry)
            }
        }

        for position in merged.indices {
            let entry = merged[position]
            guard let related = entry.signature.related else { continue }
            let known = related.filter { index[$0] != nil }
            for (offset, id) in related.enumerated() where index[id] == nil {
                issues.append(SignatureIssue(file: entry.file, line: entry.line, entry: entry.signature.id,
                                             field: "related[\(offset)]", message: "names unknown signature '\(id)'"))
            }
            if known.count != related.count { merged[position].signature.related = known }
        }
        return SignatureCatalogLoad(catalog: SignatureCatalog(entries: merged), issues: issues)
    }

    /// Decodes each source and drops entries whose id an earlier entry of the layer took.
    static func decodeLayer(_ sources: [SignatureSource], issues: inout [SignatureIssue]) -> [LocatedSignature] {
        var entries: [LocatedSignature] = []
        var firstSeen: [String: LocatedSignature] = [:]
        for source in sources {
            let result = SignatureFileDecoder.decode(source)
            issues += result.issues
            for entry in result.signatures {
                let id = entry.signature.id
                if let first = firstSeen[id] {
                    let place = first.file + (first.line.map { ":\($0)" } ?? "")
                    issues.append(SignatureIssue(file: entry.file, line: entry.line, entry: id, field: "id",
                                                 message: "duplicate id, already defined at \(place)"))
                    continue
                }
                firstSeen[id] = entry
                entries.append(entry)
            }
        }
        return entries
    }
}

/// A catalog together with the issues met while building it.
public struct SignatureCatalogLoad: Sendable {
    public var catalog: SignatureCatalog
    public var issues: [SignatureIssue]
}
