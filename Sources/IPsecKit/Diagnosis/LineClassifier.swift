#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stream a line of device output belongs to.
public enum LineKind: String, Codable, Sendable, CaseIterable {
    /// `debug crypto isakmp` (IOS `ISAKMP ...`, PIX `crypto_isakmp_process_block`, ASA `[IKEv1]:`).
    case isakmpDebug = "debug-isakmp"
    /// `debug crypto ipsec` (`IPSEC(...)`, `IPsec(...)`, ASA `IPSEC:`).
    case ipsecDebug = "debug-ipsec"
    /// `debug crypto engine`.
    case engineDebug = "debug-engine"
    /// A logging message: `%FACILITY-SEVERITY-MNEMONIC: text`.
    case syslog
    /// Anything else: show output, prompts, prose.
    case other
}

/// Where a connection number came from: ISAKMP's own SA number (`ISAKMP (0:3):`) keys a
/// negotiation; a crypto engine connection (`conn_id= 3`, `connection id=5`) names an SA.
public enum ConnectionSource: String, Codable, Sendable {
    case isakmp
    case cryptoEngine = "crypto-engine"
}

/// The `%FACILITY-SEVERITY-MNEMONIC` tag of a logging message.
public struct SyslogTag: Equatable, Sendable {
    public var facility: String
    public var severity: Int
    public var mnemonic: String
}

/// What `LineClassifier` learnt about one line.
public struct ClassifiedLine: Equatable, Sendable {
    public var kind: LineKind
    /// True for debug and logging lines: a device prints them whenever they happen, so on
    /// a terminal they can land in the middle of a `show` command's output.
    public var isAsynchronous: Bool
    /// Offset of the message after any sequence number and timestamp.
    public var messageStart: Int
    /// Logging sequence number (`000123:` before the timestamp).
    public var sequenceNumber: Int?
    /// The timestamp as printed (`Mar  1 00:01:02.345`, `1d00h`, `Nov 28 2026 10:00:01`).
    public var timestamp: String?
    public var syslog: SyslogTag?
    /// Remote peer address named by the line.
    public var peer: String?
    public var connection: Int?
    public var connectionSource: ConnectionSource?
}

/// Sorts lines of a device session into debug streams, logging messages and the rest, and
/// pulls out the negotiation keys (peer address, connection number).
///
/// Stateless per line except for continuation lines: IOS prints some debug messages over
/// several lines (`IPSEC(initialize_sas): ,` then indented `(key eng. msg.) dest= ...`);
/// such a line right after a debug line belongs to the same stream.
public struct LineClassifier {
    private var previousKind: LineKind = .other

    public init() {}

    /// Classifies `line`, remembering its kind for the next line's continuation check.
    public mutating func classify(_ line: ByteLine) -> ClassifiedLine {
        let result = Self.classify(line, previousKind: previousKind)
        previousKind = result.kind
        return result
    }

    /// Classifies `line` alone; `previousKind` is the kind of the line before it.
    public static func classify(_ line: ByteLine, previousKind: LineKind = .other) -> ClassifiedLine {
        classify(line, previousKind: previousKind, decodingTimestamp: true)
    }

    /// `decodingTimestamp: false` skips building the timestamp string (the diagnosis hot path).
    static func classify(_ line: ByteLine, previousKind: LineKind, decodingTimestamp: Bool) -> ClassifiedLine {
        let prefix = LinePrefix.parse(line)
        let m = line.skipSpaces(from: prefix.end)
        var kind = LineKind.other
        var tag: SyslogTag?
        if let t = syslogTag(line, at: m, requirePercent: false) {
            kind = .syslog; tag = t
        } else if let k = debugKind(line, at: m) {
            kind = k
        } else if previousKind != .other, isContinuation(line, at: m) {
            kind = previousKind
        }
        var result = ClassifiedLine(kind: kind, isAsynchronous: kind != .other, messageStart: prefix.end,
                                    sequenceNumber: prefix.sequence,
                                    timestamp: decodingTimestamp ? prefix.timestamp(line) : nil, syslog: tag)
        if kind != .other || prefix.hasTimestamp {
            result.peer = peer(in: line, from: m)
            if let (c, source) = connection(in: line, from: m) {
                result.connection = c; result.connectionSource = source
            }
        }
        return result
    }

    // MARK: - Message kind

