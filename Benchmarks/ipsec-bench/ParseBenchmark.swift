import Foundation
import IPsecKit

/// `ipsec-bench parse`: time, throughput, linearity and peak memory of the streaming
/// parsers (framer + cleaner + parser, as `analyze` runs them) on generated output of
/// N peers, and a comparison with `grep -c` on the largest IOS input.
enum ParseBenchmark {
    static let chunkSize = 64 * 1024

    static func run(arguments: [String]) {
        var maxPeers = 10_000
        if let i = arguments.firstIndex(of: "--max"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 {
            maxPeers = n
        }
        let sizes = [10, 100, 1_000, 10_000, 100_000].filter { $0 <= maxPeers }
        print("ipsec-bench parse: framer + cleaner + parser, input fed in \(chunkSize / 1024) KiB chunks, best of several runs")
        print("memory: VmHWM of this process, reset before each parse; 'added' = VmHWM minus VmRSS just before parsing\n")

        var largestIOS: [UInt8] = []
        let kinds: [(String, (Int) -> [UInt8], (UnsafeBufferPointer<UInt8>) -> Int)] = [
            ("IOS show crypto ipsec sa", ShowOutputGenerator.iosIpsecSA, { parseCount(IpsecSAParser.self, .ios, $0) }),
            ("ASA show crypto ipsec sa", ShowOutputGenerator.asaIpsecSA, { parseCount(IpsecSAParser.self, .asa, $0) }),
            ("IOS show crypto isakmp sa", ShowOutputGenerator.iosIsakmpSA, { parseCount(IsakmpSAParser.self, .ios, $0) }),
        ]
        for (title, generate, parse) in kinds {
            print(title)
            print(pad("peers", 8) + pad("input", 11) + pad("records", 9) + pad("best", 11) + pad("MB/s", 9)
                  + pad("per peer", 11) + pad("VmHWM", 10) + pad("HWM/input", 11) + pad("added", 10) + "added/input")
            for n in sizes {
                let input = generate(n)
                if title.hasPrefix("IOS show crypto ipsec") && n == sizes.last { largestIOS = input }
                let runs = n >= 10_000 ? 5 : 20
                var best = Double.infinity
                var records = 0
                var hwm = 0, rssBefore = 0
                input.withUnsafeBufferPointer { buffer in
                    for run in 0..<runs {
                        resetPeakMemory()
                        let before = memoryKiB("VmRSS")
                        let start = DispatchTime.now().uptimeNanoseconds
                        records = parse(buffer)
                        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        best = min(best, seconds)
                        if run == 0 { hwm = memoryKiB("VmHWM"); rssBefore = before }
                    }
                }
                let mb = Double(input.count) / 1_000_000
                let hwmBytes = Double(hwm) * 1024, added = Double(max(0, hwm - rssBefore)) * 1024
                print(pad("\(n)", 8) + pad(String(format: "%.2f MB", mb), 11) + pad("\(records)", 9)
                      + pad(String(format: "%.2f ms", best * 1000), 11) + pad(String(format: "%.0f", mb / best), 9)
                      + pad(String(format: "%.2f us", best / Double(n) * 1e6), 11)
                      + pad(String(format: "%.1f MB", hwmBytes / 1e6), 10)
                      + pad(String(format: "%.2fx", hwmBytes / Double(input.count)), 11)
                      + pad(String(format: "%.1f MB", added / 1e6), 10) + String(format: "%.2fx", added / Double(input.count)))
            }
            print("")
        }
        if !largestIOS.isEmpty { compareWithGrep(largestIOS, peers: sizes.last ?? 0) }
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
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["grep", "-c", "spi:", url.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            let start = DispatchTime.now().uptimeNanoseconds
            do { try process.run() } catch {
                print("grep comparison skipped: \(error)")
                return
            }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            grepBest = min(grepBest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            grepOutput = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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
