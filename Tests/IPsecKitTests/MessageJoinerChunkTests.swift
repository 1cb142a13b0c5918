import Foundation
import Testing
@testable import IPsecKit

/// The joiner's chunk path (lines held in the read buffer without a copy, their device
/// message mark asked only when needed) and its line-by-line path must join exactly as the
/// plain statement of the rules does, however the input is cut into chunks.
@Suite struct MessageJoinerChunkTests {
    /// One logical line: number and bytes.
    struct Joined: Equatable, CustomStringConvertible {
        let number: Int
        let bytes: [UInt8]
        var description: String { "\(number):\(String(decoding: bytes, as: UTF8.self))" }
    }

    /// The joining rules stated plainly over byte arrays: an open device message is held,
    /// the next line continues it when it starts like the rest of a sentence, at most three parts.
    struct PlainJoiner {
        var pending: [UInt8]?
        var number = 0
        var parts = 0
        var open = false
        var out: [Joined] = []

        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        static func trimmed(_ line: [UInt8]) -> [UInt8] {
            Array(line.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
        }
        static func endsOpen(_ line: [UInt8]) -> Bool {
            guard let last = trimmed(line).last else { return false }
            let letter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(last) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(last)
            return letter || last == UInt8(ascii: ",") || last == UInt8(ascii: ":")
        }
        static func contains(_ line: [UInt8], _ word: String) -> Bool {
            let w = Array(word.utf8)
            guard line.count >= w.count else { return false }
            return (0...(line.count - w.count)).contains { Array(line[$0..<($0 + w.count)]) == w }
        }
        static func hasMark(_ line: [UInt8]) -> Bool {
            ["ISAKMP", "%", "IPSEC", "IPsec", "crypto_engine", "IKEv"].contains { contains(line, $0) }
        }
        static func isMnemonicTail(_ line: [UInt8]) -> Bool {
            let t = trimmed(line)
            return !t.isEmpty && !t.contains(where: { isSpace($0) || $0 == UInt8(ascii: ":") }) && t.contains(UInt8(ascii: "_"))
        }
        static func startsLikeContinuation(_ line: [UInt8]) -> Bool {
            guard let first = line.first, !isSpace(first) else { return false }
            let lower = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
            guard lower || first == UInt8(ascii: "(") || isMnemonicTail(line) else { return false }
            if let p = line.firstIndex(of: UInt8(ascii: "%")), p + 1 < line.count,
               (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(line[p + 1]) { return false }
            var copy = line
            return copy.withUnsafeMutableBufferPointer { PromptLine.parse(ByteLine(bytes: UnsafeBufferPointer($0), number: 0)) } == nil
        }

        mutating func consume(_ line: [UInt8], number n: Int) {
            if let held = pending {
                if open, parts < 3, Self.startsLikeContinuation(line) {
                    let part = Self.trimmed(line)
                    pending = held + [0x20] + part
                    parts += 1
                    open = Self.endsOpen(part)
                    if !open || parts == 3 { flush() }
                    return
                }
                flush()
            }
            if Self.endsOpen(line), Self.hasMark(line) {
                pending = line; number = n; parts = 1; open = true
            } else {
                out.append(Joined(number: n, bytes: line))
            }
        }

        mutating func flush() {
            if let held = pending { out.append(Joined(number: number, bytes: held)) }
            pending = nil; parts = 0; open = false
        }
    }

    static func plain(_ bytes: [UInt8]) -> [Joined] {
        var framer = LineFramer()
        var joiner = PlainJoiner()
        framer.feed(bytes) { joiner.consume(Array($0.bytes), number: $0.number) }
        framer.finish { joiner.consume(Array($0.bytes), number: $0.number) }
        joiner.flush()
        return joiner.out
    }

    static func lineByLine(_ bytes: [UInt8]) -> [Joined] {
        var framer = LineFramer()
        var joiner = MessageJoiner()
        var out: [Joined] = []
        func keep(_ l: ByteLine) { out.append(Joined(number: l.number, bytes: Array(l.bytes))) }
        framer.feed(bytes) { joiner.consume($0, keep) }
        framer.finish { joiner.consume($0, keep) }
        joiner.flush(keep)
        return out
    }

    /// Fed through `consume(chunk:framer:)` in `size`-byte reads of one buffer that is
    /// overwritten between reads (as a read loop does), so a line left uncopied would show.
    static func chunked(_ bytes: [UInt8], size: Int) -> [Joined] {
        var framer = LineFramer()
        var joiner = MessageJoiner()
        var out: [Joined] = []
        func keep(_ l: ByteLine) { out.append(Joined(number: l.number, bytes: Array(l.bytes))) }
        var buffer = [UInt8](repeating: 0, count: size)
        var at = 0
        while at < bytes.count {
            let n = min(size, bytes.count - at)
            for i in 0..<size { buffer[i] = i < n ? bytes[at + i] : UInt8(ascii: "#") }
            buffer.withUnsafeBufferPointer { joiner.consume(chunk: UnsafeBufferPointer(rebasing: $0[0..<n]), framer: &framer, keep) }
            for i in 0..<size { buffer[i] = UInt8(ascii: "X") }
            at += n
        }
        framer.finish { joiner.consume($0, keep) }
        joiner.flush(keep)
        return out
    }

    /// Wrapped messages, mnemonic tails, prompts, tags, trailing blanks, CRLF and open lines
    /// that are no device message, composed for these tests.
    static let wrapped = """
        *Nov 28 00:00:01.000: ISAKMP (0:1): received packet from 198.51.100.1 dport 500 sport 500 Global (I) MM_KEY_EXCH
        1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its
        sanity check or is malformed
        20:44:44: IPSEC(validate_transform_proposal):\u{20}\u{20}
        peer address 198.51.100.6 not found\t
        1d00h: IPsec (validate_proposal): transform proposal
        (port 3, trans 2, hmac_alg 2) not supported
        Sep 22 11:02:39: %MOTCR-1-PKTENGRET_ERROR: MOTCR PktEng Return Value = 0x20000,
        PktEngReturn_MACMiscompare
        *Nov 28 00:00:01.026:   (sa) sa_dest= 10.21.106.7, sa_prot= 50,
        continued but not after a device message
        ISAKMP: a,
        b,
        c,
        d
        crypto_engine: key generation for the peer failed with
        error code 5 on slot 0
        IKEv2:(SESSION ID = 1,SA ID = 1):Sending Packet [To 10.0.0.2:500/From 10.0.0.1:500/VRF i0:f0]\r
        IKEv2:(SA ID = 1):Negotiation aborted due to ERROR: Failed to find a matching policy,\r
        sa lifetime: (4608000/3600)\r
        ISAKMP (0:2): SA not acceptable, waiting
        R1#show crypto isakmp sa
        ISAKMP: reply from
        router2> show version
        %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for
        destaddr=10.1.0.1, prot=50, spi=0x1A2B(6699), srcaddr=10.1.0.2, input interface is Tunnel0
        IPSEC(key_engine): got a queue event with 1 KMI message(s)
        ISAKMP: sa_prot lifetime
        %ISAKMP: a second tag %SEC-6-X: of its own
        ISAKMP: something
           indented continuation is not one
        IPSEC: ends in a colon:
        \u{20}
        ISAKMP: last open line at the end of the input
        """

    static func inputs() throws -> [(String, [UInt8])] {
        var texts: [(String, String)] = [
            ("wrapped", wrapped),
            ("healthyIsakmp", DebugSamples.healthyIsakmp), ("healthyIpsec", DebugSamples.healthyIpsec),
            ("pixRejectThenAccept", DebugSamples.pixRejectThenAccept), ("pixIpsec", DebugSamples.pixIpsec),
            ("mainModeFailed", DebugSamples.mainModeFailed), ("hashMismatch", DebugSamples.hashMismatch),
            ("interleaved", DebugSamples.interleaved), ("modernHealthy", DebugSamples.modernHealthy),
            ("fuzz", HotPathEquivalenceTests.lines(count: 1500, seed: 0x5EED_1234_ABCD_0009).joined(separator: "\n")),
        ]
        texts += SeedErrorSamples.all.map { ("seed error \($0.id)", $0.log) }
        texts += SeedHealthySamples.all.map { ("seed healthy \($0.name)", $0.log) }
        var out = texts.map { ($0.0, Array($0.1.utf8)) }
        // The shared corpus's device output and the seed document, when present.
        if let root = Corpus.root {
            let shared = root.deletingLastPathComponent().deletingLastPathComponent()
            for folder in ["corpus", "seed"] {
                let dir = shared.appendingPathComponent(folder)
                let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
                for file in files.sorted() where file.hasSuffix(".raw") || file.hasSuffix(".txt") {
                    out.append((file, Array(try Data(contentsOf: dir.appendingPathComponent(file)))))
                }
            }
        }
        return out
    }

    @Test func lineByLineJoinsAsThePlainRules() throws {
        var joins = 0
        for (name, bytes) in try Self.inputs() {
            let expected = Self.plain(bytes)
            joins += Self.lineByLine(bytes).count < LineFramerCount.lines(bytes) ? 1 : 0
            #expect(Self.lineByLine(bytes) == expected, "\(name)")
        }
        #expect(joins >= 3)
    }

    @Test(arguments: [1, 3, 7, 64, 1 << 16])
    func chunkPathJoinsAsLineByLine(size: Int) throws {
        for (name, bytes) in try Self.inputs() {
            #expect(Self.chunked(bytes, size: size) == Self.plain(bytes), "\(name) in \(size)-byte chunks")
        }
    }

    @Test func wrappedSampleJoinsWhatItShould() {
        let joined = Self.lineByLine(Array(Self.wrapped.utf8)).map(\.description)
        #expect(joined.contains("2:1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its sanity check or is malformed"))
        #expect(joined.contains("4:20:44:44: IPSEC(validate_transform_proposal):   peer address 198.51.100.6 not found"))
        #expect(joined.contains("16:crypto_engine: key generation for the peer failed with error code 5 on slot 0"))
        #expect(joined.contains("12:ISAKMP: a, b, c,"))
        #expect(joined.contains("10:*Nov 28 00:00:01.026:   (sa) sa_dest= 10.21.106.7, sa_prot= 50,"))
        #expect(joined.contains("11:continued but not after a device message"))
        #expect(joined.last?.description == "34:ISAKMP: last open line at the end of the input")
    }

    /// Feeds `chunks` one by one through a single reused buffer; returns what each call emitted.
    func emitted(_ chunks: [String]) -> [[String]] {
        var framer = LineFramer()
        var joiner = MessageJoiner()
        var buffer = [UInt8](repeating: 0, count: 256)
        var calls: [[String]] = []
        for chunk in chunks {
            let bytes = Array(chunk.utf8)
            var out: [String] = []
            for i in 0..<buffer.count { buffer[i] = i < bytes.count ? bytes[i] : 0 }
            buffer.withUnsafeBufferPointer {
                joiner.consume(chunk: UnsafeBufferPointer(rebasing: $0[0..<bytes.count]), framer: &framer) { out.append("\($0.number):\($0.string)") }
            }
            for i in 0..<buffer.count { buffer[i] = UInt8(ascii: "X") }
            calls.append(out)
        }
        var last: [String] = []
        framer.finish { joiner.consume($0) { last.append("\($0.number):\($0.string)") } }
        joiner.flush { last.append("\($0.number):\($0.string)") }
        return calls + [last]
    }

    @Test func deviceMessageLastInAChunkIsCopiedAndJoinedWithTheNextChunk() {
        #expect(emitted(["*Nov 28 00:00:01.000: ok.\nISAKMP: IKE message failed its\n", "sanity check or is malformed.\n"])
                == [["1:*Nov 28 00:00:01.000: ok."], ["2:ISAKMP: IKE message failed its sanity check or is malformed."], []])
        // Still open after the join: held until the next line shows it ends.
        #expect(emitted(["ISAKMP: IKE message failed its\n", "sanity check or is\n", "*Nov 28 x.\n"])
                == [[], [], ["1:ISAKMP: IKE message failed its sanity check or is", "3:*Nov 28 x."], []])
    }

