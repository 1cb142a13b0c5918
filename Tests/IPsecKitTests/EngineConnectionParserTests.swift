import Testing
@testable import IPsecKit

@Suite struct EngineConnectionParserTests {
    func parse(_ name: String) throws -> AnalysisReport {
        EngineConnectionParser.parse(try TableFixtures.text("engine-connections", name), platform: .ios)
    }

    @Test func olderLayoutWithInterfaceAndState() throws {
        let r = try parse("older")
        #expect(r.warnings.isEmpty)
        #expect(r.engineConnections.count == 3)
        let a = r.engineConnections[0]
        #expect(a.connId == 1 && a.interface == "<none>" && a.ipAddress == "<none>" && a.state == "set")
        #expect(a.algorithm == "HMAC_SHA+DES_56_CB" && a.encrypt == 0 && a.decrypt == 0 && a.type == nil && a.line == 3)
        let b = r.engineConnections[1]
        #expect(b.connId == 2000 && b.interface == "Ethernet0/0" && b.ipAddress == "10.1.0.1")
        #expect(b.algorithm == "HMAC_MD5+3DES_56_C" && b.encrypt == 0 && b.decrypt == 41)
        #expect(r.engineConnections[2].encrypt == 39 && r.engineConnections[2].decrypt == 0)
    }

    @Test func newerLayoutWithTypeAndSequenceNumbers() throws {
        let r = try parse("newer")
        #expect(r.warnings.isEmpty)
        #expect(r.engineConnections.count == 4)
        let a = r.engineConnections[0]
        #expect(a.connId == 2001 && a.type == "IPsec" && a.algorithm == "AES256+SHA512")
        #expect(a.encrypt == 0 && a.decrypt == 9 && a.lastSeqN == 9 && a.ipAddress == "10.0.0.1" && a.interface == nil)
        #expect(r.engineConnections[1].encrypt == 11)
        let ike = r.engineConnections[2]
        #expect(ike.connId == 1001 && ike.type == "IKE" && ike.algorithm == "SHA512+AES256")
        let blank = r.engineConnections[3]
        #expect(blank.connId == 1002 && blank.ipAddress == nil && blank.lastSeqN == 0 && blank.line == 7)
    }

    @Test func rowsWithoutHeaderAreReadByTheirShape() {
        let r = EngineConnectionParser.parse("2001  IPsec   AES+SHA  4  5  5 10.9.0.1\n  7 Serial0/0 10.9.0.2 set HMAC_SHA+DES_56_CB 3 4\n")
        #expect(r.warnings.isEmpty)
        #expect(r.engineConnections.map(\.ipAddress) == ["10.9.0.1", "10.9.0.2"])
        #expect(r.engineConnections[1].state == "set" && r.engineConnections[1].decrypt == 4)
    }

    @Test func noConnections() throws {
        let r = try parse("empty")
        #expect(r.engineConnections.isEmpty && r.warnings.isEmpty)
    }

    @Test func badCountsAndCutRowsAreReported() throws {
        let r = try parse("malformed")
        #expect(r.engineConnections.count == 3)
        #expect(r.engineConnections[1].encrypt == nil && r.engineConnections[1].decrypt == 41)
        #expect(r.engineConnections[2].connId == 2001 && r.engineConnections[2].encrypt == nil)
        #expect(r.warnings.map(\.line) == [5, 6])
    }

    @Test func chunkingDoesNotChangeTheResult() throws {
        try TableFixtures.expectChunkingInvariant(EngineConnectionParser.self, folder: "engine-connections")
    }
}
