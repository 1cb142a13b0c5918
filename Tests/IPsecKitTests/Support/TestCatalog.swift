@testable import IPsecKit

/// A catalog for the diagnosis tests, built in Swift so the engine's tests do not depend
/// on the YAML catalog's wording. Device strings mirror the knowledge document and the
/// seed (IOS and ASA/PIX forms); roles follow `PatternRole`'s doc comments.
enum TestCatalog {
    static let ip = #"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"#

    static func signature(_ id: String, _ phase: SignaturePhase, _ severity: Severity, related: [String]? = nil,
                          _ patterns: [SignaturePattern]) -> Signature {
        Signature(id: id, title: "Test: \(id)", phase: phase, severity: severity, summary: "Test signature \(id).",
                  patterns: patterns, causes: ["test cause"], fixes: [FixStep(text: "test fix")],
                  confirm: PlatformCommands(ios: ["show crypto isakmp sa"], asa: ["show crypto isakmp sa"]),
                  related: related)
    }

    static func p(_ literals: [String], _ regex: String, _ role: PatternRole, _ platform: Platform? = nil,
                  examples: [String]? = nil) -> SignaturePattern {
        SignaturePattern(literals: literals, regex: regex, platform: platform, role: role, examples: examples)
    }

    /// `SA not acceptable` ends an exchange as failed, in phase 1 and phase 2 alike.
    static let saNotAcceptable = p(["SA not acceptable"], #"SA not acceptable!?"#, .failure)

    static let signatures: [Signature] = [
        signature("main-mode-failed", .phase1, .error, related: ["policy-hash-mismatch", "policy-encryption-mismatch"], [
            p(["atts are not acceptable"], #"atts are not acceptable\. Next payload is (?<next_payload>\d+)"#, .symptom),
            p(["no offers accepted!"], #"no offers accepted!"#, .failure),
            p(["phase 1 SA not acceptable!"], #"phase 1 SA not acceptable!"#, .failure),
            saNotAcceptable,
            p(["IKMP_MODE_FAILURE", "Main Mode failed"],
              #"%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at (?<peer>\#(ip))"#, .failure, .ios),
            p(["SA proposals found unacceptable"], #"IP = (?<peer>\#(ip)), All (?:IKE )?SA proposals found unacceptable"#,
              .failure, .asa),
        ]),
        signature("policy-hash-mismatch", .phase1, .error, related: ["main-mode-failed"], [
            p(["Hash algorithm offered does not match policy!"], #"Hash algorithm offered does not match policy!"#, .explanation),
        ]),
        signature("policy-encryption-mismatch", .phase1, .error, related: ["main-mode-failed"], [
            p(["Encryption algorithm offered does not match policy!"], #"Encryption algorithm offered does not match policy!"#, .explanation),
        ]),
        signature("invalid-local-address", .phase2, .error, [
            p(["invalid local address"], #"IPSEC\(validate_proposal\): invalid local address (?<local_address>\#(ip))"#, .trigger, .ios),
            p(["atts not acceptable"], #"atts not acceptable"#, .symptom),
            saNotAcceptable,
        ]),
        signature("proxy-id-unsupported", .phase2, .error, related: ["invalid-proxy-ids"], [
            p(["proxy identities not supported"], #"IPsec\(validate_transform_proposal\): proxy identities not supported"#, .trigger, .ios),
            p(["IPsec policy invalidated proposal"], #"IPsec policy invalidated proposal"#, .symptom, .ios),
            p(["Rejecting IPSec tunnel: no matching crypto map entry"],
              #"IP = (?<peer>\#(ip)), Rejecting IPSec tunnel: no matching crypto map entry for remote proxy (?<remote_proxy>\S+) local proxy (?<local_proxy>\S+)"#,
              .trigger, .asa),
            saNotAcceptable,
        ]),
        signature("transform-unsupported", .phase2, .error, [
            p(["transform proposal", "not supported"],
              #"IPsec ?\(validate_proposal\): transform proposal \((?:port|prot) (?<prot>\d+), trans (?<trans>\d+), hmac_alg (?<hmac_alg>\d+)\) not supported"#,
              .symptom),
            p(["atts not acceptable"], #"atts not acceptable"#, .symptom),
            saNotAcceptable,
        ]),
        signature("ike-sanity-check", .phase1, .error, [
            // The seed prints the facility as `%CRPTO`: match both spellings.
            p(["-4-IKMP_BAD_MESSAGE", "failed its sanity check"],
              #"%CRY?PTO-4-IKMP_BAD_MESSAGE: IKE message from (?<peer>\#(ip)) failed its sanity check or is malformed"#, .trigger, .ios),
        ]),
        signature("replay-check", .dataPlane, .warning, [
            p(["PKT_REPLAY_ERR", "replay check failed"],
              #"%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=(?<conn_id>\d+)"#, .trigger, .ios),
            p(["-402119:", "failed anti-replay checking"],
              #"%ASA-4-402119: IPSEC: Received an (?<protocol>\w+) packet \(SPI= (?<spi>\w+), sequence number= (?<seq>\w+)\) from (?<peer>\#(ip)) \(user= [^)]*\) to (?<local>\#(ip)) that failed anti-replay checking"#,
              .trigger, .asa),
        ]),
        signature("invalid-spi", .dataPlane, .warning, [
            p(["-4-402101:", "invalid spi for destaddr="],
              #"%(?:PIX|ASA|PIX\|ASA)-4-402101: decaps: ?rec'?d IPSEC packet has invalid spi for destaddr=(?<destaddr>[^,]+), prot=(?<prot>\w+), spi=(?<spi>\w+)"#,
              .trigger, .asa),
            p(["RECVD_PKT_INV_SPI", "invalid spi for destaddr="],
              #"%CRYPTO-4-RECVD_PKT_INV_SPI: decaps:? rec.d IPSEC packet has invalid spi for destaddr=(?<destaddr>\#(ip)), prot=(?<prot>\d+), spi=(?<spi>\w+)(?:\(\d+\))?, srcaddr=(?<peer>\#(ip))"#,
              .trigger, .ios),
        ]),
        signature("no-cert-no-keys", .phase1, .error, [
            p(["No cert, and no keys"], #"No cert, and no keys \(public or pre-shared\) with remote peer (?<peer>\#(ip))"#, .trigger, .ios),
        ]),
    ]
}
