/// Streaming parser for `show crypto ipsec sa [detail]` on IOS/IOS-XE and PIX/ASA.
///
/// The output is a tree: `interface:` > `Crypto map tag:` > one block per ident pair
/// (the flow: idents, peer, counters, MTUs) > `inbound/outbound esp/ah/pcp sas:` sections
/// > one SA per `spi:`. Each line is recognised by the bytes after its indentation (the
/// indentation itself differs between platforms and versions, so it is not trusted), and
/// its values are read in place from the byte line. One `IpsecSAFlow` is produced per
/// ident block; header values (interface, crypto map) are carried into every block under them.
public struct IpsecSAParser: SectionParser {
    /// Past this many, warnings are counted but not kept: garbage input must not grow memory.
    static let warningLimit = 200

    let platform: Platform?
    var flows: [IpsecSAFlow] = []
    var flow = IpsecSAFlow()
    var flowOpen = false
    var progress = FlowProgress()
    /// The `inbound esp sas:`-style section lines are under, nil outside one.
    var section: (direction: IpsecSAEntry.Direction, protocol: IpsecSAEntry.SecurityProtocol)?
    /// True while lines belong to the last SA of `flow.sas`.
    var saOpen = false
    /// True right after ASA `Anti replay bitmap:`, whose words follow on their own lines.
    var inReplayBitmap = false
    var warnings: [ParseWarning] = []
    var droppedWarnings = 0
    var lastLineNumber = 0
    var counterLabels = IpsecCounterLabels()
    /// How many extra counters the last closed flow had (the next one likely has as many).
    var extraCountersPerFlow = 0
    var strings = RepeatedStrings()

    /// What the open flow has shown so far: decides when a header starts a new flow and
    /// whether the output ended early.
    struct FlowProgress {
        var hasPreamble = false      // protected vrf / access-list
        var hasIdent = false
        var hasCounters = false
        var hasOutboundSpi = false
        var sawInbound = false
        var sawOutbound = false
        var hasBody: Bool { hasPreamble || hasIdent || hasCounters || hasOutboundSpi || sawInbound || sawOutbound }
    }

    public init(platform: Platform?) {
        self.platform = platform
    }

    public mutating func consume(_ line: ByteLine) {
        lastLineNumber = line.number
        let at = line.indentation
        guard at < line.count else {
            inReplayBitmap = false
            return
        }
        let first = line[at]
        if inReplayBitmap {
            if first == UInt8(ascii: "0") { return readReplayBitmapWords(line, from: at) }
            inReplayBitmap = false
        }
        switch first {
        case UInt8(ascii: "#"):
            readCounters(line, from: at)
        case UInt8(ascii: "i"):
            if line.matches("interface:", at: at) { readInterface(line, from: at + 10) }
            else if line.matches("inbound ", at: at) { readSectionHeader(line, direction: .inbound, from: at + 8) }
            else if line.matches("in use settings", at: at) { readSettings(line, from: at) }
            else if line.matches("ipsec overhead", at: at) { readMtus(line, from: at) }
        case UInt8(ascii: "o"):
            if line.matches("outbound ", at: at) { readSectionHeader(line, direction: .outbound, from: at + 9) }
        case UInt8(ascii: "C"):
            if line.matches("Crypto map tag:", at: at) { readCryptoMapTag(line, from: at) }
        case UInt8(ascii: "p"):
            if line.matches("protected vrf:", at: at) { readProtectedVrf(line, from: at + 14) }
            else if line.matches("path mtu", at: at) || line.matches("plaintext mtu", at: at) { readMtus(line, from: at) }
        case UInt8(ascii: "l"):
            if line.matches("local", at: at) {
                let next = line.skipSpaces(from: at + 5)
                if line.matches("ident", at: next) { readIdent(line, local: true, from: next) }
                else if line.matches("crypto endpt", at: next) { readEndpoints(line, from: at) }
            }
        case UInt8(ascii: "r"):
            if line.matches("remote", at: at) {
                let next = line.skipSpaces(from: at + 6)
                if line.matches("ident", at: next) { readIdent(line, local: false, from: next) }
                else if line.matches("crypto endpt", at: next) { readEndpoints(line, from: at) }
            } else if line.matches("replay detection support:", at: at) {
                readReplayDetection(line, from: at + 25)
            }
        case UInt8(ascii: "c"):
            if line.matches("current_peer", at: at) { readCurrentPeer(line, from: at + 12) }
            else if line.matches("current outbound spi", at: at) { readCurrentSpi(line, outbound: true, from: at + 20) }
            else if line.matches("current inbound spi", at: at) { readCurrentSpi(line, outbound: false, from: at + 19) }
            else if line.matches("conn id:", at: at) || line.matches("conn_id:", at: at) { readSAIdentifiers(line, from: at) }
        case UInt8(ascii: "d"):
            if line.matches("dynamic allocated peer ip:", at: at) { readDynamicPeer(line, from: at + 26) }
        case UInt8(ascii: "m"):
            if line.matches("media mtu", at: at) { readMtus(line, from: at) }
        case UInt8(ascii: "P"):
            if line.matches("PFS", at: at) { readPfs(line, from: at) }
            else if line.matches("PMTU time remaining", at: at) { readPmtuPolicy(line, from: at) }
            else if line.firstOffset(of: "flags=", from: at) != nil { readActionAndFlags(line, from: at) }
        case UInt8(ascii: "D"):
            if line.firstOffset(of: "flags=", from: at) != nil { readActionAndFlags(line, from: at) }
        case UInt8(ascii: "I"):
            if line.matches("IV size:", at: at) { readIVSize(line, from: at + 8) }
            else if line.matches("ICMP error validation", at: at) { readIcmpAndTfc(line, from: at) }
        case UInt8(ascii: "s"):
            if line.matches("spi:", at: at) { readSpi(line, from: at + 4) }
            else if line.matches("slot:", at: at) { readSAIdentifiers(line, from: at) }
            else if line.matches("sa timing:", at: at) { readLifetime(line, from: at + 10) }
        case UInt8(ascii: "t"):
            if line.matches("transform:", at: at) { readTransform(line, from: at + 10) }
        case UInt8(ascii: "S"):
            if line.matches("Status:", at: at) { readStatus(line, from: at + 7) }
            else if line.matches("SA State:", at: at) { readStatus(line, from: at + 9) }
        case UInt8(ascii: "A"):
            if line.matches("Anti replay bitmap:", at: at) { beginReplayBitmap(line, from: at + 19) }
        case UInt8(ascii: "a"):
            if line.matches("access-list ", at: at) { readAccessList(line, from: at) }
        default:
            break // not part of this command's output, or a line we have no use for
        }
    }

