import Foundation
import IPsecKit

/// Speaks a Cisco command line over any `DeviceChannel`: finds the prompt (through
/// banners and console log-in questions), becomes privileged, turns paging off,
/// then runs commands one at a time, framing each between its echo and the next
/// prompt. Asynchronous lines (debug, syslog) are taken out of the output, in order,
/// and handed to `onAsynchronous` as they arrive.
public final class CLIDriver {
    public struct Options {
        /// A command fails when the device prints nothing for this long without a prompt.
        public var commandTimeout: Duration = .seconds(30)
        /// Longest wait for the first prompt (banners, log-in, a silent console).
        public var loginTimeout: Duration = .seconds(20)
        /// Become privileged (`enable`) when the prompt ends in `>`.
        public var enable = true
        /// Set when known (the lab says so); otherwise learnt from the terminal setup.
        public var platform: Platform?
        public var terminalWidth = 511
        /// Tells debug/syslog lines apart from command output.
        public var isAsynchronous: (ByteLine) -> Bool
        /// Receives asynchronous lines (and stray lines between commands) as they arrive.
        public var onAsynchronous: (AsynchronousLine) -> Void
        /// The redacted session log, if one is kept.
        public var transcript: TranscriptLog?

        public init(isAsynchronous: @escaping (ByteLine) -> Bool, onAsynchronous: @escaping (AsynchronousLine) -> Void = { _ in }) {
            self.isAsynchronous = isAsynchronous
            self.onAsynchronous = onAsynchronous
        }
    }

    public let channel: DeviceChannel
    public var options: Options
    private let credentials: CredentialProvider
    /// The current prompt, once found.
    public private(set) var prompt: PromptLine?
    /// The prompt as printed (`R1#`, `asa/ctx1(config)# `), trimmed.
    public private(set) var promptText = ""
    public private(set) var platform: Platform?
    /// True when `terminal length 0` / `terminal pager 0` worked; otherwise pager prompts are answered.
    public private(set) var pagingDisabled = false
    /// Whether a signal may interrupt a wait (cleanup turns this off for its own commands).
    public var interruptible = true
    /// Set when a command hung and the prompt did not come back: the driver cannot be used further.
    public private(set) var isBroken = false
    /// Work to do while this driver waits for the device (the debug session's lines are
    /// read while the polling session waits for a command's output). When set, reads wait
    /// at most 20 ms at a time so the companion runs often.
    public var companion: (() throws(DeviceSessionError) -> Void)?

    private var framer = LineFramer()
    private var cleaner = DeviceLineCleaner()
    /// Raw bytes after the last newline: where prompts and questions appear.
    private var partial: [UInt8] = []
    private var answeredPagerPrompts = 0
    /// Bytes received so far (tells a repeated question from the one already answered).
    private var receivedByteCount = 0
    /// A command was sent and its prompt has not come back yet.
    private var commandInFlight = false
    private var lastReceived = ContinuousClock.now

    public init(channel: DeviceChannel, credentials: CredentialProvider, options: Options) {
        self.channel = channel
        self.credentials = credentials
        self.options = options
        self.platform = options.platform
    }

    // MARK: - Start

    /// Waits for the first prompt (answering log-in questions), becomes privileged,
    /// and sets the terminal up for machine reading.
    public func start() throws(DeviceSessionError) {
        try waitForFirstPrompt()
        if let prompt, !prompt.privileged, options.enable { try becomePrivileged() }
        try setUpTerminal()
    }

