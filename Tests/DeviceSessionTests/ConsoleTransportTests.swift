import Foundation
import TestSupport
import Testing
@testable import DeviceSession

@Suite("Serial consoles (socat pty pairs) and Telnet console servers", .serialized)
struct ConsoleTransportTests {
    /// A linked pty pair with the scripted device on one end; returns the other end's path.
    final class SerialPair {
        let directory = TestEnvironment.temporaryDirectory("serial")
        var socat: pid_t = 0
        var device: pid_t = 0
        var audit: String { directory + "/audit" }
        var port: String { directory + "/cli" }

        init(deviceArguments: [String]) throws {
            socat = try ChildProgram.spawn(["/usr/bin/socat", "pty,raw,echo=0,link=\(directory)/dev", "pty,raw,echo=0,link=\(directory)/cli"],
                                           stdin: "/dev/null", stdout: "/dev/null", stderr: directory + "/socat.log")
            let dir = directory
            try #require(TestEnvironment.eventually(.seconds(5)) {
                FileManager.default.fileExists(atPath: dir + "/dev") && FileManager.default.fileExists(atPath: dir + "/cli")
            })
            device = try ChildProgram.spawn([TestEnvironment.python, TestEnvironment.fakeDevice, "--audit", audit] + deviceArguments,
                                            stdin: directory + "/dev", stdout: directory + "/dev", stderr: directory + "/device.log")
        }

        deinit {
            kill(device, SIGKILL)
            _ = ChildProgram.wait(device, timeout: .seconds(2))
            kill(socat, SIGTERM)
            _ = ChildProgram.wait(socat, timeout: .seconds(2))
        }
    }

    @Test func logsInOnASerialConsoleAndRunsCommands() throws {
        let pair = try SerialPair(deviceArguments: ["--press-return", "--login", "netops:C0nsole!", "--enable-secret", "En4ble!"])
        let channel = try SerialChannel(path: pair.port, settings: SerialSettings(baud: 9600), lockDirectory: pair.directory)
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(username: "netops", password: Secret("C0nsole!"), enableSecret: Secret("En4ble!")),
                               options: TestEnvironment.driverOptions())
        try driver.start()
        #expect(driver.prompt?.privileged == true)
        let result = try driver.run("show crypto isakmp sa")
        #expect(result.output.contains("10.1.1.2        10.1.1.1        QM_IDLE           1001 ACTIVE"))
        channel.sendBreak()
        #expect(TestEnvironment.readLines(pair.audit).contains("show crypto isakmp sa"))
    }

    @Test func aPortInUseNamesItsHolder() throws {
        let pair = try SerialPair(deviceArguments: [])
        let first = try SerialChannel(path: pair.port, settings: SerialSettings(), lockDirectory: pair.directory)
        defer { first.close() }
        #expect {
            _ = try SerialChannel(path: pair.port, settings: SerialSettings(), lockDirectory: pair.directory)
        } throws: { error in
            guard case let .connection(f) = error as? DeviceSessionError else { return false }
            return f.kind == .portInUse && f.message.contains("PID \(getpid())") && f.message.contains("LCK..cli")
        }
        first.close()
        let again = try SerialChannel(path: pair.port, settings: SerialSettings(), lockDirectory: pair.directory)
        again.close()
        #expect(!FileManager.default.fileExists(atPath: pair.directory + "/LCK..cli"))
    }

    @Test func garbageAtTheWrongSpeedSuggestsOtherRates() throws {
        let pair = try SerialPair(deviceArguments: ["--garbage"])
        let channel = try SerialChannel(path: pair.port, settings: SerialSettings(baud: 9600), lockDirectory: pair.directory)
        defer { channel.close() }
        var options = TestEnvironment.driverOptions()
        options.loginTimeout = .seconds(2)
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(), options: options)
        #expect {
            try driver.start()
        } throws: { error in
            guard case let .connection(f) = error as? DeviceSessionError else { return false }
            return f.kind == .noPrompt && (f.advice ?? "").contains("baud=115200") && (f.advice ?? "").contains("9600 baud")
        }
    }

    @Test func reachesADeviceThroughATelnetConsoleServer() throws {
        let directory = TestEnvironment.temporaryDirectory("telnet")
        let script = try #require(Bundle.module.path(forResource: "telnet-server", ofType: "py", inDirectory: "Fixtures"))
        let server = try ChildProgram.spawn([TestEnvironment.python, script, directory + "/port", directory + "/negotiation",
                                             TestEnvironment.python, TestEnvironment.fakeDevice, "--audit", directory + "/audit",
                                             "--login", "netops:C0nsole!", "--start-privileged"],
                                            stdin: "/dev/null", stdout: "/dev/null", stderr: directory + "/server.log")
        defer {
            kill(server, SIGKILL)
            _ = ChildProgram.wait(server, timeout: .seconds(2))
        }
        try #require(TestEnvironment.eventually(.seconds(5)) { FileManager.default.fileExists(atPath: directory + "/port") })
        let port = try #require(Int(try String(contentsOfFile: directory + "/port", encoding: .utf8)))
        let target = try DeviceTarget.parse("telnet://127.0.0.1:\(port)")
        var configuration = ManagedSession.Configuration(target: target, executable: TestEnvironment.executable, driver: TestEnvironment.driverOptions())
        configuration.stateStore = DebugStateStore(directory: directory + "/state")
        let session = ManagedSession(configuration: configuration, credentials: StaticCredentials(username: "netops", password: Secret("C0nsole!")))
        try session.connect()
        let result = try session.execute("show crypto isakmp sa")
        #expect(result.output.first == "IPv4 Crypto ISAKMP SA")
        session.close()
        let negotiation = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: directory + "/negotiation"))) ?? Data())
        let T = TelnetNegotiator.self
        #expect(ProcessScan.contains(negotiation, [T.IAC, T.DO, T.ECHO]))
        #expect(ProcessScan.contains(negotiation, [T.IAC, T.DO, T.SGA]))
        #expect(ProcessScan.contains(negotiation, [T.IAC, T.SB, T.TTYPE, 0] + Array("VT100".utf8)))
        #expect(ProcessScan.contains(negotiation, [T.IAC, T.WILL, T.NAWS]))
        #expect(TestEnvironment.readLines(directory + "/audit").contains("show crypto isakmp sa"))
    }

    @Test func aClosedTelnetPortIsConnectionRefused() throws {
        let port = SSHServerFixture.freePort()
        #expect {
            _ = try TelnetChannel(host: "127.0.0.1", port: port)
        } throws: { error in
            guard case let .connection(f) = error as? DeviceSessionError else { return false }
            return f.kind == .connectionRefused && f.message == "connection refused by 127.0.0.1 port \(port)"
        }
    }
}
