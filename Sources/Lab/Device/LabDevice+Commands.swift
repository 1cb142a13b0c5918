/// The command interpreter: one typed line in, the device's response out.
extension LabDevice {
    mutating func execute(_ line: String) {
        let trimmed = line.trimmingSpaces
        if !trimmed.isEmpty { audit(trimmed) }
        let grammar = CommandGrammar(persona: persona, privileged: privileged)
        let error = persona == .asa ? "ERROR: " : ""
        switch grammar.parse(line) {
        case .empty:
            output += prompt
        case .invalid(let column):
            present([String(repeating: " ", count: prompt.count + column) + "^",
                     error + "% Invalid input detected at '^' marker."] + (persona == .ios ? [""] : []))
        case .incomplete:
            present(persona == .ios ? ["% Incomplete command.", ""] : ["ERROR: % Incomplete command"])
        case .ambiguous:
            present([error + "% Ambiguous command:  \"\(trimmed)\""] + (persona == .ios ? [""] : []))
        case .command(let action, let values):
            run(action, values: values, line: line)
        }
    }

    private mutating func run(_ action: CommandAction, values: [String], line: String) {
        let ios = persona == .ios
        switch action {
        case .enable:
            if privileged { output += prompt } else { mode = .enablePassword(attempt: 1); output += "Password: " }
        case .disable:
            privileged = false
            output += prompt
        case .exit:
            if !ios { write(""); write("Logoff"); write("") }
            mode = .closed
        case .configure:
            present(["% This is a lab device: configuration mode is not available (the lab is read-only; restart it with another --scenario)."])
        case .showIsakmpSA: present(ios ? iosIsakmpSA(detail: false) : asaIsakmpSA(detail: false, ikev1Only: false))
        case .showIsakmpSADetail: present(ios ? iosIsakmpSA(detail: true) : asaIsakmpSA(detail: true, ikev1Only: false))
        case .showIkev1SA: present(asaIsakmpSA(detail: false, ikev1Only: true))
        case .showIkev1SADetail: present(asaIsakmpSA(detail: true, ikev1Only: true))
        case .showIkev2SA: present(ios ? [] : ["There are no IKEv2 SAs"])
        case .showIpsecSA: present(ios ? iosIpsecSA(detail: false, peer: nil) : asaIpsecSA(detail: false, peer: nil))
        case .showIpsecSADetail: present(ios ? iosIpsecSA(detail: true, peer: nil) : asaIpsecSA(detail: true, peer: nil))
        case .showIpsecSAPeer: present(ios ? iosIpsecSA(detail: false, peer: values.first) : asaIpsecSA(detail: false, peer: values.first))
        case .showEngine: present(iosEngineConnections())
        case .showSession: present(iosCryptoSession(detail: false))
        case .showSessionDetail: present(iosCryptoSession(detail: true))
        case .showRunning: present(ios ? iosRunningConfig() : asaRunningConfig(cryptoOnly: false))
        case .showRunningCrypto: present(asaRunningConfig(cryptoOnly: true))
        case .showVersion: present(ios ? iosVersion() : asaVersion())
        case .showClock: present([clock.showClock(persona: persona)])
        case .showDebugging: present(debuggingState())
        case .debugIsakmp:
            debugs.insert(.isakmp)
            present(ios ? ["Crypto ISAKMP debugging is on"] : [])
        case .debugIpsec:
            debugs.insert(.ipsec)
            present(ios ? ["Crypto IPSEC debugging is on"] : [])
        case .debugEngine:
            debugs.insert(.engine)
            present(["Crypto Engine debugging is on"])
        case .debugIcmp:
            debugIcmp = true
            present(["ICMP packet debugging is on"])
        case .debugCondition:
            debugConditionPeer = values.first
            present([])
        case .undebugAll:
            debugs.removeAll()
            debugIcmp = false
            present(ios ? ["All possible debugging has been turned off"] : [])
        case .undebugIsakmp:
            debugs.remove(.isakmp)
            present(ios ? ["Crypto ISAKMP debugging is off"] : [])
        case .undebugIpsec:
            debugs.remove(.ipsec)
            present(ios ? ["Crypto IPSEC debugging is off"] : [])
        case .undebugEngine:
            debugs.remove(.engine)
            present(["Crypto Engine debugging is off"])
        case .ping:
            present(ping(values.first ?? "", line: line))
        case .clearCryptoSA:
            clearIpsec()
            present([])
        case .clearCryptoSAPeer:
            if values.first == peerAddress { clearIpsec() }
            present([])
        case .clearIsakmp:
            tunnel.phase1Present = false
            if scenario.retrySeconds == nil && scenario.phase1 == .established { tunnel.nextNegotiationAt = now + 1500 }
            present([])
        case .terminalLength:
            terminalLength = min(512, Int(values.first ?? "24") ?? 24)
            output += prompt
        case .terminalWidth:
            terminalWidth = max(0, min(512, Int(values.first ?? "80") ?? 80))
            output += prompt
        case .terminalMonitor:
            terminalMonitor = true
            if options.console && ios { present(["% Console already monitors"]) } else { output += prompt }
        case .terminalNoMonitor:
            terminalMonitor = false
            output += prompt
        }
    }

    /// `clear crypto sa`: the IPsec SAs go, their counters restart from zero, and
    /// interesting traffic brings the tunnel back shortly after.
    private mutating func clearIpsec() {
        tunnel.phase2Present = false
        tunnel.countersSince = now
        tunnel.encapsAtReset = 0
        tunnel.decapsAtReset = 0
        tunnel.pingEncaps = 0
        tunnel.pingDecaps = 0
        if scenario.phase2Up { tunnel.nextNegotiationAt = now + 1500 }
    }

