/// A modal question; while one is open it receives every key.
public enum Dialog: Equatable, Sendable {
    /// A masked password (or enable secret) entry.
    case password(PasswordQuestion, typed: String)
    /// Whether to trust a host key.
    case hostKey(HostKeyQuestion)
    /// Yes/no before something consequential; `effects` run on yes.
    case confirm(title: String, message: [String], effects: [ConsoleEffect])
}

public struct PasswordQuestion: Equatable, Sendable {
    public var prompt: String
    public var id: Int

    public init(prompt: String, id: Int = 0) { self.prompt = prompt; self.id = id }
}

public struct HostKeyQuestion: Equatable, Sendable {
    public var host: String
    public var port: Int
    public var keyType: String
    /// As ssh prints it: `SHA256:...`.
    public var fingerprint: String
    /// True when a different key is on file for this host: possible interception.
    public var changed: Bool
    public var id: Int

    public init(host: String, port: Int, keyType: String, fingerprint: String, changed: Bool, id: Int = 0) {
        self.host = host; self.port = port; self.keyType = keyType; self.fingerprint = fingerprint; self.changed = changed; self.id = id
    }
}

public enum HostKeyDecision: String, Equatable, Sendable {
    case acceptOnce, acceptAndSave, reject
}
