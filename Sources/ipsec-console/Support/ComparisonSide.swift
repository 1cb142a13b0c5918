import DeviceSession
import Foundation
import IPsecKit

/// One end of a comparison: a saved `show running-config` or a device to fetch it from.
/// An existing file is a file; anything else must read as a device target.
enum ComparisonSide: Equatable {
    case file(String)
    case device(DeviceTarget)

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func resolve(_ argument: String) throws(Problem) -> ComparisonSide {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), !isFolder.boolValue {
            return .file(argument)
        }
        let target: DeviceTarget
        do {
            target = try DeviceTarget.parse(argument)
        } catch {
            throw Problem(description: "\"\(argument)\" is neither a saved configuration (no such file) nor a device target (\(error.description))")
        }
        // A bare name that looks like a file name is more likely a mistyped path than a host.
        if !argument.contains("://"), Self.fileSuffixes.contains(where: { argument.lowercased().hasSuffix($0) }) {
            throw Problem(description: "\"\(argument)\" is neither a saved configuration (no such file) nor a device target (a host name does not end in \(argument.split(separator: ".").last.map { "." + $0 } ?? "")); give an existing file or ssh://\(argument)")
        }
        return .device(target)
    }

    static let fileSuffixes = [".cfg", ".conf", ".config", ".txt", ".log", ".md"]

    /// What the side is called in messages.
    var name: String {
        switch self {
        case .file(let path): return path
        case .device(let target): return target.description
        }
    }
}

/// Reads a saved configuration or fetches `show running-config` through the session layer.
enum RunningConfigSource {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func read(file path: String) throws(Failure) -> String {
        var bytes: [UInt8] = []
        do {
            try InputFiles.forEachChunk(of: path) { bytes.append(contentsOf: $0) }
        } catch {
            throw Failure(description: "\(error)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One short session: connect, `show running-config`, disconnect. Stale debugs a killed
    /// run left on are reported through `warn` (only `exec`/`watch` clean them up).
    static func fetch(configuration: ManagedSession.Configuration, credentials: CredentialProvider,
                      warn: (String) -> Void) throws(DeviceSessionError) -> String {
        let managed = ManagedSession(configuration: configuration, credentials: credentials)
        defer { for problem in managed.close() { warn("cleanup: \(problem)") } }
        try managed.connect()
        if let stale = managed.staleDebugs() {
            warn("an earlier run (PID \(stale.processID)) left debugs on at this device: \(stale.commands.joined(separator: "; "))")
        }
        let result = try managed.execute("show running-config")
        if let error = result.deviceError { throw .device(command: result.command, message: error) }
        return result.output.joined(separator: "\n")
    }

    /// Parses a configuration, refusing text with no crypto configuration at all.
    static func parse(_ text: String, from name: String) throws(Failure) -> CryptoConfig {
        let parsed = RunningConfigParser.parse(text)
        if parsed.config.cryptoMaps.isEmpty && parsed.config.isakmpPolicies.isEmpty {
            throw Failure(description: "\(name) holds no crypto configuration (no crypto map or ISAKMP policy); give the output of `show running-config`")
        }
        return parsed.config
    }
}
