import Foundation

/// What a session turned on at a device, kept on disk while armed so that a run that
/// was killed outright (SIGKILL, power loss) can be cleaned up by the next one.
public struct ArmedDebugState: Codable, Equatable, Sendable {
    public var target: String
    public var platform: String
    /// Commands sent that turned something on, in order.
    public var commands: [String]
    /// The peer the debugs were limited to, if any (its condition must be removed).
    public var peer: String?
    public var armedAt: Date
    /// The process that armed them.
    public var processID: Int32
}

/// One JSON file per device under the state directory.
public struct DebugStateStore: Sendable {
    public let directory: String

    public init(directory: String = DebugStateStore.defaultDirectory()) {
        self.directory = directory
    }

    /// `$XDG_STATE_HOME/ipsec-console/armed-debugs`, else `~/.local/state/ipsec-console/armed-debugs`.
    public static func defaultDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/ipsec-console/armed-debugs"
    }

    public func path(for deviceKey: String) -> String {
        let safe = String(deviceKey.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return directory + "/" + safe + ".json"
    }

    public func load(_ deviceKey: String) -> ArmedDebugState? {
        guard let data = FileManager.default.contents(atPath: path(for: deviceKey)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(ArmedDebugState.self, from: data)
    }

    public func save(_ state: ArmedDebugState, for deviceKey: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(state)
        let target = path(for: deviceKey)
        let temporary = target + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        _ = rename(temporary, target)
    }

    public func remove(_ deviceKey: String) {
        unlink(path(for: deviceKey))
    }
}
