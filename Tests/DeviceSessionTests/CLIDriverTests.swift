import Foundation
import Testing
@testable import DeviceSession
import IPsecKit

@Suite("CLI driver against the scripted device on a pty", .serialized)
struct CLIDriverTests {
    @Test func findsPromptThroughBannerBecomesPrivilegedAndFramesOutput() throws {
        let audit = TestEnvironment.temporaryDirectory("drv") + "/audit"
        let channel = try TestEnvironment.deviceChannel(["--banner", "--enable-secret", "En4ble!"], audit: audit)
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(enableSecret: Secret("En4ble!")),
                               options: TestEnvironment.driverOptions())
        try driver.start()
        #expect(driver.prompt?.hostname == "core-rtr.lab-1")
        #expect(driver.prompt?.privileged == true)
        #expect(driver.platform == .ios)
        #expect(driver.pagingDisabled)
        let result = try driver.run("show crypto isakmp sa")
        #expect(result.prompt == "core-rtr.lab-1#")
        #expect(result.deviceError == nil)
        #expect(result.output.first == "IPv4 Crypto ISAKMP SA")
        #expect(result.output.contains("10.1.1.2        10.1.1.1        QM_IDLE           1001 ACTIVE"))
        #expect(!result.output.contains { $0.contains("show crypto isakmp sa") })
        let report = SnapshotPoller.snapshot(of: result, platform: driver.platform).report
        #expect(report.sections.map(\.command) == ["show crypto isakmp sa"])
        #expect(report.isakmpSas.count == 1)
        #expect(report.warnings.isEmpty)
        let sent = TestEnvironment.readLines(audit)
        #expect(sent.contains("enable"))
        #expect(sent.contains("terminal length 0"))
        #expect(!sent.contains("En4ble!"), "the secret is answered at the Password: prompt, which the device does not record as a command")
    }

    @Test func answersPagerPromptsWhenPagingCannotBeTurnedOff() throws {
        let channel = try TestEnvironment.deviceChannel(["--start-privileged", "--no-paging-commands", "--page-lines", "10"])
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(), options: TestEnvironment.driverOptions())
        try driver.start()
        #expect(!driver.pagingDisabled)
        let result = try driver.run("show crypto ipsec sa")
        #expect(!result.output.contains { $0.contains("More") })
        #expect(result.output.contains("interface: GigabitEthernet0/1"))
        #expect(result.output.filter { $0.contains("Status: ACTIVE(ACTIVE)") }.count == 2)
        #expect(result.output.last == "     outbound pcp sas:")
        let report = SnapshotPoller.snapshot(of: result, platform: .ios).report
        #expect(report.sections.map(\.command) == ["show crypto ipsec sa"])
        #expect(report.ipsecSas.count == 1, "the pages join into one intact flow")
        #expect(report.warnings.isEmpty)
    }

    @Test func separatesAsynchronousLinesArrivingMidOutput() throws {
        let sink = LineSink()
        let channel = try TestEnvironment.deviceChannel(["--start-privileged", "--async-mid-output"])
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(), options: TestEnvironment.driverOptions(collecting: sink))
        try driver.start()
        let result = try driver.run("show crypto ipsec sa")
        #expect(result.asynchronous.count == 2)
        #expect(result.asynchronous[0].text.contains("%CRYPTO-4-RECVD_PKT_INV_SPI"))
        #expect(result.asynchronous[1].text.contains("ISAKMP: (1001):purging node"))
        #expect(sink.lines.map(\.text) == result.asynchronous.map(\.text))
        #expect(!result.output.contains { $0.contains("%CRYPTO") || $0.contains("purging") })
        #expect(result.output.filter { $0.hasPrefix("      spi: 0x") }.count == 2)
        let report = SnapshotPoller.snapshot(of: result, platform: .ios).report
        #expect(report.ipsecSas.count == 1)
        #expect(report.warnings.isEmpty)
    }

    @Test func reportsDeviceErrorsAndHungCommands() throws {
        let channel = try TestEnvironment.deviceChannel(["--start-privileged"])
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(), options: TestEnvironment.driverOptions(timeout: .seconds(1)))
        try driver.start()
        let bad = try driver.run("show crypto nonsense")
        #expect(bad.deviceError == "% Invalid input detected at '^' marker.")
        let clock = ContinuousClock()
        let started = clock.now
        #expect {
            try driver.run("show hang")
        } throws: { error in
            guard case let .commandTimeout(command, seconds, _) = error as? DeviceSessionError else { return false }
            return command == "show hang" && seconds == 1 && "\(error)".contains("did not finish")
        }
        #expect(clock.now - started < .seconds(6))
        // The scripted device ignores Ctrl-^, so the session is unusable now, and says so.
        #expect(driver.isBroken)
        #expect {
            try driver.run("show version")
        } throws: { error in
            "\(error)".contains("stopped answering")
        }
    }

    @Test func speaksToAnASAWithPagerAndEnableWithoutSecret() throws {
        let audit = TestEnvironment.temporaryDirectory("asa") + "/audit"
        let channel = try TestEnvironment.deviceChannel(["--persona", "asa", "--hostname", "fw-1.dc-2/ctx_a"], audit: audit)
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(), options: TestEnvironment.driverOptions())
        try driver.start()
        #expect(driver.platform == .asa)
        #expect(driver.prompt?.hostname == "fw-1.dc-2/ctx_a")
        #expect(driver.promptText == "fw-1.dc-2/ctx_a#")
        let result = try driver.run("show crypto isakmp sa")
        #expect(result.output.contains("1   IKE Peer: 10.1.1.2"))
        #expect(SnapshotPoller.snapshot(of: result, platform: .asa).report.isakmpSas.first?.peer == "10.1.1.2")
        #expect(TestEnvironment.readLines(audit).contains("terminal pager 0"))
    }

    @Test func logsInOnAConsoleThatAsksForUserAndPassword() throws {
        let channel = try TestEnvironment.deviceChannel(["--press-return", "--login", "netops:C0nsole!", "--start-privileged"])
        defer { channel.close() }
        let credentials = StaticCredentials(username: "netops", password: Secret("C0nsole!"))
        let driver = CLIDriver(channel: channel, credentials: credentials, options: TestEnvironment.driverOptions())
        try driver.start()
        #expect(driver.prompt?.privileged == true)
        #expect(credentials.passwordRequests == 1)
    }

    @Test func aWrongConsolePasswordFailsClearly() throws {
        let channel = try TestEnvironment.deviceChannel(["--login", "netops:C0nsole!"])
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(username: "netops", password: Secret("wrong")),
                               options: TestEnvironment.driverOptions())
        #expect {
            try driver.start()
        } throws: { error in
            guard case let .connection(f) = error as? DeviceSessionError else { return false }
            return f.kind == .authenticationFailed
        }
    }

    @Test func followsAPromptThatChangesWithTheContext() throws {
        let channel = try TestEnvironment.deviceChannel(["--persona", "asa", "--start-privileged"])
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(), options: TestEnvironment.driverOptions())
        try driver.start()
        #expect(driver.promptText == "asa-edge#")
        _ = try driver.run("changeto context customer-b")
        #expect(driver.promptText == "asa-edge/customer-b#")
        let result = try driver.run("show crypto isakmp sa")
        #expect(result.prompt == "asa-edge/customer-b#")
        #expect(result.output.first == "IKEv1 SAs:")
    }
}

