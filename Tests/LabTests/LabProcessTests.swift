import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The built binary on a real pseudo-terminal and behind a real OpenSSH server.
@Suite("Lab device as a process: pty console and sshd ForceCommand", .serialized)
struct LabProcessTests {
    @Test func consoleOnAPseudoTerminal() throws {
        #expect(FileManager.default.isExecutableFile(atPath: ProcessSupport.binary), "build first: swift build --build-tests")
        let dir = try ProcessSupport.temporaryDirectory("lab-pty")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessSupport.binary)
        process.arguments = ["lab-device", "--pty", "--scenario", "healthy", "--seed", "3", "--audit", dir + "/audit.log"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let path = ProcessSupport.read(out.fileHandleForReading.fileDescriptor, until: "\n", timeout: 5)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasPrefix("/dev/pts/"))
        let fd = open(path, O_RDWR | O_NOCTTY)
        #expect(fd >= 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        // The client's side of the console cable: raw, 9600 baud, applied without flushing.
        var t = termios()
        tcgetattr(fd, &t)
        cfmakeraw(&t)
        cfsetispeed(&t, speed_t(B9600)); cfsetospeed(&t, speed_t(B9600))
        tcsetattr(fd, TCSANOW, &t)

        ProcessSupport.write(fd, "\r")
        #expect(ProcessSupport.read(fd, until: "\r\nR1#", timeout: 5).hasSuffix("R1#\r\nR1#"), "start prompt, then one per return")
        ProcessSupport.write(fd, "sh cry isa sa\r")
        let show = ProcessSupport.read(fd, until: "\r\nR1#", timeout: 5)
        #expect(show.hasPrefix("sh cry isa sa\r\n"), "the device echoes on a terminal")
        #expect(show.contains("QM_IDLE           1001 ACTIVE\r\n"))

        // A console shows debug output without `terminal monitor`.
        ProcessSupport.write(fd, "debug crypto isakmp\r")
        _ = ProcessSupport.read(fd, until: "R1#", timeout: 5)
        ProcessSupport.write(fd, "clear crypto isakmp\r")
        let debug = ProcessSupport.read(fd, until: "SA has been authenticated", timeout: 6)
        #expect(debug.contains(": ISAKMP (0:1001): SA has been authenticated with 10.1.0.2"))

        // A client at the wrong speed gets garbage, not text: the renegotiation that
        // `clear crypto isakmp` starts (about 1.5 s later) is printed while the client's
        // line runs at 115200. First let the previous negotiation finish printing.
        _ = ProcessSupport.readBytes(fd, timeout: 3)
        ProcessSupport.write(fd, "clear crypto isakmp\r")
        _ = ProcessSupport.read(fd, until: "clear crypto isakmp\r\nR1#", timeout: 5)
        tcgetattr(fd, &t)
        cfsetispeed(&t, speed_t(B115200)); cfsetospeed(&t, speed_t(B115200))
        tcsetattr(fd, TCSANOW, &t)
        let garbage = ProcessSupport.readBytes(fd, timeout: 5)
        #expect(!garbage.isEmpty)
        #expect(garbage.allSatisfy { $0 >= 0x80 })
        // Back at 9600 the console answers again.
        cfsetispeed(&t, speed_t(B9600)); cfsetospeed(&t, speed_t(B9600))
        tcsetattr(fd, TCSANOW, &t)
        ProcessSupport.write(fd, "\r")
        #expect(ProcessSupport.read(fd, until: "R1#", timeout: 5).contains("R1#"))
        ProcessSupport.write(fd, "undebug all\r")
        _ = ProcessSupport.read(fd, until: "R1#", timeout: 5)
        let audit = (try? String(contentsOfFile: dir + "/audit.log", encoding: .utf8)) ?? ""
        #expect(audit.contains(" R1 sh cry isa sa\n"))
        #expect(audit.contains(" R1 undebug all\n"))
    }

    @Test func listAndUsageErrors() throws {
        let (status, out, _) = try ProcessSupport.runClean(ProcessSupport.binary, ["lab-device", "--list"], input: "", timeout: 10)
        #expect(status == 0)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 25)
        #expect(lines.first?.hasPrefix("healthy ") == true)
        let (badStatus, _, err) = try ProcessSupport.runClean(ProcessSupport.binary, ["lab-device", "--scenario", "qm-fsm"], input: "", timeout: 10)
        #expect(badStatus == 2)
        #expect(err.contains("scenario 'qm-fsm' is not modelled for ios (available for: asa)"))
        let (pipeStatus, pipeOut, _) = try ProcessSupport.runClean(ProcessSupport.binary, ["lab-device", "--persona", "asa"], input: "show clock\n", timeout: 10)
        #expect(pipeStatus == 0, "end of input ends the session")
        #expect(pipeOut.hasPrefix("asa# \n"))
        #expect(pipeOut.contains(" UTC "))
    }

    @Test func loginOverOpenSSHWithForceCommand() throws {
        #expect(getuid() == 0, "the sshd fixture runs as root")
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd"), "scripts/install-deps.sh installs openssh-server")
        #expect(FileManager.default.isExecutableFile(atPath: ProcessSupport.binary), "build first: swift build --build-tests")
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else { return }
        let server = try PrivateSSHServer(device: [ProcessSupport.binary, "lab-device", "--scenario", "healthy", "--seed", "5"],
                                          passwordLogin: false, trustHostKey: true, removeOnStop: true, name: "lab-sshd")
        defer { server.stop() }
        let login = server.clientArguments(key: true) + ["-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                                                         "-p", String(server.port), "\(PrivateSSHServer.user)@127.0.0.1"]

        let (status, stdout, stderr) = try ProcessSupport.runClean("/usr/bin/ssh", login, input: "terminal length 0\nshow crypto isakmp sa\nundebug all\nexit\n", timeout: 15)
        #expect(status == 0, "ssh failed: \(stderr)")
        #expect(stdout.hasPrefix("R1#"))
        #expect(stdout.contains("10.1.0.2        10.1.0.1        QM_IDLE           1001 ACTIVE\n"))
        #expect(stdout.contains("All possible debugging has been turned off"))
        let commands = server.auditLines().map { $0.split(separator: " ", maxSplits: 2).last.map(String.init) ?? "" }
        #expect(commands == ["terminal length 0", "show crypto isakmp sa", "undebug all", "exit"])

        // With a remote pty (`ssh -tt`) the device echoes, ends lines with CRLF and reads `\r`.
        let (ttyStatus, ttyOut, ttyErr) = try ProcessSupport.runClean("/usr/bin/ssh", ["-tt", "-q"] + login, input: "sh clock\rexit\r", timeout: 15)
        #expect(ttyStatus == 0, "ssh -tt failed: \(ttyErr)")
        #expect(ttyOut.contains("R1#sh clock\r\n*"))
        #expect(ttyOut.contains(" UTC Mon Mar 1 1993\r\nR1#exit\r\n") || ttyOut.contains(" 1993\r\nR1#exit"))
    }
}
