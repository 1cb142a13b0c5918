/// A simulated Cisco IOS router or ASA: bytes in, bytes out, time advanced explicitly.
///
/// Pure and deterministic: everything it prints follows from the options (seed included),
/// the bytes received and the times passed to `advance(to:)`. The terminal loop feeds it
/// real time; tests feed it whatever time they like.
public struct LabDevice: Sendable {
    public let options: LabDeviceOptions
    public let scenario: ScenarioDefinition
    public let persona: Persona
    public let topology: Topology
    /// This device's crypto configuration and the one its peer runs.
    public let config: CryptoConfig
    public let peerConfig: CryptoConfig
    public internal(set) var clock: SimulatedClock
    var tunnel: TunnelState
    var random: SeededGenerator

    enum InputMode: Sendable, Equatable {
        case username
        case loginPassword(attempt: Int)
        case command
        case enablePassword(attempt: Int)
        case pager
        case closed
    }

    var mode: InputMode
    public internal(set) var privileged: Bool
    var lineBuffer: [Character] = []
    var lastByteWasCR = false
    var escapeState = 0
    var pendingPage: [String] = []
    var output = ""
    var pendingAsync: [String] = []
    var auditEntries: [String] = []
    var loginFailures = 0

    // Terminal settings.
    public internal(set) var terminalLength = 24
    public internal(set) var terminalWidth = 80
    public internal(set) var terminalMonitor = false
    // Debug switches.
    public internal(set) var debugs: Set<DebugChannel> = []
    public internal(set) var debugIcmp = false
    public internal(set) var debugConditionPeer: String?

    public init(options: LabDeviceOptions) throws {
        guard let scenario = ScenarioCatalog.scenario(id: options.scenario) else { throw LabDeviceError.unknownScenario(options.scenario) }
        guard scenario.supports(options.persona) else {
            throw LabDeviceError.personaNotModelled(scenario: options.scenario, persona: options.persona)
        }
        self.options = options
        self.scenario = scenario
        self.persona = options.persona
        let peerPersona = options.peerPersona ?? options.persona
        let side = options.side
        let peerName = options.peerOf ?? (side == .a ? (peerPersona == .ios ? "R2" : "asa2") : "R1")
        let topology = Topology.make(side: side, persona: options.persona, peerPersona: peerPersona,
                                     hostname: options.resolvedHostname, peerHostname: peerName)
        self.topology = topology
        let mirrored = Topology(local: topology.remote, remote: topology.local)
        var local = CryptoConfig.baseline(topology: topology, persona: options.persona)
        var peer = CryptoConfig.baseline(topology: mirrored, persona: peerPersona)
        let (mine, theirs) = side == .a ? (scenario.localChanges, scenario.peerChanges) : (scenario.peerChanges, scenario.localChanges)
        for change in mine { change.apply(to: &local, topology: topology) }
        for change in theirs { change.apply(to: &peer, topology: mirrored) }
        self.config = local
        self.peerConfig = peer

        var random = SeededGenerator(seed: options.seed)
        let uptime = Int64.random(in: 3_600_000...72_000_000, using: &random)
        let epoch = 1_795_860_000 + Int64.random(in: 0...3600, using: &random)
        clock = SimulatedClock(uptimeAtStart: uptime, epochAtStart: epoch)
        let phase1Age = Int64.random(in: 600_000...3_000_000, using: &random)
        let phase2Age = Int64.random(in: 60_000...(Int64(local.ipsecLifetimeSeconds) * 1000 - 900_000), using: &random)
        let up = scenario.phase2Up
        tunnel = TunnelState(
            phase1Present: scenario.phase1 != .absent,
            phase1CreatedAt: -phase1Age,
            phase2Present: up,
            inboundSpi: random.spi(), outboundSpi: random.spi(),
            phase2CreatedAt: -phase2Age,
            countersSince: -phase2Age,
            encapsAtReset: 0, decapsAtReset: 0,
            messageId: UInt32.random(in: 100_000_000...2_000_000_000, using: &random),
            staleSpi: random.spi())
        if let retry = scenario.retrySeconds { tunnel.nextNegotiationAt = Int64(min(retry, 3)) * 1000 }
        if let periodic = scenario.periodic { tunnel.nextPeriodicAt = Int64(periodic.firstAfterSeconds) * 1000 }
        if let rate = options.debugRate, rate > 0 { tunnel.nextLoadLineAt = 0 }
        self.random = random
        privileged = !options.unprivileged
        mode = options.login ? .username : .command
    }

    // MARK: - Session

    public var prompt: String {
        let mark = privileged ? "#" : ">"
        return persona == .ios ? topology.local.hostname + mark : topology.local.hostname + mark + " "
    }

    public var isClosed: Bool { mode == .closed }

    /// Characters typed now are not echoed (password prompts).
    public var isReadingSecret: Bool {
        switch mode {
        case .loginPassword, .enablePassword: return true
        default: return false
        }
    }

    /// What the device prints when the session starts.
    public mutating func start() -> String {
        output = ""
        if options.login {
            if persona == .ios { write(""); write("User Access Verification"); write("") }
            output += "Username: "
        } else {
            output += prompt
        }
        return takeOutput()
    }

