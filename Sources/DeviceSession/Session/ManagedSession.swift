import Foundation
import IPsecKit

/// A device session with the safety rules applied: connects through the target's
/// transport, runs only allowed commands, keeps track of the debugs it armed and
/// turns them off on every way out, reconnecting with backoff after a drop.
///
/// With `separateMonitorSession` an ssh device gets a second connection for debugging
/// (`terminal monitor`, the debug commands and their stream) while the first runs only
/// show and exec commands, so its output stays clean. IOS serves one shell per ssh
/// connection, hence two ssh processes rather than one multiplexed connection; the
/// credentials given once answer both. When the second connection is refused (no free
/// vty line) the debugs share the first, with the line-by-line separation as on a
/// serial console.
public final class ManagedSession {
    public struct Configuration {
        public var target: DeviceTarget
        /// Extra ssh options, passed through unchanged.
        public var sshArguments: [String] = []
        /// The ipsec-console binary (askpass helper and lab device).
        public var executable: String
        /// Where the lab device writes its audit log (tests).
        public var labAuditFile: String?
        public var driver: CLIDriver.Options
        public var stateStore = DebugStateStore()
        /// Serial lock files (UUCP style), normally /var/lock.
        public var serialLockDirectory = "/var/lock"
        public var reconnectAttempts = 5
        public var reconnectInitialDelay: Duration = .seconds(1)
        public var reconnectMaximumDelay: Duration = .seconds(30)
        /// Open a second ssh connection for `terminal monitor` and the debugs (watch and
        /// the console); serial, telnet and lab targets always use one session.
        public var separateMonitorSession = false
        /// A private known_hosts file for the run (keys accepted once); see `SSHChannel.Options`.
        public var sessionKnownHosts: String?

        public init(target: DeviceTarget, executable: String, driver: CLIDriver.Options) {
            self.target = target
            self.executable = executable
            self.driver = driver
            if driver.platform == nil { self.driver.platform = target.knownPlatform }
        }
    }

    public let configuration: Configuration
    public let credentials: CredentialProvider
    /// The session that runs commands (and, with one session, carries the debugs too).
    public private(set) var driver: CLIDriver?
    /// The second ssh session that carries `terminal monitor` and the debugs, when open.
    public private(set) var monitorDriver: CLIDriver?
    public let debugs: DebugLifecycle
    /// Called before each reconnect attempt with the attempt number and the delay.
    public var onReconnect: (Int, Duration, DeviceSessionError) -> Void = { _, _, _ in }
    /// Told when the debug session opens, or cannot and the debugs share the command session.
    public var onNotice: (String) -> Void = { _ in }
    /// The debug session dropped while the command session was busy; reported by the next `pump`.
    private var monitorFailure: DeviceSessionError?
    /// The device refused a second session: the debugs use the command session from now on.
    public private(set) var monitorRefused = false
    /// Where the armed debugs live (their cleanup goes there).
    private var debugsOnMonitor = false

    public init(configuration: Configuration, credentials: CredentialProvider) {
        self.configuration = configuration
        self.credentials = credentials
        debugs = DebugLifecycle(store: configuration.stateStore, deviceKey: configuration.target.deviceKey,
                                targetDescription: configuration.target.description)
    }

    public var platform: Platform? { driver?.platform }

    /// Opens the transport and brings the CLI to a privileged prompt.
    public func connect() throws(DeviceSessionError) {
        let channel = try ChannelFactory.open(configuration, credentials: credentials)
        let driver = CLIDriver(channel: channel, credentials: credentials, options: configuration.driver)
        do {
            try driver.start()
        } catch {
            channel.close()
            throw error
        }
        self.driver = driver
    }

    private func connectedDriver() throws(DeviceSessionError) -> CLIDriver {
        guard let driver else { throw .connection(ConnectionFailure(kind: .closed, message: "not connected")) }
        return driver
    }

    /// Runs `command` if the safety rules allow it. Disruptive commands need `confirmed`.
    /// The device's own complaints come back in the result (`deviceError`).
    public func execute(_ command: String, confirmed: Bool = false, timeout: Duration? = nil) throws(DeviceSessionError) -> CommandResult {
        let trimmed = command.trimmingSpaces()
        switch CommandPolicy.evaluate(trimmed) {
        case .allowed:
            break
        case let .needsConfirmation(reason):
            guard confirmed else { throw .refused(command: trimmed, reason: "\(reason); confirm it explicitly (--confirm-disruptive)") }
        case let .refused(reason):
            throw .refused(command: trimmed, reason: reason)
        }
        return try connectedDriver().run(trimmed, timeout: timeout, confirm: confirmed)
    }

