import DeviceSession
import Foundation
import IPsecKit

/// Reads the user's walkthrough files (`$XDG_CONFIG_HOME/ipsec-console/walkthroughs/*.yaml`)
/// and builds the library against the catalog and the session's allowlist.
enum UserWalkthroughFiles {
    static var directory: String {
        SignatureOverrideDirectory.path(environment: ProcessInfo.processInfo.environment, homeDirectory: NSHomeDirectory(),
                                        folder: "walkthroughs")
    }

    /// Why the session would not send `command` (the walkthrough validator's allowlist check).
    static func commandProblem(_ command: String) -> String? {
        switch CommandPolicy.evaluate(command) {
        case .allowed: return nil
        case let .needsConfirmation(reason): return "walkthroughs run read-only commands only; \(reason)"
        case let .refused(reason): return reason
        }
    }

    /// Built-in walkthroughs with the user's files laid over them; problems in user files
    /// are reported through `warn` and their walkthroughs skipped.
    static func library(catalog: SignatureCatalog, warn: (String) -> Void) throws -> WalkthroughLibrary {
        var sources: [SignatureSource] = []
        for path in try UserSignatureFiles.paths(in: directory) {
            do {
                sources.append(SignatureSource(name: path, text: try String(contentsOfFile: path, encoding: .utf8)))
            } catch {
                warn("\(path): cannot read: \(error.localizedDescription)")
            }
        }
        let load = try WalkthroughLibrary.builtIn(catalog: catalog, overriddenBy: sources, commandProblem: commandProblem)
        for issue in load.issues { warn("warning: \(issue.description)") }
        return load.library
    }
}
