/// What the session needs to ask the user for.
public enum CredentialRequest: Equatable, Sendable {
    /// A login password (ssh password or keyboard-interactive, a console's `Password:`).
    case loginPassword(prompt: String)
    /// The passphrase of an ssh key.
    case keyPassphrase(prompt: String)
    /// The `enable` secret.
    case enableSecret(prompt: String)
    /// A console or telnet line asks for the user name.
    case username(prompt: String)
    /// Another keyboard-interactive question (a one-time code): only a person can answer.
    case question(prompt: String)
}

/// ssh met a host key it does not know and asks whether to trust it.
public struct HostKeyQuestion: Equatable, Sendable {
    /// `[127.0.0.1]:2222` or `10.0.0.1`, as ssh names it.
    public var host: String
    /// `ED25519`, `RSA`, `ECDSA`.
    public var keyType: String
    /// `SHA256:...`.
    public var fingerprint: String
    /// ssh's whole question, for display.
    public var text: String
}

/// What to do with a host key ssh does not know.
public enum HostKeyAnswer: Equatable, Sendable {
    /// Trust it for this run only (the session's private known_hosts file, see
    /// `SSHChannel.Options.sessionKnownHosts`); without such a file ssh saves it anyway.
    case acceptOnce
    /// Trust it and add it to the user's known_hosts.
    case acceptAndSave
    case reject
}

/// Answers the session's questions: from a password file or standard input in
/// headless use, from a dialog in the console UI. Runs on the session's thread.
public protocol CredentialProvider: AnyObject {
    /// The secret asked for, or nil to refuse (the login then fails).
    func secret(for request: CredentialRequest) -> Secret?
    /// True to trust (and remember) the key.
    func acceptHostKey(_ question: HostKeyQuestion) -> Bool
    /// The decision on an unknown host key; by default `acceptHostKey` saying yes saves it.
    func hostKeyAnswer(_ question: HostKeyQuestion) -> HostKeyAnswer
}

extension CredentialProvider {
    public func hostKeyAnswer(_ question: HostKeyQuestion) -> HostKeyAnswer {
        acceptHostKey(question) ? .acceptAndSave : .reject
    }
}

/// Fixed answers: what headless commands use.
public final class StaticCredentials: CredentialProvider {
    public var username: String?
    public var password: Secret?
    public var enableSecret: Secret?
    public var keyPassphrase: Secret?
    /// Host keys to accept, by fingerprint (`SHA256:...`).
    public var acceptedFingerprints: Set<String>
    /// Accept any key ssh has not seen before (trust on first use).
    public var acceptNewHostKeys: Bool
    /// Questions asked so far (the last host key question is reported on refusal).
    public private(set) var hostKeyQuestions: [HostKeyQuestion] = []
    public private(set) var passwordRequests = 0

    public init(username: String? = nil, password: Secret? = nil, enableSecret: Secret? = nil, keyPassphrase: Secret? = nil,
                acceptedFingerprints: Set<String> = [], acceptNewHostKeys: Bool = false) {
        self.username = username; self.password = password; self.enableSecret = enableSecret
        self.keyPassphrase = keyPassphrase; self.acceptedFingerprints = acceptedFingerprints
        self.acceptNewHostKeys = acceptNewHostKeys
    }

    public func secret(for request: CredentialRequest) -> Secret? {
        switch request {
        case .loginPassword:
            passwordRequests += 1
            return password
        case .keyPassphrase: return keyPassphrase
        case .enableSecret: return enableSecret
        case .username: return username.map { Secret($0) }
        case .question: return nil
        }
    }

    public func acceptHostKey(_ question: HostKeyQuestion) -> Bool {
        hostKeyQuestions.append(question)
        return acceptNewHostKeys || acceptedFingerprints.contains(question.fingerprint)
    }
}
