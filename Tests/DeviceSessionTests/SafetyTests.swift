import Testing
@testable import DeviceSession

@Suite("Allowlist and redaction")
struct SafetyTests {
    @Test(arguments: ["show crypto isakmp sa", "sh cry ipsec sa detail | i spi", "debug crypto isakmp", "deb cry ipsec",
                      "undebug all", "u all", "no debug all", "no debug crypto condition peer ipv4 10.1.1.2",
                      "terminal length 0", "term mon", "terminal no monitor", "ping 10.1.1.2 source Gi0/1"])
    func allowsReadOnlyCommands(_ command: String) {
        #expect(CommandPolicy.evaluate(command) == .allowed)
    }

    @Test(arguments: ["clear crypto sa", "clear crypto sa peer 10.1.1.2", "clear crypto isakmp 1001", "clear crypto session remote 10.1.1.2",
                      "cle cry sa"])
    func disruptiveCommandsNeedConfirmation(_ command: String) {
        guard case .needsConfirmation = CommandPolicy.evaluate(command) else {
            Issue.record("\(command) should need confirmation")
            return
        }
    }

    @Test(arguments: ["configure terminal", "conf t", "config", "reload", "write memory", "copy run start", "clear counters",
                      "show run | redirect flash:x", "show tech | tee flash:y", "ping", "no ip route 0.0.0.0 0.0.0.0 1.1.1.1",
                      "show ver\nreload", "", "crypto isakmp key x address 1.1.1.1", "debug all", "deb al"])
    func refusesEverythingElseNamingTheAllowlist(_ command: String) {
        guard case let .refused(reason) = CommandPolicy.evaluate(command) else {
            Issue.record("\(command) should be refused")
            return
        }
        #expect(!reason.isEmpty)
        if command.hasPrefix("conf") || command == "reload" || command == "write memory" {
            #expect(reason.contains(CommandPolicy.allowlistDescription))
        }
    }

    @Test(arguments: [
        ("crypto isakmp key Sup3r address 10.1.1.2", "crypto isakmp key ***** address 10.1.1.2"),
        ("crypto isakmp key 6 Sup3r address 10.1.1.2 no-xauth", "crypto isakmp key 6 ***** address 10.1.1.2 no-xauth"),
        (" pre-shared-key address 10.1.1.2 key Sup3r", " pre-shared-key address 10.1.1.2 key *****"),
        (" ikev1 pre-shared-key Sup3r", " ikev1 pre-shared-key *****"),
        (" ikev1 pre-shared-key *****", " ikev1 pre-shared-key *****"),
        (" ikev2 remote-authentication pre-shared-key Sup3r", " ikev2 remote-authentication pre-shared-key *****"),
        (" pre-shared-key local Sup3r", " pre-shared-key local *****"),
        ("username admin privilege 15 password 0 Adm1n", "username admin privilege 15 password 0 *****"),
        ("enable secret 5 $1$abcd$efgh", "enable secret 5 *****"),
        ("tacacs-server key 7 0822455D0A16", "tacacs-server key 7 *****"),
        ("interface: GigabitEthernet0/1", "interface: GigabitEthernet0/1"),
        ("dst             src             state          conn-id status", "dst             src             state          conn-id status"),
    ])
    func redactsSecretsInShownConfigurations(_ line: String, _ expected: String) {
        #expect(SecretRedactor().redact(line) == expected)
    }

    @Test func redactsSecretsTypedInThisSession() {
        var redactor = SecretRedactor()
        redactor.addSecret(Secret("Tunnel-Passw0rd!x7"))
        #expect(redactor.redact("Password: Tunnel-Passw0rd!x7 oops") == "Password: ***** oops")
    }
}
