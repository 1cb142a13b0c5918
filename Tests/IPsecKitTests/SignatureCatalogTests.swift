import Foundation
import Testing
@testable import IPsecKit

/// The ids the product promises (ipsec-knowledge.md sections 2 to 5).
private let requiredIDs = [
    "replay-check", "qm-fsm", "invalid-local-address", "ike-sanity-check", "main-mode-failed",
    "proxy-id-unsupported", "transform-unsupported", "no-cert-no-keys", "peer-not-found", "invalid-spi",
    "invalid-proxy-ids", "reserved-not-zero", "policy-hash-mismatch", "policy-encryption-mismatch",
    "hmac-failed", "remote-not-responding", "all-proposals-unacceptable", "hw-encrypt-decrypt-error",
    "esp-sequence-fail", "platform-no-sw-crypto",
    "split-tunnel-router", "ra-no-route", "split-tunnel-pix", "mtu", "sysopt-missing", "acl-check",
    "isakmp-mm-no-state", "isakmp-mm-key-exch", "phase2-missing", "one-way-traffic-outbound",
    "one-way-traffic-inbound", "ipsec-errors-growing", "replay-with-hmac", "path-mtu-below-media",
]

private func regex(_ pattern: SignaturePattern) throws -> NSRegularExpression {
    try NSRegularExpression(pattern: pattern.regex)
}

private func firstMatch(_ pattern: SignaturePattern, _ line: String) throws -> NSTextCheckingResult? {
    try regex(pattern).firstMatch(in: line, range: NSRange(line.startIndex..., in: line))
}

private func capture(_ match: NSTextCheckingResult, _ name: String, in line: String) -> String? {
    let range = match.range(withName: name)
    guard range.location != NSNotFound, let swiftRange = Range(range, in: line) else { return nil }
    return String(line[swiftRange])
}

/// Every (signature id, role, captures) a line produces, the way the diagnosis sees it:
/// literals first, then the regex.
private func matches(_ line: String, in catalog: SignatureCatalog) throws -> [(id: String, role: PatternRole, captures: [String: String])] {
    var found: [(String, PatternRole, [String: String])] = []
    for signature in catalog.signatures {
        for pattern in signature.patterns where pattern.literals.allSatisfy({ line.contains($0) }) {
            guard let match = try firstMatch(pattern, line) else { continue }
            var captures: [String: String] = [:]
            for name in pattern.captureNames { captures[name] = capture(match, name, in: line) }
            found.append((signature.id, pattern.effectiveRole, captures))
        }
    }
    return found
}

@Suite struct SignatureCatalogTests {
    let catalog: SignatureCatalog

    init() throws {
        catalog = try SignatureCatalog.builtIn()
    }

