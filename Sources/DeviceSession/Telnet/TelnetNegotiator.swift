/// The Telnet protocol (RFC 854/855) as far as console servers need it: strips
/// commands and option negotiation from the data, answers them, and escapes what we
/// send. We let the server echo and suppress go-ahead, report a VT100 terminal type
/// and a window size, and refuse every other option.
public struct TelnetNegotiator: Sendable {
    public static let IAC: UInt8 = 255, DONT: UInt8 = 254, DO: UInt8 = 253, WONT: UInt8 = 252, WILL: UInt8 = 251
    public static let SB: UInt8 = 250, SE: UInt8 = 240
    public static let ECHO: UInt8 = 1, SGA: UInt8 = 3, TTYPE: UInt8 = 24, NAWS: UInt8 = 31

    private enum State { case data, iac, option(UInt8), subnegotiation, subnegotiationIAC, carriageReturn }
    private var state = State.data
    private var subnegotiation: [UInt8] = []
    /// Options the server has enabled on its side, and we on ours (to answer changes only once).
    private var remoteEnabled = Set<UInt8>()
    private var localEnabled = Set<UInt8>()
    public var columns: UInt16 = 200
    public var rows: UInt16 = 50

    public init() {}

    /// Splits incoming bytes into device data and the replies to send back.
    public mutating func receive(_ bytes: [UInt8]) -> (data: [UInt8], replies: [UInt8]) {
        var data: [UInt8] = []
        var replies: [UInt8] = []
        for b in bytes {
            switch state {
            case .data:
                if b == Self.IAC { state = .iac } else {
                    data.append(b)
                    if b == 13 { state = .carriageReturn }
                }
            case .carriageReturn:
                // NVT: CR NUL is a bare carriage return.
                state = .data
                if b == 0 { continue }
                if b == Self.IAC { state = .iac } else { data.append(b); if b == 13 { state = .carriageReturn } }
            case .iac:
                switch b {
                case Self.IAC: data.append(Self.IAC); state = .data
                case Self.WILL, Self.WONT, Self.DO, Self.DONT: state = .option(b)
                case Self.SB: subnegotiation.removeAll(); state = .subnegotiation
                default: state = .data // NOP, GA, AYT and friends carry nothing for us
                }
            case let .option(verb):
                replies += answer(verb, b)
                state = .data
            case .subnegotiation:
                if b == Self.IAC { state = .subnegotiationIAC } else if subnegotiation.count < 256 { subnegotiation.append(b) }
            case .subnegotiationIAC:
                if b == Self.SE {
                    replies += answerSubnegotiation()
                    state = .data
                } else {
                    if subnegotiation.count < 256 { subnegotiation.append(b) }
                    state = .subnegotiation
                }
            }
        }
        return (data, replies)
    }

    private mutating func answer(_ verb: UInt8, _ option: UInt8) -> [UInt8] {
        switch verb {
        case Self.WILL:
            let wanted = option == Self.ECHO || option == Self.SGA
            if wanted {
                guard !remoteEnabled.contains(option) else { return [] }
                remoteEnabled.insert(option)
                return [Self.IAC, Self.DO, option]
            }
            return [Self.IAC, Self.DONT, option]
        case Self.WONT:
            guard remoteEnabled.remove(option) != nil else { return [] }
            return [Self.IAC, Self.DONT, option]
        case Self.DO:
            let offered = option == Self.SGA || option == Self.TTYPE || option == Self.NAWS
            guard offered else { return [Self.IAC, Self.WONT, option] }
            guard !localEnabled.contains(option) else { return [] }
            localEnabled.insert(option)
            var reply = [Self.IAC, Self.WILL, option]
            if option == Self.NAWS { reply += windowSize() }
            return reply
        default: // DONT
            guard localEnabled.remove(option) != nil else { return [] }
            return [Self.IAC, Self.WONT, option]
        }
    }

    private func answerSubnegotiation() -> [UInt8] {
        // TTYPE SEND (1) -> TTYPE IS (0) "VT100"
        if subnegotiation.count >= 2, subnegotiation[0] == Self.TTYPE, subnegotiation[1] == 1 {
            return [Self.IAC, Self.SB, Self.TTYPE, 0] + Array("VT100".utf8) + [Self.IAC, Self.SE]
        }
        return []
    }

    private func windowSize() -> [UInt8] {
        var body: [UInt8] = []
        for v in [columns >> 8, columns & 0xFF, rows >> 8, rows & 0xFF].map({ UInt8($0) }) {
            body.append(v)
            if v == Self.IAC { body.append(Self.IAC) }
        }
        return [Self.IAC, Self.SB, Self.NAWS] + body + [Self.IAC, Self.SE]
    }

    /// Escapes data for the wire: IAC doubled, CR sent as CR NUL (NVT rules).
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 4)
        for b in bytes {
            out.append(b)
            if b == IAC { out.append(IAC) }
            if b == 13 { out.append(0) }
        }
        return out
    }
}
