import ArgumentParser
import ConsoleUI
import DeviceSession
import Foundation
import IPsecKit

/// `ipsec-console [connect] TARGET`: the live console on a router, firewall or the lab.
struct ConnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Open the console on a device (the default: ipsec-console TARGET).",
        discussion: """
        Connects (ssh through your own OpenSSH client and ~/.ssh/config, serial, telnet or the \
        built-in lab), polls the ISAKMP and IPsec SA tables and the crypto engine counters, and \
        diagnoses what the device prints. In the console, :debug on isakmp turns debugs on \
        (conditioned on the peer chosen with :peer IP); they are turned off again when you quit, \
        on Ctrl-C, SIGTERM and SIGHUP, and after a lost connection. Only show, debug, terminal and \
        ping commands are ever sent; configuration mode never. Press ? for every key.
        """
    )

    @OptionGroup var session: SessionOptions

    @Option(help: ArgumentHelp("Colour theme: default, light, high-contrast, solarized-dark, mono, or one of yours.", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("Seconds between SA table polls.", valueName: "seconds"))
    var interval: Double = 5

    @Option(help: ArgumentHelp("Longest debug wait of a :walk step (default 30s, e.g. 10s).", valueName: "duration"))
    var walkDebugWait: DurationArgument?

    func validate() throws {
        _ = try session.parsedTarget()
        try session.validateSecrets()
        guard interval >= 1, interval <= 3600 else { throw ValidationError("--interval must be between 1 and 3600 seconds") }
        try Self.validate(walkDebugWait: walkDebugWait)
        guard isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError("the console needs a terminal; for scripts use exec or watch")
        }
    }

    func run() throws {
        try Self.open(session: session, theme: theme, interval: interval, walkDebugWait: walkDebugWait?.duration)
    }

    static func validate(walkDebugWait: DurationArgument?) throws {
        guard let wait = walkDebugWait else { return }
        guard wait.duration >= .seconds(1), wait.duration <= .seconds(600) else {
            throw ValidationError("--walk-debug-wait \(wait.text): between 1s and 10m")
        }
    }

    /// Opens the live console on `session.target`; returns when the user quits, after the
    /// session has turned its debugs off.
    static func open(session: SessionOptions, theme: String?, interval: TimeInterval, walkDebugWait: Duration? = nil) throws {
        let catalog: SignatureCatalog
        do {
            catalog = try UserSignatureFiles.catalogWithOverrides()
        } catch {
            throw CleanExit.message("error: the signature catalog could not be loaded: \(error)", code: 2)
        }
        let target = try session.parsedTarget()
        let credentials = try session.credentials(target: target)
        let inbox = MessageInbox()
        let live = LiveSession(inbox: inbox, catalog: catalog, device: target.description, transport: target.transportName,
                               pollInterval: interval)
        live.walkthroughOptions = LiveSession.walkthroughOptions(debugWait: walkDebugWait)
        var configuration = try session.sessionConfiguration(target: target, credentials: credentials) { [weak live] in live?.received($0) }
        let dialogs = DialogCredentials(fixed: credentials, device: target.description) { inbox.post($0) }
        dialogs.transcript = configuration.driver.transcript
        let knownHosts = SessionKnownHosts()
        defer { knownHosts?.remove() }
        configuration.sessionKnownHosts = knownHosts?.path
        let runner = ConsoleLauncher(theme: theme).makeRunner(
            connection: ConnectionInfo(device: target.description, transport: target.transportName, state: .connecting),
            pollInterval: interval, handler: live, inbox: inbox)
        live.start(configuration, credentials: dialogs, dialogs: dialogs)
        runner.run()
        // The terminal is restored; now make sure nothing is left running on the device.
        live.stop()
    }
}

/// `ipsec-console lab [SCENARIO]`: the console on the built-in lab, no setup needed.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Open the console on the built-in lab device (see lab-device --list for scenarios).",
        discussion: """
        Runs a simulated router (or ASA with --persona asa) in a child process on a pseudo-terminal \
        and opens the console on it, exactly as on a real device: tables, debugs, findings. Try \
        ipsec-console lab main-mode-failed, then :debug on isakmp.
        """
    )

    @Argument(help: ArgumentHelp("The lab scenario (default: healthy).", valueName: "scenario"))
    var scenario: String = "healthy"

    @Option(help: ArgumentHelp("Which device to simulate.", valueName: "ios|asa"))
    var persona: Platform = .ios

    @Option(help: ArgumentHelp("Colour theme.", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("Seconds between SA table polls.", valueName: "seconds"))
    var interval: Double = 5

    @Option(help: ArgumentHelp("Longest debug wait of a :walk step (default 30s, e.g. 10s).", valueName: "duration"))
    var walkDebugWait: DurationArgument?

    func validate() throws {
        guard scenario.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw ValidationError("scenario \"\(scenario)\": use a name from ipsec-console lab-device --list")
        }
        try ConnectCommand.validate(walkDebugWait: walkDebugWait)
        guard isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError("the console needs a terminal; for scripts use: ipsec-console exec lab://\(scenario) -- \"show crypto isakmp sa\"")
        }
    }

    func run() throws {
        var session = try SessionOptions.parse(["lab://\(scenario)?persona=\(persona.rawValue)"])
        session.platform = persona
        try ConnectCommand.open(session: session, theme: theme, interval: interval, walkDebugWait: walkDebugWait?.duration)
    }
}
