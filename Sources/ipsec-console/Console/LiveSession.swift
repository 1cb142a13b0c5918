import ConsoleUI
import DeviceSession
import Foundation
import IPsecKit
import Synchronization

/// The console's device side: one session thread that connects, polls the SA tables,
/// streams and diagnoses the debug lines, and carries out the console's effects (debugs,
/// `:exec`, poll interval, peer focus). It never blocks the UI: everything reaches the
/// console as messages. `stop()` turns the debugs it armed off before it returns.
final class LiveSession: ConsoleEffectHandler, @unchecked Sendable {
    private enum Request {
        case debugOn([DebugKind]), debugOff, execute(String, confirmed: Bool), pollInterval(TimeInterval), focus(String?), compare(String)
        case walk(String, peer: String?), walkControl(WalkthroughControl)
    }

    private let inbox: MessageInbox
    private let catalog: SignatureCatalog
    private let device: String
    private let transport: String
    private let requests = Mutex<[Request]>([])
    private let stopping = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Lines the driver delivered, waiting for the session loop to forward them.
    private let arrived = Mutex<[AsynchronousLine]>([])

    // Session-thread state.
    private var managed: ManagedSession?
    private var diagnosis: StreamDiagnosis
    private var streamLines = 0
    private var stateFindings: [Finding] = []
    private var lastPosted: [String: Int] = [:]
    private var previousReport: AnalysisReport?
    private var pollInterval: Duration
    var wantedDebugs: [DebugKind] = []
    private var peer: String?
    /// The walkthrough `:walk` started (session thread; see LiveSession+Walkthrough).
    var walk: LiveWalkthrough?
    /// Debug wait and poll interval of `:walk` steps (set before `start`).
    var walkthroughOptions = WalkthroughRunner.Options()

    init(inbox: MessageInbox, catalog: SignatureCatalog, device: String, transport: String, pollInterval: TimeInterval) {
        self.inbox = inbox
        self.catalog = catalog
        self.device = device
        self.transport = transport
        self.pollInterval = .milliseconds(Int(pollInterval * 1000))
        diagnosis = StreamDiagnosis(signatures: catalog.signatures)
        diagnosis.marksEvidence = true
    }

    /// Called by the driver (on the session thread) for each debug/syslog line.
    func received(_ line: AsynchronousLine) {
        arrived.withLock { $0.append(line) }
        walk?.runner.receive(line.text)
    }

    private var startWith: (ManagedSession.Configuration, CredentialProvider)?
    /// Asks the user (dialogs) what the command line did not give.
    private var dialogs: DialogCredentials?

    func start(_ configuration: ManagedSession.Configuration, credentials: CredentialProvider, dialogs: DialogCredentials? = nil) {
        startWith = (configuration, credentials)
        self.dialogs = dialogs
        let thread = Thread { [self] in
            if let start = startWith { run(start.0, credentials: start.1) }
            finished.signal()
        }
        thread.name = "device session"
        thread.start()
    }

    /// Asks the session to end and waits (bounded) until it has turned its debugs off.
    func stop(timeout: TimeInterval = 20) {
        stopping.withLock { $0 = true }
        dialogs?.stop()
        _ = finished.wait(timeout: .now() + timeout)
    }

    var isStopping: Bool { stopping.withLock { $0 } }

    // MARK: effects (UI thread)

    func handle(_ effect: ConsoleEffect, send: @escaping @Sendable (ConsoleMsg) -> Void) {
        let request: Request
        switch effect {
        case .debugOn(let kinds): request = .debugOn(kinds)
        case .debugOff: request = .debugOff
        case .execute(let command): request = .execute(command, confirmed: false)
        case .executeConfirmed(let command): request = .execute(command, confirmed: true)
        case .setPollInterval(let seconds): request = .pollInterval(seconds)
        case .focusPeer(let peer): request = .focus(peer)
        case .startWalkthrough(let name, let peer): request = .walk(name, peer: peer)
        case .walkthroughControl(let control): request = .walkControl(control)
        case .compare(let other): request = .compare(other)
        case .answerPassword(let id, let password):
            dialogs?.answerPassword(id: id, password: password)
            return
        case .answerHostKey(let id, let decision):
            dialogs?.answerHostKey(id: id, decision: decision)
            return
        case .quit, .redraw, .loadTheme, .startLog, .export:
            return // run by the console runner itself
        }
        requests.withLock { $0.append(request) }
    }

    // MARK: session thread

