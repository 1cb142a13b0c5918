import Foundation
import Testing
@testable import IPsecKit

/// Checks the parser against real `show crypto ipsec sa` output from the shared corpus:
/// every non-empty field of every ntc-templates record must equal ours (field mapping:
/// corpus README). Where the record and the raw output disagree, the raw output wins.
@Suite struct CorpusIpsecSATests {
    static let cases: [Corpus.Case] = (try? Corpus.cases(commandPrefix: "show_crypto_ipsec_sa")) ?? []

    @Test func corpusIsPresent() throws {
        #expect(Corpus.root == nil || !Self.cases.isEmpty)
        _ = try Corpus.cases(commandPrefix: "show_crypto_ipsec_sa")
    }

    @Test(arguments: cases.map(\.name))
    func everyRecordMatches(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let platform: Platform = c.platform == "cisco_asa" ? .asa : .ios
        let report = IpsecSAParser.parse(c.raw, platform: platform)
        #expect(!c.expected.isEmpty)

        // The raw output is the truth for how many SAs there are (the ASA template keeps
        // only the last SA per direction and block).
        let spiLines = c.raw.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("spi:") }
        #expect(report.ipsecSas.reduce(0) { $0 + $1.sas.count } == spiLines.count)

        // The only warnings allowed are SPIs whose printed decimal differs from the hex
        // (the corpus was anonymised by editing numbers).
        for w in report.warnings { #expect(w.message.contains("is printed with decimal"), "\(w)") }

        var compared = 0
        for (index, record) in c.expected.enumerated() {
            if platform == .asa {
                compared += try checkASARecord(record, index: index, report: report)
            } else {
                compared += try checkIOSRecord(record, index: index, report: report)
            }
        }
        // Every non-empty field was compared; none was skipped for want of a mapping.
        #expect(compared == c.expected.reduce(0) { $0 + $1.values.filter { !$0.isEmpty }.count })
    }

    // MARK: - IOS: one record per SA

