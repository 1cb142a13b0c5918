/// Readers for the SA sections of a flow: section headers and the lines of each SA.
extension IpsecSAParser {
    /// `inbound esp sas:`, `outbound ah sas:`, `inbound pcp sas:`; the seed's
    /// `outbound pcip sas:` typo is read as pcp.
    mutating func readSectionHeader(_ line: ByteLine, direction: IpsecSAEntry.Direction, from at: Int) {
        guard let r = line.tokenRange(from: at), line.matches("sas", at: line.skipSpaces(from: r.upperBound)) else {
            return // e.g. ASA `outbound ...` prose: not a section header
        }
        ensureFlow(at: line.number)
        saOpen = false
        inReplayBitmap = false
        if direction == .inbound { progress.sawInbound = true } else { progress.sawOutbound = true }
        let name = line.slice(r.lowerBound, r.upperBound)
        let proto: IpsecSAEntry.SecurityProtocol
        if name.equals("esp") { proto = .esp }
        else if name.equals("ah") { proto = .ah }
        else if name.equals("pcp") || name.equals("pcip") { proto = .pcp }
        else {
            section = nil
            return warn(line, "unknown SA section '\(name.string)'")
        }
        section = (direction, proto)
    }

    /// `spi: 0x136A010F(325714191)` (ASA: `spi: 0x1E8246FC (511854332)`) opens an SA.
    mutating func readSpi(_ line: ByteLine, from at: Int) {
        saOpen = false
        inReplayBitmap = false
        guard let section, flowOpen else {
            return warn(line, "SPI outside an inbound/outbound SA section")
        }
        guard let spi = readSpiValue(line, from: at) else { return }
        var sa = IpsecSAEntry(direction: section.direction, protocol: section.protocol, spi: spi)
        sa.line = line.number
        // Nearly every flow has an inbound and an outbound SA: one allocation, not two.
        if flow.sas.isEmpty { flow.sas.reserveCapacity(2) }
        flow.sas.append(sa)
        saOpen = true
    }

    /// An SPI printed as hex (`0x3D3`, `3D3`, `DC15BF68`), optionally followed by its
    /// decimal form in parentheses. The hex form is authoritative (an SPI is 32 bits);
    /// a decimal that disagrees is reported.
    mutating func readSpiValue(_ line: ByteLine, from at: Int) -> UInt32? {
        guard let hex = line.hexInteger(from: at) else {
            warn(line, "could not read the SPI")
            return nil
        }
        guard let spi = UInt32(exactly: hex.value) else {
            warn(line, "SPI 0x\(String(hex.value, radix: 16, uppercase: true)) does not fit in 32 bits")
            return nil
        }
        let open = line.skipSpaces(from: hex.end)
        if open < line.count, line[open] == UInt8(ascii: "(") {
            let digits = line.skipSpaces(from: open + 1)
            var end = digits, decimal: UInt64 = 0, overflow = false
            while end < line.count, line[end].isDigit {
                let (m, o1) = decimal.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(UInt64(line[end] &- 48))
                overflow = overflow || o1 || o2
                decimal = s
                end += 1
            }
            if end > digits, overflow || decimal != UInt64(spi) {
                warn(line, "SPI 0x\(String(spi, radix: 16, uppercase: true)) is printed with decimal \(line.string(digits, end)), which is a different number; using the hexadecimal value \(spi)")
            }
        }
        return spi
    }

    /// `transform: esp-3des esp-md5-hmac ,`
    mutating func readTransform(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        var end = line.count
        while end > at, line[end - 1].isHorizontalSpace || line[end - 1] == UInt8(ascii: ",") { end -= 1 }
        let value = line.slice(at, end).trimmed()
        if !value.isEmpty { flow.sas[flow.sas.count - 1].transform = strings.string(value, .transform) }
    }

    /// `in use settings ={Tunnel, }`, `={Transport UDP-Encaps, }`, ASA `={L2L, Tunnel, IKEv1, }`.
    mutating func readSettings(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        guard let open = line.offset(after: "{", from: at) else {
            return warn(line, "could not read the in use settings")
        }
        var end = open
        while end < line.count, line[end] != UInt8(ascii: "}") { end += 1 }
        while end > open, line[end - 1].isHorizontalSpace || line[end - 1] == UInt8(ascii: ",") { end -= 1 }
        let value = line.slice(open, end).trimmed()
        let k = flow.sas.count - 1
        flow.sas[k].settings = strings.string(value, .settings)
        flow.sas[k].mode = value.contains("Tunnel") ? "Tunnel" : value.contains("Transport") ? "Transport" : nil
    }

