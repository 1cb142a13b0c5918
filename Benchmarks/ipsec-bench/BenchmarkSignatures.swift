import IPsecKit

/// The device strings of the knowledge document's error signatures, as a catalog for the
/// benchmark (the shipped YAML catalog has the same strings; only the patterns matter here).
enum BenchmarkSignatures {
    static let ip = #"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"#

    static func sig(_ id: String, _ phase: SignaturePhase, _ severity: Severity, _ patterns: [SignaturePattern]) -> Signature {
        Signature(id: id, title: id, phase: phase, severity: severity, summary: id, patterns: patterns, causes: [],
                  fixes: [], confirm: PlatformCommands())
    }

    static func p(_ literals: [String], _ regex: String, _ role: PatternRole = .trigger) -> SignaturePattern {
        SignaturePattern(literals: literals, regex: regex, role: role)
    }

    static let saNotAcceptable = p(["SA not acceptable"], #"SA not acceptable!?"#, .failure)

    static let all: [Signature] = [
        sig("replay-check", .dataPlane, .warning, [
            p(["PKT_REPLAY_ERR", "replay check failed"], #"%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=(?<conn_id>\d+)"#),
            p(["-402119:", "failed anti-replay checking"], #"%ASA-4-402119: IPSEC: Received an (?<protocol>\w+) packet \(SPI= (?<spi>\w+), sequence number= (?<seq>\w+)\) from (?<peer>\#(ip)) \(user= [^)]*\) to (?<local>\#(ip)) that failed anti-replay checking"#),
        ]),
        sig("qm-fsm", .phase2, .error, [p(["QM FSM error"], #"IP = (?<peer>\#(ip)), QM FSM error"#)]),
        sig("invalid-local-address", .phase2, .error, [
            p(["invalid local address"], #"IPSEC\(validate_proposal\): invalid local address (?<local_address>\#(ip))"#),
            p(["atts not acceptable"], #"atts not acceptable"#, .symptom),
            saNotAcceptable,
        ]),
        sig("ike-sanity-check", .phase1, .error, [
            p(["-4-IKMP_BAD_MESSAGE", "failed its sanity check"], #"%CRY?PTO-4-IKMP_BAD_MESSAGE: IKE message from (?<peer>\#(ip)) failed its sanity check or is malformed"#),
        ]),
        sig("main-mode-failed", .phase1, .error, [
            p(["atts are not acceptable"], #"atts are not acceptable\. Next payload is (?<next_payload>\d+)"#, .symptom),
            p(["no offers accepted!"], #"no offers accepted!"#, .failure),
            saNotAcceptable,
            p(["IKMP_MODE_FAILURE", "Main Mode failed"], #"%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at (?<peer>\#(ip))"#, .failure),
        ]),
        sig("proxy-id-unsupported", .phase2, .error, [
            p(["proxy identities not supported"], #"IPsec\(validate_transform_proposal\): proxy identities not supported"#),
            p(["IPsec policy invalidated proposal"], #"IPsec policy invalidated proposal"#, .symptom),
            p(["Rejecting IPSec tunnel: no matching crypto map entry"], #"IP = (?<peer>\#(ip)), Rejecting IPSec tunnel: no matching crypto map entry for remote proxy (?<remote_proxy>\S+) local proxy (?<local_proxy>\S+)"#),
            saNotAcceptable,
        ]),
        sig("transform-unsupported", .phase2, .error, [
            p(["transform proposal", "not supported"], #"IPsec ?\(validate_proposal\): transform proposal \((?:port|prot) (?<prot>\d+), trans (?<trans>\d+), hmac_alg (?<hmac_alg>\d+)\) not supported"#, .symptom),
            p(["atts not acceptable"], #"atts not acceptable"#, .symptom),
            saNotAcceptable,
        ]),
        sig("no-cert-no-keys", .phase1, .error, [
            p(["No cert, and no keys"], #"No cert, and no keys \(public or pre-shared\) with remote peer (?<peer>\#(ip))"#),
        ]),
        sig("peer-not-found", .phase2, .error, [
            p(["peer address", "not found"], #"peer address (?<peer>\#(ip)) not found"#),
        ]),
        sig("invalid-spi", .dataPlane, .warning, [
            p(["-4-402101:", "invalid spi for destaddr="], #"%(?:PIX|ASA|PIX\|ASA)-4-402101: decaps: ?rec'?d IPSEC packet has invalid spi for destaddr=(?<destaddr>[^,]+), prot=(?<prot>\w+), spi=(?<spi>\w+)"#),
            p(["RECVD_PKT_INV_SPI", "invalid spi for destaddr="], #"%CRYPTO-4-RECVD_PKT_INV_SPI: decaps:? rec.d IPSEC packet has invalid spi for destaddr=(?<destaddr>\#(ip)), prot=(?<prot>\d+), spi=(?<spi>\w+)(?:\(\d+\))?, srcaddr=(?<peer>\#(ip))"#),
        ]),
        sig("invalid-proxy-ids", .phase2, .error, [p(["IPSEC(initialize_sas): invalid proxy IDs"], #"IPSEC\(initialize_sas\): invalid proxy IDs"#)]),
        sig("reserved-not-zero", .phase1, .error, [p(["reserved not zero on payload"], #"reserved not zero on payload (?<payload>\d+)"#)]),
        sig("policy-hash-mismatch", .phase1, .error, [
            p(["Hash algorithm offered does not match policy!"], #"Hash algorithm offered does not match policy!"#, .explanation),
        ]),
        sig("policy-encryption-mismatch", .phase1, .error, [
            p(["Encryption algorithm offered does not match policy!"], #"Encryption algorithm offered does not match policy!"#, .explanation),
        ]),
        sig("hmac-failed", .dataPlane, .warning, [
            p(["%MOTCR-1-ERROR:", "motcr return failure"], #"%MOTCR-1-ERROR: motcr_crypto_callback\(\) motcr return failure"#),
            p(["PKTENGRET_ERROR", "MACMiscompare"], #"%MOTCR-1-PKTENGRET_ERROR: MOTCR PktEng Return Value = (?<value>0x[0-9A-Fa-f]+), PktEngReturn_MACMiscompare"#),
        ]),
        sig("remote-not-responding", .phase2, .error, [p(["remote peer not responding"], #"remote peer not responding"#)]),
        sig("all-proposals-unacceptable", .phase2, .error, [p(["all IPSec SA proposals found unacceptable"], #"all IPSec SA proposals found unacceptable"#)]),
        sig("hw-encrypt-decrypt-error", .dataPlane, .warning, [
            p(["HW_VPN-1-HPRXERR", "Packet Encryption/Decryption error"], #"HW_VPN-1-HPRXERR: .*Packet Encryption/Decryption error, status=(?<status>\d+)"#),
        ]),
        sig("esp-sequence-fail", .dataPlane, .warning, [p(["packet-rx error: ESP sequence fail"], #"%C1700_EM-1-ERROR: packet-rx error: ESP sequence fail"#)]),
        sig("platform-no-sw-crypto", .platform, .error, [
            p(["crypto_engine_select_crypto_engine: can't handle any more"], #"crypto_engine_select_crypto_engine: can't handle any more"#),
        ]),
    ]

    /// One POSIX extended regex per signature (its patterns as alternatives), for grep -E
    /// and rg: named groups become plain groups, `\d` `\s` `\S` `\w` become classes.
    static func extendedRegex(_ s: Signature) -> String {
        s.patterns.map { ere($0.regex) }.joined(separator: "|")
    }

    static func ere(_ regex: String) -> String {
        var out = ""
        let chars = Array(regex)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                switch chars[i + 1] {
                case "d": out += "[0-9]"
                case "s": out += "[[:space:]]"
                case "S": out += "[^[:space:]]"
                case "w": out += "[[:alnum:]_]"
                default: out.append(c); out.append(chars[i + 1])
                }
                i += 2; continue
            }
            if c == "(", i + 1 < chars.count, chars[i + 1] == "?" {
                if i + 2 < chars.count, chars[i + 2] == ":" { out += "("; i += 3; continue }
                if i + 2 < chars.count, chars[i + 2] == "<", let close = chars[(i + 2)...].firstIndex(of: ">") {
                    out += "("; i = close + 1; continue
                }
            }
            out.append(c); i += 1
        }
        return out
    }
}
