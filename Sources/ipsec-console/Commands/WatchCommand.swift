import ArgumentParser
import DeviceSession
import Foundation
import IPsecKit

/// `ipsec-console watch`: debugs on, stream the device's lines, poll SA tables, clean up.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Turn crypto debugs on, stream what the device prints and poll its SA tables.",
        discussion: """
        Limits debugs to --peer when given (debug crypto condition), prints every debug and syslog \
        line as it arrives and the parsed SA tables every --interval, and turns the debugs off \
        (undebug all, terminal no monitor) at the end, on Ctrl-C, SIGTERM, SIGHUP, on an error and \
        after a lost connection (it reconnects to do so). If the run is killed outright, the next \
        run against the device offers the cleanup (--clean-stale-debugs).

        With --json each event is one JSON object per line: {"type":"line"|"snapshot"|"status", ...}.

        Exit status: 0 success, 1 the device refused a debug command, 2 usage error, 3 connection \
        or login failure, 128+N ended by signal N (after cleanup).
        """
    )

    @OptionGroup var session: SessionOptions

    @Option(help: ArgumentHelp("Debugs to turn on, comma-separated: isakmp, ipsec, ikev2, engine.", valueName: "list"))
    var debug: String?

    @Option(help: ArgumentHelp("Limit debugs and SA polling to this peer address.", valueName: "ip"))
    var peer: String?

    @Option(help: ArgumentHelp("Stop after this long (default: until Ctrl-C).", valueName: "duration"))
    var duration: DurationArgument?

    @Option(help: ArgumentHelp("Turn the debugs off after this long but keep watching.", valueName: "duration"))
    var debugTimeout: DurationArgument?

    @Option(help: ArgumentHelp("Time between SA table polls (default 10s).", valueName: "duration"))
    var interval: DurationArgument?

    @Option(help: ArgumentHelp("Show command to poll instead of the default SA tables (repeatable).", valueName: "command"))
    var poll: [String] = []

    @Flag(help: "One JSON object per line.")
    var json = false

    func validate() throws {
        _ = try session.parsedTarget()
        try session.validateSecrets()
        _ = try debugKinds()
        for command in poll where CommandPolicy.evaluate(command) != .allowed || !command.lowercased().hasPrefix("sh") {
            throw ValidationError("--poll \"\(command)\": only show commands can be polled")
        }
        if let peer, !peer.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) {
            throw ValidationError("--peer \(peer) is not an IP address")
        }
    }

    func debugKinds() throws -> [DebugKind] {
        guard let debug else { return [] }
        return try debug.split(separator: ",").map { word in
            guard let kind = DebugKind(rawValue: word.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("--debug \(word): use isakmp, ipsec, ikev2 or engine")
            }
            return kind
        }
    }

    func run() throws {
        let target = try session.parsedTarget()
        let credentials = try session.credentials(target: target)
        let out = EventWriter(json: json)
        let configuration = try session.sessionConfiguration(target: target, credentials: credentials) { out.line($0) }
        InterruptSignals.shared.install()
        let managed = ManagedSession(configuration: configuration, credentials: credentials)
        managed.onReconnect = { attempt, delay, error in
            out.status("reconnecting", ["attempt": "\(attempt)", "delay_seconds": "\(delay.components.seconds)", "reason": error.description])
        }
        let kinds = try debugKinds()
        var failure: DeviceSessionError?
        do {
            try managed.connect()
            out.status("connected", ["target": target.description, "platform": managed.platform?.rawValue ?? "unknown", "prompt": managed.driver?.promptText ?? ""])
            try session.handleStaleDebugs(managed) { out.status("stale_debugs", ["message": $0]) }
            try loop(managed, kinds: kinds, out: out)
        } catch let error as DeviceSessionError {
            failure = error
            if case .interrupted = error {} else { out.status("error", ["message": error.description]) }
        }
        let problems = managed.close()
        out.status("closed", ["debugs": problems.isEmpty ? "off" : "cleanup problems: " + problems.joined(separator: "; ")])
        if let failure { throw ExitCode(ExitStatus.forError(failure)) }
    }

    private func loop(_ managed: ManagedSession, kinds: [DebugKind], out: EventWriter) throws(DeviceSessionError) {
        let clock = ContinuousClock()
        let end = duration.map { clock.now + $0.duration }
        let debugEnd = debugTimeout.map { clock.now + $0.duration }
        var debugsWanted = !kinds.isEmpty
        func arm() throws(DeviceSessionError) {
            guard debugsWanted else { return }
            try managed.armDebugs(kinds, peer: peer)
            out.status("debugs_on", ["commands": managed.debugs.armedCommands.joined(separator: "; ")])
        }
        try arm()
        let platform = managed.platform ?? .ios
        let commands = poll.isEmpty ? Self.defaultPolls(platform: platform, peer: peer) : poll
        var poller = SnapshotPoller(commands: commands, interval: interval?.duration ?? .seconds(10))
        while end.map({ clock.now < $0 }) ?? true {
            do {
                for snapshot in try poller.pollIfDue(managed) { out.snapshot(snapshot) }
                if debugsWanted, let debugEnd, clock.now >= debugEnd {
                    debugsWanted = false
                    let problems = managed.disarmDebugs()
                    out.status("debugs_off", ["reason": "debug timeout", "problems": problems.joined(separator: "; ")])
                }
                var wait = min(poller.timeUntilDue(), .seconds(1))
                if let end { wait = min(wait, max(.zero, clock.now.duration(to: end))) }
                try managed.pump(for: wait)
            } catch let error where error.isConnectionLost || managed.driver?.isBroken == true {
                out.status("connection_lost", ["message": error.description])
                try managed.reconnect()
                out.status("connected", ["prompt": managed.driver?.promptText ?? ""])
                try arm()
            }
        }
    }

    static func defaultPolls(platform: Platform, peer: String?) -> [String] {
        ["show crypto isakmp sa", "show crypto ipsec sa" + (peer.map { " peer \($0)" } ?? "")]
    }
}

