import Foundation
import Testing
@testable import Lab
#if canImport(Glibc)
import Glibc
#endif

/// The I/O loop with pipes and an injected clock: real reads and writes, simulated time.
@Suite("Lab terminal loop")
struct LabTerminalLoopTests {
    final class SteppingClock: @unchecked Sendable {
        var value: Int64 = 0
        let step: Int64
        init(step: Int64) { self.step = step }
        func next() -> Int64 { value += step; return value }
    }

    @Test func pipeSessionWithInjectedClock() throws {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        pipe(&input); pipe(&output)
        let script = "terminal monitor\ndebug crypto isakmp\nundebug all\n"
        _ = script.withCString { write(input[1], $0, strlen($0)) }
        close(input[1])
        let dir = try ProcessSupport.temporaryDirectory("lab-loop")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = LabDeviceOptions()
        options.scenario = "main-mode-failed"
        var device = try LabDevice(options: options)
        let clock = SteppingClock(step: 10_000)
        TerminalLoop(input: input[0], output: output[1], audit: AuditFile(path: dir + "/audit.log"), now: clock.next).run(&device)
        close(output[1]); close(input[0])
        let text = String(decoding: ProcessSupport.readBytes(output[0], timeout: 1, untilEOF: true), as: UTF8.self)
        close(output[0])
        // Attempts at 3 s and 13 s pass before the input is read; `undebug all` in the same
        // read silences the debug lines of later attempts, the log messages stay (terminal monitor).
        #expect(text.hasPrefix("R1#\nR1#\nCrypto ISAKMP debugging is on\nR1#\nAll possible debugging has been turned off\nR1#\n*Mar "))
        #expect(!text.contains("ISAKMP (0:"))
        #expect(text.components(separatedBy: "%CRYPTO-6-IKMP_MODE_FAILURE").count == 3)
        let audit = try String(contentsOfFile: dir + "/audit.log", encoding: .utf8)
        #expect(audit.hasSuffix(" R1 undebug all\n"))
        #expect(audit.split(separator: "\n").count == 3)
    }

    @Test func debugStreamsBetweenReadsWithInjectedClock() throws {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        pipe(&input); pipe(&output)
        let script = "terminal monitor\ndebug crypto isakmp\n"
        _ = script.withCString { write(input[1], $0, strlen($0)) }
        close(input[1])
        var options = LabDeviceOptions()
        options.scenario = "main-mode-failed"
        var device = try LabDevice(options: options)
        let clock = SteppingClock(step: 10_000)
        TerminalLoop(input: input[0], output: output[1], audit: nil, now: clock.next).run(&device)
        close(output[1]); close(input[0])
        let text = String(decoding: ProcessSupport.readBytes(output[0], timeout: 1, untilEOF: true), as: UTF8.self)
        close(output[0])
        // Input read at 10 s; end of input seen at 30 s, after the clock reached 40 s:
        // the attempts at 23 s and 33 s are printed, each ending in the main mode failure.
        #expect(text.components(separatedBy: "%CRYPTO-6-IKMP_MODE_FAILURE").count == 3)
        #expect(text.hasSuffix("peer at 10.1.0.2\nR1#"))
    }
}
