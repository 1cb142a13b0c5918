import Foundation
import Testing
@testable import IPsecKit

@Suite("Walkthrough loading, parsing and moves")
struct WalkthroughCoreTests {
    static let minimal = """
    walkthrough:
      id: tunnel-down
      title: "Replaced"
      summary: "A user's own tunnel-down."
      steps:
        - id: only
          checks: "Reads phase 1."
          commands:
            ios: ["show crypto isakmp sa"]
          evidence: [isakmp-state]
          branches:
            - when: {isakmp-state: [QM_IDLE]}
              conclude: healthy
              verified: "Phase 1 is up."
            - conclude: main-mode-failed
    """

    func load(_ text: String, name: String = "user.yaml") -> WalkthroughLibraryLoad {
        WalkthroughLibrary.assemble(base: try! WalkthroughLibrary.builtInSources(), overrides: [SignatureSource(name: name, text: text)],
                                    catalog: Shipped.catalog, commandProblem: Shipped.commandProblem)
    }

    @Test func userFileReplacesTheBuiltInWalkthrough() throws {
        let load = load(Self.minimal)
        #expect(load.issues.isEmpty, "\(load.issues)")
        #expect(load.library["tunnel-down"]?.title == "Replaced")
        #expect(load.library.ids.count == 5)
    }

