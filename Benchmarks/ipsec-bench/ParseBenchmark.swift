import Foundation
import IPsecKit

/// `ipsec-bench parse`: time, throughput, linearity and peak memory of the streaming
/// parsers (framer + cleaner + parser, as `analyze` runs them) on generated output of
/// N peers, and a comparison with `grep -c` on the largest IOS input.
enum ParseBenchmark {
    static let chunkSize = 64 * 1024

    /// The inputs measured: title, generator, parser run (returns records produced).
    static var kinds: [(key: String, title: String, generate: (Int) -> [UInt8], parse: (UnsafeBufferPointer<UInt8>) -> Int)] { [
        ("ios-ipsec", "IOS show crypto ipsec sa detail", ShowOutputGenerator.iosIpsecSA, { parseCount(IpsecSAParser.self, .ios, $0) }),
        ("asa-ipsec", "ASA show crypto ipsec sa", ShowOutputGenerator.asaIpsecSA, { parseCount(IpsecSAParser.self, .asa, $0) }),
        ("ios-isakmp", "IOS show crypto isakmp sa", ShowOutputGenerator.iosIsakmpSA, { parseCount(IsakmpSAParser.self, .ios, $0) }),
        ("ios-ipsec-log", "IOS show crypto ipsec sa detail as a session log (prompt, SessionAnalyzer: sections, async lines, cut lines)",
         { Array("R1#show crypto ipsec sa detail\n".utf8) + ShowOutputGenerator.iosIpsecSA(peers: $0) }, sessionCount),
    ] }

