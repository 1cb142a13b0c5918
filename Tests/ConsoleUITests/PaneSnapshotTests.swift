import ConsoleUI
import Foundation
import IPsecKit
import Testing

/// Every pane, overlay and dialog rendered into the in-memory screen at 80x24 and 160x48
/// from fixed states, compared with `Snapshots/*.txt` (see `ScreenSnapshot` to re-record).
@Suite struct PaneSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    enum Scene: String, CaseIterable {
        case phase1, phase2, engine, debug, findings, help, phase2Detail, findingDetail
        case passwordDialog, hostKeyUnknown, hostKeyChanged, quitConfirm, commandLine, debugSearch, debugsOnStatus
        case walkthroughRunning, walkthroughConcluded, walkthroughMenu
        case compare, compareDetail, compareFailed
        case debugEvidence, disruptiveConfirm

        func state(width: Int, height: Int) -> ConsoleState {
            typealias F = ConsoleFixtures
            switch self {
            case .phase1: return F.state(width: width, height: height, focus: .phase1)
            case .phase2: return F.state(width: width, height: height, focus: .phase2)
            case .engine: return F.state(width: width, height: height, focus: .engine)
            case .debug: return F.state(width: width, height: height, focus: .debug)
            case .findings: return F.state(width: width, height: height, focus: .findings)
            case .help:
                var s = F.state(width: width, height: height)
                _ = F.send(&s, [.char("?")])
                return s
            case .phase2Detail:
                var s = F.state(width: width, height: height, focus: .phase2)
                _ = F.send(&s, [.down, .enter])
                return s
            case .findingDetail:
                var s = F.state(width: width, height: height, focus: .findings)
                _ = F.send(&s, [.enter])
                return s
            case .passwordDialog:
                var s = F.state(width: width, height: height)
                _ = ConsoleUpdate.update(&s, .askPassword(PasswordQuestion(prompt: "Password for admin@192.0.2.1:", id: 1)))
                _ = F.type(&s, "secret")
                return s
            case .hostKeyUnknown, .hostKeyChanged:
                var s = F.state(width: width, height: height)
                _ = ConsoleUpdate.update(&s, .askHostKey(HostKeyQuestion(host: "192.0.2.1", port: 22, keyType: "ED25519",
                    fingerprint: "SHA256:Xb1kq3e0Jp8m2H5dT0s2yq9ZrB7w4uK1nV6cA8fLmQo", changed: self == .hostKeyChanged, id: 2)))
                return s
            case .disruptiveConfirm:
                var s = F.state(width: width, height: height)
                _ = ConsoleUpdate.update(&s, .confirmDisruptive(command: "clear crypto sa peer 10.1.0.2",
                                                                reason: "it tears down security associations; traffic through the tunnels stops until they renegotiate"))
                return s
            case .quitConfirm:
                var s = F.state(width: width, height: height)
                _ = ConsoleUpdate.update(&s, .debugsChanged([.isakmp, .ipsec]))
                _ = F.send(&s, [.char("q")])
                return s
            case .commandLine:
                var s = F.state(width: width, height: height)
                _ = F.send(&s, [.char(":")])
                _ = F.type(&s, "debug on isa")
                return s
            case .debugSearch:
                var s = F.state(width: width, height: height, focus: .debug)
                _ = F.send(&s, [.char("/")])
                _ = F.type(&s, "atts")
                _ = F.send(&s, [.enter])
                return s
            case .debugEvidence:
                var s = F.state(width: width, height: height, focus: .debug)
                _ = ConsoleUpdate.update(&s, .evidenceMarks(F.evidenceMarks))
                return s
            case .debugsOnStatus:
                var s = F.state(width: width, height: height, focus: .phase1)
                _ = ConsoleUpdate.update(&s, .debugsChanged([.isakmp]))
                _ = ConsoleUpdate.update(&s, .connection(ConnectionInfo(device: "R1", transport: "ssh",
                    state: .reconnecting(at: ConsoleFixtures.now.addingTimeInterval(4)), privilege: 15)))
                return s
            case .walkthroughRunning: return WalkthroughFixtures.state(width: width, height: height, concluded: false)
            case .walkthroughConcluded: return WalkthroughFixtures.state(width: width, height: height, concluded: true)
            case .walkthroughMenu: return WalkthroughFixtures.menuState(width: width, height: height)
            case .compare:
                return ComparisonFixtures.state(width: width, height: height)
            case .compareDetail:
                var s = ComparisonFixtures.state(width: width, height: height)
                _ = F.send(&s, [.char("n"), .enter])
                return s
            case .compareFailed:
                var s = F.state(width: width, height: height)
                _ = ConsoleUpdate.update(&s, .comparisonFailed(ComparisonFailure(
                    side: .other, source: "ssh://admin@10.1.0.2", problem: "authentication failed: Permission denied (publickey,password)",
                    advice: ["The console logs in to the other end with its own user and password: put the right user in the target (ssh://admin@10.1.0.2), or use a key or an ~/.ssh/config entry for that host.",
                             "Or save that end's `show running-config` output to a file and run :compare FILE."])))
                return s
            }
        }
    }

    static let cases: [(Scene, Int, Int)] = Scene.allCases.flatMap { scene in sizes.map { (scene, $0.0, $0.1) } }

    @Test(arguments: cases)
    func rendersAsRecorded(_ scene: Scene, _ width: Int, _ height: Int) {
        let screen = ConsoleView.render(scene.state(width: width, height: height))
        ScreenSnapshot.assertMatches(screen, named: "\(scene.rawValue)-\(width)x\(height)")
    }

    /// Any size, however odd, renders without a crash and fills exactly the screen.
    @Test func everySceneRendersAtAnySize() {
        for scene in Scene.allCases {
            for (w, h) in [(0, 0), (1, 1), (10, 3), (39, 9), (40, 10), (41, 11), (60, 15), (139, 35), (140, 36), (250, 80)] {
                let screen = ConsoleView.render(scene.state(width: w, height: h))
                #expect(screen.width == w && screen.height == h && screen.cells.count == w * h, "\(scene) \(w)x\(h)")
                for y in 0..<h { #expect(screen.text(row: y).unicodeScalars.allSatisfy { $0.value >= 0x20 }) }
            }
        }
    }

    @Test func tooSmallTerminalSaysSo() {
        let screen = ConsoleView.render(ConsoleFixtures.state(width: 30, height: 8))
        #expect(screen.text(row: 0).hasPrefix("Terminal too small"))
        #expect(screen.text(row: 1).hasPrefix("need 40x10"))
    }

    /// Semantic checks that hold whatever the exact snapshot: failing states carry a glyph and
    /// the error role; one-way flows are flagged in words; the password never appears.
    @Test func meaningIsNotColourAlone() throws {
        let p1 = ConsoleView.render(ConsoleFixtures.state(width: 80, height: 24, focus: .phase1))
        let failedRow = try #require((0..<24).first { p1.text(row: $0).contains("MM_NO_STATE") })
        #expect(p1.text(row: failedRow).contains("✗ MM_NO_STATE"))
        #expect(p1.styleRuns(row: failedRow).contains { $0.role == .error && $0.text.contains("✗ MM_NO_STATE") })
        let okRow = try #require((0..<24).first { p1.text(row: $0).contains("QM_IDLE") })
        #expect(p1.text(row: okRow).contains("✓ QM_IDLE"))

        let p2 = ConsoleView.render(ConsoleFixtures.state(width: 80, height: 24, focus: .phase2))
        let oneWay = try #require((0..<24).first { p2.text(row: $0).contains("203.0.113.5") })
        #expect(p2.text(row: oneWay).contains("→ 1-way"))
        #expect(p2.styleRuns(row: oneWay).contains { $0.role == .warning && $0.text.contains("1-way") })

        let pw = ConsoleView.render(Scene.passwordDialog.state(width: 80, height: 24))
        #expect(!pw.text.contains("secret"))
        #expect(pw.text.contains("••••••"))
        #expect(pw.cursor != nil)
    }

    @Test func wideLayoutShowsEveryPane() {
        let screen = ConsoleView.render(ConsoleFixtures.state(width: 160, height: 48))
        for pane in PaneID.allCases {
            #expect(screen.text.contains("─ \(pane.rawValue) \(pane.title) "), "pane \(pane.title) framed")
        }
        let narrow = ConsoleView.render(ConsoleFixtures.state(width: 80, height: 24, focus: .engine))
        #expect(narrow.text.contains("─ 3 Engine "))
        #expect(!narrow.text.contains("─ 1 Phase 1 "))
    }
}