    @discardableResult
    func checkIOSRecord(_ r: [String: String], index: Int, report: AnalysisReport) throws -> Int {
        var compared = 0
        let flow = try #require(report.ipsecSas.first {
            $0.interface == r["interface"] && $0.peer == r["current_peer"]
                && $0.localIdent?.addr == r["local_ident_addr"] && $0.remoteIdent?.addr == r["remote_ident_addr"]
        }, "record \(index): no flow for \(r["interface"] ?? "?") \(r["current_peer"] ?? "?")")
        var sa: IpsecSAEntry?
        if let hex = r["sa_spi_hex"], !hex.isEmpty {
            let found = try #require(flow.sas.first { $0.spi == Self.hex(hex) && $0.direction.rawValue == r["sa_orientation"] },
                                     "record \(index): no SA \(hex)")
            sa = found
        }
        for (key, expected) in r where !expected.isEmpty {
            let ours: String?
            switch key {
            case "sa_spi_dec", "current_outbound_spi_dec":
                try checkDecimal(key: key, expected: expected, record: r, flow: flow, sa: sa, report: report, index: index)
                compared += 1
                continue
            default:
                ours = try #require(Self.iosValue(key, flow: flow, sa: sa), "record \(index): no mapping for field \(key)")
            }
            #expect(Self.same(ours, expected), "record \(index) \(key): ours \(ours ?? "nil"), expected \(expected)")
            compared += 1
        }
        return compared
    }

    /// A decimal SPI must equal ours when the record's hex and decimal agree; when they do
    /// not (anonymised corpus), the parser must have kept the hex value and warned.
    func checkDecimal(key: String, expected: String, record r: [String: String], flow: IpsecSAFlow,
                      sa: IpsecSAEntry?, report: AnalysisReport, index: Int) throws {
        let hexKey = key == "sa_spi_dec" ? "sa_spi_hex" : "current_outbound_spi_hex"
        let ours = key == "sa_spi_dec" ? sa.map { UInt64($0.spi) } : flow.currentOutboundSpi.map(UInt64.init)
        let hex = try #require(r[hexKey].map(Self.hex))
        if UInt64(expected) == hex {
            #expect(ours == hex, "record \(index) \(key)")
        } else {
            #expect(ours == hex, "record \(index) \(key): the hex value wins")
            let line = key == "sa_spi_dec" ? sa?.line : nil
            #expect(report.warnings.contains { $0.message.contains(expected) && (line == nil || $0.line == line) },
                    "record \(index) \(key): the disagreement is reported")
        }
    }

    static func iosValue(_ key: String, flow f: IpsecSAFlow, sa: IpsecSAEntry?) -> String?? {
        let counterNames: [String: String] = [
            "pkts_encaps": "pkts_encaps", "pkts_encrypt": "pkts_encrypt", "pkts_digest": "pkts_digest",
            "pkts_decaps": "pkts_decaps", "pkts_decrypt": "pkts_decrypt", "pkts_verify": "pkts_verify",
            "pkts_compressed": "pkts_compressed", "pkts_decompressed": "pkts_decompressed",
            "pkts_not_compressed": "pkts_not_compressed", "pkts_compress_failed": "pkts_compr_failed",
            "pkts_not_decompressed": "pkts_not_decompressed", "pkts_decompress_failed": "pkts_decompress_failed",
            "pkts_no_sa": "pkts_no_sa_send", "pkts_invalid_sa": "pkts_invalid_sa_rcv",
            "pkts_encaps_failed": "pkts_encaps_failed_send", "pkts_decaps_failed": "pkts_decaps_failed_rcv",
            "pkts_invalid_prot": "pkts_invalid_prot_recv", "pkts_verify_failed": "pkts_verify_failed",
            "pkts_invalid_identity": "pkts_invalid_identity_recv", "pkts_invalid_len": "pkts_invalid_len_rcv",
            "pkts_replay_rollover_send": "pkts_replay_rollover_send", "pkts_replay_rollover_recv": "pkts_replay_rollover_rcv",
            "pkts_replay_failed": "pkts_replay_failed_rcv", "pkts_tagged": "pkts_tagged_send",
            "pkts_untagged": "pkts_untagged_rcv", "pkts_not_tagged": "pkts_not_tagged_send",
            "pkts_not_untagged": "pkts_not_untagged_rcv", "pkts_internal_err_send": "pkts_internal_err_send",
            "pkts_internal_err_recv": "pkts_internal_err_recv",
        ]
        if let counter = counterNames[key] { return .some(f.counters[counter].map(String.init)) }
        switch key {
        case "interface": return .some(f.interface)
        case "crypto_map_tag": return .some(f.cryptoMap)
        case "local_addr": return .some(f.localAddr)
        case "protected_vrf": return .some(f.protectedVrf)
        case "local_ident_addr": return .some(f.localIdent?.addr)
        case "local_ident_mask": return .some(f.localIdent?.mask)
        case "local_ident_prot": return .some(f.localIdent.map { String($0.prot) })
        case "local_ident_port": return .some(f.localIdent.map { String($0.port) })
        case "remote_ident_addr": return .some(f.remoteIdent?.addr)
        case "remote_ident_mask": return .some(f.remoteIdent?.mask)
        case "remote_ident_prot": return .some(f.remoteIdent.map { String($0.prot) })
        case "remote_ident_port": return .some(f.remoteIdent.map { String($0.port) })
        case "current_peer": return .some(f.peer)
        case "port": return .some(f.peerPort.map(String.init))
        case "action": return .some(f.action)
        case "flags": return .some(f.flags.map { $0.map { $0 + "," }.joined() })
        case "local_crypto_endpt": return .some(f.localCryptoEndpoint)
        case "remote_crypto_endpt": return .some(f.remoteCryptoEndpoint)
        case "plaintext_mtu": return .some(f.plaintextMtu.map(String.init))
        case "path_mtu": return .some(f.pathMtu.map(String.init))
        case "ip_mtu": return .some(f.ipMtu.map(String.init))
        case "ip_mtu_idb": return .some(f.ipMtuIdb)
        case "current_outbound_spi_hex": return .some(f.currentOutboundSpi.map(hexText))
        case "pfs": return .some(f.pfs)
        case "dh_group": return .some(f.dhGroup)
        case "sa_orientation": return .some(sa?.direction.rawValue)
        case "sa_type": return .some(sa?.protocol.rawValue)
        case "sa_spi_hex": return .some(sa.map { hexText($0.spi) })
        case "sa_transform": return .some(sa?.transform)
        case "sa_in_use_settings": return .some(sa?.settings)
        case "sa_conn_id": return .some(sa?.connId.map(String.init))
        case "sa_flow_id": return .some(sa.flatMap { $0.flowIdText ?? $0.flowId.map(String.init) })
        case "sa_sibling_flags": return .some(sa?.sibling)
        case "sa_crypto_map": return .some(sa?.cryptoMap)
        case "sa_lifetime_kbytes": return .some(sa?.remainingKb.map(String.init))
        case "sa_lifetime_sec": return .some(sa?.remainingSec.map(String.init))
        case "sa_iv_size": return .some(sa?.ivSize.map(String.init))
        case "sa_replay_detection_support": return .some(sa?.replayDetection.map { $0 ? "Y" : "N" })
        case "sa_replay_window_size": return .some(sa?.replayWindowSize.map(String.init))
        case "sa_status": return .some(sa?.status)
        default: return nil
        }
    }

    // MARK: - ASA: one record per block, only the last SA of each direction

    @discardableResult
    func checkASARecord(_ r: [String: String], index: Int, report: AnalysisReport) throws -> Int {
        var compared = 0
        let peer = Self.either(r, "current_peer", "current_peer_name")
        let flow = try #require(report.ipsecSas.first {
            $0.interface == r["interface"] && $0.cryptoMap == r["crypto_map_tag"] && $0.peer == peer
        }, "record \(index): no flow for \(r["interface"] ?? "?") \(peer ?? "?")")
        var inbound: IpsecSAEntry?, outbound: IpsecSAEntry?
        if let hex = r["inbound_spi_hex"], !hex.isEmpty {
            let found = try #require(flow.sas.first { $0.direction == .inbound && $0.spi == Self.hex(hex) }, "record \(index): inbound \(hex)")
            inbound = found
        }
        if let hex = r["outbound_spi_hex"], !hex.isEmpty {
            let found = try #require(flow.sas.first { $0.direction == .outbound && $0.spi == Self.hex(hex) }, "record \(index): outbound \(hex)")
            outbound = found
        }
        for (key, expected) in r where !expected.isEmpty {
            let ours = try #require(Self.asaValue(key, flow: flow, inbound: inbound, outbound: outbound),
                                    "record \(index): no mapping for field \(key)")
            #expect(Self.same(ours, expected), "record \(index) \(key): ours \(ours ?? "nil"), expected \(expected)")
            compared += 1
        }
        return compared
    }

    static func asaValue(_ key: String, flow f: IpsecSAFlow, inbound: IpsecSAEntry?, outbound: IpsecSAEntry?) -> String?? {
        let counterNames: [String: String] = [
            "packets_encapsulated": "pkts_encaps", "packets_encrypted": "pkts_encrypt", "packets_digested": "pkts_digest",
            "packets_decapsulated": "pkts_decaps", "packets_decrypted": "pkts_decrypt", "packets_verified": "pkts_verify",
            "packets_compressed": "pkts_compressed", "packets_decompressed": "pkts_decompressed",
            "packets_not_compressed": "pkts_not_compressed", "packets_compress_failed": "pkts_compr_failed",
            "packets_decompress_failed": "pkts_decompress_failed", "pre_fragment_success": "pre_frag_successes",
            "pre_fragment_failures": "pre_frag_failures", "fragments_created": "fragments_created",
            "pmtus_sent": "pmtus_sent", "pmtus_received": "pmtus_rcvd",
            "decap_frags_needing_reassembly": "decapsulated_frgs_needing_reassembly",
            "send_errors": "send_errors", "receive_errors": "recv_errors",
        ]
        if let counter = counterNames[key] { return .some(f.counters[counter].map(String.init)) }
        for (prefix, sa) in [("inbound_", inbound), ("outbound_", outbound)] where key.hasPrefix(prefix) {
            let words = sa?.transform?.split(separator: " ").map(String.init) ?? []
            switch String(key.dropFirst(prefix.count)) {
            case "spi_hex": return .some(sa.map { hexText($0.spi) })
            case "spi_integer": return .some(sa.map { String($0.spi) })
            case "encryption": return .some(words.first)
            case "authentication": return .some(words.count > 1 ? words[1] : nil)
            case "settings_in_use": return .some(sa?.settings)
            case "slot": return .some(sa?.slot.map(String.init))
            case "connection_id": return .some(sa?.connId.map(String.init))
            case "crypto_map": return .some(sa?.cryptoMap)
            case "remaining_lifetime": return .some(sa?.remainingSec.map(String.init))
            case "remaining_lifetime_kilobytes": return .some(sa?.remainingKb.map(String.init))
            case "iv_size": return .some(sa?.ivSize.map { "\($0) bytes" })
            case "replay_detection": return .some(sa?.replayDetection.map { $0 ? "Y" : "N" })
            default: return nil
            }
        }
        switch key {
        case "interface": return .some(f.interface)
        case "crypto_map_tag": return .some(f.cryptoMap)
        case "sequence_number": return .some(f.seqNum.map(String.init))
        case "local_address", "local_address_name": return .some(f.localAddr)
        case "local_identity_addr": return .some(f.localIdent?.addr)
        case "local_identity_mask": return .some(f.localIdent?.mask)
        case "local_identity_protocol": return .some(f.localIdent.map { String($0.prot) })
        case "local_identity_port": return .some(f.localIdent.map { String($0.port) })
        case "remote_identity_addr": return .some(f.remoteIdent?.addr)
        case "remote_identity_mask": return .some(f.remoteIdent?.mask)
        case "remote_identity_protocol": return .some(f.remoteIdent.map { String($0.prot) })
        case "remote_identity_port": return .some(f.remoteIdent.map { String($0.port) })
        case "current_peer", "current_peer_name": return .some(f.peer)
        case "dynamic_peer", "dynamic_peer_name": return .some(f.dynamicPeerIp)
        case "local_crypto_endpoint", "local_crypto_endpoint_name": return .some(f.localCryptoEndpoint)
        case "remote_crypto_endpoint", "remote_crypto_endpoint_name": return .some(f.remoteCryptoEndpoint)
        case "path_mtu": return .some(f.pathMtu.map(String.init))
        case "media_mtu": return .some(f.mediaMtu.map(String.init))
        case "ipsec_overhead": return .some(f.ipsecOverhead.map(String.init))
        case "current_inbound_spi": return .some(f.currentInboundSpi.map(hexText))
        case "current_outbound_spi": return .some(f.currentOutboundSpi.map(hexText))
        default: return nil
        }
    }

    // MARK: - Helpers

    static func either(_ r: [String: String], _ a: String, _ b: String) -> String? {
        if let v = r[a], !v.isEmpty { return v }
        if let v = r[b], !v.isEmpty { return v }
        return nil
    }

    static func hex(_ text: String) -> UInt64 {
        let digits = text.hasPrefix("0x") || text.hasPrefix("0X") ? String(text.dropFirst(2)) : text
        return UInt64(digits, radix: 16) ?? .max
    }

    static func hexText(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }

    /// Equal as text, as integers (`0987` = `987`) or as hex numbers (`0x3D3` = `3d3`).
    static func same(_ ours: String?, _ expected: String) -> Bool {
        guard let ours else { return false }
        if ours == expected { return true }
        if let a = Int(ours), let b = Int(expected) { return a == b }
        if ours.hasPrefix("0x") { return hex(ours) == hex(expected) }
        return false
    }
}