    /// Feeds received bytes; returns what the device prints in response (echo included).
    public mutating func receive(_ bytes: [UInt8]) -> String {
        output = ""
        for byte in bytes {
            if mode == .closed { break }
            handle(byte)
        }
        return takeOutput()
    }

    public mutating func receive(_ text: String) -> String { receive(Array(text.utf8)) }

    /// Audit lines recorded since the last call (`<time> <hostname> <command>`).
    public mutating func drainAudit() -> [String] {
        defer { auditEntries.removeAll() }
        return auditEntries
    }

    mutating func takeOutput() -> String {
        defer { output = "" }
        return output
    }

    /// Appends one output line.
    mutating func write(_ line: String) { output += line + options.lineEnding }

    private mutating func handle(_ byte: UInt8) {
        if mode == .pager { pagerKey(byte); return }
        // Skip terminal escape sequences (arrow keys): ESC [ ... final byte.
        if escapeState == 1 { escapeState = byte == 0x5B || byte == 0x4F ? 2 : 0; return }
        if escapeState == 2 { if byte >= 0x40 && byte <= 0x7E { escapeState = 0 }; return }
        switch byte {
        case 0x1B: escapeState = 1
        case 0x0D:
            lastByteWasCR = true
            submitLine()
        case 0x0A:
            if lastByteWasCR { lastByteWasCR = false; return }
            submitLine()
        case 0x08, 0x7F:
            lastByteWasCR = false
            if !lineBuffer.isEmpty {
                lineBuffer.removeLast()
                if options.echo && !isReadingSecret { output += "\u{8} \u{8}" }
            }
        case 0x15: // Ctrl-U: erase the line
            lastByteWasCR = false
            if options.echo && !isReadingSecret { output += String(repeating: "\u{8} \u{8}", count: lineBuffer.count) }
            lineBuffer.removeAll()
        case 0x3F where mode == .command: // '?': context help, the line stays as typed
            lastByteWasCR = false
            if options.echo { output += "?" }
            output += options.lineEnding
            let grammar = CommandGrammar(persona: persona, privileged: privileged)
            let typed = String(lineBuffer)
            for word in grammar.completions(after: typed) { write("  " + word) }
            output += options.lineEnding + prompt + typed
        case 0x20...0x7E:
            lastByteWasCR = false
            lineBuffer.append(Character(Unicode.Scalar(byte)))
            if options.echo && !isReadingSecret { output += String(Unicode.Scalar(byte)) }
        default:
            lastByteWasCR = false
        }
    }

    private mutating func submitLine() {
        let line = String(lineBuffer)
        lineBuffer.removeAll()
        output += options.lineEnding
        switch mode {
        case .username:
            if line.trimmingSpaces.isEmpty { output += "Username: "; return }
            mode = .loginPassword(attempt: 1)
            output += "Password: "
        case .loginPassword(let attempt):
            if line == options.enableSecret {
                mode = .command
                output += prompt
            } else if attempt >= 3 {
                write("% Bad passwords")
                mode = .closed
            } else {
                write("% Login invalid"); write("")
                mode = .username
                output += "Username: "
            }
        case .enablePassword(let attempt):
            audit("<secret>")
            if line == options.enableSecret {
                privileged = true
                mode = .command
                output += prompt
            } else if persona == .asa {
                write("Invalid password")
                mode = .command
                output += prompt
            } else if attempt >= 3 {
                write("% Bad secrets"); write("")
                mode = .command
                output += prompt
            } else {
                output += "Password: "
                mode = .enablePassword(attempt: attempt + 1)
            }
        case .command:
            execute(line)
        case .pager, .closed:
            break
        }
    }

    mutating func audit(_ text: String) {
        auditEntries.append(clock.isoTimestamp(at: clock.now) + " " + topology.local.hostname + " " + text)
    }

    // MARK: - Paging

    /// Prints command output, pausing at `--More--` after a screenful, then the prompt.
    mutating func present(_ lines: [String]) {
        let page = terminalLength - 1
        if terminalLength == 0 || lines.count <= page {
            for l in lines { write(l) }
            finishCommand()
            return
        }
        for l in lines[..<page] { write(l) }
        pendingPage = Array(lines[page...])
        mode = .pager
        output += moreMarker
    }

    var moreMarker: String { persona == .ios ? " --More-- " : "<--- More --->" }

    var moreEraser: String {
        persona == .ios ? String(repeating: "\u{8}", count: 10) + String(repeating: " ", count: 10) + String(repeating: "\u{8}", count: 10)
            : "\r" + String(repeating: " ", count: 14) + "\r"
    }

    private mutating func pagerKey(_ byte: UInt8) {
        output += moreEraser
        let count: Int
        switch byte {
        case 0x20: count = max(1, terminalLength - 1)
        case 0x0D, 0x0A: count = 1
        default:
            pendingPage.removeAll()
            mode = .command
            finishCommand()
            return
        }
        let take = min(count, pendingPage.count)
        for l in pendingPage[..<take] { write(l) }
        pendingPage.removeFirst(take)
        if pendingPage.isEmpty {
            mode = .command
            finishCommand()
        } else {
            output += moreMarker
        }
    }

    /// The prompt after a command, with any log/debug lines that arrived while it ran.
    mutating func finishCommand() {
        guard mode != .closed else { return }
        if !pendingAsync.isEmpty {
            for l in pendingAsync { write(l) }
            pendingAsync.removeAll()
        }
        output += prompt
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
