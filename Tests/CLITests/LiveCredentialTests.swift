import ConsoleUI
import DeviceSession
import Foundation
import IPsecKit
import Testing
import TestSupport
@testable import ipsec_console

/// The live console's session side over a real sshd, with the test in the place of the
/// UI: it reads the messages the session posts and answers the password and host-key
/// dialogs the way the dialog keys would (`.answerPassword` / `.answerHostKey` effects).
@Suite("password and host-key questions through the console's dialogs")
struct LiveCredentialTests {
    /// A live session against `server` and the messages it posted so far.
    final class Harness: @unchecked Sendable {
        let inbox = MessageInbox()
        let live: LiveSession
        let dialogs: DialogCredentials
        let knownHosts = SessionKnownHosts()!
        private(set) var messages: [ConsoleMsg] = []

        init(server: PrivateSSHServer, key: Bool) throws {
            let inbox = self.inbox
            live = LiveSession(inbox: inbox, catalog: try SignatureCatalog.builtIn(), device: server.url, transport: "ssh", pollInterval: 1)
            dialogs = DialogCredentials(fixed: StaticCredentials(), device: server.url) { inbox.post($0) }
            let driver = CLIDriver.Options(isAsynchronous: AsynchronousLineFilter.makeClosure(), onAsynchronous: { [live] in live.received($0) })
            var configuration = ManagedSession.Configuration(target: try DeviceTarget.parse(server.url),
                                                             executable: BuiltProducts.executable().path, driver: driver)
            configuration.sshArguments = server.clientArguments(key: key)
            configuration.sessionKnownHosts = knownHosts.path
            let state = NSTemporaryDirectory() + "ipsec-live-state-\(UUID().uuidString.prefix(8))"
            configuration.stateStore = DebugStateStore(directory: state)
            live.start(configuration, credentials: dialogs, dialogs: dialogs)
        }

