import Foundation
import IPsecKit

/// `ipsec-bench diagnose [--lines N] [--file PATH] [--regenerate] [--engine-only] [--stages]`
///
/// Streams a generated multi-peer debug + syslog capture through `StreamDiagnosis` (message
/// rejoining + `DiagnosisEngine`, as `analyze` and the console run it) in
/// 64 KiB reads (the chunk size `analyze` reads files in: a chunk stays in the L2 cache
/// between the kernel's copy and the scan), then runs the same file through
/// `grep -E -c -f` (and `rg -c -f` when installed) with one regex per signature: the
/// engine must not be slower than grep while also keeping context per exchange.
enum DiagnosisBenchmark {
    static func run(arguments: [String]) -> Int32 {
        var lines = 2_000_000
        var path: String?
        var regenerate = false
        var compare = true
        var stages = false
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--lines": i += 1; lines = Int(arguments[i]) ?? lines
            case "--file": i += 1; path = arguments[i]
            case "--regenerate": regenerate = true
            case "--engine-only": compare = false
            case "--stages": stages = true
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

        // The engine, streaming.
        let midpoint = lines / 2
        var hwmAtMidpoint = 0
        var stream = StreamDiagnosis(signatures: BenchmarkSignatures.all)
        if !stream.engine.patternProblems.isEmpty { print("pattern problems: \(stream.engine.patternProblems)"); return 1 }
        var framer = LineFramer()
        let fd = open(file, O_RDONLY)
        guard fd >= 0 else { print("cannot open \(file)"); return 1 }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var bytes = 0
        let start = now()
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += n
            buffer.withUnsafeBufferPointer { stream.consume(chunk: UnsafeBufferPointer(rebasing: $0[0..<n]), framer: &framer) }
            if hwmAtMidpoint == 0, framer.nextLineNumber > midpoint { hwmAtMidpoint = peakResidentKB() }
        }
        framer.finish { stream.consume($0) }
        stream.flush()
        let engine = stream.engine
        close(fd)
        let hwmAtEnd = peakResidentKB()
        let findings = engine.findings
        let engineSeconds = now() - start
        let hwmWithSnapshot = peakResidentKB()
        let mb = Double(bytes) / 1e6
        print(String(format: "engine: %d lines, %.1f MB in %.3f s: %.2f M lines/s, %.1f MB/s",
                     engine.linesConsumed, mb, engineSeconds, Double(engine.linesConsumed) / engineSeconds / 1e6, mb / engineSeconds))
        print(String(format: "  prefilter candidates %d lines (%.2f%%), regex evaluations %d, lines a pattern matched %d, findings %d",
                     engine.candidateLines, 100 * Double(engine.candidateLines) / Double(max(1, engine.linesConsumed)),
                     engine.regexEvaluations, engine.matchingLines, findings.count))
        var perSignature: [String: Int] = [:]
        for f in findings { perSignature[f.id, default: 0] += f.count }
        print("  raised per signature: " + perSignature.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        print("  findings digest \(digest(findings: findings, engine: engine)) (changes whenever a finding, its evidence or a peer timeline does)")
        print("  peak memory (VmHWM) while streaming: \(hwmAtMidpoint) kB after \(midpoint) lines, \(hwmAtEnd) kB after \(engine.linesConsumed) lines;"
              + " \(hwmWithSnapshot) kB once the findings snapshot is built")

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
        let fd2 = open(file, O_RDONLY)
        while fd2 >= 0 {
            let n = buffer.withUnsafeMutableBytes { read(fd2, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            buffer.withUnsafeBufferPointer { chunk in
                prefilterFramer.feed(UnsafeBufferPointer(rebasing: chunk[0..<n])) { line in
                    if !hits.isEmpty { hits.removeAll(keepingCapacity: true) }
                    prefilter.scan(line.bytes, into: &hits)
                    if !hits.isEmpty { hitLines += 1 }
                }
            }
        }
        if fd2 >= 0 { close(fd2) }
        print(String(format: "  framing + signature-literal prefilter alone: %.3f s (%d lines hold a signature literal)",
                     now() - prefilterStart, hitLines))

        if stages {
            // Cumulative stage times: framing, + rejoining wrapped messages, + the engine's
            // whole prefilter (signature and negotiation literals); the rest of the engine's
            // time is spent on the candidate lines.
            func pass(_ name: String, _ body: (UnsafeBufferPointer<UInt8>, inout LineFramer) -> Void) {
                var framer = LineFramer()
                let t = now()
                let fd = open(file, O_RDONLY)
                while fd >= 0 {
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<n]), &framer) }
                }
                if fd >= 0 { close(fd) }
                print(String(format: "  stage %@: %.3f s", name, now() - t))
            }
            var count = 0
            pass("framing") { chunk, framer in framer.feed(chunk) { _ in count += 1 } }
            var joiner = MessageJoiner()
            pass("framing+joiner") { chunk, framer in joiner.consume(chunk: chunk, framer: &framer) { _ in count += 1 } }
            let full = engine.prefilter
            print("  engine prefilter window \(full.blockShiftWindow), literals \(full.literalCount)")
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
        guard compare else { return 0 }
        // grep and rg over the same file, one extended regex per signature.
        let patternsFile = file + ".patterns"
        let patterns = BenchmarkSignatures.withPatterns.map(BenchmarkSignatures.extendedRegex).joined(separator: "\n") + "\n"
        try? patterns.write(toFile: patternsFile, atomically: true, encoding: .utf8)
        print("patterns (\(patternsFile)):")
        print(patterns, terminator: "")
        if let (count, seconds) = timeTool(["grep", "-E", "-c", "-f", patternsFile, file]) {
            print(String(format: "grep -E -c -f: %@ matching lines in %.3f s; grep/engine time ratio %.2f", count, seconds, seconds / engineSeconds))
        }
        if toolExists("rg") {
            if let (count, seconds) = timeTool(["rg", "-c", "-f", patternsFile, file]) {
                print(String(format: "rg -c -f: %@ matching lines in %.3f s; rg/engine time ratio %.2f", count, seconds, seconds / engineSeconds))
            }
        } else {
            print("rg: not installed")
        }
        return 0
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

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// VmHWM of this process in kB (0 where /proc is missing).
    static func peakResidentKB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    static func toolExists(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    /// Runs a tool with LC_ALL=C; returns its trimmed output and wall time.
    static func timeTool(_ argv: [String]) -> (String, Double)? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C"
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        let t = now()
        do { try p.run() } catch { print("\(argv[0]): \(error)"); return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let seconds = now() - t
        return (String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), seconds)
    }
}
