import Testing
@testable import IPsecKit

/// Real device output from the shared corpus: every non-empty field of each reference
/// record must equal what our parsers give (field names mapped as in the corpus README).
@Suite struct CorpusTablesTests {
    /// Compares one reference record with our values by field name; a field we have no
    /// mapping for fails the test, so nothing the reference knows is silently skipped.
    func compare(_ expected: [String: String], _ ours: [String: String?], _ context: String) {
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) where !value.isEmpty {
            guard let mapped = ours[key] else {
                Issue.record("\(context): no mapping for reference field \(key)")
                continue
            }
            #expect(mapped == value, "\(context): \(key)")
        }
    }

    @Test func asaIKEv1SADetail() throws {
        let cases = try Corpus.cases(commandPrefix: "show_crypto_ikev1_sa")
        guard !cases.isEmpty else { return }
        for c in cases {
            let r = IsakmpSAParser.parse(c.raw, platform: .asa)
            #expect(r.warnings.isEmpty, "\(c.name): \(r.warnings)")
            #expect(r.isakmpSas.count == c.expected.count, "\(c.name)")
            for (k, (record, sa)) in zip(c.expected, r.isakmpSas).enumerated() {
                compare(record, [
                    "sequence": sa.index.map(String.init), "peer": sa.peer, "type": sa.type, "dir": sa.role,
                    "rekey": sa.rekey, "state": sa.state, "encryption": sa.encryption, "hash": sa.hash,
                    "authentication": sa.auth, "lifetime": sa.lifetime,
                ], "\(c.name) record \(k)")
            }
        }
    }

    @Test func iosCryptoSessionDetail() throws {
        let cases = try Corpus.cases(commandPrefix: "show_crypto_session")
        guard !cases.isEmpty else { return }
        for c in cases {
            let r = CryptoSessionParser.parse(c.raw, platform: .ios)
            #expect(r.warnings.isEmpty, "\(c.name): \(r.warnings)")
            #expect(r.cryptoSessions.count == c.expected.count, "\(c.name)")
            for (k, (record, s)) in zip(c.expected, r.cryptoSessions).enumerated() {
                // The reference keeps one IKE SA and one flow per session: the last IKE SA
                // it read and the flow of the session.
                let ike = s.ikeSas.last
                let flow = s.ipsecFlows.first
                compare(record, [
                    "interface": s.interface, "profile": s.profile, "uptime": s.uptime, "session_status": s.status,
                    "peer": s.peer, "port": s.peerPort.map(String.init), "fvrf": s.fvrf, "ivrf": s.ivrf,
                    "phase1_id": s.phase1Id, "description": s.desc,
                    "session_id": ike?.sessionId.map(String.init), "local_ip": ike?.local, "local_port": ike?.localPort.map(String.init),
                    "remote_ip": ike?.remote, "remote_port": ike?.remotePort.map(String.init), "ikev1_status": ike?.status,
                    "capabilities": ike?.capabilities, "conn_id": ike?.connId.map(String.init), "lifetime": ike?.lifetime,
                    "permit": flow?.prot, "src_host": flow?.localAddr, "src_mask": flow?.localMask,
                    "dst_host": flow?.remoteAddr, "dst_mask": flow?.remoteMask,
                    "active_sa": flow?.activeSas.map(String.init), "origin": flow?.origin,
                ], "\(c.name) record \(k)")
            }
        }
    }
}