    private func debuggingState() -> [String] {
        if persona == .asa {
            var lines: [String] = []
            if debugs.contains(.isakmp) { lines.append("debug crypto ikev1 enabled at level 127") }
            if debugs.contains(.ipsec) { lines.append("debug crypto ipsec enabled at level 127") }
            if let peer = debugConditionPeer { lines.append("debug crypto condition peer \(peer)") }
            return lines
        }
        var lines: [String] = []
        if debugConditionPeer != nil || !debugs.isEmpty {
            lines.append("Cryptographic Subsystem:")
            if debugs.contains(.isakmp) { lines.append("  Crypto ISAKMP debugging is on") }
            if debugs.contains(.ipsec) { lines.append("  Crypto IPSEC debugging is on") }
            if debugs.contains(.engine) { lines.append("  Crypto Engine debugging is on") }
        }
        if debugIcmp { lines += ["IP:", "  ICMP packet debugging is on"] }
        if let peer = debugConditionPeer {
            lines += ["", "Crypto conditional debug is turned ON", "IKE debug context unmatched flag:OFF", "IKE peer IP address filters:", peer]
        }
        return lines
    }

    // MARK: - ping

    private mutating func ping(_ arguments: String, line: String) -> [String] {
        let words = arguments.split(separator: " ").map(String.init)
        var target: String?
        var size = 100, repeatCount = 5, df = false
        var index = 0
        // Start column of each word of the typed line; word 0 is `ping`.
        var starts: [Int] = []
        var previous: Character = " "
        for (offset, ch) in line.enumerated() {
            if ch != " " && previous == " " { starts.append(offset) }
            previous = ch
        }
        func column(of wordIndex: Int) -> Int { wordIndex + 1 < starts.count ? starts[wordIndex + 1] : line.count }
        while index < words.count {
            let w = words[index].lowercased()
            if target == nil, IPv4.isAddress(Substring(w)) { target = w; index += 1; continue }
            if target == nil, persona == .asa, ["outside", "inside"].contains(w) { index += 1; continue }
            let options = ["size", "df-bit", "repeat", "source", "timeout"]
            let matches = options.filter { $0.hasPrefix(w) }
            guard matches.count == 1, target != nil else {
                if target == nil { return ["% Unrecognized host or address, or protocol not running.", ""] }
                return [String(repeating: " ", count: prompt.count + column(of: index)) + "^",
                        (persona == .asa ? "ERROR: " : "") + "% Invalid input detected at '^' marker.", ""]
            }
            switch matches[0] {
            case "df-bit": df = true; index += 1
            default:
                guard index + 1 < words.count else { return ["% Incomplete command.", ""] }
                if matches[0] == "size" { size = Int(words[index + 1]) ?? size }
                if matches[0] == "repeat" { repeatCount = max(1, min(100, Int(words[index + 1]) ?? repeatCount)) }
                index += 2
            }
        }
        guard let target, let address = IPv4.parse(Substring(target)) else {
            return ["% Unrecognized host or address, or protocol not running.", ""]
        }
        if size < 36 || size > 18024 { return ["% Invalid datagram size (36-18024)", ""] }
        var lines = ["Type escape sequence to abort.",
                     "Sending \(repeatCount), \(size)-byte ICMP Echos to \(target), timeout is 2 seconds:"]
        if df { lines.append("Packet sent with the DF bit set") }
        let outcome = pingOutcome(address: address, size: size, df: df)
        switch outcome {
        case .reply:
            lines.append(String(repeating: "!", count: repeatCount))
            lines.append("Success rate is 100 percent (\(repeatCount)/\(repeatCount)), round-trip min/avg/max = 1/2/4 ms")
            if isTunnelled(address) { tunnel.pingEncaps += repeatCount; tunnel.pingDecaps += repeatCount }
        case .noReply:
            lines.append(String(repeating: ".", count: repeatCount))
            lines.append("Success rate is 0 percent (0/\(repeatCount))")
            if isTunnelled(address) && phase2Present { tunnel.pingEncaps += repeatCount }
        case .fragmentationNeeded:
            if debugIcmp {
                for k in 0..<repeatCount { lines.append(timestampPrefix(.syslog, at: now + Int64(k) * 2) + "ICMP: dst (\(target)): frag. needed and DF set.") }
            }
            lines.append(String(repeating: "M", count: repeatCount))
            lines.append("Success rate is 0 percent (0/\(repeatCount))")
        }
        return lines
    }

    private enum PingOutcome { case reply, noReply, fragmentationNeeded }

    private func inNetwork(_ address: UInt32, _ network: String, _ mask: String) -> Bool {
        guard let n = IPv4.parse(Substring(network)), let m = IPv4.parse(Substring(mask)) else { return false }
        return address & m == n & m
    }

    private func isTunnelled(_ address: UInt32) -> Bool {
        if config.remoteAccess { return inNetwork(address, "10.135.1.0", "255.255.255.0") }
        return inNetwork(address, topology.remote.lanNetwork, topology.remote.lanMask)
    }

    private func pingOutcome(address: UInt32, size: Int, df: Bool) -> PingOutcome {
        if isTunnelled(address) {
            guard phase2Present, scenario.inboundPacketsPerSecond > 0, scenario.outboundPacketsPerSecond > 0 else { return .noReply }
            if df && size > config.pathMtu { return .fragmentationNeeded }
            return .reply
        }
        if config.remoteAccess && inNetwork(address, Topology.routedInsideNetwork, Topology.routedInsideMask) {
            return config.routeToRoutedInside ? .reply : .noReply
        }
        if df && size > config.mediaMtu { return .fragmentationNeeded }
        return .reply
    }
}