    @Test(arguments: [
        ("evidence: [isakmp-state]", "evidence: [isakmp-stat]", "steps[0].evidence[0]: unknown check 'isakmp-stat'"),
        ("conclude: main-mode-failed", "conclude: main-mode-faild", "steps[0].branches[1].conclude: 'main-mode-faild' is not a signature catalog id"),
        ("conclude: main-mode-failed", "next: nowhere", "steps[0].branches[1].next: names unknown step 'nowhere'"),
        ("ios: [\"show crypto isakmp sa\"]", "ios: [\"configure terminal\"]", "steps[0].commands.ios: 'configure terminal' is refused by the session"),
        ("{isakmp-state: [QM_IDLE]}", "{ipsec-sa: [up]}", "steps[0].branches[0].when.ipsec-sa: the step does not evaluate this check"),
        ("verified: \"Phase 1 is up.\"", "verifed: \"Phase 1 is up.\"", "steps[0].branches[0].verifed: unknown field"),
        ("ios: [\"show crypto isakmp sa\"]", "ios: [\"show version\"]", "steps[0].evidence[0]: isakmp-state needs show crypto isakmp sa, but neither this step nor every step before it runs it"),
        ("        - conclude: main-mode-failed", "        - when: {isakmp-state: [none]}\n          conclude: main-mode-failed", "the last branch must have no 'when'"),
    ])
    func brokenUserFileIsNamedPrecisely(_ edit: (String, String, String)) {
        let text = Self.minimal.replacingOccurrences(of: edit.0, with: edit.1)
        let load = load(text, name: "/home/u/.config/ipsec-console/walkthroughs/mine.yaml")
        let messages = load.issues.map(\.description)
        #expect(messages.contains { $0.hasPrefix("/home/u/.config/ipsec-console/walkthroughs/mine.yaml:") && $0.contains("entry 'tunnel-down'") && $0.contains(edit.2) },
                "\(messages)")
        // A broken override leaves the built-in walkthrough in place.
        #expect(load.library["tunnel-down"]?.title == "The tunnel does not come up")
    }

    @Test func loopsAndUnreachableStepsAreRejected() {
        let text = """
        walkthrough:
          id: loop
          title: "Loop"
          summary: "Goes round."
          steps:
            - id: a
              checks: "A."
              commands: {ios: ["show crypto isakmp sa"]}
              evidence: [isakmp-state]
              branches:
                - next: b
            - id: b
              checks: "B."
              commands: {ios: ["show crypto isakmp sa"]}
              evidence: [isakmp-state]
              branches:
                - next: a
            - id: c
              checks: "C."
              commands: {ios: ["show crypto isakmp sa"]}
              evidence: [isakmp-state]
              branches:
                - conclude: healthy
                  verified: "Nothing."
        """
        let messages = load(text).issues.map(\.description)
        #expect(messages.contains { $0.contains("the steps form a loop: a -> b -> a") }, "\(messages)")
        #expect(messages.contains { $0.contains("step 'c' cannot be reached") }, "\(messages)")
    }

    @Test(arguments: ["", "walkthrough: 5", "walkthrough:\n  id: x\n  steps: [1, 2]", "- a\n- b", "walkthrough:\n  id: x\n  title: t\n  summary: s\n  steps:\n    - id: a\n      checks: c\n      evidence: [debug-finding]\n      branches: [{when: {debug-finding: yes}}]",
                      String(decoding: (0..<300).map { UInt8(($0 * 37 + 11) % 256) }, as: UTF8.self)])
    func garbageIsReportedNotLoaded(_ text: String) {
        let load = load(text)
        #expect(!load.issues.isEmpty)
        #expect(load.issues.allSatisfy { $0.file == "user.yaml" })
        #expect(load.library.ids.count == 5)
    }

    @Test func yamlSyntaxErrorNamesTheLine() {
        let messages = load("walkthrough:\n  id: [unclosed\n").issues.map(\.description)
        #expect(messages.contains { $0.hasPrefix("user.yaml:") && $0.contains("YAML syntax error") }, "\(messages)")
    }

    // MARK: - Parsers

    @Test func pingOutputIsRead() {
        let tooBig = PingResult.parse(["Type escape sequence to abort.", "Sending 2, 1500-byte ICMP Echos to 192.168.2.1, timeout is 2 seconds:",
                                       "Packet sent with the DF bit set", "MM", "Success rate is 0 percent (0/2)"])
        #expect(tooBig == PingResult(size: 1500, sent: 2, received: 0, fragmentationNeeded: true))
        let ok = PingResult.parse(["Sending 5, 1400-byte ICMP Echos to 192.168.2.1, timeout is 2 seconds:", "!!!!!",
                                   "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms"])
        #expect(ok.passed && ok.size == 1400 && !ok.fragmentationNeeded)
        #expect(PingResult.parse(["% Invalid input detected at '^' marker."]).sent == nil)
    }

    @Test func showVersionTellsWhetherCryptoCanRun() {
        let c7600 = PlatformFacts.parse(["cisco CISCO7606 (R7000) processor (revision 1.1) with 983008K/65536K bytes of memory.",
                                         "No IPsec SPA installed: software crypto is not supported on this platform"])
        #expect(c7600.cryptoEngineAvailable == false)
        let withSPA = PlatformFacts.parse(["cisco CISCO7606 (R7000) processor (revision 1.1) with 983008K/65536K bytes of memory.",
                                           "1 IPsec SPA (SPA-IPSEC-2G)"])
        #expect(withSPA.cryptoEngineAvailable == true)
        #expect(PlatformFacts.parse(["Cisco 2811 (revision 53.51) with 249856K/12288K bytes of memory."]).cryptoEngineAvailable == true)
        #expect(PlatformFacts.parse(["garbage"]).cryptoEngineAvailable == nil)
    }

    @Test func debugWatchEndsTheWaitOnADecisiveFinding() {
        var watch = DebugWatch(catalog: Shipped.catalog, decisive: ["replay-check"])
        let quiet = watch.consume("*Mar  1 01:02:03.456: ISAKMP (0:1001): processing HASH payload. message ID = 0")
        #expect(!quiet)
        let decided = watch.consume("*Mar  1 01:02:04.456: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=2000")
        #expect(decided)
        #expect(watch.finish().map(\.id).contains("replay-check"))
    }

    // MARK: - Peer and placeholders

    @Test func thePeerIsTheOneTheSATablesShowWhenTheMapListsSeveral() {
        var o = WalkthroughObservations(platform: .ios)
        let config = ComposedDevice(values: [:]).iosConfig().joined(separator: "\n")
            .replacingOccurrences(of: "crypto map VPNMAP 10 ipsec-isakmp\n set peer 10.1.0.2",
                                  with: "crypto map VPNMAP 5 ipsec-isakmp\n set peer 10.1.0.3\n match address 111\ncrypto map VPNMAP 10 ipsec-isakmp\n set peer 10.1.0.2")
        o.absorb(command: "show running-config", output: config)
        #expect(o.peer == "10.1.0.3")
        o.absorb(command: "show crypto isakmp sa", output: ComposedDevice(values: [:]).isakmp().joined(separator: "\n"))
        #expect(o.peer == "10.1.0.2")
        #expect(o.expand("ping {remote-host} source {local-host} size {size}", extra: ["size": "1400"]) == "ping 192.168.2.1 source 192.168.1.1 size 1400")
        #expect(o.expand("ping {nothing}") == nil)
    }

    @Test func splitTunnelNetworksNeedARoute() {
        var o = WalkthroughObservations(platform: .asa)
        let base = ComposedDevice(values: ["platform": "asa", "remote-access": "configured"]).asaConfig()
        o.absorb(command: "show running-config", output: (base + ["access-list SPLIT standard permit 172.16.0.0 255.255.0.0"]).joined(separator: "\n"))
        #expect(EvidenceEvaluator.evaluate(.insideRoutes, o).value == "missing")
        #expect(EvidenceEvaluator.evaluate(.splitTunnel, o).value == "configured")
        o.absorb(command: "show running-config", output: (base + ["access-list SPLIT standard permit 172.16.0.0 255.255.0.0",
                                                                  "route inside 172.16.0.0 255.255.0.0 192.168.1.2 1"]).joined(separator: "\n"))
        #expect(EvidenceEvaluator.evaluate(.insideRoutes, o).value == "routed")
    }

    // MARK: - Moves and report

    func tunnelDownRun() throws -> (WalkthroughRun, ComposedDevice) {
        let w = try #require(Shipped.library["tunnel-down"])
        let device = ComposedDevice(values: ["isakmp-state": "MM_NO_STATE", "policy-debug.debug-finding": "main-mode-failed"])
        return (WalkthroughRun(walkthrough: w, catalog: Shipped.catalog, platform: .ios), device)
    }

    @Test func backUndoesAStepAndSkipTakesTheFallback() throws {
        var (run, device) = try tunnelDownRun()
        run.complete(device.outputs(for: run.plan()!, catalog: Shipped.catalog))
        run.complete(device.outputs(for: run.plan()!, catalog: Shipped.catalog))
        #expect(run.currentStepID == "policy-debug")
        #expect(run.observations.isakmpSas?.first?.state == "MM_NO_STATE")
        run.back()
        #expect(run.currentStepID == "phase1-state")
        #expect(run.records.count == 1)
        #expect(run.observations.isakmpSas == nil)
        run.skip()
        #expect(run.records.last?.skipped == true)
        #expect(run.currentStepID == "policy-debug")
        run.skip()
        #expect(run.conclusion?.id == "isakmp-mm-no-state")
        run.back()
        #expect(run.conclusion == nil && run.currentStepID == "policy-debug")
    }

    @Test func reportShowsStepsEvidenceAndFixes() throws {
        var (run, device) = try tunnelDownRun()
        while let plan = run.plan() { run.complete(device.outputs(for: plan, catalog: Shipped.catalog)) }
        let report = WalkthroughReport(run: run, target: "lab://main-mode-failed?persona=ios")
        #expect(report.conclusion?.id == "main-mode-failed")
        let markdown = report.markdown()
        #expect(markdown.contains("# Walkthrough tunnel-down: The tunnel does not come up"))
        #expect(markdown.contains("### 2. phase1-state"))
        #expect(markdown.contains("| isakmp-state | MM_NO_STATE |"))
        #expect(markdown.contains("Branch: isakmp-state = MM_NO_STATE → policy-debug"))
        #expect(markdown.contains("What to do:"))
        #expect(!markdown.contains("Lab-Key"), "a key reached the report")
        let json = String(decoding: try AnalysisReport.makeJSONEncoder().encode(report), as: UTF8.self)
        for key in ["\"steps\"", "\"commands\"", "\"evidence\"", "\"branch\"", "\"conclusion\"", "\"fixes\"", "\"verified\"", "\"healthy\""] {
            #expect(json.contains(key) || key == "\"verified\"", "missing \(key)")
        }
    }
}