    /// `slot: 0, conn id: 3442, flow_id: 1443, crypto map: test`; IOS-XE
    /// `conn id: 2001, flow_id: SW:1, sibling_flags 80000040, crypto map: vpn[, initiator : True]`; ASA
    /// `slot: 0, conn_id: 3, crypto-map: def`.
    mutating func readSAIdentifiers(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        let k = flow.sas.count - 1
        line.forEachCommaItem(from: at) { item in
            guard let (label, value) = item.labelAndValue() else { return }
            if label.equals("slot") {
                flow.sas[k].slot = value.wholeInteger
            } else if label.equals("conn id") || label.equals("conn_id") {
                flow.sas[k].connId = value.wholeInteger
            } else if label.equals("flow_id") || label.equals("flow id") {
                if let id = value.wholeInteger { flow.sas[k].flowId = id }
                else { flow.sas[k].flowIdText = strings.string(value, .flowId) }
            } else if label.equals("sibling_flags") {
                flow.sas[k].sibling = value.string
            } else if label.equals("crypto map") || label.equals("crypto-map") {
                flow.sas[k].cryptoMap = strings.string(value, .saCryptoMap)
            } else if label.equals("initiator") {
                flow.sas[k].initiator = value.equals("True") ? true : value.equals("False") ? false : nil
            }
        }
    }

    /// `sa timing: remaining key lifetime (k/sec): (4608000/52)`, ASA `(kB/sec): (...)`
    /// and `remaining key lifetime (sec): 28387`.
    mutating func readLifetime(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        guard let afterWord = line.offset(after: "lifetime", from: at) else { return }
        var i = line.skipSpaces(from: afterWord)
        guard i < line.count, line[i] == UInt8(ascii: "(") else {
            return warn(line, "could not read the remaining key lifetime")
        }
        let unitsStart = i + 1
        while i < line.count, line[i] != UInt8(ascii: ")") { i += 1 }
        let units = line.slice(unitsStart, min(i, line.count))
        i = line.skipSpaces(from: i + 1)
        if i < line.count, line[i] == UInt8(ascii: ":") { i += 1 }
        i = line.skipSpaces(from: i)
        if i < line.count, line[i] == UInt8(ascii: "(") { i += 1 }
        guard let first = line.integer(from: i) else {
            return warn(line, "could not read the remaining key lifetime")
        }
        let k = flow.sas.count - 1
        if units.contains("/") {
            let second = first.end < line.count && line[first.end] == UInt8(ascii: "/") ? line.integer(from: first.end + 1) : nil
            flow.sas[k].remainingKb = first.value
            flow.sas[k].remainingSec = second?.value
        } else if units.matches("k", at: 0) {
            flow.sas[k].remainingKb = first.value
        } else {
            flow.sas[k].remainingSec = first.value
        }
    }

    /// `IV size: 8 bytes`
    mutating func readIVSize(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        flow.sas[flow.sas.count - 1].ivSize = line.integer(from: at)?.value
    }

    /// `replay detection support: Y`, IOS-XE `... : Y  replay window size: 1024`.
    mutating func readReplayDetection(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        let k = flow.sas.count - 1
        let i = line.skipSpaces(from: at)
        if i < line.count {
            switch line[i] {
            case UInt8(ascii: "Y"), UInt8(ascii: "y"): flow.sas[k].replayDetection = true
            case UInt8(ascii: "N"), UInt8(ascii: "n"): flow.sas[k].replayDetection = false
            default: warn(line, "could not read replay detection support")
            }
        }
        flow.sas[k].replayWindowSize = line.integer(after: "window size:", from: i)
    }

    /// IOS-XE `Status: ACTIVE(ACTIVE)`, ASA `SA State: active`.
    mutating func readStatus(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        let value = line.slice(at, line.count).trimmed()
        if !value.isEmpty { flow.sas[flow.sas.count - 1].status = strings.string(value, .status) }
    }

    /// ASA `Anti replay bitmap:`; the words follow on the next lines.
    mutating func beginReplayBitmap(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        inReplayBitmap = true
        let rest = line.slice(at, line.count).trimmed()
        if !rest.isEmpty { readReplayBitmapWords(rest, from: 0) }
    }

    /// `0xFFFFFFFF 0xFFFFFFFF` under `Anti replay bitmap:`.
    mutating func readReplayBitmapWords(_ line: ByteLine, from at: Int) {
        guard saOpen else { return }
        let k = flow.sas.count - 1
        var words = flow.sas[k].antiReplayBitmap ?? ""
        var i = at
        while let r = line.tokenRange(from: i) {
            if !words.isEmpty { words += " " }
            words += line.string(r.lowerBound, r.upperBound)
            i = r.upperBound
        }
        flow.sas[k].antiReplayBitmap = words
    }
}
