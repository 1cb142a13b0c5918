import ArgumentParser
import DeviceSession
import Foundation
import IPsecKit
import Lab

/// Options shared by the commands that talk to a device.
struct SessionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("ssh://[user@]host[:port] (or [user@]host), telnet://host:port, serial:///dev/ttyUSB0?baud=9600&parity=none&data=8&stop=1&flow=none, lab://SCENARIO?persona=ios|asa", valueName: "target"))
    var positionalTarget: String?

    /// The same, as an option (`walkthrough NAME --target TARGET`); either form works.
    @Option(name: .customLong("target"), help: ArgumentHelp("The target, when not given as the argument.", valueName: "target"))
    var targetOption: String?

    var target: String { targetOption ?? positionalTarget ?? "" }

    @Flag(help: "Read the password from the first line of standard input (the enable secret from the second, if any).")
    var passwordStdin = false

    @Option(help: ArgumentHelp("Read the password (and on line 2 the enable secret) from FILE, which must be mode 0600.", valueName: "file"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("User name for consoles that ask for one (ssh takes it from the target).", valueName: "name"))
    var username: String?

    @Option(name: .customLong("accept-host-key"), help: ArgumentHelp("Trust this ssh host key fingerprint (SHA256:...) if the host is not yet known.", valueName: "fingerprint"))
    var acceptedHostKeys: [String] = []

    @Flag(help: "Trust an ssh host key seen for the first time without checking it (not recommended).")
    var acceptNewHostKey = false

    @Option(name: [.customShort("o"), .customLong("ssh-option")], help: ArgumentHelp("An ssh option passed through as -o OPTION (e.g. KexAlgorithms=+diffie-hellman-group14-sha1).", valueName: "option"))
    var sshOptions: [String] = []

    @Option(name: .customLong("ssh-arg"), help: ArgumentHelp("A raw argument passed to ssh (e.g. -J jumphost).", valueName: "arg"))
    var sshArguments: [String] = []

    @Flag(help: "Stay unprivileged: do not send enable.")
    var noEnable = false

    @Option(help: ArgumentHelp("The device family, when it cannot be told from the terminal setup.", valueName: "ios|asa"))
    var platform: Platform?

    @Option(help: ArgumentHelp("Fail a command when the device prints nothing for this long (default 30s).", valueName: "duration"))
    var commandTimeout: DurationArgument?

    @Option(help: ArgumentHelp("Longest wait for the first prompt (default 20s).", valueName: "duration"))
    var loginTimeout: DurationArgument?

    @Option(help: ArgumentHelp("Write the session (redacted) to FILE; ipsec-console analyze reads it.", valueName: "file"))
    var log: String?

    @Flag(help: "Turn off debugs a killed earlier run left on at this device, without asking.")
    var cleanStaleDebugs = false

    @Option(help: .hidden)
    var stateDirectory: String?

    @Option(help: .hidden)
    var labAudit: String?

    @Option(help: .hidden)
    var serialLockDirectory: String?

    func parsedTarget() throws -> DeviceTarget {
        if targetOption != nil && positionalTarget != nil { throw ValidationError("give the target once: as the argument or with --target") }
        let parsed: DeviceTarget
        do {
            parsed = try DeviceTarget.parse(target)
        } catch {
            throw ValidationError("target \"\(target)\": \(error.description)")
        }
        // A lab scenario is checked here, where the lab's table is known, rather than
        // after the device program has started and exited.
        if case let .lab(scenario, persona, _) = parsed {
            guard let definition = ScenarioCatalog.scenario(id: scenario) else {
                throw ValidationError("target \"\(target)\": no lab scenario named \"\(scenario)\" (ipsec-console lab-device --list shows all \(ScenarioCatalog.all.count))")
            }
            if let labPersona = Persona(rawValue: persona.rawValue), !definition.supports(labPersona) {
                throw ValidationError("target \"\(target)\": lab scenario \(scenario) has no \(persona.rawValue) device (it runs as \(definition.personas.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        return parsed
    }

    func validateSecrets() throws {
        if passwordStdin && passwordFile != nil { throw ValidationError("give either --password-stdin or --password-file, not both") }
        for fingerprint in acceptedHostKeys where !fingerprint.hasPrefix("SHA256:") && !fingerprint.hasPrefix("MD5:") {
            throw ValidationError("--accept-host-key \(fingerprint): give the fingerprint as ssh shows it (SHA256:...)")
        }
    }

    /// The credentials for this run, read once, kept in memory only.
    func credentials(target: DeviceTarget) throws -> StaticCredentials {
        var lines: SecretLines?
        do {
            if passwordStdin { lines = try SecretFile.readStandardInput() }
            if let passwordFile { lines = try SecretFile.readLines(passwordFile) }
        } catch let problem as SecretFile.Problem {
            throw CleanExit.message("error: \(problem.description)", code: ExitStatus.usage)
        }
        var user = username
        if user == nil, case let .ssh(u, _, _) = target { user = u }
        return StaticCredentials(username: user, password: lines?.password, enableSecret: lines?.enableSecret,
                                 acceptedFingerprints: Set(acceptedHostKeys), acceptNewHostKeys: acceptNewHostKey)
    }

    func sessionConfiguration(target: DeviceTarget, credentials: StaticCredentials,
                              onAsynchronous: @escaping (AsynchronousLine) -> Void) throws -> ManagedSession.Configuration {
        var driver = CLIDriver.Options(isAsynchronous: AsynchronousLineFilter.makeClosure(), onAsynchronous: onAsynchronous)
        driver.enable = !noEnable
        driver.platform = platform ?? target.knownPlatform
        if let commandTimeout { driver.commandTimeout = commandTimeout.duration }
        if let loginTimeout { driver.loginTimeout = loginTimeout.duration }
        if let log {
            var redactor = SecretRedactor()
            for secret in [credentials.password, credentials.enableSecret].compactMap({ $0 }) { redactor.addSecret(secret) }
            do {
                driver.transcript = try TranscriptLog(path: log, redactor: redactor)
            } catch {
                throw CleanExit.message("error: \(error)", code: ExitStatus.usage)
            }
        }
        var configuration = ManagedSession.Configuration(target: target, executable: Self.executablePath(), driver: driver)
        configuration.sshArguments = sshOptions.flatMap { ["-o", $0] } + sshArguments
        configuration.labAuditFile = labAudit
        if let stateDirectory { configuration.stateStore = DebugStateStore(directory: stateDirectory) }
        if let serialLockDirectory { configuration.serialLockDirectory = serialLockDirectory }
        return configuration
    }

    /// This program's own binary (the askpass helper and the lab device are subcommands).
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Deals with debugs a killed run left armed: cleans them when asked to, else says how.
    func handleStaleDebugs(_ session: ManagedSession, report: (String) -> Void) throws {
        guard let stale = session.staleDebugs() else { return }
        let what = stale.commands.joined(separator: "; ")
        if cleanStaleDebugs {
            let problems = try session.cleanUpStaleDebugs(stale)
            report("turned off debugs left on by an earlier run (PID \(stale.processID), since \(stale.armedAt)): \(what)" +
                   (problems.isEmpty ? "" : " — problems: \(problems.joined(separator: "; "))"))
        } else {
            report("warning: an earlier run (PID \(stale.processID)) left debugs on at this device since \(stale.armedAt): \(what). Run again with --clean-stale-debugs to turn them off (undebug all), or use exec -- \"undebug all\".")
        }
    }
}

/// Exit statuses of the commands that talk to a device.
enum ExitStatus {
    static let success: Int32 = 0
    /// The device rejected a command.
    static let deviceError: Int32 = 1
    /// Bad arguments, or a command the safety rules refuse.
    static let usage: Int32 = 2
    /// Could not connect, log in, or the connection was lost.
    static let connection: Int32 = 3
    /// A command did not finish (no prompt came back).
    static let timeout: Int32 = 4

    static func forError(_ error: DeviceSessionError) -> Int32 {
        switch error {
        case .connection: return connection
        case .device: return deviceError
        case .commandTimeout: return timeout
        case .refused: return usage
        case let .interrupted(signal): return 128 + signal
        }
    }
}
