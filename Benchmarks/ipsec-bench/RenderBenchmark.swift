import ConsoleUI
import Foundation
import IPsecKit

/// The console's frame cost and memory: a hub's 10,000 IPsec SAs in the tables and a
/// full 100,000-line debug scrollback, rendered into the in-memory screen frame after
/// frame while the user scrolls and new debug lines arrive; then 1,000,000 debug lines
/// streamed in, to show memory is bounded by the scrollback, not by the stream.
enum RenderBenchmark {
    static func run(arguments: [String]) -> Int32 {
        let peers = value(after: "--peers", in: arguments) ?? 10_000
        let frames = value(after: "--frames", in: arguments) ?? 300
        print("console render: \(peers) IPsec peers, 100,000 debug lines retained, \(frames) frames per size")

        let (before, after) = snapshots(peers: peers)
        for (width, height) in [(80, 24), (160, 48)] {
            var state = ConsoleState(width: width, height: height, now: Date(), theme: .fallback,
                                     connection: ConnectionInfo(device: "hub", transport: "bench", state: .connected))
            _ = ConsoleUpdate.update(&state, .snapshot(Snapshot(report: before, takenAt: Date().addingTimeInterval(-5))))
            _ = ConsoleUpdate.update(&state, .snapshot(Snapshot(report: after, takenAt: Date())))
            var sequence = 0
            feedDebug(&state, count: 100_000, sequence: &sequence)
            var times: [Double] = []
            times.reserveCapacity(frames)
            // Each frame: a key (scroll the phase 2 table, switch panes) or a batch of new
            // debug lines, then a full render, as the runner does.
            let keys: [Key] = [.down, .down, .pageDown, .char("2"), .down, .char("4"), .up, .char("1")]
            for frame in 0..<frames {
                if frame % 3 == 0 { feedDebug(&state, count: 50, sequence: &sequence) }
                _ = ConsoleUpdate.update(&state, .key(keys[frame % keys.count]))
                let t = DiagnosisBenchmark.now()
                let screen = ConsoleView.render(state)
                times.append(DiagnosisBenchmark.now() - t)
                if screen.width != width { print("unexpected screen size"); return 1 }
            }
            times.sort()
            let p50 = times[times.count / 2] * 1000, p99 = times[min(times.count - 1, times.count * 99 / 100)] * 1000
            print(String(format: "  %3dx%-3d  p50 %.2f ms  p99 %.2f ms  max %.2f ms  (target p99 < 16 ms: %@)",
                         width, height, p50, p99, times.last! * 1000, p99 < 16 ? "met" : "MISSED"))
        }

        // Memory with a long stream: the scrollback keeps the newest 100,000 lines only.
        var state = ConsoleState(width: 160, height: 48, now: Date(), theme: .fallback,
                                 connection: ConnectionInfo(device: "hub", transport: "bench", state: .connected))
        var sequence = 0
        var marks: [(Int, Int)] = []
        for step in 1...10 {
            feedDebug(&state, count: 100_000, sequence: &sequence)
            _ = ConsoleView.render(state)
            if step == 2 || step == 5 || step == 10 { marks.append((step * 100_000, DiagnosisBenchmark.peakResidentKB())) }
        }
        print("  debug stream memory (VmHWM): " + marks.map { "\($0.1 / 1024) MB after \($0.0) lines" }.joined(separator: ", "))
        let growth = Double(marks.last!.1 - marks[0].1) / Double(max(1, marks[0].1))
        print(String(format: "  growth from 200,000 to 1,000,000 lines: %.1f%% (bounded by the 100,000-line scrollback)", growth * 100))
        return 0
    }

    /// Two polls of a hub, five seconds apart, with every counter moving.
    static func snapshots(peers: Int) -> (AnalysisReport, AnalysisReport) {
        func parse(_ bytes: [UInt8]) -> AnalysisReport {
            var analyzer = SessionAnalyzer(options: .init(command: .ipsecSA, platform: .ios), isAsynchronous: { _ in false })
            analyzer.feed(bytes)
            return analyzer.finish()
        }
        let first = parse(ShowOutputGenerator.iosIpsecSA(peers: peers))
        var second = first
        for i in second.ipsecSas.indices {
            second.ipsecSas[i].counters.pktsEncaps = (second.ipsecSas[i].counters.pktsEncaps ?? 0) + 500 + i % 97
            second.ipsecSas[i].counters.pktsDecaps = (second.ipsecSas[i].counters.pktsDecaps ?? 0) + 480 + i % 89
        }
        return (first, second)
    }

    static let templates = [
        "*Nov 29 03:%02d:%02d.%03d: ISAKMP (0:%d): processing SA payload. message ID = 0",
        "*Nov 29 03:%02d:%02d.%03d: ISAKMP (0:%d): Checking ISAKMP transform 1 against priority 10 policy",
        "*Nov 29 03:%02d:%02d.%03d: IPSEC(validate_proposal_request): proposal part #%d,",
        "*Nov 29 03:%02d:%02d.%03d: %%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=%d",
        "*Nov 29 03:%02d:%02d.%03d: crypto_engine: Generate IKE hash %d",
    ]

    static func feedDebug(_ state: inout ConsoleState, count: Int, sequence: inout Int) {
        var batch: [DebugInput] = []
        batch.reserveCapacity(min(count, 2000))
        for _ in 0..<count {
            sequence += 1
            let s = sequence
            let text = String(format: templates[s % templates.count], (s / 60000) % 60, (s / 1000) % 60, s % 1000, s % 4096)
            batch.append(DebugInput(text: text, sourceLine: s))
            if batch.count == 2000 {
                _ = ConsoleUpdate.update(&state, .debugLines(batch))
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { _ = ConsoleUpdate.update(&state, .debugLines(batch)) }
    }

    static func value(after flag: String, in arguments: [String]) -> Int? {
        guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
        return Int(arguments[i + 1])
    }
}
