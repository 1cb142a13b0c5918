import Foundation
import TestSupport

/// Times other programs (grep, rg) the way the engine is timed: wall time from just before
/// `posix_spawn` to the blocking `wait4` that reaps the child, plus the child's own CPU time
/// from `wait4`'s resource usage. (Foundation's `Process` added 10-50 ms of its own per run,
/// which made the tools look slower than they are.)
enum ToolTiming {
    struct Run {
        let output: String
        let wall: Double
        let cpu: Double
    }

    /// Runs `argv` (the program looked up in PATH) with LC_ALL=C; nil when it cannot start.
    static func run(_ argv: [String]) -> Run? {
        guard let path = path(of: argv[0]) else { return nil }
        let output = NSTemporaryDirectory() + "ipsec-bench-tool-\(getpid()).out"
        defer { unlink(output) }
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        let start = now()
        guard let pid = try? ChildProgram.spawn([path] + argv.dropFirst(), stdout: output, stderr: "/dev/null",
                                                environment: environment) else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { return nil }
        let wall = now() - start
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return Run(output: text.trimmingCharacters(in: .whitespacesAndNewlines), wall: wall,
                   cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }

    static func path(of name: String) -> String? {
        if name.hasPrefix("/") { return name }
        return (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU time of this process so far (all threads).
    static func processCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
}
