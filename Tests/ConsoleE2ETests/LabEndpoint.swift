import Foundation
import Testing
import TestSupport

/// How the live console reaches the lab device in an end-to-end test.
enum LiveTransport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `lab://SCENARIO`: the console starts the device itself.
    case lab
    /// A private sshd on 127.0.0.1 with the lab device as its ForceCommand (key login).
    case sshd
    /// A pseudo-terminal console port (`lab-device --pty`) reached as `serial:///dev/pts/N`.
    case serial

    var testDescription: String { rawValue }
}

/// A lab device running one scenario, reachable over one transport: the console's target,
/// the extra arguments it needs for that transport, and the device's audit log (every
/// command the device received). Stops whatever it started when released.
final class LabEndpoint {
    let transport: LiveTransport
    let target: String
    let consoleArguments: [String]
    private let auditFile: String
    private let directory: String
    private var server: PrivateSSHServer?
    private var devicePID: pid_t = 0

    init(_ transport: LiveTransport, scenario: String, persona: String = "ios") throws {
        self.transport = transport
        directory = NSTemporaryDirectory() + "e2e-\(transport.rawValue)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let device = [BuiltProducts.executable().path, "lab-device", "--persona", persona, "--scenario", scenario]
        switch transport {
        case .lab:
            auditFile = directory + "/audit"
            target = "lab://\(scenario)?persona=\(persona)"
            consoleArguments = ["--lab-audit", auditFile]
        case .sshd:
            try #require(getuid() == 0, "the sshd transport runs a private sshd and needs root")
            let server = try PrivateSSHServer(device: device, passwordLogin: false, trustHostKey: true, name: "e2e-sshd")
            self.server = server
            auditFile = server.audit
            target = server.url
            consoleArguments = server.clientArguments(key: true).map { "--ssh-arg=\($0)" }
        case .serial:
            auditFile = directory + "/audit"
            let announced = directory + "/pty"
            devicePID = try ChildProgram.spawn(device + ["--pty", "--audit", auditFile], stdout: announced, stderr: directory + "/device.log")
            // The device prints its port's path once the port is open.
            let deadline = Date().addingTimeInterval(10)
            var path = ""
            while path.isEmpty, Date() < deadline {
                path = ((try? String(contentsOfFile: announced, encoding: .utf8)) ?? "")
                    .split(separator: "\n").first.map(String.init) ?? ""
                if path.isEmpty { usleep(20_000) }
            }
            guard path.hasPrefix("/dev/") else {
                throw TmuxSession.Failure(description: "lab-device --pty announced no port within 10 s: \"\(path)\"")
            }
            target = "serial://\(path)?baud=9600"
            consoleArguments = ["--serial-lock-directory", directory]
        }
    }

    deinit {
        if devicePID > 0 {
            kill(devicePID, SIGTERM)
            if ChildProgram.wait(devicePID, timeout: .seconds(5)) == nil { kill(devicePID, SIGKILL); _ = ChildProgram.wait(devicePID) }
        }
        server?.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The commands the device received, one a line (timestamp, hostname, command).
    func auditLines() -> [String] {
        ((try? String(contentsOfFile: auditFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Whether the device received `command` (audit lines end with the command).
    func received(_ command: String) -> Bool {
        auditLines().contains { $0.hasSuffix(" " + command) || $0 == command }
    }
}