    static func run(arguments: [String]) {
        var maxPeers = 10_000
        if let i = arguments.firstIndex(of: "--max"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 {
            maxPeers = n
        }
        let sizes = [10, 100, 1_000, 10_000, 100_000].filter { $0 <= maxPeers }
        print("ipsec-bench parse: framer + cleaner + parser as analyze runs them, input fed in \(chunkSize / 1024) KiB chunks;")
        print("time = best of several runs. Memory is measured in a fresh child process per row: VmHWM (peak RSS,")
        print("runtime + input + parse) and 'parse' = VmHWM minus VmRSS just before parsing (input already in memory).\n")

        for kind in kinds {
            print(kind.title)
            print(pad("peers", 8) + pad("input", 11) + pad("records", 9) + pad("best", 11) + pad("MB/s", 9)
                  + pad("per peer", 11) + pad("VmHWM", 10) + pad("HWM/input", 11) + pad("parse", 10) + "parse/input")
            for n in sizes {
                let input = kind.generate(n)
                let runs = n >= 10_000 ? 5 : 20
                var best = Double.infinity
                var records = 0
                input.withUnsafeBufferPointer { buffer in
                    for _ in 0..<runs {
                        let start = DispatchTime.now().uptimeNanoseconds
                        records = kind.parse(buffer)
                        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    }
                }
                let mb = Double(input.count) / 1_000_000
                let memory = measureMemoryInChild(kind: kind.key, peers: n)
                var row = pad("\(n)", 8) + pad(String(format: "%.2f MB", mb), 11) + pad("\(records)", 9)
                    + pad(String(format: "%.2f ms", best * 1000), 11) + pad(String(format: "%.0f", mb / best), 9)
                    + pad(String(format: "%.2f us", best / Double(n) * 1e6), 11)
                if let (hwm, before) = memory {
                    let added = Double(max(0, hwm - before))
                    row += pad(String(format: "%.1f MB", Double(hwm) / 1e6), 10)
                        + pad(String(format: "%.2fx", Double(hwm) / Double(input.count)), 11)
                        + pad(String(format: "%.1f MB", added / 1e6), 10) + String(format: "%.2fx", added / Double(input.count))
                } else {
                    row += "(memory not measured)"
                }
                print(row)
            }
            print("")
        }
        if let n = sizes.last { compareWithGrep(ShowOutputGenerator.iosIpsecSA(peers: n), peers: n) }
    }

    /// Child side of the memory measurement (`ipsec-bench parse-memory KIND N`): generate,
    /// parse once, print `VmHWM VmRSS-before` in bytes.
    static func memoryChild(arguments: [String]) {
        guard arguments.count == 2, let kind = kinds.first(where: { $0.key == arguments[0] }), let n = Int(arguments[1]) else {
            print("usage: ipsec-bench parse-memory ios-ipsec|asa-ipsec|ios-isakmp|ios-ipsec-log N")
            exit(2)
        }
        let input = kind.generate(n)
        resetPeakMemory()
        let before = memoryKiB("VmRSS")
        _ = input.withUnsafeBufferPointer { kind.parse($0) }
        print("\(memoryKiB("VmHWM") * 1024) \(before * 1024)")
    }

    static func measureMemoryInChild(kind: String, peers: Int) -> (hwm: Int, before: Int)? {
        guard let executable = Bundle.main.executableURL else { return nil }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["parse-memory", kind, String(peers)]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        return fields.count == 2 ? (fields[0], fields[1]) : nil
    }

    /// Runs one parser over `input` the way `analyze` does and returns how many records it produced.
    static func parseCount<P: SectionParser>(_ type: P.Type, _ platform: Platform, _ input: UnsafeBufferPointer<UInt8>) -> Int {
        var parser = P(platform: platform)
        var framer = LineFramer()
        var cleaner = DeviceLineCleaner()
        var start = 0
        while start < input.count {
            let end = min(input.count, start + chunkSize)
            framer.feed(UnsafeBufferPointer(rebasing: input[start..<end])) { raw in cleaner.clean(raw) { parser.consume($0) } }
            start = end
        }
        framer.finish { raw in cleaner.clean(raw) { parser.consume($0) } }
        var report = AnalysisReport()
        parser.finish(into: &report)
        return report.ipsecSas.count + report.isakmpSas.count
    }

    /// Runs the session analyzer over `input` as `analyze FILE` does (sections, asynchronous
    /// lines told apart by the diagnosis' classifier) and returns how many records it produced.
    static func sessionCount(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        var classifier = LineClassifier()
        var analyzer = SessionAnalyzer(options: .init(platform: .ios), isAsynchronous: { classifier.classify($0).isAsynchronous })
        var start = 0
        while start < input.count {
            let end = min(input.count, start + chunkSize)
            analyzer.feed(UnsafeBufferPointer(rebasing: input[start..<end]))
            start = end
        }
        let report = analyzer.finish()
        return report.ipsecSas.count + report.isakmpSas.count
    }

    /// Times `grep -c 'spi:'` on the same bytes: a floor for "reading the text at all".
    static func compareWithGrep(_ input: [UInt8], peers: Int) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ipsec-bench-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        do { try Data(input).write(to: url) } catch {
            print("grep comparison skipped: cannot write \(url.path): \(error)")
            return
        }
        var grepBest = Double.infinity
        var grepOutput = ""
        for _ in 0..<5 {
            guard let run = ToolTiming.run(["grep", "-c", "spi:", url.path]) else {
                print("grep comparison skipped: grep cannot start")
                return
            }
            grepBest = min(grepBest, run.wall)
            grepOutput = run.output
        }
        var oursBest = Double.infinity
        input.withUnsafeBufferPointer { buffer in
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = parseCount(IpsecSAParser.self, .ios, buffer)
                oursBest = min(oursBest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
        }
        print("IOS \(peers) peers, \(String(format: "%.1f MB", Double(input.count) / 1e6)) file:")
        print(String(format: "  grep -c 'spi:' (process start included): %.2f ms, count %@", grepBest * 1000, grepOutput))
        print(String(format: "  ours (full parse, in memory):           %.2f ms", oursBest * 1000))
        print(String(format: "  ratio ours/grep: %.2f", oursBest / grepBest))
    }

    // MARK: - Memory

    /// A field of /proc/self/status in KiB (0 where unavailable).
    static func memoryKiB(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs).
    static func resetPeakMemory() {
        if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            handle.write(Data("5".utf8))
            try? handle.close()
        }
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
