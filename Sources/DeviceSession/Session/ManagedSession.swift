import Foundation
import IPsecKit

/// A device session with the safety rules applied: connects through the target's
/// transport, runs only allowed commands, keeps track of the debugs it armed and
/// turns them off on every way out, reconnecting with backoff after a drop.
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

        public init(target: DeviceTarget, executable: String, driver: CLIDriver.Options) {
            self.target = target
            self.executable = executable
            self.driver = driver
            if driver.platform == nil { self.driver.platform = target.knownPlatform }
        }
    }

    public let configuration: Configuration
    public let credentials: CredentialProvider
    public private(set) var driver: CLIDriver?
    public let debugs: DebugLifecycle
    /// Called before each reconnect attempt with the attempt number and the delay.
    public var onReconnect: (Int, Duration, DeviceSessionError) -> Void = { _, _, _ in }

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
        try debugs.arm(kinds, peer: peer, driver: connectedDriver())
    }

    /// Turns armed debugs off; reconnects first when the connection is gone.
    @discardableResult
    public func disarmDebugs() -> [String] {
        guard debugs.isArmed else { return [] }
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

    /// Reads while idle, delivering asynchronous lines.
    public func pump(for duration: Duration) throws(DeviceSessionError) {
        try connectedDriver().pump(for: duration)
    }

    /// Closes the current connection and opens a new one, waiting longer after each
    /// failed attempt (1 s, 2 s, 4 s ... up to the maximum).
    public func reconnect(attempts: Int? = nil, interruptible: Bool = true) throws(DeviceSessionError) {
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
    public static func open(_ configuration: ManagedSession.Configuration, credentials: CredentialProvider) throws(DeviceSessionError) -> DeviceChannel {
        switch configuration.target {
        case let .ssh(user, host, port):
            let options = SSHChannel.Options(user: user, host: host, port: port, extraArguments: configuration.sshArguments,
                                             askpassExecutable: configuration.executable)
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
