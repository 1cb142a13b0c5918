import Testing
@testable import IPsecKit

/// The word-at-a-time scan that decides whether a line needs cleaning must agree with a
/// plain byte-by-byte reading at every position.
@Suite struct DeviceLineCleanerScanTests {
    static func slowNeedsCleaning(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(where: { $0 < 0x20 && $0 != .tab || $0 == 0x7F }) { return true }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.contains("--More--") || text.contains("<--- More --->")
    }

    static func fastNeedsCleaning(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { DeviceLineCleaner.needsCleaning(ByteLine(bytes: $0, number: 1)) }
    }

    @Test func markersAreFoundAtEveryOffset() {
        let base = Array("    #pkts encaps: 7767918, Crypto map tag: HUB-MAP, transform: esp-3des".utf8)
        let markers: [[UInt8]] = [[0x1B], [0x08], [0x0D], [0x7F], [0x00], Array("--More--".utf8), Array("<--- More --->".utf8)]
        for marker in markers {
            for at in 0...base.count {
                var line = base
                line.insert(contentsOf: marker, at: at)
                #expect(Self.fastNeedsCleaning(line), "marker \(marker) at \(at)")
            }
        }
    }

    @Test func ordinaryLinesPassWithoutCleaning() {
        let lines = ["", "M", "<", "More", "-More-", "--Mor--", "<-- More -->", "\tPMTU time remaining (sec): 0, DF policy: copy-df",
                     "interface: Tunnel1", "Crypto map tag: MAP-<M>, local addr 10.0.0.1", "é ü 한국어 ✓"]
        for text in lines {
            let bytes = Array(text.utf8)
            #expect(Self.fastNeedsCleaning(bytes) == Self.slowNeedsCleaning(bytes), "\(text)")
            #expect(!Self.fastNeedsCleaning(bytes), "\(text)")
        }
    }

    @Test func agreesWithByteByByteReadingOnRandomLines() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array(" -<>Moretab#:,.0123456789".utf8) + [0x09, 0x1B, 0x7F, 0xC3, 0xA9]
        for _ in 0..<3_000 {
            let n = Int.random(in: 0...40, using: &rng)
            let bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            #expect(Self.fastNeedsCleaning(bytes) == Self.slowNeedsCleaning(bytes), "\(bytes)")
        }
    }
}
