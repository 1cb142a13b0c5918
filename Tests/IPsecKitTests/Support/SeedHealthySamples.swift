/// The healthy negotiation samples of the source document (kept in `DebugSamples`): the
/// diagnosis must find nothing in them, since a proposal rejected and a later one accepted
/// is normal negotiation.
enum SeedHealthySamples {
    struct Sample {
        let name: String
        let log: String
    }

    static let all: [Sample] = [
        Sample(name: "ios-debug-crypto-isakmp", log: DebugSamples.healthyIsakmp),
        Sample(name: "ios-debug-crypto-ipsec", log: DebugSamples.healthyIpsec),
        Sample(name: "pix-debug-crypto-isakmp", log: DebugSamples.pixRejectThenAccept),
        Sample(name: "pix-debug-crypto-ipsec", log: DebugSamples.pixIpsec),
    ]
}