    private func waitForFirstPrompt() throws(DeviceSessionError) {
        let clock = ContinuousClock()
        let deadline = clock.now + options.loginTimeout
        var nudges = 0
        // Each question is answered once: until the device prints something new.
        var answeredAt: Int?
        var passwordsSent = 0
        var recentLines: [String] = []
        while clock.now < deadline {
            let lines = try receive(timeout: .milliseconds(100))
            for line in lines {
                recentLines = Array((recentLines + [line]).suffix(5))
                if DeviceMessages.isLoginFailure(line) {
                    throw .connection(ConnectionFailure(kind: .authenticationFailed, message: "\(channel.label) refused the log-in (\(line.trimmingSpaces()))",
                                                        advice: "Check the user name and password"))
                }
                if DeviceMessages.asksToPressReturn(line) { try channel.write([13]) }
                deliverStray(line)
            }
            let text = currentPartialText()
            if receivedByteCount != answeredAt {
                if DeviceMessages.asksForUsername(text) {
                    guard let user = credentials.secret(for: .username(prompt: text)) else {
                        throw .connection(ConnectionFailure(kind: .authenticationFailed, message: "\(channel.label) asks for a user name",
                                                            advice: "Give one in the target (user@host)"))
                    }
                    answeredAt = receivedByteCount
                    try channel.write(user.bytes + [13])
                    continue
                }
                if DeviceMessages.asksForPassword(text) {
                    passwordsSent += 1
                    guard passwordsSent <= 2, let secret = credentials.secret(for: .loginPassword(prompt: text)) else {
                        throw .connection(ConnectionFailure(kind: .authenticationFailed, message: "\(channel.label) asks for a password" + (passwordsSent > 2 ? " again: the one given was not accepted" : ""),
                                                            advice: "Give it with --password-stdin or --password-file"))
                    }
                    answeredAt = receivedByteCount
                    try channel.write(secret.bytes + [13])
                    continue
                }
                if DeviceMessages.asksToPressReturn(text) {
                    answeredAt = receivedByteCount
                    try channel.write([13])
                    continue
                }
            }
            if let found = PromptLine.parse(textLine: text), found.command.isEmpty {
                if clock.now - lastReceived >= .milliseconds(200) {
                    adopt(prompt: found, text: text)
                    return
                }
                continue
            }
            // A console shows nothing until a key is pressed.
            if clock.now - lastReceived >= .milliseconds(1500), nudges < 3 {
                nudges += 1
                lastReceived = clock.now
                answeredAt = nil
                try channel.write([13])
            }
        }
        var message = "no prompt from \(channel.label) within \(options.loginTimeout.components.seconds) s"
        let last = (recentLines + [currentPartialText()]).filter { !$0.isEmpty }.suffix(3).joined(separator: " | ")
        if !last.isEmpty { message += "; last output: \"\(last)\"" }
        throw .connection(ConnectionFailure(kind: .noPrompt, message: message, advice: channel.connectionHint))
    }

    private func becomePrivileged() throws(DeviceSessionError) {
        try channel.write(Array("enable\r".utf8))
        let clock = ContinuousClock()
        var deadline = clock.now + options.commandTimeout
        var answers = 0
        var answeredAt: Int?
        var complaint: String?
        while clock.now < deadline {
            for line in try receive(timeout: .milliseconds(100)) {
                if DeviceMessages.isLoginFailure(line) || DeviceMessages.isError(line) { complaint = line.trimmingSpaces() }
                deliverStray(line)
            }
            let text = currentPartialText()
            if receivedByteCount != answeredAt, DeviceMessages.asksForPassword(text) {
                answers += 1
                answeredAt = receivedByteCount
                // ASA asks even when no enable password is set: an empty answer is right then.
                // Asked again, the secret was wrong: empty answers let IOS give up ("% Bad
                // secrets") without the secret being sent over and over.
                let secret = answers == 1 ? credentials.secret(for: .enableSecret(prompt: text)) : nil
                if answers > 1, complaint == nil { complaint = "the enable secret was not accepted" }
                try channel.write((secret?.bytes ?? []) + [13])
                deadline = clock.now + options.commandTimeout
                continue
            }
            if let found = PromptLine.parse(textLine: text), found.command.isEmpty, found.hostname == prompt?.hostname {
                adopt(prompt: found, text: text)
                if found.privileged { return }
                throw .connection(ConnectionFailure(kind: .authenticationFailed,
                                                    message: "\(channel.label) did not grant privileged mode (enable)" + (complaint.map { ": \($0)" } ?? ""),
                                                    advice: "Give the enable secret as the second line of --password-stdin / --password-file, or use --no-enable for commands that work unprivileged"))
            }
        }
        throw .commandTimeout(command: "enable", seconds: Int(options.commandTimeout.components.seconds), lastOutput: currentPartialText())
    }

    private func setUpTerminal() throws(DeviceSessionError) {
        if platform != .asa {
            if try run("terminal length 0").deviceError == nil {
                pagingDisabled = true
                if platform == nil { platform = .ios }
            }
        }
        if !pagingDisabled, try run("terminal pager 0").deviceError == nil {
            pagingDisabled = true
            platform = .asa
        }
        if platform == nil, prompt?.hostname.contains("/") == true { platform = .asa }
        _ = try run("terminal width \(options.terminalWidth)")
    }

    // MARK: - Commands

