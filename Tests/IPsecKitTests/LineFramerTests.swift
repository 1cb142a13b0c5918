import Testing
@testable import IPsecKit

@Suite struct LineFramerTests {
    func frame(_ chunks: [[UInt8]]) -> [String] {
        var framer = LineFramer()
        var out: [String] = []
        for c in chunks { framer.feed(c) { out.append($0.string) } }
        framer.finish { out.append($0.string) }
        return out
    }

    @Test func crlfAndLastLineWithoutNewline() {
        #expect(frame([Array("a\r\nb\nc".utf8)]) == ["a", "b", "c"])
    }

    @Test func byteAtATimeEqualsAllAtOnce() {
        let text = Array("interface: Gi0/0\r\n  Crypto map tag: vpn, local addr 10.0.0.1\n\n#pkts\r\n".utf8)
        let whole = frame([text])
        let bytewise = frame(text.map { [$0] })
        #expect(whole == bytewise)
        #expect(whole == ["interface: Gi0/0", "  Crypto map tag: vpn, local addr 10.0.0.1", "", "#pkts"])
    }

    @Test func overlongLinesAreCutAndReported() {
        var framer = LineFramer(maximumLineLength: 8)
        var out: [String] = []
        framer.feed(Array("0123456789abc\nok\n".utf8)) { out.append($0.string) }
        #expect(out == ["01234567", "ok"])
        #expect(framer.truncatedLines == [1])
        var split = LineFramer(maximumLineLength: 8)
        var out2: [String] = []
        for b in "0123456789abc\nok\n".utf8 { split.feed([b]) { out2.append($0.string) } }
        #expect(out2 == out)
        #expect(split.truncatedLines == [1])
    }
}

@Suite struct DeviceLineCleanerTests {
    @Test func pagerPromptWithErasureDisappears() {
        let raw = " --More-- \u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}          \u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}    #pkts decaps: 5"
        #expect(DeviceLineCleaner.clean(raw) == "    #pkts decaps: 5")
    }

    @Test func literalPagerPromptsAreRemoved() {
        #expect(DeviceLineCleaner.clean("<--- More --->interface: outside") == "interface: outside")
        #expect(DeviceLineCleaner.clean(" --More-- current_peer: 10.0.0.2") == "current_peer: 10.0.0.2")
    }

    @Test func escapeSequencesAndControlsAreStripped() {
        #expect(DeviceLineCleaner.clean("\u{1B}[1;31mR1#\u{1B}[0m show\u{7}") == "R1# show")
        #expect(DeviceLineCleaner.clean("\u{1B}]0;title\u{7}text") == "text")
    }

    @Test func carriageReturnOverprints() {
        #expect(DeviceLineCleaner.clean("garbage\rR1#") == "R1#bage")
        #expect(DeviceLineCleaner.clean("abc\u{8}\u{8}XY") == "aXY")
    }

    @Test func plainLinesPassThrough() {
        #expect(DeviceLineCleaner.clean("  current_peer 10.1.0.2 port 500") == "  current_peer 10.1.0.2 port 500")
    }
}