        /// Collects messages until `done` holds, answering each dialog with `answer`.
        @discardableResult
        func run(for timeout: Duration = .seconds(20), answer: (ConsoleMsg) -> ConsoleEffect? = { _ in nil },
                 until done: ([ConsoleMsg]) -> Bool) -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                for message in inbox.drain() {
                    messages.append(message)
                    if let effect = answer(message) { live.handle(effect) { _ in } }
                }
                if done(messages) { return true }
                usleep(20_000)
            }
            return done(messages)
        }

        func stop() {
            live.stop()
            messages += inbox.drain()
            knownHosts.remove()
        }

        var passwordQuestions: [PasswordQuestion] {
            messages.compactMap { if case .askPassword(let q) = $0 { return q } else { return nil } }
        }
        var hostKeyQuestions: [ConsoleUI.HostKeyQuestion] {
            messages.compactMap { if case .askHostKey(let q) = $0 { return q } else { return nil } }
        }
        var notices: [String] {
            messages.compactMap { if case .notice(let text, _) = $0 { return text } else { return nil } }
        }
        /// The first reason the session gave for being disconnected.
        var disconnectReason: String? {
            messages.lazy.compactMap { message -> String? in
                if case .connection(let info) = message, case .disconnected(let reason) = info.state { return reason }
                return nil
            }.first
        }
    }

    static func hasSnapshot(_ messages: [ConsoleMsg]) -> Bool {
        messages.contains { if case .snapshot(let s) = $0 { return !s.report.isakmpSas.isEmpty } else { return false } }
    }

    static func hasDebugLine(_ messages: [ConsoleMsg]) -> Bool {
        messages.contains { if case .debugLines(let lines) = $0 { return lines.contains { $0.text.contains("ISAKMP") } } else { return false } }
    }

    static func lab(_ scenario: String = "main-mode-failed", trust: Bool) throws -> PrivateSSHServer {
        try PrivateSSHServer(device: [BuiltProducts.executable().path, "lab-device", "--persona", "ios", "--scenario", scenario],
                             trustHostKey: trust, name: "live-cred")
    }

    @Test func aPasswordTypedOnceServesBothSessionsAndStaysOutOfProcesses() throws {
        let server = try Self.lab(trust: true)
        defer { server.stop() }
        let harness = try Harness(server: server, key: false)
        let answered = harness.run(answer: { message in
            if case .askPassword(let q) = message { return .answerPassword(id: q.id, password: PrivateSSHServer.password) }
            return nil
        }, until: Self.hasSnapshot)
        #expect(answered, "the tables fill after the password was typed in the dialog")
        #expect(harness.passwordQuestions.count == 1)
        #expect(harness.passwordQuestions.first?.prompt.contains("password") == true)
        // Debugs open the second ssh session: the remembered password answers it.
        harness.live.handle(.debugOn([.isakmp])) { _ in }
        #expect(harness.run(until: Self.hasDebugLine))
        #expect(ProcessScan.processesExposing(PrivateSSHServer.password).isEmpty)
        harness.stop()
        #expect(harness.passwordQuestions.count == 1, "the second session and reconnects do not ask again")
        #expect(harness.notices.contains { $0.hasPrefix("debug session open") })
        let sshLog = try String(contentsOfFile: server.directory + "/sshd.log", encoding: .utf8)
        #expect(sshLog.components(separatedBy: "Accepted password for \(PrivateSSHServer.user)").count - 1 == 2)
        #expect(server.auditLines().contains { $0.hasSuffix("undebug all") })
    }

    @Test func theEnableSecretIsAskedInTheDialog() throws {
        // The lab's enable secret is its shared directory's path: no secret in the fixture's argv.
        let server = try PrivateSSHServer(device: [BuiltProducts.executable().path, "lab-device", "--persona", "ios", "--scenario", "healthy",
                                                   "--unprivileged", "--enable-secret", "{shared}"], trustHostKey: true, name: "live-enable")
        defer { server.stop() }
        let harness = try Harness(server: server, key: true)
        let filled = harness.run(answer: { message in
            if case .askPassword(let q) = message { return .answerPassword(id: q.id, password: server.shared) }
            return nil
        }, until: Self.hasSnapshot)
        harness.stop()
        #expect(filled)
        #expect(harness.passwordQuestions.map(\.prompt) == ["Enable secret for \(server.url)"])
        #expect(server.auditLines().contains { $0.hasSuffix(" enable") })
    }

    @Test func aWrongPasswordIsForgottenAndAskedAgain() throws {
        let server = try Self.lab("healthy", trust: true)
        defer { server.stop() }
        let harness = try Harness(server: server, key: false)
        var asked = 0
        let filled = harness.run(answer: { message in
            guard case .askPassword(let q) = message else { return nil }
            asked += 1
            return .answerPassword(id: q.id, password: asked == 1 ? "not-the-password" : PrivateSSHServer.password)
        }, until: Self.hasSnapshot)
        harness.stop()
        #expect(filled)
        #expect(harness.passwordQuestions.count == 2)
        #expect(harness.notices.contains { $0.contains("authentication") || $0.contains("Permission denied") })
    }

    @Test func cancellingThePasswordAbortsTheLogIn() throws {
        let server = try Self.lab("healthy", trust: true)
        defer { server.stop() }
        let harness = try Harness(server: server, key: false)
        let ended = harness.run(answer: { message in
            if case .askPassword(let q) = message { return .answerPassword(id: q.id, password: nil) }
            return nil
        }, until: { _ in harness.disconnectReason != nil })
        #expect(ended)
        #expect(harness.disconnectReason?.contains("authentication aborted") == true)
        // No new attempt asks again.
        harness.run(for: .seconds(2)) { _ in false }
        #expect(harness.passwordQuestions.count == 1)
        harness.stop()
        #expect(!server.auditLines().contains { $0.hasSuffix("terminal length 0") })
    }

    @Test(arguments: [HostKeyDecision.acceptOnce, .acceptAndSave])
    func anUnknownHostKeyIsDecidedInTheDialog(_ decision: HostKeyDecision) throws {
        let server = try Self.lab(trust: false)
        defer { server.stop() }
        let fingerprint = try server.hostKeyFingerprint()
        let harness = try Harness(server: server, key: true)
        let filled = harness.run(answer: { message in
            if case .askHostKey(let q) = message { return .answerHostKey(id: q.id, decision: decision) }
            return nil
        }, until: Self.hasSnapshot)
        #expect(filled)
        let question = try #require(harness.hostKeyQuestions.first)
        #expect(question.fingerprint == fingerprint)
        #expect(question.host == "127.0.0.1" && question.port == server.port)
        #expect(question.keyType == "ED25519")
        #expect(!question.changed)
        harness.live.handle(.debugOn([.isakmp])) { _ in }
        #expect(harness.run(until: Self.hasDebugLine))
        let sessionFile = try String(contentsOfFile: harness.knownHosts.path, encoding: .utf8)
        harness.stop()
        #expect(harness.hostKeyQuestions.count == 1, "the second session trusts the key decided once")
        let saved = try String(contentsOfFile: server.knownHosts, encoding: .utf8)
        #expect(sessionFile.contains("[127.0.0.1]:\(server.port)"))
        if decision == .acceptAndSave {
            #expect(saved.contains("[127.0.0.1]:\(server.port)"))
        } else {
            #expect(saved.isEmpty, "accepted once: the user's known_hosts is unchanged")
        }
    }

    @Test func aRejectedHostKeyEndsTheAttempt() throws {
        let server = try Self.lab("healthy", trust: false)
        defer { server.stop() }
        let harness = try Harness(server: server, key: true)
        let ended = harness.run(answer: { message in
            if case .askHostKey(let q) = message { return .answerHostKey(id: q.id, decision: .reject) }
            return nil
        }, until: { _ in harness.disconnectReason != nil })
        harness.stop()
        #expect(ended)
        #expect(harness.disconnectReason?.contains("host key rejected") == true)
        #expect(harness.hostKeyQuestions.count == 1)
        #expect(try String(contentsOfFile: server.knownHosts, encoding: .utf8).isEmpty)
    }

    @Test func aChangedHostKeyIsRefusedWithTheKnownHostsLine() throws {
        let server = try Self.lab("healthy", trust: false)
        defer { server.stop() }
        try server.recordOtherHostKey()
        let harness = try Harness(server: server, key: true)
        let ended = harness.run(until: { _ in harness.disconnectReason != nil })
        harness.stop()
        #expect(ended)
        let reason = try #require(harness.disconnectReason)
        #expect(reason.contains(try server.hostKeyFingerprint()))
        #expect(reason.contains("\(server.knownHosts):1"))
        #expect(harness.hostKeyQuestions.isEmpty)
    }
}
