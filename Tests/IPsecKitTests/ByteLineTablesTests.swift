import Testing
@testable import IPsecKit

@Suite struct ByteLineTablesTests {
    @Test func addressesAreToldFromClockTimesAndNames() {
        for yes in ["10.0.0.1", "2001:db8::1", "::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "::ffff:10.0.0.1"] {
            #expect(yes.withByteLine { $0.isAddressLike }, "\(yes)")
        }
        for no in ["23:59:30", "SW:1", "<none>", "10.0.", "host", "1.2.3", "124.29.X.X", ""] {
            #expect(!no.withByteLine { $0.isAddressLike }, "\(no)")
        }
    }

    @Test func clockTimes() {
        #expect("23:59:30".withByteLine { $0.isClockTime })
        #expect("0:00".withByteLine { $0.isClockTime })
        #expect(!"86400".withByteLine { $0.isClockTime })
        #expect(!"SW:1".withByteLine { $0.isClockTime })
        #expect(!":12".withByteLine { $0.isClockTime })
    }

    @Test func addressAndPortSplitsAtTheLastSlash() {
        #expect("10.0.0.1/500".withByteLine { $0.addressAndPort()?.address } == "10.0.0.1")
        #expect("2001:db8::1/4500".withByteLine { $0.addressAndPort()?.port } == 4500)
        #expect("none/121".withByteLine { $0.addressAndPort() } == nil)
        #expect("10.0.0.1/x".withByteLine { $0.addressAndPort() } == nil)
    }

    @Test func labeledTokensAllowAnySpacingAroundTheColon() {
        let line = "    Rekey   : no              State   : MM_ACTIVE"
        #expect(line.withByteLine { $0.labeledToken("Rekey") } == "no")
        #expect(line.withByteLine { $0.labeledToken("State") } == "MM_ACTIVE")
        #expect(line.withByteLine { $0.labeledToken("Role") } == nil)
        let life = "    Auth    : preshared       Lifetime: 86400"
        #expect(life.withByteLine { $0.labeledToken("Lifetime") } == "86400")
        #expect("    Lifetime Remaining: 120".withByteLine { $0.labeledToken("Lifetime") } == nil)
        #expect("    Lifetime Remaining: 120".withByteLine { $0.labeledToken("Lifetime Remaining") } == "120")
        #expect("xState: UP".withByteLine { $0.labeledToken("State") } == nil)
    }

    @Test func exactTokens() {
        #expect("dst".withByteLine { $0.equals("dst") })
        #expect(!"dst:".withByteLine { $0.equals("dst") })
        #expect("12".withByteLine { $0.digitsValue } == 12)
        #expect("-12".withByteLine { $0.digitsValue } == nil)
    }
}
