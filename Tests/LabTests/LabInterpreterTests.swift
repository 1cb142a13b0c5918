import Testing
@testable import Lab
import Foundation

@Suite("Lab device: prompts, modes, paging, parsing")
struct LabInterpreterTests {
    @Test func privilegedPromptAndUnprivilegedStart() throws {
        var ios = try LabDriver()
        #expect(ios.device.prompt == "R1#")
        let user = try LabDriver { $0.unprivileged = true }
        #expect(user.device.prompt == "R1>")
        var asa = try LabDriver(persona: .asa)
        #expect(asa.device.prompt == "asa# ")
        #expect(ios.type("").hasSuffix("R1#"))
        #expect(asa.type("").hasSuffix("asa# "))
    }

    @Test func enableAsksForTheSecretWithoutEcho() throws {
        var d = try LabDriver { $0.unprivileged = true; $0.echo = true; $0.enableSecret = "s3cret" }
        #expect(d.type("enable").hasSuffix("Password: "))
        let typed = d.device.receive("wrong")
        #expect(typed.isEmpty)
        #expect(d.device.receive("\n").hasSuffix("Password: "))
        _ = d.device.receive("s3cret")
        #expect(d.device.receive("\n").hasSuffix("R1#"))
        #expect(d.device.privileged)
        #expect(d.type("disable").hasSuffix("R1>"))
    }

    @Test func threeWrongEnableSecretsFail() throws {
        var d = try LabDriver { $0.unprivileged = true }
        _ = d.type("enable"); _ = d.type("a"); _ = d.type("b")
        let last = d.type("c")
        #expect(last.contains("% Bad secrets"))
        #expect(last.hasSuffix("R1>"))
    }

    @Test func loginAsksUsernameAndPassword() throws {
        var options = LabDeviceOptions()
        options.login = true
        var device = try LabDevice(options: options)
        #expect(device.start().hasSuffix("Username: "))
        #expect(device.receive("admin\n").hasSuffix("Password: "))
        #expect(device.receive("nope\n").contains("% Login invalid"))
        _ = device.receive("admin\n")
        #expect(device.receive("cisco\n").hasSuffix("R1#"))
    }

    @Test func exitAndLogoutClose() throws {
        var d = try LabDriver()
        _ = d.type("exit")
        #expect(d.device.isClosed)
        var a = try LabDriver(persona: .asa)
        #expect(a.type("logout").contains("Logoff"))
        #expect(a.device.isClosed)
    }

    @Test func abbreviationsMatchFullCommands() throws {
        var d = try LabDriver()
        let short = d.output("sh cry isa sa")
        var e = try LabDriver()
        #expect(short == e.output("show crypto isakmp sa"))
        #expect(short.contains("QM_IDLE"))
    }

