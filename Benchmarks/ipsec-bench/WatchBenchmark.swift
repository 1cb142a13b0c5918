import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `ipsec-bench watch [--rate N] [--seconds S] [--scenario ID]` (defaults 5000, 60,
/// reserved-not-zero): `ipsec-console watch` over a
/// real OpenSSH server against the lab device in load mode.
///
/// A private sshd on 127.0.0.1 (own config, host key and client key; needs root) runs
/// `ipsec-console lab-device --debug-rate N` as its ForceCommand. The bench runs
/// `ipsec-console watch ssh://... --json --debug isakmp --duration S` (the binary next to
/// this one) and reads its events afterwards:
/// - lines: load-mode lines carry sequence numbers 1, 2, 3...; every number must arrive once,
///   in order, and as many as the lab sent: its schedule (a line every 1000/rate ms of lab
///   time) between the audit file's lab times of `terminal monitor`/`debug` and `undebug all`.
/// - latency: a load-mode line is stamped with the lab time it was due; the offset between
///   lab time and the wall clock is calibrated on the fastest line (taken as zero delay),
///   so the figures are from the device emitting a line to the watch's finding event for
///   it (the finding whose `last_line` is that line), minus the fastest line's transport.
/// - client CPU: user+system time of the watch process and its ssh (wait4); peak memory:
///   VmHWM of the watch process, sampled until it exits.
enum WatchBenchmark {
    static let user = PrivateSSHServer.user
    /// IPSEC_BENCH_KEEP=1 keeps the watch's events, the audit and sshd's log for a look.
    static let keepFiles = ProcessInfo.processInfo.environment["IPSEC_BENCH_KEEP"] != nil

    static func run(arguments: [String]) -> Int32 {
        // reserved-not-zero: every cycle of its debug script raises the finding again, so
        // each cycle gives a latency sample (main-mode-failed counts one failure per peer).
        var rate = 5000, seconds = 60, scenario = "reserved-not-zero"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--rate": rate = rest.popFirst().flatMap { Int($0) } ?? rate
            case "--seconds": seconds = rest.popFirst().flatMap { Int($0) } ?? seconds
            case "--scenario": scenario = rest.popFirst() ?? scenario
            default: fail("unknown option \(flag)"); return 2
            }
        }
        guard getuid() == 0 else { fail("the watch benchmark runs a private sshd and needs root"); return 2 }
        let console = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("ipsec-console").path
        guard FileManager.default.isExecutableFile(atPath: console) else {
            fail("\(console) not found: build it (swift build -c release --product ipsec-console)"); return 2
        }
        do {
            let server = try PrivateSSHServer(device: [console, "lab-device", "--persona", "ios", "--scenario", scenario,
                                                       "--debug-rate", String(rate)], passwordLogin: false,
                                              trustHostKey: true, removeOnStop: !keepFiles, name: "bench-watch")
            defer {
                server.stop()
                if keepFiles { print("  kept \(server.directory)") }
            }
            return try measure(server: server, console: console, rate: rate, seconds: seconds, scenario: scenario)
        } catch {
            fail("\(error)")
            return 1
        }
    }

    static func measure(server: PrivateSSHServer, console: String, rate: Int, seconds: Int, scenario: String) throws -> Int32 {
        let events = server.directory + "/watch.jsonl"
        let arguments = [console, "watch", "ssh://\(user)@127.0.0.1:\(server.port)", "--json", "--debug", "isakmp",
                         "--duration", "\(seconds)s", "--state-directory", server.directory + "/state"]
            + server.clientArguments(key: true).map { "--ssh-arg=\($0)" }
        print("watch benchmark: \(scenario), lab --debug-rate \(rate), \(seconds) s, over sshd on 127.0.0.1:\(server.port)")
        let started = Date()
        let pid = try ChildProgram.spawn(arguments, stdout: events, stderr: server.directory + "/watch.err")
        let child = ChildGuard(pid)
        defer { child.stopIfRunning() }
        var peakKB = 0, watchTicks = 0
        var status: Int32 = 0
        var usage = rusage()
        while true {
            peakKB = max(peakKB, ProcFile.statusKB(pid: pid, field: "VmHWM") ?? 0)
            watchTicks = ProcFile.cpuTicks(pid: pid) ?? watchTicks
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 { throw BenchError("wait4 failed: errno \(errno)") }
            usleep(100_000)
        }
        child.reaped()
        let elapsed = Date().timeIntervalSince(started)
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let analysis = try WatchEventAnalysis(path: events)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let sent = server.linesScheduled(rate: rate)
        print("  watch exit status \(exit), ran \(String(format: "%.1f", elapsed)) s")
        print("  lines received: \(analysis.numbered) numbered (sequence \(analysis.firstSequence ?? 0)...\(analysis.lastSequence ?? 0)),"
              + " sent by the lab: \(sent.map(String.init) ?? "unknown") (its schedule over the audit's command times)")
        print("  gaps: \(analysis.missing) missing, \(analysis.duplicates) repeated, \(analysis.outOfOrder) out of order")
        print("  finding events: \(analysis.findingEvents) (\(analysis.latencies.count) for numbered lines);"
              + " findings at the end: \(analysis.summaryIDs.joined(separator: ", "))")
        if analysis.latencies.isEmpty {
            print("  latency: no finding for a numbered line")
        } else {
            let sorted = analysis.latencies.sorted()
            func p(_ q: Double) -> String { String(format: "%.1f ms", sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]) }
            print("  latency device line -> finding event: p50 \(p(0.5)), p99 \(p(0.99)), max \(p(1.0))"
                  + " (lab clock calibrated on the fastest line, \(String(format: "%.1f", analysis.offsetSpreadMs)) ms line transit spread p99)")
        }
        print("  client CPU: watch \(String(format: "%.2f", Double(watchTicks) / Double(sysconf(Int32(_SC_CLK_TCK))))) s,"
              + " watch+ssh \(String(format: "%.2f", cpu)) s (\(String(format: "%.0f", cpu / max(elapsed, 0.001) * 100)) % of one core)")
        print("  watch peak memory (VmHWM): \(peakKB / 1024) MB (\(peakKB) kB)")
        let complete = analysis.missing == 0 && analysis.duplicates == 0 && analysis.outOfOrder == 0 && analysis.firstSequence == 1
            && sent == analysis.numbered
        print("  lines received == sent: \(complete ? "yes" : "NO")")
        return exit == 0 && complete ? 0 : 1
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("ipsec-bench watch: \(message)\n".utf8))
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What the watch printed: numbered load lines, finding events and their delay.
struct WatchEventAnalysis {
    var numbered = 0
    var firstSequence: Int?
    var lastSequence: Int?
    var missing = 0, duplicates = 0, outOfOrder = 0
    var findingEvents = 0
    var latencies: [Double] = []
    var offsetSpreadMs = 0.0
    var summaryIDs: [String] = []

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("no watch output at \(path)") }
        // Stream line number -> (received wall ms, lab ms the line was due).
        var lines: [Int: (received: Double, lab: Double)] = [:]
        var findings: [(at: Double, line: Int)] = []
        var seen = Set<Int>()
        var previous = 0
        for raw in data.split(separator: UInt8(ascii: "\n")) {
            guard let event = try? JSONSerialization.jsonObject(with: raw) as? [String: Any] else { continue }
            switch event["type"] as? String {
            case "line":
                guard let text = event["text"] as? String, let number = event["number"] as? Int,
                      let (sequence, lab) = Self.loadLine(text),
                      let received = (event["received_at"] as? String).flatMap(Self.wallMilliseconds) else { continue }
                numbered += 1
                if firstSequence == nil { firstSequence = sequence }
                lastSequence = max(lastSequence ?? 0, sequence)
                if !seen.insert(sequence).inserted { duplicates += 1 } else if sequence < previous { outOfOrder += 1 }
                previous = max(previous, sequence)
                lines[number] = (received, lab)
            case "finding":
                findingEvents += 1
                guard event["source"] as? String == "stream",
                      let last = (event["finding"] as? [String: Any])?["last_line"] as? Int,
                      let at = (event["at"] as? String).flatMap(Self.wallMilliseconds) else { continue }
                findings.append((at, last))
            case "summary":
                summaryIDs = ((event["findings"] as? [[String: Any]]) ?? []).compactMap { ($0["finding"] as? [String: Any])?["id"] as? String }
            default: continue
            }
        }
        if let first = firstSequence, let last = lastSequence { missing = (last - first + 1) - seen.count }
        // Wall = lab + offset + transit; the fastest line sets the offset (transit 0).
        let offsets = lines.values.map { $0.received - $0.lab }.sorted()
        guard let offset = offsets.first else { return }
        offsetSpreadMs = offsets[min(offsets.count - 1, Int(Double(offsets.count) * 0.99))] - offset
        latencies = findings.compactMap { f in lines[f.line].map { f.at - ($0.lab + offset) } }
    }

    /// `000123: *Mar  1 11:45:55.812: ISAKMP ...` -> (123, lab milliseconds of the timestamp).
    static func loadLine(_ text: String) -> (Int, Double)? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 5, parts[0].hasSuffix(":"), let sequence = Int(parts[0].dropLast()),
              parts[1] == "*Mar", let day = Double(parts[2]) else { return nil }
        let clock = parts[3].hasSuffix(":") ? parts[3].dropLast() : parts[3]
        let fields = clock.split(separator: ":")
        guard fields.count == 3, let h = Double(fields[0]), let m = Double(fields[1]), let s = Double(fields[2]) else { return nil }
        return (sequence, ((day * 24 + h) * 60 + m) * 60_000 + s * 1000)
    }

    /// `2026-11-29T04:01:02.345Z` -> milliseconds since 1970.
    static func wallMilliseconds(_ text: String) -> Double? {
        let b = Array(text.utf8)
        guard b.count >= 24 else { return nil }
        func n(_ from: Int, _ count: Int) -> Int? { Int(String(decoding: b[from..<(from + count)], as: UTF8.self)) }
        guard let year = n(0, 4), let month = n(5, 2), let day = n(8, 2), let hour = n(11, 2), let minute = n(14, 2),
              let second = n(17, 2), let millisecond = n(20, 3) else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900); fields.tm_mon = Int32(month - 1); fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour); fields.tm_min = Int32(minute); fields.tm_sec = Int32(second)
        return Double(timegm(&fields)) * 1000 + Double(millisecond)
    }
}

