import ArgumentParser
import DeviceSession
import Foundation
import IPsecKit

/// `ipsec-console walkthrough`: a guided decision tree run against a device, headless.
struct WalkthroughCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkthrough",
        abstract: "Run a guided troubleshooting walkthrough against a device.",
        discussion: """
        A walkthrough is a decision tree: each step runs read-only commands, reads what they \
        print (SA states, counters over two polls, the running configuration, debug messages, \
        DF-bit pings) and branches, until it concludes with a signature catalog entry and its \
        fix steps, or healthy. Debug steps turn conditional debugs on for the peer for at most \
        --debug-wait (less once the answer is in) and always off again.

        `walkthrough list` names the walkthroughs: tunnel-down, no-traffic, split-tunnel, mtu, \
        intermittent, plus your own from $XDG_CONFIG_HOME/ipsec-console/walkthroughs/*.yaml.

        With --json the output is one document: {walkthrough, title, target, platform, peer, \
        steps: [{id, checks, commands, evidence: [{check, value, detail}], branch: {condition, \
        next | conclude}, skipped}], conclusion: {id, title, healthy, summary, verified, \
        severity, phase, causes, fixes, related}}. --report writes the same as Markdown, \
        secrets redacted.

        Exit status: 0 healthy, 1 a fault was found, 2 the walkthrough could not run (unknown \
        name, bad target, connection or login failure), 128+N ended by signal N (debugs are \
        turned off first).
        """
    )

    @Argument(help: ArgumentHelp("The walkthrough to run, or `list`.", valueName: "name"))
    var name: String

    @OptionGroup var session: SessionOptions

    @Option(help: ArgumentHelp("The peer in question (default: the crypto map's peer, else the first SA's).", valueName: "ip"))
    var peer: String?

    @Flag(help: "Print one JSON document (snake_case keys).")
    var json = false

    @Option(help: ArgumentHelp("Also write the steps, evidence and conclusion as Markdown to FILE.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("Longest debug wait of a step (default 30s).", valueName: "duration"))
    var debugWait: DurationArgument?

    @Option(help: ArgumentHelp("Time between the two counter polls (default 5s).", valueName: "duration"))
    var pollInterval: DurationArgument?

    func validate() throws {
        guard name != "list" else { return }
        _ = try session.parsedTarget()
        try session.validateSecrets()
        if let peer, IPv4Address(peer) == nil { throw ValidationError("--peer \(peer) is not an IPv4 address") }
    }

    func run() throws {
        let catalog: SignatureCatalog
        let library: WalkthroughLibrary
        do {
            catalog = try UserSignatureFiles.catalogWithOverrides()
            library = try UserWalkthroughFiles.library(catalog: catalog) { Self.printError($0) }
        } catch {
            throw CleanExit.message("error: \(error)", code: ExitStatus.usage)
        }
        if name == "list" {
            let width = library.ids.map(\.count).max() ?? 0
            for w in library.walkthroughs {
                print(w.id + String(repeating: " ", count: width - w.id.count) + "  " + w.title)
            }
            return
        }
        guard let walkthrough = library[name] else {
            throw CleanExit.message("error: no walkthrough named \"\(name)\" (known: \(library.ids.joined(separator: ", ")))", code: ExitStatus.usage)
        }
        let target = try session.parsedTarget()
        let credentials = try session.credentials(target: target)
        var runner: WalkthroughRunner?
        let configuration = try session.sessionConfiguration(target: target, credentials: credentials) { runner?.receive($0.text) }
        InterruptSignals.shared.install()
        let managed = ManagedSession(configuration: configuration, credentials: credentials)
        var options = WalkthroughRunner.Options()
        if let debugWait { options.debugWait = debugWait.duration }
        if let pollInterval { options.pollInterval = pollInterval.duration }
        let walker = WalkthroughRunner(session: managed, options: options)
        runner = walker
        var stepNumber = 0
        if !json {
            walker.onEvent = { event in
                if case .stepStarted = event { stepNumber += 1 }
                Self.printEvent(event, number: stepNumber, waitLimit: options.debugWait)
            }
        }

        var failure: DeviceSessionError?
        var run: WalkthroughRun?
        do {
            try managed.connect()
            try session.handleStaleDebugs(managed) { Self.printError($0) }
            var walk = WalkthroughRun(walkthrough: walkthrough, catalog: catalog, platform: managed.platform ?? .ios, peer: peer)
            if !json { print("Walkthrough \(walkthrough.id): \(walkthrough.title)\nTarget \(target) (\(walk.observations.platform.rawValue))\n") }
            defer { run = walk }
            try walker.runToConclusion(&walk)
        } catch let error as DeviceSessionError {
            failure = error
        }
        let problems = managed.close()
        for problem in problems { Self.printError("warning: cleanup: \(problem)") }
        if let failure {
            // A signal ends the run like any device command (128+N, after the cleanup above).
            if case .interrupted = failure { throw ExitCode(ExitStatus.forError(failure)) }
            throw CleanExit.message("error: the walkthrough could not run: \(failure)", code: ExitStatus.usage)
        }
        guard let run else { throw ExitCode(ExitStatus.usage) }
        let document = WalkthroughReport(run: run, target: target.description)
        if json {
            print(String(decoding: try AnalysisReport.makeJSONEncoder().encode(document), as: UTF8.self))
        } else if let conclusion = run.conclusion {
            Self.printConclusion(conclusion, platform: run.observations.platform)
        }
        if let report { try writeReport(document, to: report, credentials: credentials) }
        if run.conclusion?.healthy != true { throw ExitCode(1) }
    }

    private func writeReport(_ document: WalkthroughReport, to path: String, credentials: StaticCredentials) throws {
        var redactor = SecretRedactor()
        for secret in [credentials.password, credentials.enableSecret].compactMap({ $0 }) { redactor.addSecret(secret) }
        let text = document.markdown().components(separatedBy: "\n").map(redactor.redact).joined(separator: "\n")
        do {
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CleanExit.message("error: cannot write \(path): \(error.localizedDescription)", code: ExitStatus.usage)
        }
    }

    // MARK: - Text output

    static func printEvent(_ event: WalkthroughRunner.Event, number: Int, waitLimit: Duration) {
        switch event {
        case .stepStarted(let plan):
            print("\(number). \(plan.stepID): \(plan.checks)")
            if plan.commands.isEmpty && plan.sweep.isEmpty && plan.debugKinds == nil {
                print("   (no command: evaluates what the earlier steps read)")
            }
            for command in plan.unresolved { print("   (left out: \(command): a placeholder has no value)") }
        case .command(let command):
            print("   $ \(command)")
        case .debugsOn(let commands):
            print("   debugs on (\(commands.joined(separator: "; "))), waiting up to \(waitLimit.components.seconds)s")
        case .debugsOff(let problems):
            print("   debugs off" + (problems.isEmpty ? "" : " (problems: \(problems.joined(separator: "; ")))"))
        case .stepFinished(let record):
            if record.skipped { print("   skipped") }
            for e in record.evidence { print("   \(e.check): \(e.value)  (\(e.detail))") }
            if let branch = record.branch { print("   -> \(branch.condition): \(branch.targetText)") }
            print("")
        case .concluded:
            break
        }
    }

    static func printConclusion(_ conclusion: WalkthroughConclusion, platform: Platform) {
        if conclusion.healthy {
            print("Conclusion: healthy. \(conclusion.verified ?? "")")
            return
        }
        print("Conclusion: \(conclusion.id) — \(conclusion.title)")
        if let summary = conclusion.summary { print(summary) }
        if !conclusion.fixes.isEmpty { print("\nFix steps:") }
        for (n, step) in conclusion.fixes.enumerated() {
            print(" \(n + 1). \(step.text)")
            for (label, commands) in [("check", step.verify), ("change", step.fix)] {
                guard let list = commands?.commands(for: platform), !list.isEmpty else { continue }
                print("    \(label): " + list.joined(separator: " ; "))
            }
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