@Suite("Output lines cut by a debug message are joined again")
struct InterruptedLineTests {
    @Test func splitCounterLinesAndTableRowsComeBackWhole() throws {
        let sink = LineSink()
        let channel = try TestEnvironment.deviceChannel(["--start-privileged", "--split-lines"])
        defer { channel.close() }
        let driver = CLIDriver(channel: channel, credentials: StaticCredentials(), options: TestEnvironment.driverOptions(collecting: sink))
        try driver.start()
        let ipsec = try driver.run("show crypto ipsec sa")
        // Five counter lines cut: after "#pk", after ", ", before ","; every second cut carries two messages.
        #expect(ipsec.asynchronous.count == 7)
        #expect(ipsec.asynchronous.allSatisfy { $0.text.contains("ISAKMP (0:1001): sending packet") || $0.text.contains("%CRYPTO-6-IKMP_NOT_ENCRYPTED") })
        #expect(ipsec.output.contains("    #pkts encaps: 120, #pkts encrypt: 120, #pkts digest: 120"))
        #expect(ipsec.output.contains("    #pkts decaps: 118, #pkts decrypt: 118, #pkts verify: 118"))
        #expect(ipsec.output.contains("    #pkts compressed: 0, #pkts decompressed: 0"))
        #expect(ipsec.output.contains("    #pkts not compressed: 0, #pkts compr. failed: 0"))
        #expect(ipsec.output.contains("    #pkts not decompressed: 0, #pkts decompress failed: 0"))
        #expect(!ipsec.output.contains { $0.contains("ISAKMP") || $0.contains("%CRYPTO") })
        #expect(sink.lines.map(\.text) == ipsec.asynchronous.map(\.text))
        let report = SnapshotPoller.snapshot(of: ipsec, platform: .ios).report
        #expect(report.warnings.isEmpty)
        let flow = try #require(report.ipsecSas.first)
        #expect(flow.counters.pktsEncaps == 120)
        #expect(flow.counters.pktsEncrypt == 120)
        #expect(flow.counters.pktsDigest == 120)
        #expect(flow.counters.pktsDecaps == 118)
        #expect(flow.counters.pktsDecrypt == 118)
        #expect(flow.counters.pktsVerify == 118)

        let isakmp = try driver.run("show crypto isakmp sa")
        #expect(isakmp.asynchronous.count >= 1)
        #expect(isakmp.output.contains("10.1.1.2        10.1.1.1        QM_IDLE           1001 ACTIVE"))
        let sa = try #require(SnapshotPoller.snapshot(of: isakmp, platform: .ios).report.isakmpSas.first)
        #expect(sa.src == "10.1.1.1")
        #expect(sa.state == "QM_IDLE")
    }
}
