import Foundation
import IPsecKit

/// `ipsec-bench diagnose [--lines N] [--file PATH] [--regenerate] [--engine-only] [--stages] [--runs N]`
///
/// Streams a generated multi-peer debug + syslog capture through `StreamDiagnosis` (message
/// rejoining + `DiagnosisEngine`, as `analyze` and the console run it) in reads of
/// `LineFramer.readSize` (as `analyze` reads files), then runs the same file through
/// `grep -E -c -f` (and `rg -c -f` when installed) with one regex per signature: the
/// engine must not be slower than grep while also keeping context per exchange. The engine
/// and the tools run `--runs` times (default 5), alternating, and the medians are compared.
enum DiagnosisBenchmark {
    static func run(arguments: [String]) -> Int32 {
        var lines = 2_000_000
        var path: String?
        var regenerate = false
        var compare = true
        var stages = false
        var runs = 5
        var i = 0
        while i < arguments.count {
            let takesValue = ["--lines", "--file", "--runs"].contains(arguments[i])
            if takesValue, i + 1 >= arguments.count { print("\(arguments[i]) needs a value"); return 2 }
            switch arguments[i] {
            case "--lines": i += 1; lines = Int(arguments[i]) ?? lines
            case "--file": i += 1; path = arguments[i]
            case "--regenerate": regenerate = true
            case "--engine-only": compare = false
            case "--stages": stages = true
            case "--runs": i += 1; runs = max(1, Int(arguments[i]) ?? runs)
            default: print("unknown option \(arguments[i])"); return 2
            }
            i += 1
        }
        let file = path ?? NSTemporaryDirectory() + "ipsec-bench-diagnose-\(lines).log"
        if regenerate || !FileManager.default.fileExists(atPath: file) {
            let t = now()
            let bytes = DiagnosisLogGenerator(lines: lines).write(to: file)
            print(String(format: "generated %@: %d lines, %.1f MB in %.2f s", file, lines, Double(bytes) / 1e6, now() - t))
        }

        // The engine, streaming, `runs` times; the first run's findings, digest and memory
        // are reported (every run diagnoses the same file alike).
        let midpoint = lines / 2
        let probe = StreamDiagnosis(signatures: BenchmarkSignatures.all)
        if !probe.engine.patternProblems.isEmpty { print("pattern problems: \(probe.engine.patternProblems)"); return 1 }
        guard let first = streamEngine(file: file, midpoint: midpoint) else { print("cannot open \(file)"); return 1 }
        let engine = first.engine
        let findings = engine.findings
        let mb = Double(first.bytes) / 1e6
        print(String(format: "engine: %d lines, %.1f MB in %.3f s: %.2f M lines/s, %.1f MB/s",
                     engine.linesConsumed, mb, first.seconds, Double(engine.linesConsumed) / first.seconds / 1e6, mb / first.seconds))
        print(String(format: "  prefilter candidates %d lines (%.2f%%), regex evaluations %d, lines a pattern matched %d, findings %d",
                     engine.candidateLines, 100 * Double(engine.candidateLines) / Double(max(1, engine.linesConsumed)),
                     engine.regexEvaluations, engine.matchingLines, findings.count))
        var perSignature: [String: Int] = [:]
        for f in findings { perSignature[f.id, default: 0] += f.count }
        print("  raised per signature: " + perSignature.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        print("  findings digest \(digest(findings: findings, engine: engine)) (changes whenever a finding, its evidence or a peer timeline does)")
        print("  peak memory (VmHWM) while streaming: \(first.peakAtMidpoint) kB after \(midpoint) lines, \(first.peakAtEnd) kB after \(engine.linesConsumed) lines;"
              + " \(first.peakWithSnapshot) kB once the findings snapshot is built")
        var buffer = [UInt8](repeating: 0, count: LineFramer.readSize)

        // Where the time goes: the same file through framing and the literal prefilter only.
        // As the engine scans: each pattern's longest literal.
        var literals = Set<String>()
        for sig in BenchmarkSignatures.all {
            for p in sig.patterns { if let key = p.literals.max(by: { $0.utf8.count < $1.utf8.count }) { literals.insert(key) } }
        }
        let prefilter = LiteralAutomaton(literals: literals.sorted().map { Array($0.utf8) })
        var prefilterFramer = LineFramer()
        var hits: [Int32] = []
        var hitLines = 0
        let prefilterStart = now()
        _ = readChunks(of: file, into: &buffer) { chunk in
            prefilterFramer.feed(chunk) { line in
                if !hits.isEmpty { hits.removeAll(keepingCapacity: true) }
                prefilter.scan(line.bytes, into: &hits)
                if !hits.isEmpty { hitLines += 1 }
            }
        }
        print(String(format: "  framing + signature-literal prefilter alone: %.3f s (%d lines hold a signature literal)",
                     now() - prefilterStart, hitLines))

        if stages {
            // Cumulative stage times: framing, + rejoining wrapped messages, + the engine's
            // whole prefilter (signature and negotiation literals); the rest of the engine's
            // time is spent on the candidate lines.
            func pass(_ name: String, _ body: (UnsafeBufferPointer<UInt8>, inout LineFramer) -> Void) {
                var framer = LineFramer()
                let t = now()
                _ = readChunks(of: file, into: &buffer) { body($0, &framer) }
                print(String(format: "  stage %@: %.3f s", name, now() - t))
            }
            var count = 0
            pass("framing") { chunk, framer in framer.feed(chunk) { _ in count += 1 } }
            var joiner = MessageJoiner()
            pass("framing+joiner") { chunk, framer in joiner.consume(chunk: chunk, framer: &framer) { _ in count += 1 } }
            let full = engine.prefilter
            // The shortest literals bound the block-shift scan's skips.
            let shortest = (0..<full.literalCount).map { String(decoding: full.literal($0), as: UTF8.self) }
                .sorted { $0.utf8.count < $1.utf8.count }.prefix(8).map { "\"\($0)\"" }
            print("  engine prefilter window \(full.blockShiftWindow), \(full.literalCount) literals, the shortest: \(shortest.joined(separator: " "))")
            var h: [Int32] = []
            var hl = 0
            pass("framing+full prefilter") { chunk, framer in
                framer.feed(chunk) { line in
                    if !h.isEmpty { h.removeAll(keepingCapacity: true) }
                    full.scan(line.bytes, into: &h)
                    if !h.isEmpty { hl += 1 }
                }
            }
            print("  full prefilter hit lines \(hl)")
        }
        // grep and rg over the same file, one extended regex per signature.
        let patternsFile = file + ".patterns"
        let patterns = BenchmarkSignatures.withPatterns.map(BenchmarkSignatures.extendedRegex).joined(separator: "\n") + "\n"
        try? patterns.write(toFile: patternsFile, atomically: true, encoding: .utf8)
        if compare {
            print("patterns (\(patternsFile)):")
            print(patterns, terminator: "")
        }
        var tools: [(name: String, argv: [String])] = []
        if compare {
            tools.append(("grep -E -c -f", ["grep", "-E", "-c", "-f", patternsFile]))
            if ToolTiming.path(of: "rg") != nil { tools.append(("rg -c -f", ["rg", "-c", "-f", patternsFile])) } else { print("rg: not installed") }
        }

        // Alternating runs (engine, then each tool), so that every tool meets the same machine
        // load. Wall and CPU times; medians and per-run ratios are reported.
        var engineWall = [first.seconds], engineCPU = [first.cpu]
        var toolRuns = [[ToolTiming.Run]](repeating: [], count: tools.count)
        for run in 0..<runs {
            if run > 0, let again = streamEngine(file: file, midpoint: nil) {
                engineWall.append(again.seconds)
                engineCPU.append(again.cpu)
            }
            for (k, tool) in tools.enumerated() {
                if let result = ToolTiming.run(tool.argv + [file]) { toolRuns[k].append(result) }
            }
        }
        print(String(format: "engine over %d runs: wall median %.3f s (min %.3f, max %.3f), CPU median %.3f s: %.2f M lines/s, %.0f MB/s",
                     engineWall.count, median(engineWall), engineWall.min()!, engineWall.max()!, median(engineCPU),
                     Double(engine.linesConsumed) / median(engineWall) / 1e6, mb / median(engineWall)))
        for (k, tool) in tools.enumerated() where !toolRuns[k].isEmpty {
            let wall = toolRuns[k].map(\.wall), cpu = toolRuns[k].map(\.cpu)
            let perRun = zip(wall, engineWall).map { $0 / $1 }
            let short = tool.name.split(separator: " ")[0]
            print(String(format: "%@: %@ matching lines; wall median %.3f s (min %.3f, max %.3f), CPU median %.3f s",
                         tool.name, toolRuns[k][0].output, median(wall), wall.min()!, wall.max()!, median(cpu)))
            print(String(format: "  %@/engine time ratio %.2f (wall medians), %.2f (CPU medians); per run %@; lowest %.2f",
                         String(short), median(wall) / median(engineWall), median(cpu) / median(engineCPU),
                         perRun.map { String(format: "%.2f", $0) }.joined(separator: " "), perRun.min()!))
        }
        return 0
    }

    /// One streaming pass of the engine over `file`, timed from the first read to the findings
    /// snapshot; memory is sampled at `midpoint` when given.
    static func streamEngine(file: String, midpoint: Int?) -> EngineRun? {
        var stream = StreamDiagnosis(signatures: BenchmarkSignatures.all)
        var framer = LineFramer()
        var buffer = [UInt8](repeating: 0, count: LineFramer.readSize)
        var peakAtMidpoint = 0
        let start = now(), startCPU = ToolTiming.processCPU()
        let read = readChunks(of: file, into: &buffer) { chunk in
            stream.consume(chunk: chunk, framer: &framer)
            if let midpoint, peakAtMidpoint == 0, framer.nextLineNumber > midpoint { peakAtMidpoint = peakResidentKB() }
        }
        guard let bytes = read else { return nil }
        framer.finish { stream.consume($0) }
        stream.flush()
        let peakAtEnd = peakResidentKB()
        _ = stream.engine.findings
        let seconds = now() - start, cpu = ToolTiming.processCPU() - startCPU
        return EngineRun(engine: stream.engine, seconds: seconds, cpu: cpu, bytes: bytes, peakAtMidpoint: peakAtMidpoint,
                         peakAtEnd: peakAtEnd, peakWithSnapshot: peakResidentKB())
    }

    /// Reads `file` through `buffer` (as `analyze` reads files) and calls `body` with each
    /// chunk read; the number of bytes read, or nil when the file cannot be opened.
    @inline(__always)
    static func readChunks(of file: String, into buffer: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Int? {
        let fd = open(file, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += n
            buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return bytes
    }

    struct EngineRun {
        let engine: DiagnosisEngine
        let seconds: Double
        let cpu: Double
        let bytes: Int
        let peakAtMidpoint: Int
        let peakAtEnd: Int
        let peakWithSnapshot: Int
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// FNV-1a over every finding (sorted JSON) and every peer timeline: two builds of the
    /// engine diagnose the capture alike exactly when their digests agree.
    static func digest(findings: [Finding], engine: DiagnosisEngine) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for f in findings { mix((try? encoder.encode(f)) ?? Data()) }
        for peer in engine.timelinePeers {
            mix(peer.utf8)
            for e in engine.timeline(for: peer) { mix((try? encoder.encode(e)) ?? Data()) }
        }
        return String(hash, radix: 16)
    }

    static func now() -> Double { ToolTiming.now() }

    /// VmHWM of this process in kB (0 where /proc is missing).
    static func peakResidentKB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }

}
