import Testing
@testable import IPsecKit

@Suite struct IKEv2SAParserTests {
    func parse(_ name: String, platform: Platform? = nil) throws -> AnalysisReport {
        IKEv2SAParser.parse(try TableFixtures.text("ikev2-sa", name), platform: platform)
    }

    @Test func iosXETableWithAlgorithmsAndLifetimes() throws {
        let r = try parse("iosxe", platform: .ios)
        #expect(r.warnings.isEmpty)
        #expect(r.ikev2Sas.count == 2)
        let a = r.ikev2Sas[0]
        #expect(a.tunnelId == 1 && a.local == "10.0.0.1" && a.localPort == 500 && a.remote == "10.0.0.2" && a.remotePort == 500)
        #expect(a.fvrf == "(none)" && a.ivrf == "(none)" && a.status == "READY" && a.role == nil)
        #expect(a.encryption == "AES-CBC" && a.keysize == 256 && a.prf == "SHA512" && a.hash == "SHA512")
        #expect(a.dhGroup == 19 && a.authSign == "PSK" && a.authVerify == "PSK")
        #expect(a.lifetime == 86400 && a.activeTime == 1234 && a.line == 4)
        let b = r.ikev2Sas[1]
        #expect(b.localPort == 4500 && b.fvrf == "INET" && b.ivrf == "none" && b.status == "IN-NEG")
        #expect(b.encryption == "AES-GCM" && b.keysize == 128 && b.hash == "None" && b.dhGroup == 20 && b.authSign == "RSA")
        #expect(b.lifetime == 43200 && b.activeTime == 0 && b.line == 9)
    }

    @Test func iosXEDetailLines() throws {
        let r = try parse("iosxe-detail")
        #expect(r.warnings.isEmpty)
        let sa = try #require(r.ikev2Sas.first)
        #expect(r.ikev2Sas.count == 1)
        #expect(sa.tunnelId == 7 && sa.ceId == 1012 && sa.sessionId == 33)
        #expect(sa.statusDescription == "Negotiation done")
        #expect(sa.localSpi == "0A1B2C3D4E5F6071" && sa.remoteSpi == "8899AABBCCDDEEFF")
        #expect(sa.localId == "192.0.2.5" && sa.remoteId == "spoke7.example.net")
        #expect(sa.local == "192.0.2.5" && sa.remote == "198.51.100.5")
    }

    @Test func iosXEIPv6EndpointsOnTheirOwnLines() throws {
        let r = try parse("iosxe-ipv6")
        #expect(r.warnings.isEmpty)
        let sa = try #require(r.ikev2Sas.first)
        #expect(sa.tunnelId == 3 && sa.fvrf == "none" && sa.ivrf == "none" && sa.status == "READY")
        #expect(sa.local == "2001:db8:aa::1" && sa.localPort == 500 && sa.remote == "2001:db8:bb::2" && sa.remotePort == 500)
        #expect(sa.dhGroup == 14 && sa.activeTime == 77)
    }

    @Test func asaSessionsRolesAndChildSAs() throws {
        let r = try parse("asa", platform: .asa)
        #expect(r.warnings.isEmpty)
        #expect(r.ikev2Sas.count == 2)
        let a = r.ikev2Sas[0]
        #expect(a.tunnelId == 90123456 && a.local == "192.0.2.80" && a.remote == "198.51.100.90" && a.remotePort == 500)
        #expect(a.status == "READY" && a.role == "RESPONDER")
        #expect(a.sessionId == 12 && a.sessionStatus == "UP-ACTIVE" && a.ikeCount == 1 && a.childCount == 2)
        #expect(a.encryption == "AES-CBC" && a.keysize == 256 && a.prf == nil && a.hash == "SHA96" && a.dhGroup == 14)
        #expect(a.lifetime == 86400 && a.activeTime == 4402)
        #expect(a.childSas.count == 2)
        #expect(a.childSas[0].localSelector == "10.30.0.0/0 - 10.30.255.255/65535")
        #expect(a.childSas[0].remoteSelector == "10.40.0.0/0 - 10.40.255.255/65535")
        #expect(a.childSas[0].espSpiIn == 0xc0ffee01 && a.childSas[0].espSpiOut == 0x0badcafe)
        #expect(a.childSas[1].espSpiIn == 0x11112222 && a.childSas[1].line == 13)
        let b = r.ikev2Sas[1]
        #expect(b.local == "2001:db8:5:1::1" && b.remote == "2001:db8:5:1::2" && b.role == "INITIATOR")
        #expect(b.sessionId == 13 && b.encryption == "3DES" && b.keysize == nil && b.dhGroup == 2 && b.lifetime == 43200)
        #expect(b.childSas.count == 1 && b.childSas[0].espSpiOut == 0x10fedcba)
    }

    @Test func asaDetailChildEncrDoesNotOverwriteTheIKESA() throws {
        let r = try parse("asa-detail", platform: .asa)
        #expect(r.warnings.isEmpty)
        let sa = try #require(r.ikev2Sas.first)
        #expect(sa.encryption == "AES-GCM" && sa.keysize == 256 && sa.hash == "N/A" && sa.dhGroup == 21)
        #expect(sa.sessionId == 21 && sa.statusDescription == "Negotiation done" && sa.localSpi == "1122334455667788")
        #expect(sa.localPort == 4500 && sa.childSas.count == 1 && sa.childSas[0].espSpiIn == 0x01020304)
    }

    @Test func noSAs() throws {
        let r = try parse("empty", platform: .asa)
        #expect(r.ikev2Sas.isEmpty && r.warnings.isEmpty)
    }

    @Test func truncatedRowKeepsWhatParsedAndWarns() throws {
        let r = try parse("truncated")
        #expect(r.ikev2Sas.count == 2)
        #expect(r.ikev2Sas[0].lifetime == 86400)
        #expect(r.ikev2Sas[1].tunnelId == 2 && r.ikev2Sas[1].local == "10.0.0.1")
        #expect(r.warnings.map(\.line).contains(9))
    }

    @Test func attributeLinesWithoutARowAreReported() {
        let r = IKEv2SAParser.parse("      Encr: AES-CBC, keysize: 256\n      Life/Active Time: 86400/1 sec\n")
        #expect(r.ikev2Sas.isEmpty)
        #expect(r.warnings.map(\.line) == [1, 2])
    }

    @Test func chunkingDoesNotChangeTheResult() throws {
        try TableFixtures.expectChunkingInvariant(IKEv2SAParser.self, folder: "ikev2-sa")
    }

    @Test func randomBytesNeverCrash() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<400).map { _ in UInt8.random(in: 0...127, using: &rng) }
            _ = IKEv2SAParser.parse("1 10.0.0.1/500 10.0.0.2/500 READY\nChild sa: local selector x\n" + String(decoding: bytes, as: UTF8.self))
        }
    }
}
