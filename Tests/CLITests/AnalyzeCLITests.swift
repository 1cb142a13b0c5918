import Foundation
import Testing
import TestSupport

/// The `analyze` and `compare` commands as a user runs them: the built binary, real files.
@Suite struct AnalyzeCLITests {
    let binary = BuiltProducts.executable()

    func json(_ run: ProgramRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func bundledSamplesAreListedAndAnalysed() throws {
        let list = try ProgramRun.run(binary, ["analyze", "--list-samples"])
        #expect(list.status == 0)
        let names = list.stdout.split(separator: "\n").map(String.init)
        #expect(names.contains("ios-healthy") && names.contains("asa-healthy"))
        for name in names {
            let run = try ProgramRun.run(binary, ["analyze", "--sample", name, "--json"])
            let doc = try json(run)
            #expect((doc["sections"] as? [Any])?.isEmpty == false, "\(name)")
            let findings = try #require(doc["findings"] as? [[String: Any]])
            if name.contains("healthy") {
                #expect(run.status == 0 && findings.isEmpty, "\(name): \(findings.map { $0["id"] ?? "" })")
            } else {
                #expect(run.status == 1 && !findings.isEmpty, "\(name)")
                #expect(findings.allSatisfy { ($0["fixes"] as? [Any])?.isEmpty == false && $0["evidence"] != nil })
            }
        }
    }

    /// Every file of the shared corpus, as bare output with its command and platform given,
    /// comes out as JSON with rows in the table its command fills.
    @Test func analysesEveryCorpusFile() throws {
        let root = BuiltProducts.checkout.deletingLastPathComponent().appendingPathComponent("shared/corpus/ntc-templates")
        guard FileManager.default.fileExists(atPath: root.path) else { return }
        let tableFor = ["show_crypto_ipsec_sa": "ipsec_sas", "show_crypto_ipsec_sa_detail": "ipsec_sas",
                        "show_crypto_ikev1_sa_detail": "isakmp_sas", "show_crypto_session_detail": "crypto_sessions"]
        var checked = 0
        for platform in try FileManager.default.contentsOfDirectory(atPath: root.path) where platform.hasPrefix("cisco_") {
            let pdir = root.appendingPathComponent(platform)
            for command in try FileManager.default.contentsOfDirectory(atPath: pdir.path) {
                let table = try #require(tableFor[command], "no expectation for corpus command \(command)")
                for file in try FileManager.default.contentsOfDirectory(atPath: pdir.appendingPathComponent(command).path) where file.hasSuffix(".raw") {
                    let path = pdir.appendingPathComponent(command).appendingPathComponent(file).path
                    let run = try ProgramRun.run(binary, ["analyze", "--json", "--command", command,
                                                          "--platform", platform == "cisco_asa" ? "asa" : "ios", path])
                    #expect(run.status == 0 || run.status == 1, "\(file): \(run.stderr)")
                    let doc = try json(run)
                    #expect((doc[table] as? [Any])?.isEmpty == false, "\(file): no \(table)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 7) // the seven files the corpus holds
    }

    @Test func readsStandardInput() throws {
        let run = try ProgramRun.run(binary, ["analyze", "--json", "-"], input: "R1#show crypto isakmp sa\ndst src state conn-id slot\n")
        #expect(run.status == 0)
        let sections = try #require(try json(run)["sections"] as? [[String: Any]])
        #expect(sections.first?["command"] as? String == "show crypto isakmp sa")
        #expect(sections.first?["first_line"] as? Int == 1)
    }

    @Test func badInputIsAClearErrorWithStatusTwo() throws {
        let missing = try ProgramRun.run(binary, ["analyze", "/nonexistent/capture.log"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/capture.log"))
        let badCommand = try ProgramRun.run(binary, ["analyze", "--command", "show nothing", "x"])
        #expect(badCommand.status == 2)
        #expect(badCommand.stderr.contains("show nothing"))
        let noInput = try ProgramRun.run(binary, ["analyze"])
        #expect(noInput.status == 2)
        let badPlatform = try ProgramRun.run(binary, ["analyze", "--platform", "junos", "x"])
        #expect(badPlatform.status == 2)
    }

    @Test func plainOutputHasNoColourWhenPiped() throws {
        let run = try ProgramRun.run(binary, ["analyze", "--sample", "ios-healthy"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("\u{1B}["))
        #expect(run.stdout.contains("Sections read"))
    }

    @Test func compareReportsMismatchesWithoutKeys() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = """
        hostname R1
        crypto isakmp policy 10
         encr aes
         authentication pre-share
        crypto isakmp key SecretOne address 10.0.0.2
        crypto ipsec transform-set TS esp-aes esp-sha-hmac
        crypto map vpn 10 ipsec-isakmp
         set peer 10.0.0.2
         set transform-set TS
         match address 101
        interface Gi0/0
         ip address 10.0.0.1 255.255.255.0
         crypto map vpn
        access-list 101 permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255
        """
        let b = a.replacingOccurrences(of: "R1", with: "R2").replacingOccurrences(of: "10.0.0.2", with: "10.0.0.X")
            .replacingOccurrences(of: "ip address 10.0.0.1", with: "ip address 10.0.0.2").replacingOccurrences(of: "10.0.0.X", with: "10.0.0.1")
            .replacingOccurrences(of: "10.1.1.0 0.0.0.255 10.2.2.0", with: "10.2.2.0 0.0.0.255 10.1.1.0")
            .replacingOccurrences(of: "SecretOne", with: "SecretTwo")
        try a.write(to: dir.appendingPathComponent("a.cfg"), atomically: true, encoding: .utf8)
        try b.write(to: dir.appendingPathComponent("b.cfg"), atomically: true, encoding: .utf8)
        let run = try ProgramRun.run(binary, ["compare", dir.appendingPathComponent("a.cfg").path, dir.appendingPathComponent("b.cfg").path, "--json"])
        #expect(run.status == 1)
        let doc = try json(run)
        let mismatches = try #require(doc["mismatches"] as? [[String: Any]])
        #expect(mismatches.map { $0["signature"] as? String } == ["ike-sanity-check"])
        #expect(!run.stdout.contains("SecretOne") && !run.stdout.contains("SecretTwo"))
    }
}