    func post(_ msg: ConsoleMsg) { inbox.post(msg) }

    private func connection(_ state: ConnectionInfo.State) {
        post(.connection(ConnectionInfo(device: device, transport: transport, state: state,
                                        privilege: managed?.driver?.promptText.hasSuffix("#") == true ? 15 : nil)))
    }

    private func run(_ configuration: ManagedSession.Configuration, credentials: CredentialProvider) {
        var twoSessions = configuration
        twoSessions.separateMonitorSession = true
        let managed = ManagedSession(configuration: twoSessions, credentials: credentials)
        managed.onNotice = { [weak self] in self?.post(.notice($0, isError: false)) }
        self.managed = managed
        connection(.connecting)
        var delay: TimeInterval = 1
        while !isStopping {
            do {
                try managed.connect()
                connection(.connected)
                delay = 1
                if let stale = managed.staleDebugs() {
                    let problems = (try? managed.cleanUpStaleDebugs(stale)) ?? ["the cleanup failed"]
                    post(.notice("turned off debugs an earlier run left on (\(stale.commands.joined(separator: "; ")))" +
                                 (problems.isEmpty ? "" : ": " + problems.joined(separator: "; ")), isError: !problems.isEmpty))
                }
                try armWanted(managed)
                try serve(managed)
            } catch {
                guard !isStopping else { break }
                if let ended = loginEnded(error) {
                    // Asking again would only repeat the question the user turned down.
                    post(.notice("\(device): \(ended)", isError: true))
                    connection(.disconnected(reason: ended))
                    while !isStopping { Thread.sleep(forTimeInterval: 0.1) }
                    break
                }
                post(.notice("\(device): \(error)", isError: true))
                connection(.reconnecting(at: Date().addingTimeInterval(delay)))
                // Wait for the next attempt, but stop at once when asked to.
                let until = Date().addingTimeInterval(delay)
                while Date() < until, !isStopping { Thread.sleep(forTimeInterval: 0.1) }
                delay = min(delay * 2, 30)
                if !isStopping {
                    _ = try? managed.reconnect(attempts: 1, interruptible: false)
                    if managed.driver != nil { connection(.connected); try? armWanted(managed); continue }
                }
            }
        }
        let problems = managed.close()
        post(.debugsChanged([]))
        connection(.disconnected(reason: problems.isEmpty ? "closed; debugs off" : "closed; cleanup problems: " + problems.joined(separator: "; ")))
    }

    /// Why connecting stops for good: the user cancelled the password or rejected the host
    /// key, or the host key changed. A refused password is forgotten (the next try asks).
    private func loginEnded(_ error: Error) -> String? {
        if let refusal = dialogs?.takeRefusal() { return refusal }
        guard case let .connection(failure)? = error as? DeviceSessionError else { return nil }
        if failure.kind == .authenticationFailed { dialogs?.forgetLoginPassword() }
        return failure.kind == .changedHostKey ? failure.description : nil
    }

    /// The steady state: poll when due, pump the line between polls, run requests.
    private func serve(_ managed: ManagedSession) throws {
        let platform = managed.platform ?? .ios
        var poller = SnapshotPoller(commands: Self.polls(platform), interval: pollInterval)
        while !isStopping {
            try runRequests(managed, poller: &poller)
            try advanceWalkthrough(managed)
            let taken = try poller.pollIfDue(managed)
            forwardLines()
            if !taken.isEmpty { publish(taken, platform: managed.platform) }
            try managed.pump(for: min(poller.timeUntilDue(), .milliseconds(200)))
            forwardLines()
        }
    }

    static func polls(_ platform: Platform) -> [String] {
        platform == .asa
            ? ["show crypto isakmp sa", "show crypto ipsec sa"]
            : ["show crypto isakmp sa", "show crypto ipsec sa", "show crypto engine connections active"]
    }

