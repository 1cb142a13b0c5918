import ArgumentParser
import ConsoleUI
import CursesTerminal
import Foundation
import IPsecKit

/// `ipsec-console replay FILE`: the console, read-only, on a recorded session log.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open the console on a recorded session log (read-only).",
        discussion: """
        The log's show command output fills the Phase 1, Phase 2 and Engine panes, one snapshot \
        per poll cycle (a cycle ends when a command repeats); its debug and syslog lines fill the \
        Debug pane. Press ? in the console for the keys, q to quit.

        Themes: --theme NAME, or :theme NAME inside. Shipped themes are found next to the program; \
        your own go in $XDG_CONFIG_HOME/ipsec-console/themes (NAME.yaml). NO_COLOR selects mono.
        """
    )

    @Argument(help: ArgumentHelp("The session log to replay.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Colour theme.", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("Real seconds between poll cycles (0: all at once).", valueName: "seconds"))
    var pace: Double = 0

    @Option(help: ArgumentHelp("Seconds between the recorded polls, for rates.", valueName: "seconds"))
    var interval: Double = 5

    @Option(help: ArgumentHelp("The platform that printed the log.", valueName: "ios|asa"))
    var platform: Platform?

    func validate() throws {
        guard pace >= 0, pace <= 3600 else { throw ValidationError("--pace must be between 0 and 3600 seconds") }
        guard interval > 0, interval <= 86400 else { throw ValidationError("--interval must be more than 0 seconds") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ValidationError("\(file) is not a readable file; give a recorded session log")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError("replay needs a terminal; use analyze for files in scripts")
        }
    }

    func run() throws {
        let catalog: SignatureCatalog
        do {
            catalog = try UserSignatureFiles.catalogWithOverrides()
        } catch {
            throw CleanExit.message("error: the signature catalog could not be loaded: \(error)", code: 2)
        }
        let name = (file as NSString).lastPathComponent
        let launcher = ConsoleLauncher(theme: theme)
        let runner = launcher.makeRunner(connection: ConnectionInfo(device: name, transport: "replay", state: .replay(finished: false)),
                                         pollInterval: interval, handler: ReplayEffectHandler())
        ReplayFeeder(path: file, options: SessionAnalyzer.Options(platform: platform), catalog: catalog, pace: pace, interval: interval)
            .start(posting: runner.inbox)
        runner.run()
    }
}
