import Foundation

/// A device reached through the system's OpenSSH client, run in a pseudo-terminal so
/// the user's ~/.ssh/config, ProxyJump, agent, known_hosts and legacy algorithm
/// settings all apply. Passwords and host key questions come back through
/// `AskpassServer` and are answered by the `CredentialProvider`.
public final class SSHChannel: DeviceChannel {
    public struct Options {
        public var user: String?
        public var host: String
        public var port: Int?
        /// Passed to ssh before ours, so they win (ssh keeps the first value it sees).
        public var extraArguments: [String]
        /// The ipsec-console binary, which implements the hidden `askpass` subcommand.
        public var askpassExecutable: String
        public var sshPath: String
        public var connectTimeoutSeconds: Int

        public init(user: String?, host: String, port: Int?, extraArguments: [String] = [], askpassExecutable: String,
                    sshPath: String = SSHChannel.findSSH(), connectTimeoutSeconds: Int = 15) {
            self.user = user; self.host = host; self.port = port; self.extraArguments = extraArguments
            self.askpassExecutable = askpassExecutable; self.sshPath = sshPath; self.connectTimeoutSeconds = connectTimeoutSeconds
        }
    }

    public let options: Options
    public let label: String
    private let process: PseudoTerminalProcess
    private let askpass: AskpassServer
    private let credentials: CredentialProvider
    private var errorText: [UInt8] = []
    private var refusedHostKey: HostKeyQuestion?
    /// A prompt ssh asked that nothing could answer (reported when the login fails).
    private var unansweredPrompt: String?
    private var sawOutput = false
    private var isClosed = false

    /// The argument vector ssh runs with (no secrets in it, ever).
    public var arguments: [String] { Self.arguments(options) }
    public var processID: Int32 { process.pid }

    public init(options: Options, credentials: CredentialProvider) throws(DeviceSessionError) {
        self.options = options
        self.credentials = credentials
        label = "ssh " + (options.user.map { "\($0)@" } ?? "") + options.host + (options.port.map { ":\($0)" } ?? "")
        askpass = try AskpassServer(executable: options.askpassExecutable)
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("SSH_ASKPASS") { environment[key] = nil }
        environment["SSH_ASKPASS"] = askpass.scriptPath
        environment["SSH_ASKPASS_REQUIRE"] = "force"
        environment["TERM"] = "vt100"
        do {
            process = try PseudoTerminalProcess(arguments: Self.arguments(options), environment: environment, mode: .raw, separateStandardError: true)
        } catch {
            askpass.close()
            throw error
        }
    }

    static func arguments(_ o: Options) -> [String] {
        var a = [o.sshPath, "-tt", "-e", "none"]
        a += o.extraArguments
        a += ["-o", "StrictHostKeyChecking=ask", "-o", "NumberOfPasswordPrompts=1",
              "-o", "ConnectTimeout=\(o.connectTimeoutSeconds)", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3"]
        if let port = o.port { a += ["-p", String(port)] }
        if let user = o.user { a += ["-l", user] }
        a += ["--", o.host]
        return a
    }

    public func read(timeout: Duration, interruptible: Bool) throws(DeviceSessionError) -> [UInt8] {
        guard !isClosed else { throw Self.lostConnection(label) }
        let deadline = ContinuousClock.now + timeout
        while true {
            var fds = [process.masterFD, askpass.listenFD]
            if let e = process.errorFD { fds.append(e) }
            let ready = try FileDescriptorIO.waitReadable(fds, timeout: max(.zero, ContinuousClock.now.duration(to: deadline)), interruptible: interruptible)
            if ready.contains(askpass.listenFD) { askpass.serve(answer) }
            if let e = process.errorFD, ready.contains(e), let bytes = FileDescriptorIO.readAvailable(e) {
                errorText += bytes.prefix(max(0, 65536 - errorText.count))
            }
            if ready.contains(process.masterFD) {
                guard let bytes = FileDescriptorIO.readAvailable(process.masterFD) else { throw failure() }
                if !bytes.isEmpty {
                    sawOutput = true
                    return bytes
                }
            }
            if ContinuousClock.now >= deadline { return [] }
        }
    }

    public func write(_ bytes: [UInt8]) throws(DeviceSessionError) {
        guard !isClosed, FileDescriptorIO.writeAll(process.masterFD, bytes) else { throw failure() }
    }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        process.terminate()
        askpass.close()
    }

    /// What ssh said on standard error so far.
    public var standardError: String { String(decoding: errorText, as: UTF8.self) }

    /// The error for a connection that ended: what ssh's words say, or a plain "closed".
    private func failure() -> DeviceSessionError {
        _ = process.waitForExit(timeout: .seconds(2))
        if let e = process.errorFD {
            while let bytes = FileDescriptorIO.readAvailable(e), !bytes.isEmpty { errorText += bytes }
        }
        let text = standardError
        close()
        if var classified = SSHFailureClassifier.classify(text, host: options.host, port: options.port, refusedHostKey: refusedHostKey),
           !sawOutput || classified.kind != .closed {
            if classified.kind == .authenticationFailed, let unanswered = unansweredPrompt {
                classified.advice = "ssh asked \"\(unanswered.trimmingSpaces())\" and no answer was available: give the password with --password-stdin or --password-file (or load the key into an agent)"
            }
            return .connection(classified)
        }
        let lastLine = text.split(whereSeparator: \.isNewline).last.map(String.init)
        return Self.lostConnection(label, detail: lastLine)
    }

    private func answer(_ prompt: String) -> [UInt8]? {
        if let question = SSHFailureClassifier.hostKeyQuestion(prompt) {
            if credentials.acceptHostKey(question) { return Array("yes".utf8) }
            refusedHostKey = question
            return Array("no".utf8)
        }
        let lower = prompt.lowercased()
        var answer: [UInt8]?
        if lower.contains("passphrase") {
            answer = credentials.secret(for: .keyPassphrase(prompt: prompt))?.bytes
        } else if lower.contains("password") {
            answer = credentials.secret(for: .loginPassword(prompt: prompt))?.bytes
        }
        if answer == nil { unansweredPrompt = prompt }
        return answer
    }

    /// The first `ssh` on PATH, else /usr/bin/ssh.
    public static func findSSH() -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/ssh") {
            return "\(dir)/ssh"
        }
        return "/usr/bin/ssh"
    }
}
