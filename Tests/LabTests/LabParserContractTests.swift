import IPsecKit
import Testing
@testable import Lab

/// Every scenario's show output, read by the project's parsers, gives the scenario's states.
@Suite("Lab output parsed by IPsecKit parsers")
struct LabParserContractTests {
    private func platform(_ p: Persona) -> Platform { p == .ios ? .ios : .asa }

    private func driver(_ e: ScenarioExpectation) throws -> LabDriver {
        var d = try LabDriver(e.id, persona: e.persona)
        _ = d.wait(4)
        _ = d.type(e.persona == .ios ? "terminal length 0" : "terminal pager 0")
        return d
    }

    @Test(arguments: ScenarioExpectation.all)
    func isakmpTable(_ e: ScenarioExpectation) throws {
        var d = try driver(e)
        for command in ["show crypto isakmp sa"] + (e.persona == .asa ? ["show crypto ikev1 sa"] : []) {
            let report = IsakmpSAParser.parse(d.output(command), platform: platform(e.persona))
            #expect(report.warnings.isEmpty, "\(command): \(report.warnings)")
            guard let state = e.state else { #expect(report.isakmpSas.isEmpty); continue }
            #expect(report.isakmpSas.count == 1)
            guard let sa = report.isakmpSas.first else { continue }
            #expect(sa.state == state)
            if e.persona == .ios {
                #expect(sa.dst == d.device.peerAddress)
                #expect(sa.src == d.device.localAddress)
                #expect(sa.connId == 1001)
                #expect(sa.status == "ACTIVE")
            } else {
                #expect(sa.peer == d.device.peerAddress)
                #expect(sa.type == (d.device.config.remoteAccess ? "user" : "L2L"))
                #expect(sa.role == (d.device.config.remoteAccess ? "responder" : "initiator"))
                #expect(sa.rekey == "no")
            }
        }
    }

    @Test(arguments: ScenarioExpectation.all)
    func ipsecFlows(_ e: ScenarioExpectation) throws {
        var d = try driver(e)
        for command in ["show crypto ipsec sa", "show crypto ipsec sa detail"] {
            let report = IpsecSAParser.parse(d.output(command), platform: platform(e.persona))
            #expect(report.warnings.isEmpty, "\(command): \(report.warnings)")
            if e.persona == .asa && !e.ipsecUp { #expect(report.ipsecSas.isEmpty); continue }
            let flow = report.ipsecSas.first { $0.peer == d.device.peerAddress }
            #expect(flow != nil, "no flow for the peer in \(command)")
            guard let flow else { continue }
            #expect(flow.cryptoMap == (d.device.config.remoteAccess ? "dynmap" : d.device.config.cryptoMapName))
            let (ln, lm) = d.device.localIdent, (rn, rm) = d.device.remoteIdent
            if e.id != "peer-not-found" {
                #expect(flow.localIdent == IpsecIdentity(addr: ln, mask: lm, prot: 0, port: 0))
                #expect(flow.remoteIdent == IpsecIdentity(addr: rn, mask: rm, prot: 0, port: 0))
            }
            #expect(flow.counters.pktsEncaps == d.device.encapsCount)
            #expect(flow.counters.pktsDecaps == d.device.decapsCount)
            // IOS 12.4 `detail` replaces the send/recv errors line with the per-cause counters.
            let detailedIOS = e.persona == .ios && command.hasSuffix("detail") && !d.device.legacyIOS
            if !detailedIOS { #expect(flow.counters.recvErrors == d.device.receiveErrors) }
            #expect(flow.pathMtu == d.device.config.pathMtu)
            if e.persona == .asa || d.device.legacyIOS { #expect(flow.mediaMtu == 1500) }
            if d.device.config.remoteAccess { #expect(flow.dynamicPeerIp == Topology.clientAssignedAddress) }
            guard e.ipsecUp else { #expect(flow.sas.isEmpty); continue }
            #expect(flow.currentOutboundSpi == d.device.tunnel.outboundSpi)
            let inbound = flow.sas.filter { $0.direction == .inbound && $0.protocol == .esp }
            let outbound = flow.sas.filter { $0.direction == .outbound && $0.protocol == .esp }
            #expect(inbound.map(\.spi) == [d.device.tunnel.inboundSpi])
            #expect(outbound.map(\.spi) == [d.device.tunnel.outboundSpi])
            #expect(inbound.first?.transform?.hasPrefix(d.device.transformText) == true) // ASA appends "no compression"
            #expect(inbound.first?.remainingSec == d.device.phase2RemainingSeconds)
            #expect(inbound.first?.mode == "Tunnel" || inbound.first?.settings?.contains("Tunnel") == true)
        }
    }

    @Test(arguments: ScenarioExpectation.all.filter { $0.persona == .ios })
    func engineConnections(_ e: ScenarioExpectation) throws {
        var d = try driver(e)
        let report = EngineConnectionParser.parse(d.output("show crypto engine connection active"), platform: .ios)
        #expect(report.warnings.isEmpty)
        let ids = report.engineConnections.compactMap(\.connId)
        if e.ipsecUp {
            let outbound = report.engineConnections.first { $0.connId == d.device.tunnel.outboundConnId }
            let inbound = report.engineConnections.first { $0.connId == d.device.tunnel.inboundConnId }
            #expect(outbound?.encrypt == d.device.encapsCount)
            #expect(outbound?.decrypt == 0)
            #expect(inbound?.decrypt == d.device.decapsCount)
            #expect(inbound?.interface == "FastEthernet0/0")
            #expect(inbound?.ipAddress == "10.1.0.1")
        } else {
            #expect(!ids.contains(d.device.tunnel.inboundConnId))
        }
        #expect(ids.contains(1001) == (e.state == "QM_IDLE"))
    }

    @Test(arguments: ScenarioExpectation.all.filter { $0.persona == .ios })
    func cryptoSessions(_ e: ScenarioExpectation) throws {
        var d = try driver(e)
        let expected: String
        switch (e.state, e.ipsecUp) {
        case ("QM_IDLE", true): expected = "UP-ACTIVE"
        case ("QM_IDLE", false): expected = "UP-IDLE"
        case (nil, _): expected = "DOWN"
        default: expected = "DOWN-NEGOTIATING"
        }
        for command in ["show crypto session", "show crypto session detail"] {
            let report = CryptoSessionParser.parse(d.output(command), platform: .ios)
            #expect(report.warnings.isEmpty)
            #expect(report.cryptoSessions.count == 1)
            guard let session = report.cryptoSessions.first else { continue }
            #expect(session.status == expected)
            #expect(session.peer == d.device.peerAddress)
            #expect(session.peerPort == 500)
            #expect(session.interface == "FastEthernet0/0")
            #expect(session.ipsecFlows.first?.activeSas == (e.ipsecUp ? 2 : 0))
            if command.hasSuffix("detail") && e.ipsecUp {
                #expect(session.ipsecFlows.first?.outboundPktsEncrypted == d.device.encapsCount)
            }
        }
    }

    @Test func ikev2TablesAreEmpty() throws {
        var ios = try LabDriver()
        #expect(ios.output("show crypto ikev2 sa") == "")
        var asa = try LabDriver(persona: .asa)
        #expect(asa.output("show crypto ikev2 sa") == "There are no IKEv2 SAs\n")
    }
}
