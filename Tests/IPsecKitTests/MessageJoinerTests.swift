import Testing
@testable import IPsecKit

@Suite struct MessageJoinerTests {
    func join(_ text: String, chunked: Bool = false) -> [String] {
        var joiner = MessageJoiner()
        var framer = LineFramer()
        var out: [String] = []
        let bytes = Array(text.utf8)
        if chunked {
            for b in bytes { framer.feed([b]) { joiner.consume($0) { out.append("\($0.number):\($0.string)") } } }
        } else {
            framer.feed(bytes) { joiner.consume($0) { out.append("\($0.number):\($0.string)") } }
        }
        framer.finish { joiner.consume($0) { out.append("\($0.number):\($0.string)") } }
        joiner.flush { out.append("\($0.number):\($0.string)") }
        return out
    }

    @Test func rejoinsWrappedSyslogMessages() {
        let text = """
        1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its
        sanity check or is malformed
        1d00h: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with
        peer at 198.51.100.1
        """
        #expect(join(text) == [
            "1:1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.1 failed its sanity check or is malformed",
            "3:1d00h: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 198.51.100.1",
        ])
        #expect(join(text, chunked: true) == join(text))
    }

    @Test func rejoinsDebugContinuations() {
        let text = """
        20:44:44: IPSEC(validate_transform_proposal):
        peer address 198.51.100.6 not found
        1d00h: IPsec (validate_proposal): transform proposal
        (port 3, trans 2, hmac_alg 2) not supported
        Sep 22 11:02:39: %MOTCR-1-PKTENGRET_ERROR: MOTCR PktEng Return Value = 0x20000,
        PktEngReturn_MACMiscompare
        """
        #expect(join(text) == [
            "1:20:44:44: IPSEC(validate_transform_proposal): peer address 198.51.100.6 not found",
            "3:1d00h: IPsec (validate_proposal): transform proposal (port 3, trans 2, hmac_alg 2) not supported",
            "5:Sep 22 11:02:39: %MOTCR-1-PKTENGRET_ERROR: MOTCR PktEng Return Value = 0x20000, PktEngReturn_MACMiscompare",
        ])
    }

    @Test func leavesCompleteMessagesAlone() {
        let text = """
        *Mar  1 00:10:01.115: ISAKMP (0:1): no offers accepted!
        *Mar  1 00:10:01.119: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 10.1.0.2
        sanity-looking text after a closed message
        ISAKMP (0:1): atts are not acceptable. Next payload is 0
        ISAKMP (0:1): Checking ISAKMP transform 1 against priority 1 policy
        ISAKMP: encryption 3DES-CBC
        IPSEC(initialize_sas): ,
            (key eng. msg.) dest= 10.1.0.2, src=10.1.0.1,
        R1#
        router2#show crypto isakmp sa
        """
        #expect(join(text).count == 10)
    }

    @Test func joinsAtMostThreeParts() {
        let text = "ISAKMP: a,\nb,\nc,\nd\n"
        #expect(join(text) == ["1:ISAKMP: a, b, c,", "4:d"])
    }
}