    /// `%FACILITY-SEV-MNEMONIC:` at `at` (facility may hold `_` and `|` as in the seed's
    /// `%PIX|ASA-4-402101`). Without the `%` only an all-capitals tag is accepted
    /// (`HW_VPN-1-HPRXERR:` as some captures print it).
    static func syslogTag(_ line: ByteLine, at start: Int, requirePercent: Bool) -> SyslogTag? {
        var i = start
        let n = line.count
        let hasPercent = i < n && line[i] == UInt8(ascii: "%")
        if hasPercent { i += 1 } else if requirePercent { return nil }
        let facilityStart = i
        guard i < n, line[i].isUpperLetter else { return nil }
        while i < n, line[i].isUpperLetter || line[i].isDigit || line[i] == UInt8(ascii: "_") || line[i] == UInt8(ascii: "|") { i += 1 }
        let facilityEnd = i
        guard facilityEnd - facilityStart >= 2, i + 2 < n, line[i] == UInt8(ascii: "-"), line[i + 1].isDigit,
              line[i + 2] == UInt8(ascii: "-") else { return nil }
        let severity = Int(line[i + 1] - 48)
        i += 3
        let mnemonicStart = i
        while i < n, line[i].isUpperLetter || line[i].isDigit || line[i] == UInt8(ascii: "_") { i += 1 }
        guard i > mnemonicStart, i < n, line[i] == UInt8(ascii: ":") else { return nil }
        return SyslogTag(facility: line.string(facilityStart, facilityEnd), severity: severity,
                         mnemonic: line.string(mnemonicStart, i))
    }