    /// Runs one command and returns its framed output. Device errors are reported in
    /// the result (`deviceError`), not thrown; a missing prompt throws `.commandTimeout`.
    /// - Parameter confirm: answer the device's `[confirm]` question with yes (only for
    ///   commands the user confirmed); otherwise such a question is cancelled.
    public func run(_ command: String, timeout: Duration? = nil, confirm: Bool = false) throws(DeviceSessionError) -> CommandResult {
        guard !isBroken else {
            throw .connection(ConnectionFailure(kind: .closed, message: "the session with \(channel.label) stopped answering after an earlier command hung"))
        }
        // A command cut short (by a signal) may still be printing: wait for its prompt.
        if commandInFlight { try resynchronize() }
        // Take whatever arrived while idle first, so it is not mistaken for output.
        try pump(for: .zero)
        commandInFlight = true
        let startedAt = Date()
        let promptBefore = promptText
        try channel.write(Array(command.utf8) + [13])
        partial.removeAll()
        answeredPagerPrompts = 0
        let limit = timeout ?? options.commandTimeout
        let clock = ContinuousClock()
        var sawLine = false
        var sawEcho = false
        var output: [String] = []
        var asynchronous: [AsynchronousLine] = []
        var answeredConfirmation = false
        /// The output line an asynchronous message came right after: maybe cut by it.
        var interrupted: Int?
        lastReceived = clock.now
        while true {
            for line in try receive(timeout: .milliseconds(200)) {
                sawLine = true
                if let async = classify(line) {
                    asynchronous.append(async)
                    options.onAsynchronous(async)
                    if sawEcho, interrupted == nil, !output.isEmpty { interrupted = output.count - 1 }
                    continue
                }
                defer { interrupted = nil }
                // The echo comes after the prompt, or alone when an asynchronous line
                // took the prompt's line before the command was typed.
                if !sawEcho, Self.sameCommand(line, command)
                    || PromptLine.parse(textLine: line).map({ !$0.command.isEmpty && Self.sameCommand($0.command, command) }) == true {
                    sawEcho = true
                    // Lines before the echo belong to nothing we asked: stray, not output.
                    for stray in output { deliverStray(stray) }
                    output.removeAll()
                    continue
                }
                // The prompt printed at the end, pushed onto a line of its own by an
                // asynchronous message right after it: not output.
                if sawEcho, let bare = PromptLine.parse(textLine: line), bare.command.isEmpty, bare.hostname == prompt?.hostname {
                    continue
                }
                // The rest of a line the message cut in two: joined again.
                if let i = interrupted, i == output.count - 1,
                   InterruptedLine.isRest(line, of: output[i], previous: i > 0 ? output[i - 1] : nil) {
                    output[i] += line
                    continue
                }
                output.append(line)
            }
            let text = currentPartialText()
            let pagers = DeviceMessages.pagerPromptCount(partial)
            if pagers > answeredPagerPrompts {
                answeredPagerPrompts = pagers
                try channel.write([UInt8(ascii: " ")])
                continue
            }
            if !answeredConfirmation, DeviceMessages.asksForConfirmation(text) {
                answeredConfirmation = true
                try channel.write(confirm ? [13] : [3])
                continue
            }
            if sawLine, let found = PromptLine.parse(textLine: text), found.command.isEmpty {
                // Our own echo, then our prompt: done at once. Without the echo (a device
                // that does not echo, or the previous command's prompt still arriving),
                // only a prompt followed by silence counts.
                let sameHost = found.hostname == prompt?.hostname
                if (sawEcho && sameHost) || clock.now - lastReceived >= .milliseconds(300) {
                    commandInFlight = false
                    adopt(prompt: found, text: text)
                    let error = output.first(where: DeviceMessages.isError).map { $0.trimmingSpaces() }
                    while let last = output.last, last.trimmingSpaces().isEmpty { output.removeLast() }
                    return CommandResult(command: command, prompt: promptBefore, output: output, asynchronous: asynchronous,
                                         deviceError: error, startedAt: startedAt, finishedAt: Date())
                }
            }
            if clock.now - lastReceived >= limit {
                throw abandon(command, limit: limit, output: output)
            }
        }
    }

    /// Reads until the device shows its prompt and stays quiet, after a command whose
    /// output was abandoned half-way.
    private func resynchronize() throws(DeviceSessionError) {
        let clock = ContinuousClock()
        let deadline = clock.now + options.commandTimeout
        while clock.now < deadline {
            for line in try receive(timeout: .milliseconds(100)) {
                if let async = classify(line) { options.onAsynchronous(async) }
            }
            if let found = PromptLine.parse(textLine: currentPartialText()), found.command.isEmpty,
               clock.now - lastReceived >= .milliseconds(300) {
                adopt(prompt: found, text: currentPartialText())
                commandInFlight = false
                return
            }
        }
        isBroken = true
        throw .commandTimeout(command: "(the interrupted command)", seconds: Int(options.commandTimeout.components.seconds), lastOutput: currentPartialText())
    }

