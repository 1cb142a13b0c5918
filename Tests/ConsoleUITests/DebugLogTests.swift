import ConsoleUI
import Foundation
import Testing

@Suite struct DebugLogTests {
    @Test func ringKeepsTheNewestLinesBySequence() {
        var log = DebugLog(capacity: 3)
        for i in 0..<5 { log.append(DebugInput(text: "ISAKMP: line \(i)", sourceLine: 10 + i)) }
        #expect(log.count == 3 && log.firstSeq == 2 && log.nextSeq == 5)
        #expect(log.line(seq: 1) == nil)
        #expect(log.line(seq: 2)?.text == "ISAKMP: line 2")
        #expect(log.line(seq: 4)?.sourceLine == 14)
        #expect(log.seq(ofSourceLine: 13) == 3)
        #expect(log.seq(ofSourceLine: 10) == nil)
    }

    @Test func classifiesSanitisesAndFindsThePeer() {
        var log = DebugLog()
        log.append(DebugInput(text: "*Mar  1 00:00:01: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet from 10.0.0.2"))
        log.append(DebugInput(text: "ISAKMP (0:1): SA has been authenticated with 192.0.2.22."))
        log.append(DebugInput(text: "IPSEC(create_sa): sa created, sa_dest= 10.1.1.1"))
        log.append(DebugInput(text: "crypto_engine: Generate IKE hash"))
        log.append(DebugInput(text: "\u{1B}[1mR1#\u{1B}[0m show clock 1.2.3.4.5 999.1.1.1"))
        #expect((0..<5).map { log.line(seq: $0)!.kind } == [.syslog, .isakmp, .ipsec, .engine, .other])
        #expect((0..<5).map { log.line(seq: $0)!.peer } == ["10.0.0.2", "192.0.2.22", "10.1.1.1", nil, nil])
        #expect(log.line(seq: 4)!.text == "R1# show clock 1.2.3.4.5 999.1.1.1")
    }

    @Test func filterIndexFollowsAppendsAndEviction() {
        var log = DebugLog(capacity: 10)
        log.setFilter(DebugFilter(kind: .ipsec))
        for i in 0..<30 { log.append(DebugInput(text: i % 3 == 0 ? "IPSEC(x): \(i)" : "ISAKMP: \(i)", sourceLine: i)) }
        #expect(log.visibleCount == 3)
        #expect((0..<3).compactMap { log.seq(atPosition: $0) } == [21, 24, 27])
        #expect(log.position(ofSeq: 22) == 1)
        log.setFilter(DebugFilter())
        #expect(log.visibleCount == 10)
        #expect(log.seq(atPosition: 0) == 20)
    }

    @Test func searchWrapsAround() {
        var log = DebugLog()
        for t in ["alpha", "beta", "ALPHA two", "gamma"] { log.append(DebugInput(text: t)) }
        #expect(log.search("alpha", from: 0, forward: true) == 2)
        #expect(log.search("alpha", from: 2, forward: true) == 0)
        #expect(log.search("alpha", from: 0, forward: false) == 2)
        #expect(log.search("delta", from: 0, forward: true) == nil)
    }

    /// The pane draws only its visible rows: a full 100,000-line buffer renders as fast as
    /// a small one would (a generous bound that a scan of the whole buffer per frame exceeds).
    @Test func renderingAFullBufferDrawsOnlyVisibleRows() {
        var s = ConsoleFixtures.state(width: 160, height: 48, focus: .debug)
        var batch: [DebugInput] = []
        for i in 0..<DebugLog.defaultCapacity { batch.append(DebugInput(text: "*Mar  1 00:00:01: ISAKMP (0:\(i)): processing line \(i) from 192.0.2.\(i % 250)", sourceLine: i)) }
        _ = ConsoleUpdate.update(&s, .debugLines(batch))
        _ = ConsoleUpdate.update(&s, .debugLines([DebugInput(text: "one more", sourceLine: -1)]))
        #expect(s.debugLog.count == DebugLog.defaultCapacity)
        let clock = ContinuousClock()
        let elapsed = clock.measure { for _ in 0..<20 { _ = ConsoleView.render(s) } }
        #expect(elapsed < .seconds(2), "20 renders took \(elapsed)")
        #expect(ConsoleView.render(s).text.contains("one more"))
    }
}