extension PrivateSSHServer {
    /// Load-mode lines the lab printed: slots due (k * 1000 / rate ms) after `debug crypto
    /// isakmp` and `terminal monitor` and up to `undebug all`, by the audit file's lab times
    /// (the lab advances its clock before it reads a command, so the slot due at the very
    /// millisecond of `undebug all` is printed and the one at `terminal monitor` is not).
    func linesScheduled(rate: Int) -> Int? {
        let entries = ((try? String(contentsOfFile: audit, encoding: .utf8)) ?? "").split(separator: "\n")
        func labMilliseconds(_ command: String, last: Bool) -> Int? {
            let matching = entries.filter { $0.hasSuffix(" " + command) }
            guard let line = last ? matching.last : matching.first else { return nil }
            return line.split(separator: " ").first.flatMap { WatchEventAnalysis.wallMilliseconds(String($0)) }.map { Int($0) }
        }
        // Lines show once both the debug and `terminal monitor` are on, until `undebug all`.
        guard let debugOn = labMilliseconds("debug crypto isakmp", last: false),
              let monitorOn = labMilliseconds("terminal monitor", last: false),
              let off = labMilliseconds("undebug all", last: true) else { return nil }
        let on = max(debugOn, monitorOn)
        return (off * rate / 1000) - (on * rate / 1000)
    }
}

/// Ends a child the bench started (by its pid) if the bench leaves early.
final class ChildGuard {
    private var pid: pid_t
    init(_ pid: pid_t) { self.pid = pid }
    func reaped() { pid = 0 }
    func stopIfRunning() {
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        pid = 0
    }
}

/// Figures from /proc for a running process.
enum ProcFile {
    /// A `kB` field of /proc/PID/status (VmHWM, VmRSS).
    static func statusKB(pid: pid_t, field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
        return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
    }

    /// utime + stime of /proc/PID/stat, in clock ticks.
    static func cpuTicks(pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime field 14, stime field 15.
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }
}