    /// Turns debugs on (recorded for cleanup).
    public func armDebugs(_ kinds: [DebugKind], peer: String?) throws(DeviceSessionError) {
        try debugs.arm(kinds, peer: peer, driver: driverForDebugs())
    }

    /// True when this target gets (or has) a second session for the debugs.
    public var wantsMonitorSession: Bool {
        guard configuration.separateMonitorSession, !monitorRefused, case .ssh = configuration.target else { return false }
        return true
    }

    private var monitorIsUsable: Bool {
        guard let monitorDriver else { return false }
        return !monitorDriver.isBroken && monitorFailure == nil
    }

    /// The debug session (opened on first use), or the command session when there is
    /// to be only one or the device refuses a second.
    private func driverForDebugs() throws(DeviceSessionError) -> CLIDriver {
        let commands = try connectedDriver()
        guard wantsMonitorSession else {
            debugsOnMonitor = false
            return commands
        }
        if monitorIsUsable, let monitorDriver {
            debugsOnMonitor = true
            return monitorDriver
        }
        do {
            let monitor = try openMonitorSession()
            debugsOnMonitor = true
            return monitor
        } catch {
            if case .interrupted = error { throw error }
            monitorRefused = true
            debugsOnMonitor = false
            onNotice("a second session for the debugs could not be opened (\(error)); debugs and commands share one session")
            return commands
        }
    }

    /// Opens the second ssh connection: the same target, options and credentials, its own
    /// line classifier; its lines go to the same `onAsynchronous`, and the command session
    /// reads them while it waits for output.
    private func openMonitorSession() throws(DeviceSessionError) -> CLIDriver {
        closeMonitorSession()
        let channel = try ChannelFactory.open(configuration, credentials: credentials, ownConnection: true)
        var options = configuration.driver
        options.isAsynchronous = AsynchronousLineFilter.makeClosure()
        options.platform = options.platform ?? driver?.platform
        let monitor = CLIDriver(channel: channel, credentials: credentials, options: options)
        monitor.interruptible = driver?.interruptible ?? true
        do {
            try monitor.start()
        } catch {
            channel.close()
            throw error
        }
        monitorDriver = monitor
        monitorFailure = nil
        driver?.companion = { [weak self] () throws(DeviceSessionError) in try self?.serviceMonitor() }
        onNotice("debug session open: \(channel.label) (a second connection; the first runs the show commands)")
        return monitor
    }

    /// Reads the debug session without waiting (called while the command session waits).
    private func serviceMonitor() throws(DeviceSessionError) {
        guard let monitorDriver, monitorFailure == nil, !monitorDriver.isBroken else { return }
        do {
            try monitorDriver.pump(for: .zero)
        } catch {
            if case .interrupted = error { throw error }
            monitorFailure = error
        }
    }

    private func closeMonitorSession() {
        driver?.companion = nil
        guard let monitorDriver else { return }
        monitorDriver.finishTranscript()
        monitorDriver.channel.close()
        self.monitorDriver = nil
        monitorFailure = nil
    }

    /// Turns armed debugs off; reconnects first when the connection is gone.
    @discardableResult
    public func disarmDebugs() -> [String] {
        guard debugs.isArmed else { return [] }
        if debugsOnMonitor {
            if monitorIsUsable, let monitorDriver {
                let problems = debugs.disarm(driver: monitorDriver)
                if problems.allSatisfy({ !$0.hasPrefix("connection") }) { return problems }
            }
            // The debug session dropped: open it again just to clean up.
            if let monitor = reopenMonitorForCleanup() {
                let problems = debugs.disarm(driver: monitor)
                if problems.allSatisfy({ !$0.hasPrefix("connection") }) { return problems }
            }
            // `undebug all` is device-wide: the command session can do it as well.
            closeMonitorSession()
            debugsOnMonitor = false
        }
        if let driver, !driver.isBroken {
            let problems = debugs.disarm(driver: driver)
            if problems.allSatisfy({ !$0.hasPrefix("connection") }) { return problems }
        }
        // The connection dropped: come back just to clean up.
        do {
            try reconnect(attempts: 3, interruptible: false)
        } catch {
            return ["connection: could not reconnect to turn debugs off (\(error)); the state file \(configuration.stateStore.path(for: configuration.target.deviceKey)) keeps them for the next run"]
        }
        guard let driver else { return ["connection: not connected"] }
        return debugs.disarm(driver: driver)
    }

    /// A state file left by a killed run, if any.
    public func staleDebugs() -> ArmedDebugState? { debugs.staleState() }

