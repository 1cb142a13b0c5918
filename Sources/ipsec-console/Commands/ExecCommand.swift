import ArgumentParser
import DeviceSession
import Foundation
import IPsecKit

/// `ipsec-console exec`: connect, run commands, print, disconnect.
struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run read-only commands on a device and print their output (or parsed JSON).",
        discussion: """
        Connects (ssh through the system's OpenSSH client, telnet, serial or the lab), logs in, \
        becomes privileged, turns paging off, runs each command given after --, and disconnects. \
        Only show, debug/undebug, terminal and ping are sent; clear crypto sa|isakmp|session needs \
        --confirm-disruptive; configuration commands are refused.

        Passwords come only from --password-stdin or --password-file (mode 0600), never from \
        arguments or the environment.

        Exit status: 0 success, 1 the device rejected a command, 2 usage error or a refused \
        command, 3 connection or login failure, 4 a command hung, 128+N killed by signal N \
        (debugs are turned off first).
        """
    )

    @OptionGroup var session: SessionOptions

    @Flag(help: "Print one JSON document: each command's output lines and parsed tables (snake_case keys).")
    var json = false

    @Flag(help: "Allow clear crypto sa|isakmp|session (they tear tunnels down).")
    var confirmDisruptive = false

    @Argument(parsing: .postTerminator, help: ArgumentHelp("Commands to run, after --.", valueName: "command"))
    var commands: [String] = []

    func validate() throws {
        _ = try session.parsedTarget()
        try session.validateSecrets()
        guard !commands.isEmpty else { throw ValidationError("give the commands to run after --, e.g. -- \"show crypto isakmp sa\"") }
        for command in commands {
            switch CommandPolicy.evaluate(command) {
            case .allowed: break
            case let .needsConfirmation(reason):
                if !confirmDisruptive { throw ValidationError("\"\(command)\" needs --confirm-disruptive: \(reason)") }
            case let .refused(reason):
                throw ValidationError("refused \"\(command)\": \(reason)")
            }
        }
    }

    func run() throws {
        let target = try session.parsedTarget()
        let credentials = try session.credentials(target: target)
        var asynchronous: [AsynchronousLine] = []
        let configuration = try session.sessionConfiguration(target: target, credentials: credentials) { asynchronous.append($0) }
        InterruptSignals.shared.install()
        let managed = ManagedSession(configuration: configuration, credentials: credentials)
        var results: [CommandResult] = []
        var failure: DeviceSessionError?
        do {
            try managed.connect()
            try session.handleStaleDebugs(managed) { Self.printError($0) }
            for command in commands {
                let result = try managed.execute(command, confirmed: confirmDisruptive)
                results.append(result)
                if !json { printText(result, showHeader: commands.count > 1) }
                if let error = result.deviceError {
                    Self.printError("error: the device rejected \"\(command)\": \(error)")
                    failure = failure ?? .device(command: command, message: error)
                }
            }
        } catch let error as DeviceSessionError {
            failure = error
            Self.printError("error: \(error)")
        }
        let platform = managed.platform
        let problems = managed.close()
        for problem in problems { Self.printError("warning: cleanup: \(problem)") }
        if json { printJSON(results, asynchronous: asynchronous, platform: platform, failure: failure, target: target) }
        else {
            for line in asynchronous where line.recognised { Self.printError(line.text) }
        }
        if let failure { throw ExitCode(ExitStatus.forError(failure)) }
    }

    private func printText(_ result: CommandResult, showHeader: Bool) {
        if showHeader { print(result.prompt + result.command) }
        for line in result.output { print(line) }
    }

    private func printJSON(_ results: [CommandResult], asynchronous: [AsynchronousLine], platform: Platform?,
                           failure: DeviceSessionError?, target: DeviceTarget) {
        let document = ExecDocument(
            target: target.description,
            platform: platform?.rawValue,
            commands: results.map { r in
                ExecDocument.Command(command: r.command, prompt: r.prompt, output: r.output, deviceError: r.deviceError,
                                     startedAt: r.startedAt, finishedAt: r.finishedAt,
                                     parsed: ShowCommand.resolve(r.command) == nil ? nil : SnapshotPoller.snapshot(of: r, platform: platform).report)
            },
            asynchronous: asynchronous.map { ExecDocument.Line(text: $0.text, receivedAt: $0.receivedAt, recognised: $0.recognised) },
            error: failure.map { ExecDocument.Failure($0) })
        let encoder = AnalysisReport.makeJSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        if let data = try? encoder.encode(document) { print(String(decoding: data, as: UTF8.self)) }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// The `exec --json` document.
struct ExecDocument: Encodable {
    struct Command: Encodable {
        var command: String
        var prompt: String
        var output: [String]
        var deviceError: String?
        var startedAt: Date
        var finishedAt: Date
        var parsed: AnalysisReport?
    }

    struct Line: Encodable {
        var text: String
        var receivedAt: Date
        var recognised: Bool
    }

    struct Failure: Encodable {
        var kind: String
        var message: String
        var fingerprint: String?
        var knownHostsLine: String?
        var suggestedOption: String?

        init(_ error: DeviceSessionError) {
            message = error.description
            switch error {
            case let .connection(f):
                kind = f.kind.rawValue; fingerprint = f.fingerprint; knownHostsLine = f.knownHostsLine; suggestedOption = f.suggestedOption
            case .device: kind = "device_error"
            case .commandTimeout: kind = "command_timeout"
            case .refused: kind = "refused"
            case .interrupted: kind = "interrupted"
            }
        }
    }

    var target: String
    var platform: String?
    var commands: [Command]
    var asynchronous: [Line]
    var error: Failure?
}