    public mutating func finish(into report: inout AnalysisReport) {
        if flowOpen { checkTruncation() }
        closeFlow()
        // Handing the array over (not appending element by element) avoids copying
        // every flow of a 10,000-peer output.
        if report.ipsecSas.isEmpty { report.ipsecSas = flows } else { report.ipsecSas.append(contentsOf: flows) }
        flows = []
        if droppedWarnings > 0 {
            warnings.append(ParseWarning(line: lastLineNumber,
                                         message: "\(droppedWarnings) more unreadable lines in show crypto ipsec sa output were not listed"))
        }
        report.warnings.append(contentsOf: warnings)
        warnings = []
        droppedWarnings = 0
    }

    // MARK: - Flow bookkeeping

    /// Stores the open flow, if any.
    mutating func closeFlow() {
        // Swapped out rather than copied: a copy would retain every string of the flow
        // only for the reset below to release them again.
        if flowOpen, !flow.counters.extra.isEmpty { extraCountersPerFlow = flow.counters.extra.count }
        var done = IpsecSAFlow()
        swap(&done, &flow)
        if flowOpen { flows.append(consume done) }
        flowOpen = false
        progress = FlowProgress()
        section = nil
        saOpen = false
        inReplayBitmap = false
    }

    /// Starts a flow at `line`, carrying the interface and crypto map header over from the
    /// previous flow when `inheritHeader` (a further ident block under the same map).
    mutating func openFlow(at line: Int, inheritHeader: Bool) {
        var next = IpsecSAFlow()
        if inheritHeader {
            next.interface = flow.interface
            next.cryptoMap = flow.cryptoMap
            next.seqNum = flow.seqNum
            next.localAddr = flow.localAddr
            next.vrf = flow.vrf
        }
        next.line = line
        closeFlow()
        flow = next
        flowOpen = true
    }

    /// Makes sure a flow is open before a flow-level field is stored (output of
    /// `show crypto ipsec sa peer X` or a capture that starts mid-way has no header).
    mutating func ensureFlow(at line: Int) {
        if !flowOpen { openFlow(at: line, inheritHeader: false) }
    }

    /// Opens a new flow for an ident block that starts while the open flow already has one.
    mutating func beginIdentBlockIfNeeded(at line: Int, startsBlock: Bool) {
        if !flowOpen {
            openFlow(at: line, inheritHeader: false)
        } else if progress.hasIdent || progress.hasCounters || progress.sawInbound || progress.sawOutbound
                    || (startsBlock && progress.hasPreamble) {
            openFlow(at: line, inheritHeader: true)
        }
    }

    mutating func warn(_ line: ByteLine, _ message: @autoclosure () -> String) {
        if warnings.count < Self.warningLimit {
            warnings.append(ParseWarning(line: line.number, message: message()))
        } else {
            droppedWarnings += 1
        }
    }

    /// Output that stops inside a block is reported once, at the last line read (even past
    /// the warning limit: it is the one warning a reader must see).
    mutating func checkTruncation() {
        let whereText = flow.peer.map { " (peer \($0))" } ?? flow.interface.map { " (interface \($0))" } ?? ""
        var problem: String?
        if saOpen, let sa = flow.sas.last, sa.replayDetection == nil, sa.status == nil {
            problem = "the output ends inside the \(sa.direction.rawValue) \(sa.protocol.rawValue) SA with SPI 0x\(String(sa.spi, radix: 16, uppercase: true))"
        } else if progress.sawInbound && !progress.sawOutbound {
            problem = "the output ends before the outbound SAs"
        } else if progress.hasIdent && !progress.hasCounters {
            problem = "the output ends before the packet counters"
        } else if progress.hasCounters && !progress.hasOutboundSpi && !progress.sawInbound {
            problem = "the output ends before the SAs"
        }
        if let problem {
            warnings.append(ParseWarning(line: lastLineNumber,
                                         message: "show crypto ipsec sa looks truncated: \(problem)\(whereText); kept what was read"))
        }
    }
}
