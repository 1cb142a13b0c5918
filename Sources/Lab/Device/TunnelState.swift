/// The live SAs of the lab tunnel and the schedule of what happens next. Counters are a
/// function of time since the last reset (packets per second from the scenario), so any
/// `show` at any moment is consistent with every earlier one.
struct TunnelState: Sendable {
    var phase1Present: Bool
    var phase1ConnId = 1001
    /// Lab time (ms) the ISAKMP SA was created; negative: before the lab started.
    var phase1CreatedAt: Int64
    var phase2Present: Bool
    var inboundSpi: UInt32
    var outboundSpi: UInt32
    var inboundConnId = 2000
    var outboundConnId = 2001
    var phase2CreatedAt: Int64
    /// Counters restart from these values at `countersSince` (clear crypto sa zeroes them).
    var countersSince: Int64
    var encapsAtReset: Int
    var decapsAtReset: Int
    /// Extra packets from pings typed at the device.
    var pingEncaps = 0
    var pingDecaps = 0
    var messageId: UInt32
    var staleSpi: UInt32
    /// Next negotiation attempt (failing scenarios retry; healthy ones after a clear).
    var nextNegotiationAt: Int64?
    var nextPeriodicAt: Int64?
    var nextLoadLineAt: Int64?
    var loadSequence = 0
    /// Next load-mode slot (slot k is due at k * 1000 / rate ms).
    var loadSlot: Int64 = 0
    var loadCursor = 0

    func encaps(at t: Int64, perSecond: Int) -> Int {
        encapsAtReset + Int((t - countersSince) * Int64(perSecond) / 1000) + pingEncaps
    }

    func decaps(at t: Int64, perSecond: Int) -> Int {
        decapsAtReset + Int((t - countersSince) * Int64(perSecond) / 1000) + pingDecaps
    }

    /// How many periodic (error) events have happened since the counters were reset.
    func periodicEvents(at t: Int64, event: PeriodicEvent?, firstAt: Int64) -> Int {
        guard let event, t >= firstAt else { return 0 }
        let all = Int((t - firstAt) / (Int64(event.intervalSeconds) * 1000)) + 1
        guard countersSince > firstAt else { return all }
        let before = Int((countersSince - 1 - firstAt) / (Int64(event.intervalSeconds) * 1000)) + 1
        return max(0, all - before)
    }
}

/// Hex and decimal renderings of SPIs the way the devices print them.
enum SPIText {
    /// `0xC22209E(203563166)` (IOS).
    static func iosHexDec(_ v: UInt32) -> String { "0x" + String(v, radix: 16, uppercase: true) + "(\(v))" }
    /// `C22209EA` (ASA, eight digits).
    static func asaHex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