    private func runRequests(_ managed: ManagedSession, poller: inout SnapshotPoller) throws {
        let pending = requests.withLock { q -> [Request] in defer { q.removeAll() }; return q }
        for request in pending {
            switch request {
            case .debugOn(let kinds):
                wantedDebugs = Array(Set(wantedDebugs + kinds)).sorted()
                try armWanted(managed)
            case .debugOff:
                wantedDebugs = []
                let problems = managed.disarmDebugs()
                post(.debugsChanged([]))
                post(.notice(problems.isEmpty ? "debugs off (undebug all)" : "debugs off, with problems: " + problems.joined(separator: "; "), isError: !problems.isEmpty))
            case .execute(let command, let confirmed):
                // A disruptive command goes to the device only after the user's yes in the dialog.
                if !confirmed, case .needsConfirmation(let reason) = CommandPolicy.evaluate(command) {
                    post(.confirmDisruptive(command: command, reason: reason))
                    continue
                }
                do {
                    let result = try managed.execute(command, confirmed: confirmed)
                    var lines = [DebugInput(text: "── \(result.prompt)\(result.command)")]
                    lines += result.output.map { DebugInput(text: $0) }
                    post(.debugLines(lines))
                    if let error = result.deviceError { post(.notice("\(command): \(error)", isError: true)) }
                } catch {
                    if error.isConnectionLost { throw error }
                    post(.notice("\(command): \(error)", isError: true))
                }
            case .pollInterval(let seconds):
                pollInterval = .milliseconds(Int(seconds * 1000))
                poller.interval = pollInterval
                post(.pollIntervalChanged(seconds))
            case .focus(let focused):
                peer = focused
                if !wantedDebugs.isEmpty { try armWanted(managed) }
            case .walk(let name, let walkPeer):
                startWalkthrough(name, peer: walkPeer ?? peer, managed: managed)
            case .walkControl(let control):
                controlWalkthrough(control)
            case .compare(let other):
                do {
                    let own = try managed.execute("show running-config")
                    guard let (configuration, credentials) = startWith,
                          let fixed = dialogs?.fixed ?? (credentials as? StaticCredentials) else { break }
                    LiveComparison.start(ownText: own.output.joined(separator: "\n"), ownSource: "this device (\(device))", other: other,
                                         base: configuration, credentials: fixed, catalog: catalog, platform: managed.platform,
                                         post: { [inbox] in inbox.post($0) })
                } catch {
                    if error.isConnectionLost { throw error }
                    post(.comparisonFailed(ComparisonAdvice.sessionFailed(.own, source: "this device (\(device))", error: error)))
                }
            }
        }
    }

    /// (Re)arms the debugs the user asked for, conditioned on the focused peer.
    func armWanted(_ managed: ManagedSession) throws {
        guard !wantedDebugs.isEmpty else { return }
        if !managed.debugs.armedCommands.isEmpty { _ = managed.disarmDebugs() }
        try managed.armDebugs(wantedDebugs, peer: peer)
        post(.debugsChanged(Set(wantedDebugs)))
        post(.notice("debugs on: " + managed.debugs.armedCommands.joined(separator: "; "), isError: false))
    }

    /// Debug lines to the console and through the diagnosis; new findings when they change.
    private func forwardLines() {
        let lines = arrived.withLock { q -> [AsynchronousLine] in defer { q.removeAll(keepingCapacity: true) }; return q }
        if lines.isEmpty {
            diagnosis.flush()
        } else {
            var inputs: [DebugInput] = []
            inputs.reserveCapacity(lines.count)
            for line in lines {
                streamLines += 1
                inputs.append(DebugInput(text: line.text, sourceLine: streamLines))
                line.text.withByteLine(number: streamLines) { diagnosis.consume($0) }
            }
            post(.debugLines(inputs))
        }
        let marks = diagnosis.takeEvidenceMarks()
        if !marks.isEmpty { post(.evidenceMarks(marks)) }
        postFindingsIfChanged()
    }

    private func publish(_ taken: [DeviceSession.Snapshot], platform: Platform?) {
        var report = AnalysisReport()
        for s in taken {
            if let error = s.deviceError { post(.notice("\(s.command): \(error)", isError: true)); continue }
            report.append(s.report, file: nil)
        }
        let at = taken.last?.takenAt ?? Date()
        post(.snapshot(ConsoleUI.Snapshot(report: report, takenAt: at, platform: platform)))
        stateFindings = previousReport.map { StateDiagnosis.diagnose(before: $0, after: report, catalog: catalog) }
            ?? StateDiagnosis.diagnose(report, catalog: catalog)
        previousReport = report
        postFindingsIfChanged()
    }

    private func postFindingsIfChanged() {
        let findings = catalog.describe((diagnosis.findings + stateFindings).sortedForDisplay())
        let counts = Dictionary(findings.map { ($0.id + "|" + ($0.peer ?? ""), $0.count) }, uniquingKeysWith: +)
        guard counts != lastPosted else { return }
        lastPosted = counts
        let now = Date()
        post(.findings(findings.map { $0.item(catalog: catalog, platform: managed?.platform, lastSeen: now) }))
    }
}
