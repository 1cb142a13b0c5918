import ArgumentParser
import Foundation

/// The `ipsec-console` command line: one subcommand per job.
struct IPsecConsole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipsec-console",
        abstract: "Troubleshoot IPsec VPNs on Cisco IOS/IOS-XE routers and PIX/ASA firewalls.",
        subcommands: [
            ConnectCommand.self,
            LabCommand.self,
            AnalyzeCommand.self,
            CompareCommand.self,
            SignaturesCommand.self,
            ExecCommand.self,
            WatchCommand.self,
            AskpassCommand.self,
            LabDeviceCommand.self,
            ReplayCommand.self,
            WalkthroughCommand.self,
        ],
        defaultSubcommand: ConnectCommand.self
    )
}

// Usage errors exit with 2 (the documented contract), not ArgumentParser's 64.
do {
    // Bare `ipsec-console` shows what it can do rather than asking for a target.
    var command = try IPsecConsole.parseAsRoot(CommandLine.arguments.count == 1 ? ["--help"] : nil)
    try command.run()
} catch {
    if IPsecConsole.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((IPsecConsole.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    IPsecConsole.exit(withError: error)
}
