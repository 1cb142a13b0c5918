/// Time passing on the device: negotiations, rekeys, periodic log messages and load-mode
/// lines, printed asynchronously the way a router prints debug output between prompts.
extension LabDevice {
    /// Largest number of load-mode lines produced by one call (a stalled reader must not
    /// make the device build an unbounded backlog).
    static let loadBurstLimit = 100_000

    /// Lab time of the next scheduled event, if any (the terminal loop sleeps until then).
    public var nextEventAt: Int64? {
        [tunnel.nextNegotiationAt, tunnel.nextPeriodicAt, tunnel.nextLoadLineAt, rekeyAt].compactMap { $0 }.min()
    }

    var rekeyAt: Int64? {
        guard tunnel.phase2Present, scenario.phase2Up else { return nil }
        return tunnel.phase2CreatedAt + Int64(config.ipsecLifetimeSeconds) * 1000
    }

    /// Moves the clock to `milliseconds` (since start) and returns whatever the device
    /// prints asynchronously on the way.
    public mutating func advance(to milliseconds: Int64) -> String {
        output = ""
        var shown: [String] = []
        while let next = nextEventAt, next <= milliseconds {
            clock.advance(to: next)
            if next == tunnel.nextLoadLineAt {
                shown += loadLines(until: milliseconds)
            } else if next == tunnel.nextNegotiationAt {
                shown += negotiate(at: next)
            } else if next == rekeyAt {
                shown += rekey(at: next)
            } else if next == tunnel.nextPeriodicAt, let periodic = scenario.periodic {
                tunnel.nextPeriodicAt = next + Int64(periodic.intervalSeconds) * 1000
                if tunnel.phase2Present || !scenario.phase2Up {
                    shown += render(periodic.lines[persona] ?? [], at: next)
                }
            }
        }
        clock.advance(to: milliseconds)
        showAsync(shown)
        return takeOutput()
    }

    private mutating func negotiate(at t: Int64) -> [String] {
        if let retry = scenario.retrySeconds {
            tunnel.nextNegotiationAt = t + Int64(retry) * 1000
            tunnel.messageId = UInt32.random(in: 100_000_000...2_000_000_000, using: &random)
            if scenario.phase1 != .absent && !tunnel.phase1Present {
                tunnel.phase1Present = true
                tunnel.phase1CreatedAt = t
            }
        } else {
            tunnel.nextNegotiationAt = nil
            if !tunnel.phase1Present { tunnel.phase1Present = true; tunnel.phase1CreatedAt = t }
            if scenario.phase2Up { installNewSAs(at: t) }
        }
        return render(scenario.negotiation[persona] ?? [], at: t)
    }

    private mutating func rekey(at t: Int64) -> [String] {
        installNewSAs(at: t)
        return render(scenario.negotiation[persona] ?? [], at: t)
    }

    mutating func installNewSAs(at t: Int64) {
        tunnel.inboundSpi = random.spi()
        tunnel.outboundSpi = random.spi()
        tunnel.inboundConnId += 2
        tunnel.outboundConnId += 2
        tunnel.messageId = UInt32.random(in: 100_000_000...2_000_000_000, using: &random)
        tunnel.phase2CreatedAt = t
        if !tunnel.phase2Present {
            tunnel.phase2Present = true
        }
    }

    /// Timestamped device lines for the visible templates; multi-line messages carry the
    /// timestamp on their first line only.
    func render(_ templates: [DebugLineTemplate], at t: Int64) -> [String] {
        let values = placeholders
        var lines: [String] = []
        for (index, template) in templates.enumerated() where isVisible(template.channel) {
            let at = t + Int64(index) * 4
            let text = Self.fill(template.text, values)
            var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            parts[0] = timestampPrefix(template.channel, at: at) + parts[0]
            lines += parts
        }
        return lines
    }

    func timestampPrefix(_ channel: DebugChannel, at t: Int64) -> String {
        switch persona {
        case .ios: return clock.iosTimestamp(at: t) + ": "
        case .asa: return channel == .syslog ? clock.asaSyslogTimestamp(at: t) + ": " : clock.asaTimestamp(at: t) + " "
        }
    }

    /// Whether a line of `channel` reaches this session now.
    func isVisible(_ channel: DebugChannel) -> Bool {
        guard options.console || terminalMonitor else { return false }
        switch mode {
        case .username, .loginPassword, .closed: return false
        default: break
        }
        switch channel {
        case .syslog: return true
        case .anyCrypto: return !debugs.isEmpty && conditionAllows
        default: return debugs.contains(channel) && conditionAllows
        }
    }

    /// `debug crypto condition peer` limits crypto debugs to that peer.
    var conditionAllows: Bool { debugConditionPeer == nil || debugConditionPeer == peerAddress }

    private mutating func loadLines(until limit: Int64) -> [String] {
        guard let rate = options.debugRate, rate > 0 else { tunnel.nextLoadLineAt = nil; return [] }
        let script = (scenario.negotiation[persona] ?? []).filter { $0.channel == .isakmp }
        let visible = !debugs.isEmpty && isVisible(.isakmp) && !script.isEmpty
        var lines: [String] = []
        let values = placeholders
        // Slot k is due at k * 1000 / rate ms: exact rate, several lines per millisecond if needed.
        let r = Int64(rate)
        let due = limit * r / 1000 + 1
        var k = tunnel.loadSlot
        if visible {
            while k < due && lines.count < Self.loadBurstLimit {
                let at = k * 1000 / r
                tunnel.loadSequence += 1
                let template = script[tunnel.loadCursor % script.count]
                tunnel.loadCursor += 1
                let text = Self.fill(template.text, values).split(separator: "\n").first.map(String.init) ?? ""
                lines.append(sequenceNumber(tunnel.loadSequence) + ": " + timestampPrefix(.isakmp, at: at) + text)
                k += 1
            }
        }
        // Lines a reader could not see (debug off, or a stalled reader) are not owed later.
        k = max(k, due)
        tunnel.loadSlot = k
        tunnel.nextLoadLineAt = (k * 1000 + r - 1) / r
        return lines
    }

    private func sequenceNumber(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 6 ? s : String(repeating: "0", count: 6 - s.count) + s
    }

    /// Prints async lines: held back while the pager waits, otherwise printed on their own
    /// lines with the prompt and the partly typed command redrawn after them.
    mutating func showAsync(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        if mode == .pager || mode == .enablePassword(attempt: 1) || isReadingSecret {
            pendingAsync += lines
            return
        }
        output += options.lineEnding
        for l in lines { write(l) }
        output += prompt + String(lineBuffer)
    }
}
