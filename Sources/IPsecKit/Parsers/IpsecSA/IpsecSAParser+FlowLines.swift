/// Readers for the lines of an ident block (everything above its SA sections).
extension IpsecSAParser {
    /// `interface: FastEthernet0`
    mutating func readInterface(_ line: ByteLine, from at: Int) {
        openFlow(at: line.number, inheritHeader: false)
        let name = line.slice(at, line.count).trimmed()
        if !name.isEmpty { flow.interface = strings.string(name, .interface) }
    }

    /// `Crypto map tag: test, local addr. 10.1.0.1` (IOS: `local addr 1.2.3.4`; ASA:
    /// `Crypto map tag: vpn, seq num: 10, local addr: 10.0.0.1`).
    mutating func readCryptoMapTag(_ line: ByteLine, from at: Int) {
        if !flowOpen {
            openFlow(at: line.number, inheritHeader: false)
        } else if progress.hasBody || flow.cryptoMap != nil {
            let interface = flow.interface
            openFlow(at: line.number, inheritHeader: false)
            flow.interface = interface
        }
        if flow.line == nil { flow.line = line.number }
        var sawTag = false
        line.forEachCommaItem(from: at) { item in
            guard let (label, value) = item.labelAndValue() else { return }
            if label.equals("Crypto map tag") {
                flow.cryptoMap = strings.string(value, .cryptoMap); sawTag = true
            } else if label.matches("seq num", at: 0) {
                flow.seqNum = value.wholeInteger
            } else if label.matches("local addr", at: 0) {
                flow.localAddr = strings.string(value, .localAddr)
            } else if label.equals("vrf") || label.equals("ivrf") {
                flow.vrf = strings.string(value, .vrf)
            }
        }
        if !sawTag { warn(line, "could not read the crypto map name") }
    }

    /// `protected vrf: (none)`: the first line of an IOS ident block.
    mutating func readProtectedVrf(_ line: ByteLine, from at: Int) {
        beginIdentBlockIfNeeded(at: line.number, startsBlock: true)
        progress.hasPreamble = true
        let value = line.slice(at, line.count).trimmed()
        if !value.isEmpty { flow.protectedVrf = strings.string(value, .vrf) }
    }

    /// ASA `access-list 2 extended permit ip ...`: the first line of an ASA ident block.
    mutating func readAccessList(_ line: ByteLine, from at: Int) {
        beginIdentBlockIfNeeded(at: line.number, startsBlock: true)
        progress.hasPreamble = true
        flow.accessList = line.slice(at, line.count).trimmed().string
    }

    /// `local ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)`; IPv6 idents
    /// carry a prefix length where IPv4 has a mask: `(2001:DB8:1::/64/0/0)`.
    mutating func readIdent(_ line: ByteLine, local: Bool, from at: Int) {
        if local {
            beginIdentBlockIfNeeded(at: line.number, startsBlock: false)
        } else if !flowOpen || flow.remoteIdent != nil || progress.hasCounters || progress.sawInbound {
            beginIdentBlockIfNeeded(at: line.number, startsBlock: false)
        }
        progress.hasIdent = true
        guard let ident = Self.identity(in: line, from: at) else {
            return warn(line, "could not read the \(local ? "local" : "remote") ident (addr/mask/prot/port)")
        }
        if local { flow.localIdent = ident } else { flow.remoteIdent = ident }
    }

    /// The `(addr/mask/prot/port)` value after the label's `):`, split from the right so
    /// IPv6 addresses (which hold no `/`) stay whole.
    static func identity(in line: ByteLine, from at: Int) -> IpsecIdentity? {
        guard let labelEnd = line.offset(after: "):", from: at) else { return nil }
        var start = line.skipSpaces(from: labelEnd)
        guard start < line.count, line[start] == UInt8(ascii: "(") else { return nil }
        start += 1
        var end = start
        while end < line.count, line[end] != UInt8(ascii: ")") { end += 1 }
        var cuts: [Int] = []
        var i = end - 1
        while i >= start, cuts.count < 3 {
            if line[i] == UInt8(ascii: "/") { cuts.append(i) }
            i -= 1
        }
        guard cuts.count == 3 else { return nil }
        let addr = line.slice(start, cuts[2]), mask = line.slice(cuts[2] + 1, cuts[1])
        guard !addr.isEmpty, !mask.isEmpty,
              let prot = line.slice(cuts[1] + 1, cuts[0]).wholeInteger,
              let port = line.slice(cuts[0] + 1, end).wholeInteger else { return nil }
        return IpsecIdentity(addr: addr.string, mask: mask.string, prot: prot, port: port)
    }

    /// `current_peer 10.1.0.2 port 500` (IOS) or `current_peer: 10.1.0.2` (PIX/ASA).
    mutating func readCurrentPeer(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        var i = line.skipSpaces(from: at)
        if i < line.count, line[i] == UInt8(ascii: ":") { i += 1 }
        guard let r = line.tokenRange(from: i, terminators: ",") else { return warn(line, "could not read current_peer") }
        flow.peer = line.string(r.lowerBound, r.upperBound)
        if let p = line.offset(after: "port", from: r.upperBound), let port = line.integer(from: p) {
            flow.peerPort = port.value
        }
    }

    /// PIX/ASA `dynamic allocated peer ip: 10.135.1.5`.
    mutating func readDynamicPeer(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        if let r = line.tokenRange(from: at) { flow.dynamicPeerIp = line.string(r.lowerBound, r.upperBound) }
    }