/// Prints watch events as text or JSON lines, flushing each so a pipe sees them at once.
final class EventWriter {
    let json: Bool
    private let encoder: JSONEncoder

    init(json: Bool) {
        self.json = json
        encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// One device line, classified: `kind` is debug-isakmp, debug-ipsec, debug-engine, syslog or other.
    private struct LineEvent: Encodable {
        var type = "line"
        var receivedAt: Date
        var text: String
        var asynchronous: Bool
        var kind: String
        var deviceTimestamp: String?
        var syslog: String?
        var severity: Int?
        var peer: String?
        var connection: Int?
    }
    private var classifier = LineClassifier()
    private struct SnapshotEvent: Encodable { var type = "snapshot"; var takenAt: Date; var command: String; var deviceError: String?; var report: AnalysisReport }
    private struct StatusEvent: Encodable { var type = "status"; var at: Date; var event: String; var details: [String: String] }

    func line(_ line: AsynchronousLine) {
        guard json else { write("\(Self.time(line.receivedAt)) \(line.text)"); return }
        let c = line.text.withByteLine { classifier.classify($0) }
        emit(LineEvent(receivedAt: line.receivedAt, text: line.text, asynchronous: line.recognised, kind: c.kind.rawValue,
                       deviceTimestamp: c.timestamp, syslog: c.syslog.map { "\($0.facility)-\($0.severity)-\($0.mnemonic)" },
                       severity: c.syslog?.severity, peer: c.peer, connection: c.connection))
    }

    func snapshot(_ s: Snapshot) {
        if json { emit(SnapshotEvent(takenAt: s.takenAt, command: s.command, deviceError: s.deviceError, report: s.report)); return }
        if let error = s.deviceError { write("\(Self.time(s.takenAt)) [\(s.command)] device error: \(error)"); return }
        let r = s.report
        var parts: [String] = []
        if !r.isakmpSas.isEmpty || !r.isakmpSummary.isEmpty { parts.append("\(r.isakmpSas.count) IKE SA(s)") }
        if !r.ikev2Sas.isEmpty { parts.append("\(r.ikev2Sas.count) IKEv2 SA(s)") }
        if !r.ipsecSas.isEmpty { parts.append("\(r.ipsecSas.count) IPsec flow(s)") }
        if !r.cryptoSessions.isEmpty { parts.append("\(r.cryptoSessions.count) session(s)") }
        write("\(Self.time(s.takenAt)) [\(s.command)] " + (parts.isEmpty ? "nothing" : parts.joined(separator: ", ")))
    }

    func status(_ event: String, _ details: [String: String] = [:]) {
        if json { emit(StatusEvent(at: Date(), event: event, details: details)); return }
        let text = details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        FileHandle.standardError.write(Data("\(Self.time(Date())) \(event) \(text)\n".utf8))
    }

    private func emit<T: Encodable>(_ value: T) {
        guard let data = try? encoder.encode(value) else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func time(_ date: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss.SSS"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