    /// Reads for `duration` while no command runs, delivering asynchronous lines.
    public func pump(for duration: Duration) throws(DeviceSessionError) {
        let deadline = ContinuousClock.now + duration
        repeat {
            let left = max(.zero, ContinuousClock.now.duration(to: deadline))
            for line in try receive(timeout: min(left, .milliseconds(250))) {
                if let async = classify(line) { options.onAsynchronous(async) } else { deliverStray(line) }
            }
        } while ContinuousClock.now < deadline
    }

    /// Flushes the session log (the last prompt, which has no newline yet).
    public func finishTranscript() {
        if !partial.isEmpty { options.transcript?.record(line: currentPartialText()) }
        options.transcript?.flush()
    }

    // MARK: - Reading

    /// Reads once (waiting up to `timeout`) and returns the complete lines, cleaned.
    private func receive(timeout: Duration) throws(DeviceSessionError) -> [String] {
        // Before the read: a signal it reports then costs none of this channel's bytes.
        if let companion { try companion() }
        let bytes = try channel.read(timeout: companion == nil ? timeout : min(timeout, .milliseconds(20)), interruptible: interruptible)
        guard !bytes.isEmpty else { return [] }
        lastReceived = ContinuousClock.now
        receivedByteCount &+= bytes.count
        var lines: [String] = []
        var framer = self.framer, cleaner = self.cleaner
        framer.feed(bytes) { raw in cleaner.clean(raw) { lines.append($0.string) } }
        self.framer = framer
        self.cleaner = cleaner
        if let lastNewline = bytes.lastIndex(of: .newline) {
            partial = Array(bytes[(lastNewline + 1)...])
            answeredPagerPrompts = 0
        } else {
            partial += bytes
        }
        for line in lines { options.transcript?.record(line: line) }
        return lines
    }

    private func currentPartialText() -> String {
        guard !partial.isEmpty else { return "" }
        return DeviceLineCleaner.clean(String(decoding: partial, as: UTF8.self))
    }

    private func classify(_ line: String) -> AsynchronousLine? {
        let isAsync = line.withByteLine { options.isAsynchronous($0) }
        return isAsync ? AsynchronousLine(text: line, receivedAt: Date(), recognised: true) : nil
    }

    private func deliverStray(_ line: String) {
        guard !line.trimmingSpaces().isEmpty else { return }
        // A bare prompt pushed onto its own line by an asynchronous message is not news.
        if let bare = PromptLine.parse(textLine: line), bare.command.isEmpty { return }
        let recognised = line.withByteLine { options.isAsynchronous($0) }
        options.onAsynchronous(AsynchronousLine(text: line, receivedAt: Date(), recognised: recognised))
    }

    private func adopt(prompt found: PromptLine, text: String) {
        prompt = found
        promptText = text.trimmingSpaces()
    }

    /// A hung command: try the IOS escape (Ctrl-^), then give up on it.
    private func abandon(_ command: String, limit: Duration, output: [String]) -> DeviceSessionError {
        let error = DeviceSessionError.commandTimeout(command: command, seconds: Int(limit.components.seconds),
                                                      lastOutput: output.last ?? currentPartialText())
        do {
            try channel.write([0x1E, 0x1E, 3])
            let deadline = ContinuousClock.now + .seconds(3)
            while ContinuousClock.now < deadline {
                _ = try receive(timeout: .milliseconds(200))
                if let found = PromptLine.parse(textLine: currentPartialText()), found.command.isEmpty, found.hostname == prompt?.hostname {
                    commandInFlight = false
                    return error
                }
            }
        } catch {}
        isBroken = true
        return error
    }

    /// The echo may differ from what was typed only in spacing.
    static func sameCommand(_ echoed: String, _ typed: String) -> Bool {
        echoed.split(separator: " ") == typed.split(separator: " ")
    }
}

extension PromptLine {
    /// Parses a prompt from a whole text line.
    static func parse(textLine: String) -> PromptLine? {
        guard !textLine.isEmpty else { return nil }
        return textLine.withByteLine { PromptLine.parse($0) }
    }
}
