import ArgumentParser
import Foundation
import IPsecKit

/// `ipsec-console signatures`: browse the problem catalog and check user signature files.
struct SignaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signatures",
        abstract: "List, show and lint the catalog of known IPsec problems.",
        discussion: """
        User files in $XDG_CONFIG_HOME/ipsec-console/signatures/*.yaml (default
        ~/.config/ipsec-console/signatures) add entries or replace built-in ones with the same id.
        """,
        subcommands: [List.self, Show.self, Lint.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every signature: id, phase, severity, title.")

        @Option(help: "Only this phase (phase1, phase2, data-plane, remote-access, platform).")
        var phase: String?

        func run() throws {
            let catalog = try UserSignatureFiles.catalogWithOverrides()
            var signatures = catalog.signatures
            if let phase {
                guard let wanted = SignaturePhase(rawValue: phase) else {
                    throw ValidationError("unknown phase '\(phase)' (one of: \(SignaturePhase.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                signatures = catalog.signatures(in: wanted)
            }
            // Tunnel life order (phase 1 before phase 2 before data plane...), catalog order within a phase.
            let rank = Dictionary(uniqueKeysWithValues: SignaturePhase.allCases.enumerated().map { ($1, $0) })
            signatures = signatures.enumerated()
                .sorted { (rank[$0.element.phase]!, $0.offset) < (rank[$1.element.phase]!, $1.offset) }
                .map(\.element)
            print(SignatureText.table(signatures), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one signature in full, with the IOS and ASA commands.")

        @Argument(help: "The signature id, as printed by `signatures list`.")
        var id: String

        func run() throws {
            let catalog = try UserSignatureFiles.catalogWithOverrides()
            guard let signature = catalog[id] else {
                let close = catalog.ids.filter { $0.contains(id) || id.contains($0) }
                let hint = close.isEmpty ? "run `ipsec-console signatures list`" : "did you mean \(close.joined(separator: ", "))?"
                FileHandle.standardError.write(Data("error: no signature '\(id)': \(hint)\n".utf8))
                throw ExitCode(1)
            }
            print(SignatureText.detail(signature, origin: catalog.origin(of: id)), terminator: "")
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate signature files against the schema and the built-in catalog.",
            discussion: "Without FILE arguments, lints the user signature directory. Exits 1 when any file has an error."
        )

        @Argument(help: "YAML files to check.")
        var files: [String] = []

        func run() throws {
            let paths = files.isEmpty ? try UserSignatureFiles.paths() : files
            if paths.isEmpty {
                print("no signature files to check (the user directory \(UserSignatureFiles.directory) has none)")
                return
            }
            var unreadable: [String] = []
            var sources: [SignatureSource] = []
            for path in paths {
                do {
                    sources.append(SignatureSource(name: path, text: try String(contentsOfFile: path, encoding: .utf8)))
                } catch {
                    unreadable.append("\(path): cannot read: \(error.localizedDescription)")
                }
            }
            let issues = try SignatureCatalog.builtIn(overriddenBy: sources).issues
            for line in unreadable + issues.map(\.description) { print(line) }
            if !unreadable.isEmpty || !issues.isEmpty {
                print("\(unreadable.count + issues.count) error\(unreadable.count + issues.count == 1 ? "" : "s") in \(paths.count) file\(paths.count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
            let entries = sources.reduce(0) { $0 + entryCount($1) }
            print("ok: \(paths.count) file\(paths.count == 1 ? "" : "s"), \(entries) entr\(entries == 1 ? "y" : "ies")")
        }

        private func entryCount(_ source: SignatureSource) -> Int {
            SignatureCatalog.assemble(base: [], overrides: [source]).catalog.signatures.count
        }
    }
}
