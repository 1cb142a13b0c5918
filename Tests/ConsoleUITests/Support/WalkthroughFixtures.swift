import ConsoleUI
import IPsecKit

/// A tunnel-down walkthrough on composed device output, for the pane's snapshots.
enum WalkthroughFixtures {
    static let config = """
    R1#show running-config
    hostname R1
    crypto isakmp policy 10
     encr 3des
     authentication pre-share
     group 2
    crypto isakmp key Lab-Key address 10.1.0.2
    crypto ipsec transform-set TS esp-3des esp-sha-hmac
    crypto map VPNMAP 10 ipsec-isakmp
     set peer 10.1.0.2
     set transform-set TS
     match address 110
    interface FastEthernet0/0
     ip address 10.1.0.1 255.255.255.0
     crypto map VPNMAP
    access-list 110 permit ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255
    end
    """
    static let isakmp = """
    R1#show crypto isakmp sa
    IPv4 Crypto ISAKMP SA
    dst             src             state          conn-id status
    10.1.0.2        10.1.0.1        MM_NO_STATE       1001 ACTIVE
    """

    /// After two steps, the debug step running (or, `concluded`, after the conclusion).
    static func progress(concluded: Bool) -> WalkthroughProgress {
        let catalog = try! SignatureCatalog.builtIn()
        let library = try! WalkthroughLibrary.builtIn(catalog: catalog) { _ in nil }.library
        var run = WalkthroughRun(walkthrough: library["tunnel-down"]!, catalog: catalog, platform: .ios)
        run.complete(WalkthroughStepOutputs(commands: [.init(command: "show running-config", output: config)]))
        run.complete(WalkthroughStepOutputs(commands: [.init(command: "show crypto isakmp sa", output: isakmp)]))
        let target = "ssh://admin@192.0.2.1"
        guard concluded else {
            return WalkthroughProgress(report: WalkthroughReport(run: run, target: target), currentStep: run.currentStep?.id,
                                       currentChecks: run.currentStep?.checks,
                                       activity: "debugs on (debug crypto condition peer ipv4 10.1.0.2; debug crypto isakmp; terminal monitor), waiting up to 30s",
                                       isRunning: true)
        }
        let finding = Finding(id: "main-mode-failed", title: "Main mode failed", severity: .critical, phase: .phase1, peer: "10.1.0.2", confidence: 0.9)
        run.complete(WalkthroughStepOutputs(debugFindings: [finding]))
        return WalkthroughProgress(report: WalkthroughReport(run: run, target: target))
    }

    static func state(width: Int, height: Int, concluded: Bool) -> ConsoleState {
        var s = ConsoleFixtures.state(width: width, height: height)
        _ = ConsoleUpdate.update(&s, .walkthrough(progress(concluded: concluded)))
        if concluded { _ = ConsoleUpdate.update(&s, .key(.up)); _ = ConsoleUpdate.update(&s, .key(.up)); _ = ConsoleUpdate.update(&s, .key(.enter)) }
        return s
    }

    /// The shipped walkthroughs as the menu lists them.
    static var choices: [WalkthroughChoice] {
        let catalog = try! SignatureCatalog.builtIn()
        let library = try! WalkthroughLibrary.builtIn(catalog: catalog) { _ in nil }.library
        return library.walkthroughs.map { WalkthroughChoice(id: $0.id, title: $0.title, summary: $0.summary) }
    }

    /// The menu opened with `w` on the Phase 1 pane's second row, the third walkthrough selected.
    static func menuState(width: Int, height: Int) -> ConsoleState {
        var s = ConsoleFixtures.state(width: width, height: height, focus: .phase1)
        s.walkthroughChoices = choices
        s.walkthroughNames = choices.map(\.id)
        _ = ConsoleFixtures.send(&s, [.down, .char("w"), .down, .down])
        return s
    }
}
