import ArgumentParser

/// The `ipsec-console` command line: one subcommand per job.
struct IPsecConsole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipsec-console",
        abstract: "Troubleshoot IPsec VPNs on Cisco IOS/IOS-XE routers and PIX/ASA firewalls.",
        subcommands: [
            AnalyzeCommand.self,
            LabDeviceCommand.self,
        ]
    )
}

IPsecConsole.main()
