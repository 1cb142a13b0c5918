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
}
