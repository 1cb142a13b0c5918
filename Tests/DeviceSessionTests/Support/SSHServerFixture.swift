import Foundation
import Testing
import TestSupport
@testable import DeviceSession

/// The shared private sshd (TestSupport's `PrivateSSHServer`) with the session layer's
/// view of it: the target, ssh options and a managed-session configuration. Its
/// ForceCommand is the scripted fake device, or the product's own lab device.
final class SSHServerFixture: @unchecked Sendable {
    static let user = PrivateSSHServer.user
    static let password = PrivateSSHServer.password

    let server: PrivateSSHServer
    var directory: String { server.directory }
    var shared: String { server.shared }
    var port: Int { server.port }
    var hostKey: String { server.hostKey }
    var clientKey: String { server.clientKey }
    var knownHosts: String { server.knownHosts }
    var audit: String { server.audit }

    /// - Parameters:
    ///   - deviceArguments: arguments for the scripted device; `{shared}` stands for `shared`.
    ///   - extraConfig: more sshd_config lines (e.g. `KexAlgorithms ...`).
    ///   - lab: when set, the device is the product's own lab (`ipsec-console lab-device` with these
    ///     arguments; `{shared}` substituted too).
    ///   - command: when set, the whole ForceCommand (e.g. a script in `{shared}`).
    init(deviceArguments: [String] = [], extraConfig: [String] = [], lab: [String]? = nil, command: [String]? = nil) throws {
        try #require(getuid() == 0, "the ssh tests run a private sshd and need root")
        let device: [String]
        if let command {
            device = command
        } else if let lab {
            device = [TestEnvironment.executable, "lab-device"] + lab
        } else {
            // sshd runs the device as the test user: give it a copy it can read.
            let copy = NSTemporaryDirectory() + "fake-device-\(UUID().uuidString.prefix(8)).py"
            try FileManager.default.copyItem(atPath: TestEnvironment.fakeDevice, toPath: copy)
            chmod(copy, 0o755)
            device = [TestEnvironment.python, copy] + deviceArguments
        }
        server = try PrivateSSHServer(device: device, extraConfig: extraConfig)
    }

    func stop() { server.stop() }

    var target: DeviceTarget { .ssh(user: Self.user, host: "127.0.0.1", port: port) }

    /// ssh options for the tests: no user config, our known_hosts, our key (or none).
    func sshArguments(key: Bool) -> [String] { server.clientArguments(key: key) }

    func trustHostKey() throws { try server.trustHostKey() }
    func recordOtherHostKey() throws { try server.recordOtherHostKey() }
    func hostKeyFingerprint() throws -> String { try server.hostKeyFingerprint() }
    func auditLines() -> [String] { server.auditLines() }

    func managedConfiguration(key: Bool, sink: LineSink? = nil, stateDirectory: String? = nil) -> ManagedSession.Configuration {
        var c = ManagedSession.Configuration(target: target, executable: TestEnvironment.executable,
                                             driver: TestEnvironment.driverOptions(collecting: sink))
        c.sshArguments = sshArguments(key: key)
        c.stateStore = DebugStateStore(directory: stateDirectory ?? TestEnvironment.temporaryDirectory("state"))
        c.reconnectInitialDelay = .milliseconds(200)
        return c
    }

    static func freePort() -> Int { LoopbackPort.free() }
}
