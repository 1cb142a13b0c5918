import ArgumentParser
import DeviceSession
import Foundation

/// Hidden: what ssh runs as SSH_ASKPASS. Passes ssh's prompt to the session that
/// started ssh and prints its answer; the secret never travels in argv or environment.
struct AskpassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "askpass", shouldDisplay: false)

    @Option(help: "The session's private socket.")
    var socket: String

    @Argument(parsing: .captureForPassthrough)
    var prompt: [String] = []

    func run() throws {
        let status = AskpassClient.run(socketPath: socket, prompt: prompt.joined(separator: " "))
        if status != 0 { throw ExitCode(status) }
    }
}