    static func debugKind(_ line: ByteLine, at m: Int) -> LineKind? {
        guard m < line.count else { return nil }
        switch line[m] {
        case UInt8(ascii: "I"):
            // `ISAKMP:`, `ISAKMP (0:1):`, `ISAKMP:(1001):`, `ISAKMP-PAK:`, `ISAKMP_TRANSACTION exchange`;
            // `IKEv2:` / `IKEv2-PROTO-...` (not ASA's `IKEv2 SAs:` table heading).
            if line.matches("ISAKMP", at: m), m + 6 < line.count,
               [UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: "-"), UInt8(ascii: "_"), .space].contains(line[m + 6]) {
                return .isakmpDebug
            }
            if line.matches("IKEv2:", at: m) || line.matches("IKEv2-", at: m) { return .isakmpDebug }
            if line.matches("IPSEC(", at: m) || line.matches("IPsec(", at: m) || line.matches("IPSec(", at: m)
                || line.matches("IPSEC (", at: m) || line.matches("IPsec (", at: m) || line.matches("IPSEC:", at: m) {
                return .ipsecDebug
            }
        case UInt8(ascii: "["):
            if line.matches("[IKEv1", at: m) || line.matches("[IKEv2", at: m) || line.matches("[IKE", at: m) { return .isakmpDebug }
        case UInt8(ascii: "c"):
            if line.matches("crypto_isakmp", at: m) { return .isakmpDebug }
            if line.matches("crypto_engine", at: m) { return .engineDebug }
        case UInt8(ascii: "C"):
            // Not `crypto engine name:` etc.: that is `show crypto engine configuration`.
            if line.matches("CryptoEngine", at: m) || line.matches("CRYPTO_ENGINE", at: m) {
                return .engineDebug
            }
            if line.matches("Checking ISAKMP transform", at: m) { return .isakmpDebug }
            if line.matches("Checking IPSec proposal", at: m) || line.matches("Checking IPsec proposal", at: m) { return .ipsecDebug }
        case UInt8(ascii: "O"):
            if line.matches("OAK_", at: m) { return .isakmpDebug }
        case UInt8(ascii: "o"):
            if line.matches("oakley_", at: m) { return .isakmpDebug }
        case UInt8(ascii: "r"):
            if line.matches("return status is IKMP_", at: m) { return .isakmpDebug }
        default:
            break
        }
        // Bare debug messages (captures with the `ISAKMP:` prefix cut off): phrases that
        // never occur in show output.
        for phrase in bareIsakmpPhrases where line.matches(phrase, at: m) { return .isakmpDebug }
        if line.matches("processing ", at: m), line.contains("payload. message ID") { return .isakmpDebug }
        return nil
    }

    private static let bareIsakmpPhrases: [StaticString] = [
        "atts are acceptable", "atts are not acceptable", "atts not acceptable", "SKEYID state generated",
        "SA has been authenticated", "no offers accepted!", "SA not acceptable!", "Hash algorithm offered",
        "Encryption algorithm offered", "found peer pre-shared key",
    ]

    /// Lines IOS prints as the rest of a multi-line debug message.
    static func isContinuation(_ line: ByteLine, at m: Int) -> Bool {
        for start in continuationStarts where line.matches(start, at: m) { return true }
        return false
    }

    private static let continuationStarts: [StaticString] = [
        "(key eng. msg.)", "dest_proxy=", "src_proxy=", "protocol=", "lifedur=", "spi=", "keysize=", "(sa)",
        "sa_spi=", "sa_trans=", "sa_dest=", "from ", "message ID =", "inbound SA from", "outbound SA from",
        "(proxy ", "has spi ", "(prot ", "(port ", "peer address ", "peer at ", "remote peer ", "got a queue event",
        "PktEngReturn_", "sanity check or is malformed", "invalid spi for",
    ]

    // MARK: - Peer and connection

    /// Words right before an address that make it the remote peer, most specific first
    /// (`IP = 10.0.0.2`, `peer at 10.0.0.2`, `dest= ..., src=10.0.0.2`).
    private static let peerMarkers: [[UInt8]] = [
        "IP =", "peer at", "remote peer", "peer address", "srcaddr=", "message from", "packet from",
        "payload from", "from", "src=", "sa_dest=", "packet to", "key matched", "peer node for",
        "peer struct for", "peer config to", "peer",
    ].map { Array($0.utf8) }

    /// The remote peer address a line names, if any (IPv4 or IPv6).
    ///
    /// One pass: every address in the line is ranked by the marker just before it; the
    /// best-ranked wins (the first of equals). Addresses without a marker never count.
    public static func peer(in line: ByteLine, from start: Int = 0) -> String? {
        var best: (rank: Int, range: Range<Int>)?
        // Every marker ends in a letter or `=`, then maybe spaces: only a hex digit right
        // after a space or `=` can start a peer's address. (No other token is read, and no
        // address holds either byte, so candidates are the same as reading every token.)
        forEachAddressStart(in: line, from: start) { j in
            let i = j + 1
            guard line[j] == UInt8(ascii: "=") || followsMarkerEnd(line, at: i, start: start),
                  let r = address(in: line, at: i) else { return true }
            if let rank = peerMarkerRank(line, before: r.lowerBound, start: start), rank < (best?.rank ?? Int.max) {
                best = (rank, r)
                if rank == 0 { return false }
            }
            return true
        }
        return best.map { line.string($0.range.lowerBound, $0.range.upperBound) }
    }

    /// Calls `body`, in order and while it returns true, with every offset `j >= start` of a
    /// space or `=` followed by a run of hex digits that ends at a `.` or `:`: the only places
    /// an address can start (an IPv4 address's first octet ends at a `.`, an IPv6 address's
    /// first group at a `:`; `address(in:at:)` reads the rest). Found from the other end: the `.` and
    /// `:` of a line, eight bytes at a time, each followed back over its hex digits. A line
    /// holds few of them (a timestamp's, an address's), far fewer than spaces.
    @inline(__always)
    private static func forEachAddressStart(in line: ByteLine, from start: Int, _ body: (Int) -> Bool) {
        guard let base = line.bytes.baseAddress else { return }
        let n = line.count
        let first = max(start, 0)
        /// The run of hex digits ending before the `.`/`:` at `p`, when a space or `=` at or
        /// after `first` precedes it: the offset of that byte.
        @inline(__always) func candidate(before p: Int) -> Int? {
            var s = p
            while s > first, base[s - 1].hexDigitValue != nil { s -= 1 }
            guard s < p, s > first else { return nil }
            let j = s - 1
            return base[j] == .space || base[j] == UInt8(ascii: "=") ? j : nil
        }
        var w = first
        while w + 8 <= n {
            let word = ByteWord.load(base, w)
            var found = ByteWord.matches(word, UInt8(ascii: ".")) | ByteWord.matches(word, UInt8(ascii: ":"))
            while found != 0 {
                if let j = candidate(before: w + found.trailingZeroBitCount / 8), !body(j) { return }
                found &= found &- 1
            }
            w += 8
        }
        while w < n {
            if base[w] == UInt8(ascii: ".") || base[w] == UInt8(ascii: ":"), let j = candidate(before: w), !body(j) { return }
            w += 1
        }
    }

    /// True when the last byte before `position`, spaces skipped, is a letter or `=`.
    @inline(__always)
    static func followsMarkerEnd(_ line: ByteLine, at position: Int, start: Int) -> Bool {
        var end = position
        while end > start, line[end - 1] == .space { end -= 1 }
        return end > start && (line[end - 1].isLetter || line[end - 1] == UInt8(ascii: "="))
    }

    static func peerMarkerRank(_ line: ByteLine, before position: Int, start: Int) -> Int? {
        var end = position
        while end > start, line[end - 1] == .space { end -= 1 }
        for (rank, marker) in peerMarkers.enumerated() {
            let m = marker.count
            let at = end - m
            guard at >= start else { continue }
            var same = true
            for k in 0..<m where line[at + k] != marker[k] { same = false; break }
            guard same else { continue }
            // Word markers must start a word: `from`, not `xfrom`.
            if marker[0].isLetter, at > 0, line[at - 1].isLetter { continue }
            return rank
        }
        return nil
    }

    /// The range of an IPv4 or IPv6 address starting exactly at `i`.
    static func address(in line: ByteLine, at i: Int) -> Range<Int>? {
        let n = line.count
        // IPv4: four dotted decimal octets.
        var j = i, octets = 0
        while octets < 4 {
            let s = j
            while j < n, j - s < 3, line[j].isDigit { j += 1 }
            guard j > s else { break }
            octets += 1
            if octets < 4 {
                guard j < n, line[j] == UInt8(ascii: "."), j + 1 < n, line[j + 1].isDigit else { break }
                j += 1
            }
        }
        if octets == 4, j == n || !(line[j].isDigit || line[j].isLetter) { return i..<j }
        // IPv6: hex groups and at least two colons.
        j = i
        var colons = 0
        while j < n, line[j].hexDigitValue != nil || line[j] == UInt8(ascii: ":") {
            if line[j] == UInt8(ascii: ":") { colons += 1 }
            j += 1
        }
        // A trailing single colon is punctuation (`peer 2001:db8::1:` is rare; `x:` common).
        if j > i, line[j - 1] == UInt8(ascii: ":"), !(j - 2 >= i && line[j - 2] == UInt8(ascii: ":")) { j -= 1; colons -= 1 }
        if colons >= 2, j - i >= 3, j == n || !line[j].isLetter { return i..<j }
        return nil
    }

    /// The connection number a line names: ISAKMP's `(0:3)`/`(1001)` after `ISAKMP`, or a
    /// crypto engine `conn_id= 3` / `connection id=5`.
    public static func connection(in line: ByteLine, from start: Int = 0) -> (Int, ConnectionSource)? {
        if let c = isakmpConnection(in: line, from: start) { return (c, .isakmp) }
        for marker: StaticString in ["conn_id=", "conn_id ", "connection id=", "connection id ", "conn id:"] {
            if let v = line.integer(after: marker, from: start) { return (v, .cryptoEngine) }
        }
        return nil
    }

    /// ISAKMP's own SA number: `ISAKMP (0:3):`, `ISAKMP:(1001):`, `ISAKMP-PAK: (1001):`.
    /// Runs on every negotiation line: the first `ISAKMP` is found with `memchr` and one
    /// compare per `I`, and plain digits are read inline (anything else goes through
    /// `integer(from:)`, which also takes spaces and a sign).
    static func isakmpConnection(in line: ByteLine, from start: Int = 0) -> Int? {
        guard let base = line.bytes.baseAddress else { return nil }
        let n = line.count
        var from = max(start, 0)
        var found = -1
        while from + 6 <= n, let raw = memchr(base + from, Int32(UInt8(ascii: "I")), n - 5 - from) {
            let k = base.distance(to: raw.assumingMemoryBound(to: UInt8.self))
            if UnsafeRawPointer(base + k + 1).loadUnaligned(as: UInt32.self) == Self.sakm, base[k + 5] == UInt8(ascii: "P") {
                found = k
                break
            }
            from = k + 1
        }
        guard found >= 0 else { return nil }
        // `ISAKMP (0:3):`, `ISAKMP:(1001):`, `ISAKMP-PAK: (1001):`: the bracket follows closely.
        var i = found + 6
        let limit = min(n, i + 8)
        while i < limit, base[i] != UInt8(ascii: "(") { i += 1 }
        guard i < limit, let first = number(in: line, from: i + 1) else { return nil }
        var value = first.value, end = first.end
        if end < n, base[end] == UInt8(ascii: ":"), let second = number(in: line, from: end + 1) {
            value = second.value; end = second.end
        }
        return end < n && base[end] == UInt8(ascii: ")") ? value : nil
    }

    /// `SAKM` as a little-endian word.
    private static let sakm = UInt32(ascii4: "SAKM")

    /// `line.integer(from:)`, with up to nine plain digits read inline.
    @inline(__always)
    private static func number(in line: ByteLine, from i: Int) -> (value: Int, end: Int)? {
        var j = i, value = 0
        let n = line.count
        while j < n, j - i < 9, line[j] &- 48 < 10 { value = value &* 10 &+ Int(line[j] &- 48); j += 1 }
        if j > i, j == n || (line[j] &- 48 >= 10) { return (value, j) }
        return line.integer(from: i)
    }
}

