import Foundation
import IPsecKit

/// Turns debugs on at a device and, whatever happens, off again: it remembers what it
/// armed (in memory and in a state file written before each command is sent) and
/// `disarm` sends `undebug all`, removes the peer condition and `terminal no monitor`.
public final class DebugLifecycle {
    public let store: DebugStateStore
    public let deviceKey: String
    public let targetDescription: String
    public private(set) var armedCommands: [String] = []
    public private(set) var peer: String?
    private var platform: Platform = .ios

    public var isArmed: Bool { !armedCommands.isEmpty }

    public init(store: DebugStateStore, deviceKey: String, targetDescription: String) {
        self.store = store
        self.deviceKey = deviceKey
        self.targetDescription = targetDescription
    }

    /// Turns on `kinds`, limited to `peer` when given (conditional debugging keeps a
    /// busy hub usable), then `terminal monitor`. Returns the commands that worked.
    @discardableResult
    public func arm(_ kinds: [DebugKind], peer: String?, driver: CLIDriver) throws(DeviceSessionError) -> [String] {
        platform = driver.platform ?? .ios
        if let peer {
            self.peer = peer
            try send(DebugCondition.set(peer: peer, platform), driver: driver, required: true)
        }
        for kind in kinds {
            var done = false
            for command in kind.commands(platform) where !done {
                done = try send(command, driver: driver, required: false)
            }
            if !done {
                throw .device(command: kind.commands(platform).first ?? kind.rawValue, message: "the device accepts none of the commands for \(kind.rawValue) debugging")
            }
        }
        try send("terminal monitor", driver: driver, required: false)
        return armedCommands
    }

    /// Records first, sends second: a crash between the two leaves a harmless extra cleanup.
    @discardableResult
    private func send(_ command: String, driver: CLIDriver, required: Bool) throws(DeviceSessionError) -> Bool {
        // Arming again after a reconnect repeats commands; record each once.
        let isNew = !armedCommands.contains(command)
        if isNew {
            armedCommands.append(command)
            persist()
        }
        let result = try driver.run(command)
        if let error = result.deviceError {
            if isNew {
                armedCommands.removeAll { $0 == command }
                persist()
            }
            if required { throw .device(command: command, message: error) }
            return false
        }
        return true
    }

    private func persist() {
        let state = ArmedDebugState(target: targetDescription, platform: platform.rawValue, commands: armedCommands, peer: peer,
                                    armedAt: Date(), processID: getpid())
        if armedCommands.isEmpty { store.remove(deviceKey) } else { try? store.save(state, for: deviceKey) }
    }

    /// Turns everything off. Never throws: it is the last thing done on every exit
    /// path; returns the problems met (empty when all went well). Signals do not
    /// interrupt it.
    @discardableResult
    public func disarm(driver: CLIDriver) -> [String] {
        guard isArmed else { return [] }
        let problems = Self.cleanUp(platform: platform, peer: peer, driver: driver)
        if problems.allSatisfy({ !$0.hasPrefix("connection") }) {
            armedCommands.removeAll()
            peer = nil
            store.remove(deviceKey)
        }
        return problems
    }

    /// The cleanup commands, for this session or for a stale state file.
    static func cleanUp(platform: Platform, peer: String?, driver: CLIDriver) -> [String] {
        var commands = ["undebug all"]
        // A peer condition prints nothing by itself; software that cannot remove it
        // (it answers "% Invalid input") is no cleanup problem.
        let bestEffort = peer.map { DebugCondition.unset(peer: $0, platform) }
        if let bestEffort { commands.append(bestEffort) }
        commands.append("terminal no monitor")
        let wasInterruptible = driver.interruptible
        driver.interruptible = false
        defer { driver.interruptible = wasInterruptible }
        var problems: [String] = []
        for command in commands {
            do {
                if let error = try driver.run(command, timeout: .seconds(10)).deviceError, command != bestEffort {
                    problems.append("\(command): \(error)")
                }
            } catch {
                problems.append("connection: \(command): \(error)")
                break
            }
        }
        return problems
    }

    /// A state file left by a run that could not clean up, unless that run is still alive.
    public func staleState() -> ArmedDebugState? {
        guard let state = store.load(deviceKey) else { return nil }
        if state.processID != getpid(), kill(state.processID, 0) == 0, Self.isOurProgram(state.processID) { return nil }
        return state
    }

    /// Cleans up what a killed run left armed.
    @discardableResult
    public func cleanUpStale(_ state: ArmedDebugState, driver: CLIDriver) -> [String] {
        let problems = Self.cleanUp(platform: Platform(rawValue: state.platform) ?? driver.platform ?? .ios, peer: state.peer, driver: driver)
        if problems.allSatisfy({ !$0.hasPrefix("connection") }) { store.remove(deviceKey) }
        return problems
    }

    private static func isOurProgram(_ pid: Int32) -> Bool {
        guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return false }
        return comm.hasPrefix("ipsec-console")
    }
}
