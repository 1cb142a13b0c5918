/// Derived facts shared by every renderer, so all outputs agree.
extension LabDevice {
    var now: Int64 { clock.now }
    var peerAddress: String { config.remoteAccess ? Topology.clientPublicAddress : topology.remote.outsideAddress }
    var localAddress: String { topology.local.outsideAddress }

    var phase1State: String? {
        guard tunnel.phase1Present else { return nil }
        switch scenario.phase1 {
        case .established:
            if persona == .asa { return config.remoteAccess ? "AM_ACTIVE" : "MM_ACTIVE" }
            return "QM_IDLE"
        case .stuck(let state): return state
        case .absent: return nil
        }
    }

    var phase1Established: Bool { tunnel.phase1Present && scenario.phase1 == .established }
    var phase2Present: Bool { tunnel.phase2Present }

    var encapsCount: Int { phase2Present ? tunnel.encaps(at: now, perSecond: scenario.outboundPacketsPerSecond) : 0 }
    var decapsCount: Int { phase2Present ? tunnel.decaps(at: now, perSecond: scenario.inboundPacketsPerSecond) : 0 }

    var receiveErrors: Int {
        guard phase2Present, let p = scenario.periodic, p.countsReceiveError else { return 0 }
        return tunnel.periodicEvents(at: now, event: p, firstAt: Int64(p.firstAfterSeconds) * 1000)
    }

    var phase1RemainingSeconds: Int { max(0, config.isakmpLifetime - Int((now - tunnel.phase1CreatedAt) / 1000)) }
    var phase2RemainingSeconds: Int { max(0, config.ipsecLifetimeSeconds - Int((now - tunnel.phase2CreatedAt) / 1000)) }

    /// Kilobytes left on an SA that has carried `packets` (average 420-byte packets).
    func remainingKilobytes(packets: Int) -> Int { max(0, config.ipsecLifetimeKilobytes - packets * 420 / 1024) }

    var transformText: String { config.transforms.joined(separator: " ") }

    /// `HMAC_SHA+3DES_56_C` (IOS engine table).
    var engineAlgorithm: String {
        let hmac = config.transforms.contains("esp-md5-hmac") ? "HMAC_MD5" : "HMAC_SHA"
        let cipher: String
        switch config.transforms.first ?? "" {
        case "esp-des": cipher = "DES_56_CBC"
        case "esp-aes": cipher = "AES_128"
        default: cipher = "3DES_56_C"
        }
        return hmac + "+" + cipher
    }

    /// Local and remote traffic selectors of the flow the tunnel carries.
    var localIdent: (String, String) {
        if config.remoteAccess {
            if config.splitTunnelNetworks == nil { return ("0.0.0.0", "0.0.0.0") }
            return (topology.local.lanNetwork, topology.local.lanMask)
        }
        let e = config.primaryEntry.acl.first
        return (e?.source ?? topology.local.lanNetwork, e?.sourceMask ?? topology.local.lanMask)
    }

    var remoteIdent: (String, String) {
        if config.remoteAccess { return (Topology.clientAssignedAddress, "255.255.255.255") }
        let e = config.primaryEntry.acl.first
        return (e?.destination ?? topology.remote.lanNetwork, e?.destinationMask ?? topology.remote.lanMask)
    }

    /// Values for the `{name}` placeholders of scenario lines.
    var placeholders: [String: String] {
        let peerEntry = peerConfig.primaryEntry.acl.first
        let pSrc = peerEntry?.source ?? topology.remote.lanNetwork, pSrcMask = peerEntry?.sourceMask ?? topology.remote.lanMask
        let pDst = peerEntry?.destination ?? topology.local.lanNetwork, pDstMask = peerEntry?.destinationMask ?? topology.local.lanMask
        let peerFirst = peerConfig.transforms.first ?? "esp-3des"
        let transformId: String
        switch peerFirst {
        case "esp-des": transformId = "ESP_DES"
        case "esp-aes": transformId = "ESP_AES"
        default: transformId = "ESP_3DES"
        }
        let (ln, lm) = localIdent, (rn, rm) = remoteIdent
        return [
            "peer": peerAddress, "local": localAddress, "c1": String(tunnel.phase1ConnId),
            "msgid": String(tunnel.messageId), "msgidHex": SPIText.asaHex(tunnel.messageId).lowercased(),
            "inSpiDec": String(tunnel.inboundSpi), "inSpiHex": SPIText.asaHex(tunnel.inboundSpi),
            "inSpiHexDec": SPIText.iosHexDec(tunnel.inboundSpi), "outSpiHex": SPIText.asaHex(tunnel.outboundSpi),
            "outSpiHexDec": SPIText.iosHexDec(tunnel.outboundSpi),
            "inConn": String(tunnel.inboundConnId), "outConn": String(tunnel.outboundConnId),
            "localNet": ln, "localMask": lm, "remoteNet": rn, "remoteMask": rm,
            "transform": transformText, "peerTransform": peerConfig.transforms.joined(separator: " "),
            "peerTransformId": transformId,
            "peerAuthenticator": peerConfig.transforms.contains("esp-md5-hmac") ? "HMAC-MD5" : "HMAC-SHA",
            "pSrcNet": pSrc, "pSrcMask": pSrcMask, "pSrcType": pSrcMask == "255.255.255.255" ? "1" : "4",
            "pDstNet": pDst, "pDstMask": pDstMask, "pDstType": pDstMask == "255.255.255.255" ? "1" : "4",
            "staleSpiDec": String(tunnel.staleSpi), "clientIp": Topology.clientAssignedAddress, "insideServer": topology.insideServer,
        ]
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let key = String(rest[rest.index(after: open)..<close])
            out += values[key] ?? "{\(key)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