extension UInt32 {
    /// Four ASCII characters packed little-endian (as `loadUnaligned` reads them from bytes).
    init(ascii4 s: StaticString) {
        precondition(s.utf8CodeUnitCount == 4)
        let p = s.utf8Start
        self = UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24
    }
}

/// Sequence number and timestamp in front of a device message.
///
/// Forms: `000123: *Mar  1 00:01:02.345 UTC:`, `.Mar  1 ...` (clock not synced), uptime
/// `1d00h:` / `2w5d:`, time only `20:44:44:`, ASA `Nov 28 2026 10:00:01:`, BSD syslog
/// relays `Sep 22 11:02:39 203.0.113.16 2435:` and `Nov 28 10:00:01 fw01 %ASA-...`, and ASA
/// debug `Nov 28 10:00:01 [IKEv1]:` (the bracket is the message).
struct LinePrefix {
    var end = 0
    var sequence: Int?
    var stampStart = -1
    var stampEnd = -1

    var hasTimestamp: Bool { stampStart >= 0 }

    func timestamp(_ line: ByteLine) -> String? {
        hasTimestamp ? line.string(stampStart, stampEnd) : nil
    }

    static func parse(_ line: ByteLine) -> LinePrefix {
        var p = LinePrefix()
        var i = 0
        for _ in 0..<4 {
            guard i < line.count, line[i] != .space else { break }
            if let (value, next) = sequenceNumber(line, at: i) {
                if p.sequence == nil { p.sequence = value }
                i = next; continue
            }
            var s = i
            if line[s] == UInt8(ascii: "*") || line[s] == UInt8(ascii: ".") { s += 1 }
            if let e = dateTime(line, at: s) ?? uptime(line, at: s) ?? clockTime(line, at: s) {
                if !p.hasTimestamp { p.stampStart = s; p.stampEnd = e }
                var k = e
                if k < line.count, line[k] == UInt8(ascii: ":") { k += 1 }
                k = line.skipSpaces(from: k)
                if k > e, let relay = relayHost(line, at: k) { k = relay }
                i = k; p.end = k; continue
            }
            break
        }
        p.end = max(p.end, i)
        return p
    }

