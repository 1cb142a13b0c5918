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
        after a lost connection (it reconnects to do so). Over ssh the debugs get a second \
        connection of their own (terminal monitor there), so the polled tables stay clean; when \
        the device refuses a second session, both share one. If the run is killed outright, the next \
        run against the device offers the cleanup (--clean-stale-debugs).

        Every received line also goes through the diagnosis (the signature catalog with your \
        overrides), and every snapshot through the state rules (compared with the previous \
        snapshot of the same command). A finding is printed when it first appears or its count \
        changes ("FINDING [severity] id peer: title (count)"), and the run ends with a summary \
        of all findings. Stream lines are numbered 1, 2, 3... in the order received: a stream \
        finding's first_line, last_line and evidence are those numbers; a state finding's are \
        lines of its command's output.

        With --json each event is one JSON object per line: {"type":"line"|"snapshot"|"finding"|\
        "status"|"summary", ...}; times are ISO 8601 UTC with milliseconds. A finding event is \
        {"type":"finding","at":...,"source":"stream" or the show command,"finding":{id, title, \
        severity, phase, peer, count, first_line, last_line, evidence, captures, related, ...}}; \
        the summary carries the same finding objects with the catalog's causes and fixes.

        Exit status: 0 success, 1 the device refused a debug command, 2 usage error, 3 connection \
        or login failure, 128+N ended by signal N (after cleanup). Findings do not change the \
        exit status.
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
        let diagnosis = WatchDiagnosis(catalog: try UserSignatureFiles.catalogWithOverrides())
        let configuration = try session.sessionConfiguration(target: target, credentials: credentials) { line in
            out.line(line, number: diagnosis.linesReceived + 1)
            for update in diagnosis.line(line.text) { out.finding(update) }
        }
        InterruptSignals.shared.install()
        var twoSessions = configuration
        twoSessions.separateMonitorSession = true
        let managed = ManagedSession(configuration: twoSessions, credentials: credentials)
        managed.onNotice = { out.status("session", ["message": $0]) }
        managed.onReconnect = { attempt, delay, error in
            out.status("reconnecting", ["attempt": "\(attempt)", "delay_seconds": "\(delay.components.seconds)", "reason": error.description])
        }
        let kinds = try debugKinds()
        var failure: DeviceSessionError?
        do {
            try managed.connect()
            out.status("connected", ["target": target.description, "platform": managed.platform?.rawValue ?? "unknown", "prompt": managed.driver?.promptText ?? ""])
            try session.handleStaleDebugs(managed) { out.status("stale_debugs", ["message": $0]) }
            try loop(managed, kinds: kinds, out: out, diagnosis: diagnosis)
        } catch let error as DeviceSessionError {
            failure = error
            if case .interrupted = error {} else { out.status("error", ["message": error.description]) }
        }
        let problems = managed.close()
        for update in diagnosis.quiet() { out.finding(update) }
        out.status("closed", ["debugs": problems.isEmpty ? "off" : "cleanup problems: " + problems.joined(separator: "; ")])
        out.summary(linesReceived: diagnosis.linesReceived, findings: diagnosis.summary)
        if let failure { throw ExitCode(ExitStatus.forError(failure)) }
    }

    private func loop(_ managed: ManagedSession, kinds: [DebugKind], out: EventWriter,
                      diagnosis: WatchDiagnosis) throws(DeviceSessionError) {
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
                for snapshot in try poller.pollIfDue(managed) {
                    out.snapshot(snapshot)
                    guard snapshot.deviceError == nil else { continue }
                    for update in diagnosis.snapshot(command: snapshot.command, report: snapshot.report) { out.finding(update) }
                }
                if debugsWanted, let debugEnd, clock.now >= debugEnd {
                    debugsWanted = false
                    let problems = managed.disarmDebugs()
                    out.status("debugs_off", ["reason": "debug timeout", "problems": problems.joined(separator: "; ")])
                }
                var wait = min(poller.timeUntilDue(), .seconds(1))
                if let end { wait = min(wait, max(.zero, clock.now.duration(to: end))) }
                let linesBefore = diagnosis.linesReceived
                try managed.pump(for: wait)
                if diagnosis.linesReceived == linesBefore {
                    for update in diagnosis.quiet() { out.finding(update) }
                }
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
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(UTCTime(date).iso8601)
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// One device line, classified: `kind` is debug-isakmp, debug-ipsec, debug-engine, syslog or other.
    private struct LineEvent: Encodable {
        var type = "line"
        var receivedAt: Date
        /// 1-based position in the stream: the numbers stream findings cite.
        var number: Int
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
    private struct FindingEvent: Encodable { var type = "finding"; var at: Date; var source: String; var finding: Finding }
    private struct SummaryEvent: Encodable {
        struct Entry: Encodable { var source: String; var finding: Finding }
        var type = "summary"; var at: Date; var linesReceived: Int; var findings: [Entry]
    }

    func line(_ line: AsynchronousLine, number: Int) {
        guard json else { write("\(Self.time(line.receivedAt)) \(line.text)"); return }
        let c = line.text.withByteLine { classifier.classify($0) }
        emit(LineEvent(receivedAt: line.receivedAt, number: number, text: line.text, asynchronous: line.recognised, kind: c.kind.rawValue,
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

    func finding(_ update: WatchDiagnosis.Update) {
        if json { emit(FindingEvent(at: Date(), source: update.source, finding: update.finding)); return }
        write("\(Self.time(Date())) " + Self.findingText(update.finding, prefix: "FINDING"))
    }

    func summary(linesReceived: Int, findings: [WatchDiagnosis.Update]) {
        if json {
            emit(SummaryEvent(at: Date(), linesReceived: linesReceived,
                              findings: findings.map { SummaryEvent.Entry(source: $0.source, finding: $0.finding) }))
            return
        }
        write("Summary: \(linesReceived) line(s) received, \(findings.count) finding(s)")
        for update in findings {
            let lines = update.finding.firstLine.map { first in
                " " + (update.source == WatchDiagnosis.streamSource ? "stream" : update.source) + " line \(first)"
                    + (update.finding.lastLine.map { $0 != first ? "-\($0)" : "" } ?? "")
            } ?? ""
            write(Self.findingText(update.finding, prefix: " ") + lines)
        }
    }

    /// `FINDING [error] isakmp-psk-mismatch 10.1.1.2: Pre-shared key mismatch (3)`.
    static func findingText(_ f: Finding, prefix: String) -> String {
        "\(prefix) [\(f.severity.rawValue)] \(f.id)" + (f.peer.map { " " + $0 } ?? "") + ": \(f.title) (\(f.count))"
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

    static func time(_ date: Date) -> String { UTCTime(date).clock }
}

/// A UTC time split into fields once, without a formatter per event (watch prints thousands
/// of events a second under heavy debugging).
struct UTCTime {
    var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0

    init(_ date: Date) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds.quotient(1000))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        year = Int(fields.tm_year) + 1900; month = Int(fields.tm_mon) + 1; day = Int(fields.tm_mday)
        hour = Int(fields.tm_hour); minute = Int(fields.tm_min); second = Int(fields.tm_sec)
        millisecond = Int(milliseconds - milliseconds.quotient(1000) * 1000)
    }

    /// `2026-11-29T04:01:02.345Z`
    var iso8601: String {
        Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) + "T" + clock + "Z"
    }

    /// `04:01:02.345`
    var clock: String {
        Self.pad(hour, 2) + ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2) + "." + Self.pad(millisecond, 3)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

private extension Int64 {
    /// Division rounding towards minus infinity (times before 1970 stay correct).
    func quotient(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
