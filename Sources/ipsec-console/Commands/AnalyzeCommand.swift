import ArgumentParser
import Foundation
import IPsecKit

/// `ipsec-console analyze`: parse saved device output or a session log.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Parse saved device output or a captured session log and show what it says.",
        discussion: """
        Finds each command's output by its prompt line (R1#show crypto ipsec sa, abbreviations \
        such as sh cry isa sa too) or recognises bare output, and prints the parsed tables. \
        Debug and syslog lines, wherever they appear, are diagnosed against the signature \
        catalog (ipsec-console signatures list); the parsed SA states and counters are \
        diagnosed too. Findings come most severe first, with evidence line numbers, likely \
        causes and the fix steps with the exact commands.

        Exit status: 0 no findings, 1 findings, 2 usage or input error.
        """
    )

    @Argument(help: ArgumentHelp("Saved output or session logs; - reads standard input.", valueName: "file"))
    var files: [String] = []

    @Flag(help: "Print one JSON document (snake_case keys; see README).")
    var json = false

    @Option(help: ArgumentHelp("Treat bare output (no prompt line) as this command's, e.g. \"show crypto ipsec sa\" or show_crypto_ipsec_sa_detail.", valueName: "command"))
    var command: String?

    @Option(help: ArgumentHelp("The platform that printed the output.", valueName: "ios|asa"))
    var platform: Platform?

    @Option(help: ArgumentHelp("Analyse a bundled sample instead of files (see --list-samples).", valueName: "name"))
    var sample: String?

    @Flag(help: "List the bundled samples.")
    var listSamples = false

    func validate() throws {
        if let command, ShowCommand.resolve(command.replacingOccurrences(of: "_", with: " ")) == nil {
            throw ValidationError("--command \"\(command)\" is not a command ipsec-console parses; use one of: \(ShowCommand.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if files.isEmpty && sample == nil && !listSamples {
            throw ValidationError("give a file to analyse (or - for standard input), or --sample NAME for a bundled one (--list-samples)")
        }
    }

    func run() throws {
        if listSamples {
            for name in try Samples.names() { print(name) }
            return
        }
        let options = SessionAnalyzer.Options(
            command: command.flatMap { ShowCommand.resolve($0.replacingOccurrences(of: "_", with: " ")) },
            platform: platform)
        var inputs: [(label: String?, path: String)] = files.map { ($0 == "-" ? "stdin" : $0, $0) }
        if let sample { inputs = [(sample, try Samples.path(of: sample))] }
        let catalog: SignatureCatalog
        do {
            catalog = try UserSignatureFiles.catalogWithOverrides()
        } catch {
            throw CleanExit.message("error: the signature catalog could not be loaded: \(error)", code: 2)
        }
        var report = AnalysisReport()
        do {
            for input in inputs {
                var analysis = LogAnalysis(catalog: catalog, options: options)
                try InputFiles.forEachChunk(of: input.path) { analysis.feed($0) }
                report.append(analysis.finish(), file: inputs.count > 1 ? input.label : nil)
            }
        } catch let error as InputFiles.OpenError {
            throw CleanExit.message("error: \(error.description)", code: 2)
        }
        if json {
            let data = try AnalysisReport.makeJSONEncoder().encode(report)
            print(String(decoding: data, as: UTF8.self))
        } else {
            let style = OutputStyle(colour: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            print(ReportPrinter(style: style).render(report))
        }
        if !report.findings.isEmpty { throw ExitCode(1) }
    }
}

extension Platform: ExpressibleByArgument {}

extension CleanExit {
    /// Ends the command with `text` on standard error and the given status.
    static func message(_ text: String, code: Int32) -> Error {
        FileHandle.standardError.write(Data((text + "\n").utf8))
        return ExitCode(code)
    }
}
