import ArgumentParser
import Foundation
import Lab
#if canImport(Glibc)
import Glibc
#endif

extension Persona: ExpressibleByArgument {}

/// `ipsec-console lab-device`: a simulated Cisco device on stdin/stdout (an sshd
/// ForceCommand or a terminal), or on a pseudo-terminal standing in for a console port.
struct LabDeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab-device",
        abstract: "Run a simulated Cisco IOS router or ASA with a healthy or faulty IPsec tunnel.")

    @Option(help: "Device family: ios or asa.") var persona: Persona = .ios
    @Option(help: "Scenario id (see --list).") var scenario = "healthy"
    @Option(help: "Hostname shown in the prompt (default R1/asa, or R2/asa2 with --peer-of).") var hostname: String?
    @Option(name: .customLong("peer-of"), help: "Hostname of the device this one is the peer of (pair mode, side B).") var peerOf: String?
    @Option(name: .customLong("peer-persona"), help: "Persona of the other side in pair mode.") var peerPersona: Persona?
    @Option(name: .customLong("debug-rate"), help: "Load mode: debug lines per second, with sequence numbers.") var debugRate: Int?
    @Option(help: "Seed for SPIs, ids, counters and clocks.") var seed: UInt64 = 1
    @Option(help: "Append every command received, with a timestamp, to this file.") var audit: String?
    @Flag(help: "Start in user EXEC mode (prompt ending in >).") var unprivileged = false
    @Option(name: .customLong("enable-secret"), help: "Secret for enable and --login.") var enableSecret = "cisco"
    @Flag(help: "Ask Username:/Password: first.") var login = false
    @Flag(help: "Behave as a console line: log and debug output without terminal monitor.") var console = false
    @Flag(help: "Serve on a new pseudo-terminal (a console port at 9600 baud); prints its path.") var pty = false
    @Flag(help: "List the scenarios and exit.") var list = false
    @Option(name: .customLong("time-scale"), help: "Run lab time this many times faster than real time (retries, periodic errors, counters), for quick tests; default 1, or $\(Self.timeScaleVariable).")
    var timeScale: Int?

    /// The environment variable that sets the time scale when the device is started for a
    /// `lab://` target (tests and demos that cannot pass flags).
    static let timeScaleVariable = "IPSEC_CONSOLE_LAB_TIME_SCALE"

    func run() throws {
        if list {
            let width = ScenarioCatalog.all.map(\.id.count).max() ?? 0
            for s in ScenarioCatalog.all {
                let personas = s.personas.map(\.rawValue).joined(separator: ",")
                print(s.id + String(repeating: " ", count: width - s.id.count) + "  " + personas
                      + String(repeating: " ", count: 8 - personas.count) + s.summary)
            }
            return
        }
        // A parent may have spawned us with signals blocked or ignored (Foundation's
        // Process does): a lab device must still end on SIGTERM/SIGHUP like any service.
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        for s in [SIGTERM, SIGHUP, SIGINT] { signal(s, SIG_DFL) }
        signal(SIGPIPE, SIG_IGN)
        var options = LabDeviceOptions()
        options.persona = persona
        options.scenario = scenario
        options.hostname = hostname
        options.peerOf = peerOf
        options.peerPersona = peerPersona
        options.debugRate = debugRate
        options.seed = seed
        options.unprivileged = unprivileged
        options.enableSecret = enableSecret
        options.login = login
        let auditFile: AuditFile?
        if let audit {
            guard let file = AuditFile(path: audit) else { throw ValidationError("cannot open audit file \(audit)") }
            auditFile = file
        } else {
            auditFile = nil
        }
        let start = TerminalLoop.monotonicMilliseconds()
        let scale = Int64(max(1, timeScale ?? ProcessInfo.processInfo.environment[Self.timeScaleVariable].flatMap { Int($0) } ?? 1))
        let clock = { (TerminalLoop.monotonicMilliseconds() - start) * scale }

        if pty {
            guard let pair = PseudoTerminal.open() else { throw ValidationError("no pseudo-terminal available") }
            options.console = true
            options.echo = true
            options.lineEnding = "\r\n"
            var device = try makeDevice(options)
            // Written straight to fd 1 so the path is out before the loop blocks.
            _ = (pair.slavePath + "\n").withCString { write(1, $0, strlen($0)) }
            var loop = TerminalLoop(input: pair.master, output: pair.master, audit: auditFile, now: clock)
            loop.checkLineSpeedOf = pair.master
            loop.surviveHangup = true
            loop.run(&device)
            return
        }

        let onTerminal = isatty(0) == 1
        options.echo = onTerminal
        options.lineEnding = onTerminal ? "\r\n" : "\n"
        options.console = console || (onTerminal && getenv("SSH_CONNECTION") == nil)
        var device = try makeDevice(options)
        var raw = RawTerminalMode(fd: 0)
        raw.enable()
        defer { raw.restore() }
        TerminalLoop(input: 0, output: 1, audit: auditFile, now: clock).run(&device)
    }

    private func makeDevice(_ options: LabDeviceOptions) throws -> LabDevice {
        do { return try LabDevice(options: options) } catch let error as LabDeviceError { throw ValidationError(error.description) }
    }
}