    @Test func builtInCatalogLoadsWithoutIssues() throws {
        let load = SignatureCatalog.assemble(base: try SignatureCatalog.builtInSources())
        #expect(load.issues.isEmpty, "\(load.issues.map(\.description).joined(separator: "\n"))")
        #expect(Set(try SignatureCatalog.builtInSources().map(\.name))
            == ["data-plane.yaml", "phase1.yaml", "phase2.yaml", "platform.yaml", "remote-access.yaml", "state.yaml"])
        #expect(load.catalog.signatures.count == requiredIDs.count)
    }

    @Test(arguments: requiredIDs)
    func requiredEntryIsComplete(id: String) throws {
        let signature = try #require(catalog[id], "missing signature \(id)")
        #expect(!signature.title.isEmpty && !signature.summary.isEmpty)
        #expect(!signature.causes.isEmpty && signature.causes.allSatisfy { $0.count > 20 })
        #expect(!signature.fixes.isEmpty && signature.fixes.allSatisfy { !$0.text.isEmpty })
        #expect(!signature.confirm.commands(for: .ios).isEmpty || !signature.confirm.commands(for: .asa).isEmpty)
        var commandCount = 0
        for step in signature.fixes {
            for block in [step.verify, step.fix].compactMap({ $0 }) {
                commandCount += block.commands(for: .ios).count + block.commands(for: .asa).count
            }
        }
        #expect(commandCount > 0, "\(id) gives no command to verify or fix")
        // Entries recognised without a device string must say what raises them.
        if signature.patterns.isEmpty { #expect(signature.condition?.isEmpty == false, "\(id) has neither patterns nor condition") }
        for related in signature.related ?? [] { #expect(catalog.contains(related)) }
    }

    @Test func stateFindingsPointAtTheEntriesTheyLeadTo() throws {
        let expected: [String: Set<String>] = [
            "isakmp-mm-no-state": ["main-mode-failed"],
            "isakmp-mm-key-exch": ["ike-sanity-check"],
            "phase2-missing": ["transform-unsupported", "proxy-id-unsupported", "invalid-local-address"],
            "one-way-traffic-outbound": ["acl-check", "ra-no-route"],
            "one-way-traffic-inbound": ["acl-check"],
            "ipsec-errors-growing": ["replay-check", "hmac-failed", "hw-encrypt-decrypt-error", "esp-sequence-fail"],
            "replay-with-hmac": ["replay-check"],
            "path-mtu-below-media": ["mtu"],
        ]
        for (id, leads) in expected {
            let related = Set(try #require(catalog[id]).related ?? [])
            #expect(leads.isSubset(of: related), "\(id) should lead to \(leads.subtracting(related))")
        }
    }

    @Test func everyExampleMatchesItsRegexAndEveryGroupCaptures() throws {
        var checked = 0
        for signature in catalog.signatures {
            for (index, pattern) in signature.patterns.enumerated() {
                let examples = try #require(pattern.examples, "\(signature.id) pattern \(index) has no examples")
                var captured = Set<String>()
                for example in examples {
                    for literal in pattern.literals { #expect(example.contains(literal), "\(signature.id): '\(literal)' not in '\(example)'") }
                    let match = try #require(try firstMatch(pattern, example), "\(signature.id): '\(example)' does not match")
                    for name in pattern.captureNames where capture(match, name, in: example) != nil { captured.insert(name) }
                    checked += 1
                }
                #expect(captured == Set(pattern.captureNames), "\(signature.id) pattern \(index): groups never captured: \(Set(pattern.captureNames).subtracting(captured))")
            }
        }
        #expect(checked > 50)
    }

    /// Device lines as the seed document and real devices print them, with the signature,
    /// role and captures each must produce.
    @Test(arguments: [
        ("1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its sanity check or is malformed", "ike-sanity-check", PatternRole.trigger, ["peer": "198.51.100.1"]),
        ("%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.77 failed its sanity check or is malformed", "ike-sanity-check", .trigger, ["peer": "192.0.2.77"]),
        ("1d00h: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 198.51.100.1", "main-mode-failed", .failure, ["peer": "198.51.100.1", "mode": "Main"]),
        ("1d00h: ISAKMP (0:1); no offers accepted!", "main-mode-failed", .failure, ["connId": "1"]),
        ("ISAKMP (0:1): phase 1 SA not acceptable!", "main-mode-failed", .failure, ["connId": "1"]),
        ("ISAKMP (0:1): Hash algorithm offered does not match policy!", "policy-hash-mismatch", .explanation, ["connId": "1"]),
        ("ISAKMP (0:1): Encryption algorithm offered does not match policy!", "policy-encryption-mismatch", .explanation, ["connId": "1"]),
        ("IPSEC(validate_proposal): invalid local address 10.2.0.2", "invalid-local-address", .trigger, ["address": "10.2.0.2"]),
        ("1d00h: IPsec(validate_transform_proposal): proxy identities not supported", "proxy-id-unsupported", .symptom, [:]),
        ("1d00h: IPsec (validate_proposal): transform proposal (port 3, trans 2, hmac_alg 2) not supported", "transform-unsupported", .symptom, ["prot": "3", "transform": "2", "hmacAlg": "2"]),
        ("IPSEC(validate_proposal): transform proposal (prot 3, trans 2, hmac_alg 1) not supported", "transform-unsupported", .symptom, ["prot": "3", "hmacAlg": "1"]),
        ("1d00h: ISAKMP: No cert, and no keys (public or pre-shared) with remote peer 198.51.100.2", "no-cert-no-keys", .trigger, ["peer": "198.51.100.2"]),
        ("20:44:44: IPSEC(validate_transform_proposal): peer address 198.51.100.6 not found", "peer-not-found", .trigger, ["peer": "198.51.100.6"]),
        ("%PIX-4-402101: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.0.0.1, prot=esp, spi=0x1234abcd", "invalid-spi", .trigger, ["address": "10.0.0.1", "prot": "esp", "spi": "0x1234abcd"]),
        ("21:57:57: IPSEC(initialize_sas): invalid proxy IDs", "invalid-proxy-ids", .trigger, [:]),
        ("ISAKMP (0:3): reserved not zero on payload 5!", "reserved-not-zero", .trigger, ["payload": "5"]),
        ("%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=52, sequence number=9", "replay-check", .trigger, ["connId": "52", "sequence": "9"]),
        ("Sep 22 11:02:39: %MOTCR-1-PKTENGRET_ERROR: MOTCR PktEng Return Value = 0x20000, PktEngReturn_MACMiscompare", "hmac-failed", .trigger, ["status": "0x20000", "reason": "PktEngReturn_MACMiscompare"]),
        ("HW_VPN-1-HPRXERR: Virtual Private Network (VPN) Module0/2: Packet Encryption/Decryption error, status=4615", "hw-encrypt-decrypt-error", .trigger, ["status": "4615"]),
        ("%C1700_EM-1-ERROR: packet-rx error: ESP sequence fail", "esp-sequence-fail", .trigger, ["prot": "ESP"]),
        ("crypto_engine_select_crypto_engine: can't handle any more", "platform-no-sw-crypto", .trigger, [:]),
        ("all IPSec SA proposals found unacceptable", "all-proposals-unacceptable", .trigger, [:]),
        ("remote peer not responding", "remote-not-responding", .trigger, [:]),
        ("Group = 10.9.9.9, IP = 10.9.9.9, QM FSM error (P2 struct &0xabc, mess id 0x1)!", "qm-fsm", .trigger, ["peer": "10.9.9.9"]),
        ("2w5d: ICMP: dst (172.16.1.56): frag. needed and DF set.", "mtu", .trigger, ["destination": "172.16.1.56"]),
    ] as [(String, String, PatternRole, [String: String])])
    func deviceLineMatchesItsSignature(line: String, id: String, role: PatternRole, captures: [String: String]) throws {
        let found = try matches(line, in: catalog)
        let hit = try #require(found.first { $0.id == id }, "'\(line)' matched \(found.map(\.id)) instead of \(id)")
        #expect(hit.role == role)
        for (name, value) in captures { #expect(hit.captures[name] == value, "\(name) in '\(line)'") }
        #expect(Set(found.map(\.id)) == [id], "'\(line)' also matched \(found.map(\.id))")
    }

    /// Lines of a healthy negotiation and near misses of error strings: none may raise a
    /// finding on its own (no trigger or failure), and the acceptance lines match nothing.
    @Test(arguments: [
        "atts are acceptable. Next payload is 0",
        "ISAKMP (0): atts are acceptable. Next payload is 3",
        "ISAKMP (0): atts are acceptable.",
        "SKEYID state generated",
        "SA has been authenticated",
        "ISAKMP (0:1): Checking ISAKMP transform 1 against priority 1 policy",
        "IPSEC(validate_proposal_request): proposal part #2,",
        "IPSEC(create_sa): sa created,",
        "IPSEC(spi_response): getting spi 194838793 for SA",
        "ISAKMP (0:0): peer accepted the address!",
        "return status is IKMP_NO_ERROR",
        "ISAKMP: Config payload CFG_ACK",
        "10.1.1.2  10.1.1.1  QM_IDLE  1  0",
        "%CRYPTO-4-IKMP_BAD_MESSAGES_SUMMARY",
        "remote peer responding",
        "IPSEC(validate_proposal): local address 10.2.0.2",
        "ICMP: echo reply rcvd, src 172.16.1.56, dst 10.1.1.2",
        "Processing of Main Mode succeeded with peer at 198.51.100.1",
        "IPSEC(initialize_sas): ,",
    ])
    func healthyLineRaisesNothing(line: String) throws {
        let found = try matches(line, in: catalog)
        #expect(found.isEmpty, "'\(line)' matched \(found.map { "\($0.id)/\($0.role)" })")
    }

    @Test func rejectedProposalLinesAreOnlySymptoms() throws {
        // The PIX debug rejects a first proposal and accepts a later one: normal negotiation.
        let lines = [
            "ISAKMP (0): atts are not acceptable. Next payload is 3",
            "IPSEC(validate_proposal): transform proposal",
            "  (prot 3, trans 2, hmac_alg 1) not supported",
            "ISAKMP (0): atts not acceptable. Next payload is 0",
        ]
        for line in lines {
            let found = try matches(line, in: catalog)
            #expect(!found.isEmpty, "'\(line)' should be a symptom")
            #expect(found.allSatisfy { $0.role == .symptom }, "'\(line)': \(found.map { "\($0.id)/\($0.role)" })")
        }
    }

    @Test func lookupsByIDAndPhase() throws {
        #expect(catalog["mtu"]?.phase == .dataPlane)
        #expect(catalog["no-such-id"] == nil)
        #expect(catalog.origin(of: "main-mode-failed") == "phase1.yaml")
        #expect(catalog.signatures(in: .remoteAccess).map(\.id).sorted() == ["ra-no-route", "split-tunnel-pix", "split-tunnel-router"])
        #expect(catalog.ids.count == Set(catalog.ids).count)
    }
}

@Suite struct SignatureCatalogValidationTests {
    /// A valid one-entry file; `replacing` swaps lines to break it in one place.
    func file(_ name: String = "user.yaml", replacing: [String: String] = [:], id: String = "custom-check") -> SignatureSource {
        var text = """
        signatures:
          - id: \(id)
            title: A custom check
            phase: phase2
            severity: warning
            summary: Something the site wants flagged.
            patterns:
              - role: trigger
                literals: ["custom marker"]
                regex: 'custom marker from (?<peer>\\d+\\.\\d+\\.\\d+\\.\\d+)'
                examples: ["custom marker from 10.0.0.1"]
            causes: ["The site's own reason."]
            fixes:
              - text: Do the site's fix.
                fix:
                  ios: ["show clock"]
            confirm:
              ios: ["show crypto ipsec sa"]
            related: [mtu]

        """
        for (old, new) in replacing {
            precondition(text.contains(old), "fixture has no '\(old)'")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return SignatureSource(name: name, text: text)
    }

    func issues(_ sources: SignatureSource...) throws -> [SignatureIssue] {
        try SignatureCatalog.builtIn(overriddenBy: sources).issues
    }

    func expectOne(_ issues: [SignatureIssue], file: String = "user.yaml", entry: String? = "custom-check", field: String?, containing text: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(issues.count == 1, "\(issues)", sourceLocation: sourceLocation)
        guard let issue = issues.first else { return }
        #expect(issue.file == file, sourceLocation: sourceLocation)
        #expect(issue.entry == entry, sourceLocation: sourceLocation)
        #expect(issue.field == field, sourceLocation: sourceLocation)
        #expect(issue.message.contains(text), "\(issue.message)", sourceLocation: sourceLocation)
    }

    @Test func validFileHasNoIssues() throws {
        let load = try SignatureCatalog.builtIn(overriddenBy: [file()])
        #expect(load.issues.isEmpty, "\(load.issues)")
        #expect(load.catalog["custom-check"]?.patterns.first?.captureNames == ["peer"])
    }

    @Test func missingAndEmptyText() throws {
        expectOne(try issues(file(replacing: ["    title: A custom check\n": ""])), field: "title", containing: "missing")
        expectOne(try issues(file(replacing: ["summary: Something the site wants flagged.": "summary: \"  \""])), field: "summary", containing: "empty")
        expectOne(try issues(file(replacing: ["causes: [\"The site's own reason.\"]": "causes: []"])), field: "causes", containing: "no cause")
        expectOne(try issues(file(replacing: ["      ios: [\"show crypto ipsec sa\"]": "      ios: []"])), field: "confirm", containing: "no IOS or ASA command")
        expectOne(try issues(file(replacing: ["- text: Do the site's fix.": "- text: \"\""])), field: "fixes[0].text", containing: "empty")
    }

    @Test func unknownEnumValuesNameTheFieldAndTheChoices() throws {
        expectOne(try issues(file(replacing: ["phase: phase2": "phase: phase3"])), field: "phase", containing: "unknown phase 'phase3' (expected one of: phase1, phase2, data-plane")
        expectOne(try issues(file(replacing: ["severity: warning": "severity: fatal"])), field: "severity", containing: "unknown severity 'fatal'")
        expectOne(try issues(file(replacing: ["role: trigger": "role: trig"])), field: "patterns[0].role", containing: "unknown role 'trig'")
    }

    @Test func misspeltFieldIsReported() throws {
        expectOne(try issues(file(replacing: ["related: [mtu]": "relatd: [mtu]"])), field: "relatd", containing: "unknown field")
    }

    @Test func patternProblemsNameThePatternField() throws {
        expectOne(try issues(file(replacing: ["regex: 'custom marker from": "regex: '(custom marker from"])), field: "patterns[0].regex", containing: "does not compile")
        expectOne(try issues(file(replacing: ["literals: [\"custom marker\"]": "literals: [\"custom marker\", \"absent\"]"])),
                  field: "patterns[0].examples[0]", containing: "does not contain the literal 'absent'")
        expectOne(try issues(file(replacing: ["examples: [\"custom marker from 10.0.0.1\"]": "examples: [\"custom marker from nowhere\"]"])),
                  field: "patterns[0].examples[0]", containing: "does not match the regex")
        expectOne(try issues(file(replacing: ["(?<peer>\\d+\\.\\d+\\.\\d+\\.\\d+)": "(?:from (?<peer>x))?"])),
                  field: "patterns[0].regex", containing: "named group 'peer' captures nothing")
        expectOne(try issues(file(replacing: ["regex: 'custom marker from (?<peer>\\d+\\.\\d+\\.\\d+\\.\\d+)'": "regex: '(?:custom)?'"])),
                  field: "patterns[0].regex", containing: "matches an empty line")
        expectOne(try issues(file(replacing: ["literals: [\"custom marker\"]": "literals: []"])), field: "patterns[0].literals", containing: "no literal")
    }

    @Test func underscoreGroupNameIsExplained() throws {
        let broken = file(replacing: ["(?<peer>": "(?<peer_ip>"])
        let found = try issues(broken)
        #expect(found.contains { $0.field == "patterns[0].regex" && $0.message.contains("write 'peerIp'") }, "\(found)")
    }

    @Test func unknownRelatedIDIsReportedAndDropped() throws {
        let load = try SignatureCatalog.builtIn(overriddenBy: [file(replacing: ["related: [mtu]": "related: [mtu, no-such-entry]"])])
        expectOne(load.issues, field: "related[1]", containing: "unknown signature 'no-such-entry'")
        #expect(load.catalog["custom-check"]?.related == ["mtu"])
    }

    @Test func duplicateIDAcrossUserFiles() throws {
        expectOne(try issues(file("a.yaml"), file("b.yaml")), file: "b.yaml", field: "id", containing: "duplicate id, already defined at a.yaml:2")
    }

    @Test func badIDAndSyntaxErrors() throws {
        expectOne(try issues(file(id: "Custom_Check")), entry: "Custom_Check", field: "id", containing: "lowercase words")
        let broken = SignatureSource(name: "broken.yaml", text: "signatures:\n  - id: x\n    title: [unclosed\n")
        let issue = try #require(try issues(broken).first)
        #expect(issue.file == "broken.yaml" && issue.line != nil && issue.message.contains("YAML syntax error"))
        expectOne(try issues(SignatureSource(name: "empty.yaml", text: "")), file: "empty.yaml", entry: nil, field: nil, containing: "file is empty")
        expectOne(try issues(SignatureSource(name: "list.yaml", text: "signatures: 3\n")), file: "list.yaml", entry: nil, field: nil, containing: "must be a list")
    }

    @Test func issueDescriptionNamesFileLineEntryAndField() {
        let issue = SignatureIssue(file: "user.yaml", line: 4, entry: "mtu", field: "patterns[0].regex", message: "does not compile")
        #expect(issue.description == "user.yaml:4: entry 'mtu': patterns[0].regex: does not compile")
    }

    @Test func overrideReplacesBuiltInEntryInPlace() throws {
        let builtIn = try SignatureCatalog.builtIn()
        let override = file(replacing: ["title: A custom check": "title: Site MTU policy", "related: [mtu]": "related: [acl-check]"], id: "mtu")
        let load = try SignatureCatalog.builtIn(overriddenBy: [override, file("extra.yaml", id: "site-extra")])
        #expect(load.issues.isEmpty, "\(load.issues)")
        #expect(load.catalog["mtu"]?.title == "Site MTU policy")
        #expect(load.catalog.origin(of: "mtu") == "user.yaml")
        #expect(load.catalog.ids.firstIndex(of: "mtu") == builtIn.ids.firstIndex(of: "mtu"))
        #expect(load.catalog.ids.last == "site-extra")
        #expect(load.catalog.signatures.count == builtIn.signatures.count + 1)
    }

    @Test func brokenOverrideLeavesTheBuiltInEntry() throws {
        let override = file(replacing: ["phase: phase2": "phase: nowhere"], id: "mtu")
        let load = try SignatureCatalog.builtIn(overriddenBy: [override])
        #expect(load.issues.count == 1)
        #expect(load.catalog["mtu"] == (try SignatureCatalog.builtIn())["mtu"])
    }

    @Test func overrideDirectoryFollowsXDG() {
        #expect(SignatureOverrideDirectory.path(environment: ["XDG_CONFIG_HOME": "/cfg"], homeDirectory: "/home/a") == "/cfg/ipsec-console/signatures")
        #expect(SignatureOverrideDirectory.path(environment: [:], homeDirectory: "/home/a/") == "/home/a/.config/ipsec-console/signatures")
        #expect(SignatureOverrideDirectory.path(environment: ["XDG_CONFIG_HOME": "relative"], homeDirectory: "/root") == "/root/.config/ipsec-console/signatures")
    }

    @Test func captureNamesSkipLookbehindsClassesAndEscapes() {
        let pattern = SignaturePattern(literals: ["x"], regex: #"(?<=a)(?<!b)(?<first>x)[(?<no>]\(?<neither>(?<second_2>y)"#)
        #expect(pattern.captureNames == ["first", "second_2"])
    }
}

@Suite struct SignatureTextTests {
    @Test func tableAlignsColumns() throws {
        let catalog = try SignatureCatalog.builtIn()
        let lines = SignatureText.table(catalog.signatures).split(separator: "\n").map(String.init)
        #expect(lines.count == catalog.signatures.count + 1)
        let phaseColumn = try #require(lines[0].range(of: "PHASE")).lowerBound.utf16Offset(in: lines[0])
        for (line, signature) in zip(lines.dropFirst(), catalog.signatures) {
            #expect(line.hasPrefix(signature.id + " "))
            let phase = try #require(line.range(of: " " + signature.phase.rawValue + " "))
            #expect(phase.lowerBound.utf16Offset(in: line) + 1 == phaseColumn, "\(line)")
            #expect(line.hasSuffix(signature.title))
        }
    }

    @Test func detailCarriesEverythingIncludingBothPlatformsCommands() throws {
        let signature = try #require(try SignatureCatalog.builtIn()["ike-sanity-check"])
        let text = SignatureText.detail(signature, origin: "phase1.yaml")
        for needle in ["ike-sanity-check: ", "severity critical", "from phase1.yaml", "Device strings", "[trigger]", "contains: \"-4-IKMP_BAD_MESSAGE\", \"IKE message from\"",
                       "e.g. 1d00H:%CRPTO-4-IKMP_BAD_MESSAGE", "Likely causes", "Fixes", "  1. ", "change IOS:",
                       "crypto isakmp key KEY address PEER", "change ASA/PIX:", " ikev1 pre-shared-key KEY",
                       "Confirm with", "See also: reserved-not-zero"] {
            #expect(text.contains(needle), "missing '\(needle)'")
        }
        for line in text.split(separator: "\n") where !line.contains("e.g.") && !line.contains("[trigger]") && !line.contains("contains:") && !line.hasPrefix("    ") {
            #expect(line.count <= 80, "too long: \(line)")
        }
    }

    @Test func wrapKeepsIndentsAndLongWords() {
        let lines = SignatureText.wrap("alpha beta gamma delta", width: 12, indent: "- ", continuation: "  ")
        #expect(lines == ["- alpha beta", "  gamma", "  delta"])
        #expect(SignatureText.wrap("unbreakableword", width: 5, indent: "") == ["unbreakableword"])
    }
}