    public func cleanUpStaleDebugs(_ state: ArmedDebugState) throws(DeviceSessionError) -> [String] {
        debugs.cleanUpStale(state, driver: try connectedDriver())
    }

    /// A few uninterruptible attempts to open the debug session again.
    private func reopenMonitorForCleanup() -> CLIDriver? {
        let wasInterruptible = driver?.interruptible ?? true
        driver?.interruptible = false
        defer { driver?.interruptible = wasInterruptible }
        var delay = configuration.reconnectInitialDelay
        for attempt in 1...3 {
            if attempt > 1 {
                usleep(useconds_t(min(delay, .seconds(30)).components.seconds * 1_000_000 + delay.components.attoseconds / 1_000_000_000_000))
                delay = min(delay * 2, configuration.reconnectMaximumDelay)
            }
            do {
                let monitor = try openMonitorSession()
                monitor.interruptible = false
                return monitor
            } catch {
                if case let .connection(f) = error, [.authenticationFailed, .changedHostKey, .unknownHostKey, .algorithmMismatch].contains(f.kind) { return nil }
            }
        }
        return nil
    }

    /// Reads while idle, delivering asynchronous lines: from the debug session when
    /// there is one (its loss is reported here), else from the one session.
    public func pump(for duration: Duration) throws(DeviceSessionError) {
        let commands = try connectedDriver()
        guard let monitorDriver else {
            try commands.pump(for: duration)
            return
        }
        if let monitorFailure { throw monitorFailure }
        do {
            try monitorDriver.pump(for: duration)
        } catch {
            if case .interrupted = error { throw error }
            monitorFailure = error
            throw error
        }
    }

    /// Closes the current connection and opens a new one, waiting longer after each
    /// failed attempt (1 s, 2 s, 4 s ... up to the maximum).
    public func reconnect(attempts: Int? = nil, interruptible: Bool = true) throws(DeviceSessionError) {
        closeMonitorSession()
        driver?.finishTranscript()
        driver?.channel.close()
        driver = nil
        var delay = configuration.reconnectInitialDelay
        var lastError = DeviceSessionError.connection(ConnectionFailure(kind: .closed, message: "not connected"))
        for attempt in 1...max(1, attempts ?? configuration.reconnectAttempts) {
            onReconnect(attempt, delay, lastError)
            if interruptible {
                _ = try FileDescriptorIO.waitReadable([], timeout: delay, interruptible: true)
            } else {
                usleep(useconds_t(min(delay, .seconds(30)).components.seconds * 1_000_000 + delay.components.attoseconds / 1_000_000_000_000))
            }
            do {
                try connect()
                driver?.interruptible = interruptible
                return
            } catch {
                lastError = error
                if case .interrupted = error { throw error }
                // A refused login or host key will not fix itself.
                if case let .connection(f) = error, [.authenticationFailed, .changedHostKey, .unknownHostKey, .algorithmMismatch].contains(f.kind) { throw error }
            }
            delay = min(delay * 2, configuration.reconnectMaximumDelay)
        }
        throw lastError
    }

    /// Turns debugs off and closes the connection.
    @discardableResult
    public func close() -> [String] {
        let problems = disarmDebugs()
        closeMonitorSession()
        if let driver {
            driver.finishTranscript()
            driver.channel.close()
        }
        driver = nil
        return problems
    }
}

/// Opens the transport a target names.
public enum ChannelFactory {
    /// - Parameter ownConnection: for ssh, never share a multiplexed connection (the debug session).
    public static func open(_ configuration: ManagedSession.Configuration, credentials: CredentialProvider,
                            ownConnection: Bool = false) throws(DeviceSessionError) -> DeviceChannel {
        switch configuration.target {
        case let .ssh(user, host, port):
            var options = SSHChannel.Options(user: user, host: host, port: port, extraArguments: configuration.sshArguments,
                                             askpassExecutable: configuration.executable)
            options.sessionKnownHosts = configuration.sessionKnownHosts
            options.ownConnection = ownConnection
            return try SSHChannel(options: options, credentials: credentials)
        case let .telnet(host, port):
            return try TelnetChannel(host: host, port: port)
        case let .serial(path, settings):
            return try SerialChannel(path: path, settings: settings, lockDirectory: configuration.serialLockDirectory)
        case let .lab(scenario, persona, peerOf):
            return try ProcessChannel.lab(executable: configuration.executable, scenario: scenario, persona: persona.rawValue,
                                          peerOf: peerOf, auditFile: configuration.labAuditFile)
        }
    }
}
