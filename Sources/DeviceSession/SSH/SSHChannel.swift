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
        /// A private known_hosts file for this run (the console sets one). ssh writes a newly
        /// accepted key to the first `UserKnownHostsFile`: with this file first, a key
        /// accepted once stays out of the user's files but is trusted by the reconnects and
        /// the second session; a key accepted for good is copied to the user's first file.
        /// The user's files stay in force behind it (a changed key is still refused).
        public var sessionKnownHosts: String?
        /// A connection of its own even when the user's ssh configuration multiplexes
        /// (`ControlMaster`): IOS serves one shell per connection, so the debug session
        /// cannot ride on the command session's connection.
        public var ownConnection = false

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
    /// The user's known_hosts files (when a session file is in front of them).
    private let userKnownHosts: [String]
    /// A key accepted for good: copied from the session file once the login went on.
    private var pendingSave: (offset: UInt64, destination: String)?

    /// The argument vector ssh runs with (no secrets in it, ever).
    public let arguments: [String]
    public var processID: Int32 { process.pid }

    public init(options: Options, credentials: CredentialProvider) throws(DeviceSessionError) {
        self.options = options
        self.credentials = credentials
        label = "ssh " + (options.user.map { "\($0)@" } ?? "") + options.host + (options.port.map { ":\($0)" } ?? "")
        userKnownHosts = options.sessionKnownHosts == nil ? [] : Self.configuredKnownHostsFiles(options)
        arguments = Self.arguments(options, userKnownHosts: userKnownHosts)
        askpass = try AskpassServer(executable: options.askpassExecutable)
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("SSH_ASKPASS") { environment[key] = nil }
        environment["SSH_ASKPASS"] = askpass.scriptPath
        environment["SSH_ASKPASS_REQUIRE"] = "force"
        environment["TERM"] = "vt100"
        do {
            process = try PseudoTerminalProcess(arguments: arguments, environment: environment, mode: .raw, separateStandardError: true)
        } catch {
            askpass.close()
            throw error
        }
    }

    static func arguments(_ o: Options, userKnownHosts: [String] = []) -> [String] {
        var a = [o.sshPath, "-tt", "-e", "none"]
        // Before the user's options: ssh keeps the first value it sees.
        if o.ownConnection { a += ["-o", "ControlMaster=no", "-o", "ControlPath=none"] }
        // This one includes the user's own files.
        if let session = o.sessionKnownHosts {
            a += ["-o", "UserKnownHostsFile=" + ([session] + userKnownHosts).map(Self.quotedPath).joined(separator: " ")]
        }
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
                    if pendingSave != nil { saveAcceptedKey() }
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
            switch credentials.hostKeyAnswer(question) {
            case .acceptOnce:
                return Array("yes".utf8)
            case .acceptAndSave:
                if let session = options.sessionKnownHosts, let destination = userKnownHosts.first {
                    let size = (try? FileManager.default.attributesOfItem(atPath: session)[.size] as? NSNumber)?.uint64Value ?? 0
                    pendingSave = (size, destination)
                }
                return Array("yes".utf8)
            case .reject:
                refusedHostKey = question
                return Array("no".utf8)
            }
        }
        let lower = prompt.lowercased()
        var answer: [UInt8]?
        if lower.contains("passphrase") {
            answer = credentials.secret(for: .keyPassphrase(prompt: prompt))?.bytes
        } else if lower.contains("password") {
            answer = credentials.secret(for: .loginPassword(prompt: prompt))?.bytes
        } else if !prompt.trimmingSpaces().isEmpty {
            answer = credentials.secret(for: .question(prompt: prompt))?.bytes
        }
        if answer == nil { unansweredPrompt = prompt }
        return answer
    }

    /// Copies what ssh added to the session file (the accepted key) to the user's file.
    private func saveAcceptedKey() {
        guard let (offset, destination) = pendingSave, let session = options.sessionKnownHosts,
              let source = FileHandle(forReadingAtPath: session) else { return }
        pendingSave = nil
        defer { try? source.close() }
        try? source.seek(toOffset: offset)
        guard let added = try? source.readToEnd(), !added.isEmpty else { return }
        let path = Self.expandedPath(destination)
        let directory = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: added)
    }

    /// The known_hosts files ssh would use for this host with these options (`ssh -G`).
    static func configuredKnownHostsFiles(_ o: Options) -> [String] {
        var a = o.extraArguments
        if let port = o.port { a += ["-p", String(port)] }
        if let user = o.user { a += ["-l", user] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: o.sshPath)
        process.arguments = ["-G"] + a + ["--", o.host]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return ["~/.ssh/known_hosts"] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("userknownhostsfile ") {
            let files = line.dropFirst("userknownhostsfile ".count).split(separator: " ").map(String.init)
            if !files.isEmpty { return files }
        }
        return ["~/.ssh/known_hosts"]
    }

    static func expandedPath(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + String(path.dropFirst())
    }

    /// ssh's configuration syntax: a path with spaces in double quotes.
    static func quotedPath(_ path: String) -> String {
        path.contains(" ") ? "\"" + path + "\"" : path
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
