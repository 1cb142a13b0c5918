import Foundation
import TestSupport
import Testing
@testable import DeviceSession

@Suite("Telnet negotiation, ssh messages, line noise")
struct ProtocolTests {
    typealias T = TelnetNegotiator

    @Test func acceptsEchoAndSuppressGoAheadRefusesTheRest() {
        var n = TelnetNegotiator()
        let (data, replies) = n.receive([T.IAC, T.WILL, T.ECHO, T.IAC, T.WILL, T.SGA, T.IAC, T.DO, 39, T.IAC, T.WILL, 5]
                                        + Array("Hi".utf8))
        #expect(data == Array("Hi".utf8))
        #expect(replies == [T.IAC, T.DO, T.ECHO, T.IAC, T.DO, T.SGA, T.IAC, T.WONT, 39, T.IAC, T.DONT, 5])
        // Repeated offers are not answered again (no negotiation loops).
        #expect(n.receive([T.IAC, T.WILL, T.ECHO]).replies.isEmpty)
    }

    @Test func answersTerminalTypeAndWindowSize() {
        var n = TelnetNegotiator()
        n.columns = 255
        let r1 = n.receive([T.IAC, T.DO, T.TTYPE, T.IAC, T.SB, T.TTYPE, 1, T.IAC, T.SE])
        #expect(r1.replies == [T.IAC, T.WILL, T.TTYPE, T.IAC, T.SB, T.TTYPE, 0] + Array("VT100".utf8) + [T.IAC, T.SE])
        let r2 = n.receive([T.IAC, T.DO, T.NAWS])
        #expect(r2.replies == [T.IAC, T.WILL, T.NAWS, T.IAC, T.SB, T.NAWS, 0, 255, 255, 0, 50, T.IAC, T.SE])
    }

    @Test func givesTheSameDataFedAllAtOnceOrByteByByte() {
        let stream: [UInt8] = [T.IAC, T.WILL, T.ECHO] + Array("R1>".utf8) + [13, 0, 10, T.IAC, T.IAC, T.IAC, T.SB, 24, 1, T.IAC, T.SE] + Array("x\r\n".utf8)
        var whole = TelnetNegotiator()
        let a = whole.receive(stream)
        var bytewise = TelnetNegotiator()
        var data: [UInt8] = [], replies: [UInt8] = []
        for b in stream {
            let r = bytewise.receive([b])
            data += r.data
            replies += r.replies
        }
        #expect(a.data == data)
        #expect(a.replies == replies)
        #expect(a.data == Array("R1>\r\n".utf8) + [T.IAC] + Array("x\r\n".utf8))
    }

    @Test func escapesWhatWeSend() {
        #expect(TelnetNegotiator.encode([65, 255, 13]) == [65, 255, 255, 13, 0])
    }

    @Test func readsSshHostKeyQuestions() throws {
        let prompt = """
        The authenticity of host '[127.0.0.1]:2222 ([127.0.0.1]:2222)' can't be established.
        ED25519 key fingerprint is SHA256:vqc2SOf6wwh3AhdQED1O1U+wdfxTAnraty9RP4EPX7o.
        This key is not known by any other names.
        Are you sure you want to continue connecting (yes/no/[fingerprint])?\u{20}
        """
        let q = try #require(SSHFailureClassifier.hostKeyQuestion(prompt))
        #expect(q.host == "[127.0.0.1]:2222")
        #expect(q.keyType == "ED25519")
        #expect(q.fingerprint == "SHA256:vqc2SOf6wwh3AhdQED1O1U+wdfxTAnraty9RP4EPX7o")
    }

    @Test(arguments: [
        ("Unable to negotiate with 10.0.0.1 port 22: no matching host key type found. Their offer: ssh-rsa\r\n", "-o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedAlgorithms=+ssh-rsa"),
        ("Unable to negotiate with 10.0.0.1 port 22: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1\r\n", "-o KexAlgorithms=+diffie-hellman-group1-sha1"),
        ("Unable to negotiate with 10.0.0.1 port 22: no matching cipher found. Their offer: aes128-cbc,3des-cbc\n", "-o Ciphers=+aes128-cbc"),
    ])
    func suggestsTheOptionForOldAlgorithms(_ stderr: String, _ option: String) throws {
        let f = try #require(SSHFailureClassifier.classify(stderr, host: "10.0.0.1", port: nil, refusedHostKey: nil))
        #expect(f.kind == .algorithmMismatch)
        #expect(f.suggestedOption == option)
    }

