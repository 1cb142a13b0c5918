import Foundation
import Testing
import TestSupport

/// The `walkthrough` command's contract beyond the lab table: listing, user files, the
/// Markdown report, and exit status 2 with a clear message when it cannot run.
@Suite("walkthrough command")
struct WalkthroughCLITests {
    static func run(_ arguments: [String], config: String? = nil) throws -> ProgramRun {
        var environment = ProcessInfo.processInfo.environment
        environment["IPSEC_CONSOLE_LAB_TIME_SCALE"] = "10"
        environment["XDG_CONFIG_HOME"] = config ?? NSTemporaryDirectory() + "ipsec-walk-none"
        return try ProgramRun.run(BuiltProducts.executable(), arguments, environment: environment, timeout: 60)
    }

    static func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "ipsec-walk-cli-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func listsTheWalkthroughsAndTheUsersOwn() throws {
        let config = try Self.scratch()
        try FileManager.default.createDirectory(atPath: config + "/ipsec-console/walkthroughs", withIntermediateDirectories: true)
        try """
        walkthrough:
          id: phase1-only
          title: "Is phase 1 up?"
          summary: "Reads the ISAKMP SA and stops."
          steps:
            - id: state
              checks: "Reads the peer's ISAKMP SA state."
              commands: {ios: ["show crypto isakmp sa"], asa: ["show crypto isakmp sa"]}
              evidence: [isakmp-state]
              branches:
                - when: {isakmp-state: [QM_IDLE, MM_ACTIVE]}
                  conclude: healthy
                  verified: "Phase 1 is up."
                - conclude: isakmp-mm-no-state
        """.write(toFile: config + "/ipsec-console/walkthroughs/mine.yaml", atomically: true, encoding: .utf8)
        try "walkthrough:\n  id: broken\n".write(toFile: config + "/ipsec-console/walkthroughs/broken.yaml", atomically: true, encoding: .utf8)
        let list = try Self.run(["walkthrough", "list"], config: config)
        #expect(list.status == 0)
        for id in ["tunnel-down", "no-traffic", "split-tunnel", "mtu", "intermittent", "phase1-only"] { #expect(list.stdout.contains(id)) }
        #expect(list.stderr.contains("broken.yaml") && list.stderr.contains("entry 'broken'"), "\(list.stderr)")
        let mine = try Self.run(["walkthrough", "phase1-only", "--target", "lab://main-mode-failed"], config: config)
        #expect(mine.status == 1)
        #expect(mine.stdout.contains("Conclusion: isakmp-mm-no-state"), "\(mine.stdout)")
    }

    @Test func writesTheMarkdownReport() throws {
        let report = try Self.scratch() + "/mtu.md"
        let run = try Self.run(["walkthrough", "mtu", "--target", "lab://mtu?persona=ios", "--report", report, "--debug-wait", "2s", "--poll-interval", "1s"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("df-sweep: large-fail"), "\(run.stdout)")
        #expect(run.stdout.contains("Conclusion: mtu"))
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("# Walkthrough mtu: Some applications fail (large packets)"))
        #expect(text.contains("| df-sweep | large-fail |"))
        #expect(text.contains("What to do:"))
        #expect(!text.contains("Lab-Key"), "no key reaches the report")
    }

    @Test(arguments: [
        (["walkthrough", "no-such-walk", "--target", "lab://healthy"], "no walkthrough named \"no-such-walk\""),
        (["walkthrough", "tunnel-down", "--target", "bogus://x"], "is not one of ssh, telnet, serial, lab"),
        (["walkthrough", "tunnel-down", "--target", "lab://no-such-scenario"], "no lab scenario named \"no-such-scenario\""),
        (["walkthrough", "tunnel-down", "--target", "telnet://127.0.0.1:1"], "the walkthrough could not run"),
        (["walkthrough", "tunnel-down", "--target", "lab://healthy", "--peer", "not-an-ip"], "is not an IPv4 address"),
    ])
    func cannotRunExitsTwo(_ c: ([String], String)) throws {
        let run = try Self.run(c.0)
        #expect(run.status == 2, "\(run.stdout) \(run.stderr)")
        #expect(run.stderr.contains(c.1), "\(run.stderr)")
    }

    @Test func interruptDuringTheDebugWaitTurnsDebugsOff() throws {
        let dir = try Self.scratch()
        let audit = dir + "/audit"
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = dir
        let pid = try ChildProgram.spawn([BuiltProducts.executable().path, "walkthrough", "intermittent", "--target", "lab://healthy",
                                          "--lab-audit", audit, "--debug-wait", "60s", "--state-directory", dir + "/state"],
                                         stdout: dir + "/out", stderr: dir + "/err", environment: environment)
        let deadline = ContinuousClock.now + .seconds(30)
        func auditText() -> String { (try? String(contentsOfFile: audit, encoding: .utf8)) ?? "" }
        while !auditText().contains("terminal monitor"), ContinuousClock.now < deadline { usleep(50_000) }
        #expect(auditText().contains("debug crypto ipsec"), "the debug wait began")
        kill(pid, SIGINT)
        #expect(ChildProgram.wait(pid, timeout: .seconds(30)) == 130)
        let lines = auditText().split(separator: "\n")
        let lastDebug = try #require(lines.lastIndex { $0.contains(" debug crypto") && !$0.contains(" no debug") })
        #expect(lines[lastDebug...].contains { $0.hasSuffix(" undebug all") }, "\(lines.suffix(5))")
    }

    @Test func connectionRefusedExitsTwo() throws {
        let port = LoopbackPort.free()
        let run = try Self.run(["walkthrough", "tunnel-down", "--target", "ssh://nobody@127.0.0.1:\(port)",
                                "--ssh-arg=-F", "--ssh-arg=/dev/null", "--login-timeout", "10s"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the walkthrough could not run"), "\(run.stderr)")
    }
}
