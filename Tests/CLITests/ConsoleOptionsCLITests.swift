import Foundation
import Testing
import TestSupport

/// The console commands' options as a user types them (checked before a terminal is needed).
@Suite struct ConsoleOptionsCLITests {
    let binary = BuiltProducts.executable()

    @Test(arguments: [["connect", "lab://healthy"], ["lab", "healthy"]])
    func walkDebugWaitIsAnOptionWithBounds(_ command: [String]) throws {
        let help = try ProgramRun.run(binary, [command[0], "--help"])
        #expect(help.stdout.contains("--walk-debug-wait <duration>"))
        for bad in ["0s", "20m"] {
            let run = try ProgramRun.run(binary, command + ["--walk-debug-wait", bad])
            #expect(run.status != 0)
            #expect(run.stderr.contains("--walk-debug-wait \(bad): between 1s and 10m"), "\(run.stderr)")
        }
        let garbage = try ProgramRun.run(binary, command + ["--walk-debug-wait", "soon"])
        #expect(garbage.status != 0 && garbage.stderr.contains("walk-debug-wait"))
        // A good value passes the option checks; only the missing terminal stops it here.
        let good = try ProgramRun.run(binary, command + ["--walk-debug-wait", "10s"])
        #expect(good.status != 0 && good.stderr.contains("needs a terminal"), "\(good.stderr)")
    }

    /// A lab target naming no scenario, or a persona the scenario lacks, is refused before
    /// any device program starts, with the way to list the scenarios.
    @Test(arguments: [["exec", "lab://no-such-scenario", "--", "show clock"],
                      ["walkthrough", "tunnel-down", "--target", "lab://no-such-scenario"],
                      ["connect", "lab://no-such-scenario"]])
    func unknownLabScenarioIsNamed(_ arguments: [String]) throws {
        let run = try ProgramRun.run(binary, arguments)
        #expect(run.status == 2, "usage errors exit 2: \(run.status)")
        #expect(run.stderr.contains("no lab scenario named \"no-such-scenario\"") && run.stderr.contains("lab-device --list"), "\(run.stderr)")
    }

    @Test func labPersonaTheScenarioLacksIsNamed() throws {
        let run = try ProgramRun.run(binary, ["exec", "lab://split-tunnel-pix?persona=ios", "--", "show clock"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("split-tunnel-pix has no ios device (it runs as asa)"), "\(run.stderr)")
    }
}