    @Test func invalidInputPutsTheCaretUnderTheFault() throws {
        var d = try LabDriver()
        let out = d.output("show crypto foo")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == String(repeating: " ", count: "R1#show crypto ".count) + "^")
        #expect(lines[1] == "% Invalid input detected at '^' marker.")
        // The caret stops at the first character no keyword continues with: `crypto isx` -> under `x`.
        let partial = d.output("show crypto isx")
        #expect(partial.hasPrefix(String(repeating: " ", count: "R1#show crypto is".count) + "^\n"))
        var asa = try LabDriver(persona: .asa)
        let asaOut = asa.output("show cryptox")
        #expect(asaOut.hasPrefix(String(repeating: " ", count: "asa# show crypto".count) + "^\n"))
        #expect(asaOut.contains("ERROR: % Invalid input detected at '^' marker."))
    }

    @Test func incompleteAndAmbiguous() throws {
        var d = try LabDriver()
        #expect(d.output("show crypto") == "% Incomplete command.\n\n")
        #expect(d.output("sh c") == "% Ambiguous command:  \"sh c\"\n\n")
    }

    @Test func configureIsRefused() throws {
        var d = try LabDriver()
        #expect(d.output("conf t").contains("configuration mode is not available"))
        #expect(d.device.prompt == "R1#")
    }

    @Test func userModeHidesPrivilegedCommands() throws {
        var d = try LabDriver { $0.unprivileged = true }
        let out = d.output("show running-config")
        #expect(out.hasPrefix(String(repeating: " ", count: "R1>show ".count) + "^"))
        #expect(d.output("show version").contains("Cisco IOS Software"))
    }

    @Test func pagerStopsAfterAScreenAndContinues() throws {
        var d = try LabDriver()
        let first = d.type("show running-config")
        let lines = first.split(separator: "\n", omittingEmptySubsequences: false)
        // Line ending after the command, 23 lines, then the marker.
        #expect(lines.count == 25)
        #expect(first.hasSuffix(" --More-- "))
        let page = d.device.receive(" ")
        #expect(page.hasPrefix(String(repeating: "\u{8}", count: 10)))
        let oneLine = d.device.receive("\r")
        #expect(oneLine.split(separator: "\n").count == 2)
        let quit = d.device.receive("q")
        #expect(quit.hasSuffix("R1#"))
        _ = d.type("terminal length 0")
        let all = d.type("show running-config")
        #expect(!all.contains("--More--"))
        #expect(all.contains("\nend\n"))
    }

    @Test func asaPagerMarkerAndPagerZero() throws {
        var d = try LabDriver(persona: .asa)
        #expect(d.type("show running-config").hasSuffix("<--- More --->"))
        _ = d.device.receive("q")
        _ = d.type("terminal pager 0")
        #expect(d.type("show running-config").contains(": end"))
    }

    @Test func echoOnTerminalAndBackspace() throws {
        var d = try LabDriver { $0.echo = true; $0.lineEnding = "\r\n" }
        #expect(d.device.receive("shx") == "shx")
        #expect(d.device.receive([0x7F]) == "\u{8} \u{8}")
        let out = d.device.receive(" clock\r")
        #expect(out.hasPrefix(" clock\r\n*"))
        #expect(out.hasSuffix("\r\nR1#"))
    }

    @Test func contextHelpListsNextKeywords() throws {
        var d = try LabDriver()
        let help = d.device.receive("show crypto ?")
        #expect(help.contains("  isakmp"))
        #expect(help.contains("  ipsec"))
        #expect(help.hasSuffix("R1#show crypto "))
    }

    @Test func terminalWidthAndMonitorAreAccepted() throws {
        var d = try LabDriver()
        #expect(d.output("terminal width 132") == "")
        #expect(d.device.terminalWidth == 132)
        _ = d.type("terminal monitor")
        #expect(d.device.terminalMonitor)
        _ = d.type("terminal no monitor")
        #expect(!d.device.terminalMonitor)
    }

    @Test func unknownScenarioAndWrongPersonaAreReported() {
        var options = LabDeviceOptions()
        options.scenario = "nope"
        #expect(throws: LabDeviceError.unknownScenario("nope")) { try LabDevice(options: options) }
        options.scenario = "qm-fsm"
        #expect(throws: LabDeviceError.personaNotModelled(scenario: "qm-fsm", persona: .ios)) { try LabDevice(options: options) }
    }

    @Test func inputSplitAnywhereGivesTheSameOutput() throws {
        let script = "terminal length 0\r\nsh cry isa sa\rshow crypto ipsec sa peer 10.1.0.2\nsh c\nshow running-config\n"
        var whole = try LabDriver { $0.echo = true; $0.lineEnding = "\r\n" }
        var bytewise = try LabDriver { $0.echo = true; $0.lineEnding = "\r\n" }
        let all = whole.device.receive(script)
        var pieces = ""
        for byte in Array(script.utf8) { pieces += bytewise.device.receive([byte]) }
        #expect(all == pieces)
        #expect(all.contains("QM_IDLE"))
        #expect(all.components(separatedBy: "R1#").count == 6, "one prompt per line, CR LF counted once")
    }

    @Test func ipsecPeerFilterAndAsaIkev1Table() throws {
        var d = try LabDriver()
        _ = d.type("terminal length 0")
        #expect(d.output("show crypto ipsec sa peer 10.1.0.2").contains("current_peer 10.1.0.2 port 500"))
        #expect(!d.output("show crypto ipsec sa peer 10.9.9.9").contains("current_peer"))
        var a = try LabDriver(persona: .asa)
        let ikev1 = a.output("show crypto ikev1 sa")
        #expect(ikev1.contains("State   : MM_ACTIVE"))
        #expect(!ikev1.contains("IKEv2"))
        #expect(a.output("show crypto isakmp sa").hasSuffix("There are no IKEv2 SAs\n"))
        #expect(a.output("show debug") == "")
        _ = a.type("debug crypto isakmp 127")
        #expect(a.output("show debug").contains("debug crypto ikev1 enabled at level 127"))
        _ = a.type("undebug all")
        #expect(a.output("show debug") == "")
    }

    @Test func garbageInputNeverCrashes() throws {
        var d = try LabDriver()
        var bytes: [UInt8] = []
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<5000 { bytes.append(UInt8.random(in: 0...255, using: &generator)) }
        _ = d.device.receive(bytes)
        _ = d.wait(30)
        _ = d.device.receive("\n")
        #expect(!d.type("show clock").isEmpty || d.device.isClosed)
    }
}