    /// `000123: ` (digits, colon, then a space or a timestamp marker).
    static func sequenceNumber(_ line: ByteLine, at i: Int) -> (Int, Int)? {
        guard let num = line.integer(from: i), num.end > i, line[i].isDigit, num.end < line.count,
              line[num.end] == UInt8(ascii: ":") else { return nil }
        let after = num.end + 1
        guard after < line.count, line[after] == .space || line[after] == UInt8(ascii: "*") || line[after] == UInt8(ascii: ".") else { return nil }
        // `12: ` could be a time's hour only when followed by digits, which we excluded.
        return (num.value, line.skipSpaces(from: after))
    }

    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Mar  1 00:01:02.345[ UTC]` or `Nov 28 2026 10:00:01`: returns the end offset.
    static func dateTime(_ line: ByteLine, at i: Int) -> Int? {
        guard months.contains(where: { line.matches($0, at: i) }), i + 3 < line.count, line[i + 3] == .space else { return nil }
        guard let day = line.integer(from: i + 4), day.value >= 1, day.value <= 31 else { return nil }
        var j = line.skipSpaces(from: day.end)
        if let year = line.integer(from: j), year.end - j == 4, year.end < line.count, line[year.end] == .space {
            j = line.skipSpaces(from: year.end)
        }
        guard var e = clockTimeEnd(line, at: j) else { return nil }
        // Optional time zone: ` UTC`, ` CET`, ` PST`.
        var z = e
        if z < line.count, line[z] == .space {
            z += 1
            let zs = z
            while z < line.count, line[z].isUpperLetter { z += 1 }
            if z - zs >= 2, z - zs <= 5, z < line.count, line[z] == UInt8(ascii: ":") { e = z }
        }
        return e
    }

    /// `hh:mm:ss[.fff]` at `i`: returns its end.
    static func clockTimeEnd(_ line: ByteLine, at i: Int) -> Int? {
        var j = i
        for part in 0..<3 {
            let s = j
            while j < line.count, j - s < 2, line[j].isDigit { j += 1 }
            guard j > s else { return nil }
            if part < 2 {
                guard j < line.count, line[j] == UInt8(ascii: ":") else { return nil }
                j += 1
            }
        }
        if j < line.count, line[j] == UInt8(ascii: "."), j + 1 < line.count, line[j + 1].isDigit {
            j += 1
            while j < line.count, line[j].isDigit { j += 1 }
        }
        return j
    }

    /// A bare clock time used as a timestamp: must be followed by `:` (`20:44:44:`).
    static func clockTime(_ line: ByteLine, at i: Int) -> Int? {
        guard let e = clockTimeEnd(line, at: i), e < line.count, line[e] == UInt8(ascii: ":") else { return nil }
        return e
    }

    /// Uptime stamps: `1d00h:`, `1d00H:`, `2w5d:`, `00:01:02:` is `clockTime`.
    static func uptime(_ line: ByteLine, at i: Int) -> Int? {
        var j = i
        var units = 0
        while units < 2 {
            let s = j
            while j < line.count, line[j].isDigit { j += 1 }
            guard j > s, j - s <= 3, j < line.count else { return nil }
            switch line[j] | 0x20 {
            case UInt8(ascii: "w"), UInt8(ascii: "d"), UInt8(ascii: "h"), UInt8(ascii: "y"), UInt8(ascii: "m"): j += 1
            default: return nil
            }
            units += 1
        }
        guard j < line.count, line[j] == UInt8(ascii: ":") else { return nil }
        return j
    }

    /// After a syslog relay's date: `203.0.113.16 2435:` (host and sequence) or a host name
    /// before a `%` message. Returns where the message continues.
    static func relayHost(_ line: ByteLine, at i: Int) -> Int? {
        guard let r = line.tokenRange(from: i), r.lowerBound == i else { return nil }
        let after = line.skipSpaces(from: r.upperBound)
        if LineClassifier.address(in: line, at: i) != nil, let seq = line.integer(from: after), seq.end < line.count,
           line[seq.end] == UInt8(ascii: ":") {
            return line.skipSpaces(from: seq.end + 1)
        }
        if after < line.count, line[after] == UInt8(ascii: "%"), line[i] != UInt8(ascii: "%"),
           !(line[r.upperBound - 1] == UInt8(ascii: ":")) {
            return after
        }
        return nil
    }
}

extension UInt8 {
    @inlinable var isUpperLetter: Bool { self &- 65 < 26 }
    @inlinable var isLetter: Bool { (self | 0x20) &- 97 < 26 }
}

/// What the diagnosis needs of a line, found cheaply: its ISAKMP connection number (0,
/// "not assigned yet", counts as none) and, asked for only when the line's exchange is not
/// already known, whether it is a logging message.
struct LineKeys {
    let line: ByteLine
    let connection: Int?

    init(_ line: ByteLine) {
        self.line = line
        if let c = LineClassifier.isakmpConnection(in: line), c != 0 { connection = c } else { connection = nil }
    }

    /// A `%TAG-n-MNEMONIC:` at the start of a word, within the first bytes (after at most a
    /// sequence number, a timestamp and a relay host).
    var isSyslog: Bool {
        var from = 0
        let head = line.slice(0, min(line.count, 96))
        while let at = head.firstOffset(of: "%", from: from) {
            if at == 0 || line[at - 1] == .space || line[at - 1] == UInt8(ascii: ":") || line[at - 1] == .tab,
               LineClassifier.syslogTag(line, at: at, requirePercent: true) != nil {
                return true
            }
            from = at + 1
        }
        return false
    }
}
