import ConsoleUI
import DeviceSession
import Foundation

/// The live console's answers to the session's questions. What the command line gave
/// (`--password-file`, `--password-stdin`, `--accept-host-key`) answers first; anything
/// else becomes a dialog: the session thread posts the question and waits until the user
/// answers or cancels (or the console stops). A typed secret is kept in memory for the
/// rest of the run, so reconnects and the second ssh session do not ask again, and it is
/// masked in the session log.
final class DialogCredentials: CredentialProvider, @unchecked Sendable {
    private enum Answer {
        case password(String?)
        case hostKey(HostKeyDecision)
    }

    private enum SecretKind: Hashable { case login, passphrase, enable, username, oneTime }

    /// What the command line gave; also what `:compare` uses for the other end's short session.
    let fixed: StaticCredentials
    private let post: @Sendable (ConsoleMsg) -> Void
    private let device: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var nextID = 1
    private var answers: [Int: Answer] = [:]
    private var stopped = false
    // Session thread only.
    private var remembered: [SecretKind: Secret] = [:]
    private var acceptedOnce: Set<String> = []
    /// The user cancelled a password question or rejected a host key: trying again would only ask again.
    private(set) var refusal: String?
    /// The session log, whose redactor learns each typed secret.
    var transcript: TranscriptLog?

    init(fixed: StaticCredentials, device: String, post: @escaping @Sendable (ConsoleMsg) -> Void) {
        self.fixed = fixed
        self.device = device
        self.post = post
    }

    // MARK: CredentialProvider (session thread)

    func secret(for request: CredentialRequest) -> Secret? {
        if let given = fixed.secret(for: request) { return given }
        let (kind, prompt) = Self.describe(request, device: device)
        if let known = remembered[kind] { return known }
        // Turned down already: the attempt in progress fails without asking twice.
        if refusal != nil { return nil }
        let id = newID()
        post(.askPassword(PasswordQuestion(prompt: prompt, id: id)))
        guard case .password(let typed)? = wait(for: id), let typed else {
            refusal = "authentication aborted: the \(kind == .enable ? "enable secret" : kind == .oneTime ? "log-in" : "password") question was cancelled"
            return nil
        }
        let secret = Secret(typed)
        // A one-time code is good once; everything else serves the rest of the run.
        if kind != .oneTime { remembered[kind] = secret }
        transcript?.redactor.addSecret(secret)
        return secret
    }

    func acceptHostKey(_ question: DeviceSession.HostKeyQuestion) -> Bool {
        hostKeyAnswer(question) != .reject
    }

    func hostKeyAnswer(_ question: DeviceSession.HostKeyQuestion) -> HostKeyAnswer {
        if fixed.acceptHostKey(question) { return .acceptAndSave }
        if acceptedOnce.contains(question.fingerprint) { return .acceptOnce }
        if refusal != nil { return .reject }
        let id = newID()
        let (host, port) = Self.hostAndPort(question.host)
        post(.askHostKey(ConsoleUI.HostKeyQuestion(host: host, port: port, keyType: question.keyType,
                                                   fingerprint: question.fingerprint, changed: false, id: id)))
        switch wait(for: id) {
        case .hostKey(.acceptOnce)?:
            acceptedOnce.insert(question.fingerprint)
            return .acceptOnce
        case .hostKey(.acceptAndSave)?:
            return .acceptAndSave
        default:
            refusal = "host key rejected: \(question.keyType) \(question.fingerprint) of \(question.host) is not trusted"
            return .reject
        }
    }

    /// After a refused login: the typed password was wrong, ask again next time.
    func forgetLoginPassword() {
        remembered[.login] = nil
        remembered[.enable] = nil
    }

    /// Why the user stopped the log-in, once (nil when they did not).
    func takeRefusal() -> String? {
        defer { refusal = nil }
        return refusal
    }

    // MARK: answers (UI thread)

    func answerPassword(id: Int, password: String?) { deliver(.password(password), id: id) }

    func answerHostKey(id: Int, decision: HostKeyDecision) { deliver(.hostKey(decision), id: id) }

    /// Releases a question still waiting (the console is closing): it counts as cancelled.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    // MARK: -

    private func newID() -> Int {
        condition.lock()
        defer { condition.unlock() }
        nextID += 1
        return nextID
    }

    private func deliver(_ answer: Answer, id: Int) {
        condition.lock()
        answers[id] = answer
        condition.broadcast()
        condition.unlock()
    }

    private func wait(for id: Int) -> Answer? {
        condition.lock()
        defer { condition.unlock() }
        while answers[id] == nil, !stopped { condition.wait() }
        return answers.removeValue(forKey: id)
    }

    private static func describe(_ request: CredentialRequest, device: String) -> (SecretKind, String) {
        switch request {
        case .loginPassword(let prompt): return (.login, clean(prompt, or: "Password for \(device)"))
        case .keyPassphrase(let prompt): return (.passphrase, clean(prompt, or: "Passphrase of the ssh key"))
        case .enableSecret: return (.enable, "Enable secret for \(device)")
        case .username(let prompt): return (.username, clean(prompt, or: "User name for \(device)"))
        case .question(let prompt): return (.oneTime, clean(prompt, or: "Answer for \(device)"))
        }
    }

    private static func clean(_ prompt: String, or fallback: String) -> String {
        let text = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? fallback : text
    }

    /// `[127.0.0.1]:2222` → (127.0.0.1, 2222); `10.0.0.1` → (10.0.0.1, 22).
    static func hostAndPort(_ text: String) -> (String, Int) {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) ?? 22 : 22)
        }
        return (text, 22)
    }
}