    @Test func openLineThatIsNoMessageLeavesAtTheEndOfItsChunk() {
        #expect(emitted(["peer address not\n", "found in the table\n"])
                == [["1:peer address not"], ["2:found in the table"], []])
    }

    @Test func continuationSplitAcrossChunksComesFromTheFramersCarry() {
        #expect(emitted(["ISAKMP: IKE message failed its\nsanity ch", "eck or is malformed\n*Nov 28 x\n"])
                == [[], ["1:ISAKMP: IKE message failed its sanity check or is malformed", "3:*Nov 28 x"], []])
    }

    @Test func openLineSplitAcrossChunksIsCopiedOutOfTheCarry() {
        #expect(emitted(["ISAKMP: IKE message fa", "iled its\n", "sanity check or is malformed.\n"])
                == [[], [], ["1:ISAKMP: IKE message failed its sanity check or is malformed."], []])
    }

    @Test func heldLineAtTheEndOfInputIsReleasedByFlush() {
        #expect(emitted(["x.\nISAKMP: wrapped at the very end of"]) == [["1:x."], ["2:ISAKMP: wrapped at the very end of"]])
        #expect(emitted(["x.\nISAKMP: wrapped at the very end of\n"]) == [["1:x."], ["2:ISAKMP: wrapped at the very end of"]])
    }

    @Test func joinerCopiesShareNothingTheyWrite() {
        var a = MessageJoiner()
        var out: [String] = []
        "ISAKMP: first part of".withByteLine(number: 1) { a.consume($0) { out.append($0.string) } }
        var b = a
        "second".withByteLine(number: 2) { b.consume($0) { out.append("b " + $0.string) } }
        b.flush { out.append("b " + $0.string) }
        "other".withByteLine(number: 2) { a.consume($0) { out.append("a " + $0.string) } }
        a.flush { out.append("a " + $0.string) }
        #expect(out == ["b ISAKMP: first part of second", "a ISAKMP: first part of other"])
    }

    @Test func streamDiagnosisChunkPathDiagnosesAsLineByLine() throws {
        let text = (SeedErrorSamples.all.map(\.log) + [DebugSamples.interleaved, DebugSamples.pixRejectThenAccept, Self.wrapped])
            .joined(separator: "\n")
        let bytes = Array(text.utf8)
        var lineByLine = StreamDiagnosis(signatures: TestCatalog.signatures)
        var framer = LineFramer()
        framer.feed(bytes) { lineByLine.consume($0) }
        framer.finish { lineByLine.consume($0) }
        lineByLine.flush()
        #expect(!lineByLine.findings.isEmpty)
        for size in [1, 7, 64, 4096] {
            var chunked = StreamDiagnosis(signatures: TestCatalog.signatures)
            var framer = LineFramer()
            var at = 0
            while at < bytes.count {
                let n = min(size, bytes.count - at)
                Array(bytes[at..<(at + n)]).withUnsafeBufferPointer { chunked.consume(chunk: $0, framer: &framer) }
                at += n
            }
            framer.finish { chunked.consume($0) }
            chunked.flush()
            #expect(chunked.findings == lineByLine.findings, "\(size)-byte chunks")
            #expect(chunked.engine.linesConsumed == lineByLine.engine.linesConsumed)
            #expect(chunked.engine.timelinePeers == lineByLine.engine.timelinePeers)
            for peer in lineByLine.engine.timelinePeers {
                #expect(chunked.engine.timeline(for: peer) == lineByLine.engine.timeline(for: peer), "\(peer)")
            }
        }
    }

    @Test func logAnalysisFedInChunksReportsAsFedWhole() throws {
        let catalog = try SignatureCatalog.builtIn()
        for text in SeedErrorSamples.all.map(\.log) + [DebugSamples.interleaved, Self.wrapped] {
            let whole = LogAnalysis.analyze(text, catalog: catalog)
            for size in [1, 7, 64] {
                var analysis = LogAnalysis(catalog: catalog)
                let bytes = Array(text.utf8)
                var at = 0
                while at < bytes.count {
                    let n = min(size, bytes.count - at)
                    analysis.feed(Array(bytes[at..<(at + n)]))
                    at += n
                }
                #expect(analysis.finish() == whole, "\(size)-byte chunks")
            }
        }
    }
}

/// Physical lines in `bytes`, as `LineFramer` frames them.
enum LineFramerCount {
    static func lines(_ bytes: [UInt8]) -> Int {
        var framer = LineFramer()
        var n = 0
        framer.feed(bytes) { _ in n += 1 }
        framer.finish { _ in n += 1 }
        return n
    }
}