    /// `PERMIT, flags={origin_is_acl,}`
    mutating func readActionAndFlags(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        if let r = line.tokenRange(from: at, terminators: ",") { flow.action = line.string(r.lowerBound, r.upperBound) }
        guard let open = line.offset(after: "flags={", from: at) else {
            return warn(line, "could not read the flags")
        }
        var flags: [String] = []
        var end = open
        while end < line.count, line[end] != UInt8(ascii: "}") { end += 1 }
        line.slice(open, end).forEachCommaItem { flags.append($0.string) }
        flow.flags = flags
    }

    /// A counters line: `#pkts encaps: 7767918, #pkts encrypt: 7767918, #pkts digest 7767918`,
    /// `#pkts no sa (send) 0, #pkts invalid sa (rcv) 0`, `##pkts replay failed (rcv): 0`,
    /// `#send errors 1, #recv errors 0`. The value is the last token of each item; the
    /// label is what precedes it, with or without a colon.
    mutating func readCounters(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        progress.hasCounters = true
        var unreadable = false
        line.forEachCommaItem(from: at) { item in
            var start = 0
            while start < item.count, item[start] == UInt8(ascii: "#") { start += 1 }
            var space = item.count - 1
            while space > start, !item[space].isHorizontalSpace { space -= 1 }
            guard space > start, let value = item.slice(space + 1, item.count).wholeInteger else {
                unreadable = true
                return
            }
            var labelEnd = space
            while labelEnd > start, item[labelEnd - 1].isHorizontalSpace || item[labelEnd - 1] == UInt8(ascii: ":") { labelEnd -= 1 }
            guard labelEnd > start else { unreadable = true; return }
            let slot = counterLabels.slot(for: item.slice(start, labelEnd))
            if case .extra = slot, flow.counters.extra.isEmpty, extraCountersPerFlow > 1 {
                // Sized once like the previous flow's: growing key by key rehashes repeatedly.
                flow.counters.extra.reserveCapacity(extraCountersPerFlow)
            }
            flow.counters.set(slot, value)
        }
        if unreadable { warn(line, "could not read every packet counter on this line") }
    }

    /// `local crypto endpt.: 10.1.0.1, remote crypto endpt.: 10.1.0.2`; ASA adds the port
    /// (`172.16.248.119/4500`).
    mutating func readEndpoints(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        line.forEachCommaItem(from: at) { item in
            guard let (label, value) = item.labelAndValue() else { return }
            let local = label.matches("local", at: 0)
            guard local || label.matches("remote", at: 0) else { return }
            var addrEnd = value.count
            var port: Int?
            if let slash = value.firstOffset(of: "/"), let p = value.slice(slash + 1, value.count).wholeInteger {
                addrEnd = slash; port = p
            }
            let addr = value.string(0, addrEnd)
            if local { flow.localCryptoEndpoint = addr; flow.localCryptoEndpointPort = port }
            else { flow.remoteCryptoEndpoint = addr; flow.remoteCryptoEndpointPort = port }
        }
    }

    /// `path mtu 1500, ipsec overhead 82(52), media mtu 1500` and IOS-XE
    /// `plaintext mtu 1442, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet8`.
    mutating func readMtus(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        line.forEachCommaItem(from: at) { item in
            guard let (rawLabel, value) = item.labelAndValue() else { return }
            var label = rawLabel
            if label.count > 0, label[label.count - 1] == UInt8(ascii: ":") { label = label.slice(0, label.count - 1) }
            if label.equals("ip mtu idb") { flow.ipMtuIdb = strings.string(value, .interface); return }
            // `ipsec overhead 82(52)`: the first number is the overhead in bytes.
            guard let number = value.integer(from: 0)?.value else { return }
            if label.equals("path mtu") { flow.pathMtu = number }
            else if label.equals("media mtu") { flow.mediaMtu = number }
            else if label.equals("ip mtu") { flow.ipMtu = number }
            else if label.equals("plaintext mtu") { flow.plaintextMtu = number }
            else if label.equals("ipsec overhead") { flow.ipsecOverhead = number }
        }
    }

    /// `current outbound spi: 0x3D3(979)`, `current outbound spi: 3D3` (hex without
    /// prefix), ASA `current inbound spi : 32F752FF`.
    mutating func readCurrentSpi(_ line: ByteLine, outbound: Bool, from at: Int) {
        ensureFlow(at: line.number)
        var i = line.skipSpaces(from: at)
        if i < line.count, line[i] == UInt8(ascii: ":") { i += 1 }
        guard let spi = readSpiValue(line, from: i) else { return }
        if outbound { flow.currentOutboundSpi = spi; progress.hasOutboundSpi = true }
        else { flow.currentInboundSpi = spi }
    }

    /// `PFS (Y/N): N, DH group: none`
    mutating func readPfs(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        line.forEachCommaItem(from: at) { item in
            guard let (label, value) = item.labelAndValue() else { return }
            if label.matches("PFS", at: 0) { flow.pfs = value.string }
            else if label.equals("DH group") { flow.dhGroup = strings.string(value, .dhGroup) }
        }
    }

    /// ASA `PMTU time remaining (sec): 0, DF policy: copy-df`
    mutating func readPmtuPolicy(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        line.forEachCommaItem(from: at) { item in
            guard let (label, value) = item.labelAndValue() else { return }
            if label.matches("PMTU time remaining", at: 0) { flow.pmtuTimeRemaining = value.wholeInteger }
            else if label.equals("DF policy") { flow.dfPolicy = value.string }
        }
    }

    /// ASA `ICMP error validation: disabled, TFC packets: disabled`
    mutating func readIcmpAndTfc(_ line: ByteLine, from at: Int) {
        ensureFlow(at: line.number)
        line.forEachCommaItem(from: at) { item in
            guard let (label, value) = item.labelAndValue() else { return }
            if label.equals("ICMP error validation") { flow.icmpErrorValidation = value.string }
            else if label.equals("TFC packets") { flow.tfcPackets = value.string }
        }
    }
}