    @Test(arguments: [
        ("ssh: connect to host 10.0.0.1 port 22: Connection timed out\r\n", ConnectionFailure.Kind.timedOut),
        ("Connection timed out during banner exchange\r\n", .timedOut),
        ("kex_exchange_identification: Connection closed by remote host\r\n", .closed),
        ("ssh: Could not resolve hostname nowhere: Name or service not known\r\n", .hostUnreachable),
        ("No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n", .unknownHostKey),
    ])
    func recognisesOtherFailures(_ stderr: String, _ kind: ConnectionFailure.Kind) throws {
        #expect(SSHFailureClassifier.classify(stderr, host: "10.0.0.1", port: nil, refusedHostKey: nil)?.kind == kind)
    }

    @Test func tellsLineNoiseFromText() {
        var text = LineNoiseDetector()
        text.feed(Array("\r\nUser Access Verification\r\n\r\nUsername: ".utf8))
        #expect(!text.looksGarbled)
        var noise = LineNoiseDetector()
        noise.feed([0xF0, 0x8E, 0xFE, 0x80, 0x9C, 0xE0, 0xFC, 0x0F, 0x78, 0x80, 0xF8, 0x00, 0x86, 0x9E, 0xE6, 0x18,
                    0xF0, 0x8E, 0xFE, 0x80, 0x9C, 0xE0, 0xFC, 0x0F, 0x78, 0x80, 0xF8, 0x00, 0x86, 0x9E, 0xE6, 0x18])
        #expect(noise.looksGarbled)
        #expect(LineNoiseDetector.advice(currentBaud: 9600).contains("baud=115200"))
    }
}

@Suite("Askpass socket")
struct AskpassTests {
    @Test func answersOverAPrivateSocketAndLeavesNothingBehind() throws {
        let server = try AskpassServer(executable: TestEnvironment.executable)
        let directory = (server.socketPath as NSString).deletingLastPathComponent
        var info = stat()
        #expect(stat(directory, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(stat(server.socketPath, &info) == 0 && info.st_mode & 0o077 == 0)
        let script = try String(contentsOfFile: server.scriptPath, encoding: .utf8)
        #expect(script.contains("askpass --socket"))
        #expect(!script.contains("Passw0rd"))
        // The helper as ssh would run it: prompt as argv[1], answer on stdout.
        let scratch = TestEnvironment.temporaryDirectory("askpass")
        let pid = try ChildProgram.spawn([server.scriptPath, "ipsecdev@127.0.0.1's password: "], stdin: "/dev/null",
                                         stdout: scratch + "/out", stderr: scratch + "/err")
        var prompts: [String] = []
        let answered = TestEnvironment.eventually(.seconds(10)) {
            server.serve { prompt in
                prompts.append(prompt)
                return Array("Tunnel-Passw0rd!x7".utf8)
            }
            return !prompts.isEmpty
        }
        #expect(answered)
        #expect(ChildProgram.wait(pid) == 0)
        #expect(prompts == ["ipsecdev@127.0.0.1's password: "])
        #expect(try String(contentsOfFile: scratch + "/out", encoding: .utf8) == "Tunnel-Passw0rd!x7\n")
        // Refusal: the helper fails, so ssh treats the question as cancelled.
        let refused = try ChildProgram.spawn([server.scriptPath, "Verification code: "], stdin: "/dev/null",
                                             stdout: scratch + "/out2", stderr: scratch + "/err2")
        var asked = false
        _ = TestEnvironment.eventually(.seconds(10)) {
            server.serve { _ in asked = true; return nil }
            return asked
        }
        #expect(ChildProgram.wait(refused) == 1)
        server.close()
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
