import IPsecKit

/// Short forms of addresses, networks and numbers for table cells.
public enum NetworkText {
    /// `10.1.0.0/24`, `10.1.0.5` for a host, with `proto:port` when not 0.
    public static func ident(_ i: IpsecIdentity?) -> String {
        guard let i else { return "" }
        var s: String
        if let prefix = prefixLength(i.mask) {
            s = prefix == 32 && !i.addr.contains(":") ? i.addr : "\(i.addr)/\(prefix)"
        } else {
            s = "\(i.addr)/\(i.mask)"
        }
        if i.prot != 0 || i.port != 0 { s += " \(i.prot):\(i.port)" }
        return s
    }

    /// Dotted mask to prefix length; a plain number is taken as a prefix already.
    static func prefixLength(_ mask: String) -> Int? {
        if let n = Int(mask) { return n }
        let parts = mask.split(separator: ".").compactMap { UInt32($0) }
        guard parts.count == 4, parts.allSatisfy({ $0 <= 255 }) else { return nil }
        let value = parts.reduce(UInt32(0)) { $0 << 8 | $1 }
        let ones = value.nonzeroBitCount
        guard value == (ones == 0 ? 0 : UInt32.max << (32 - ones)) else { return nil }
        return ones
    }

    public static func spi(_ v: UInt32?) -> String {
        guard let v else { return "" }
        return "0x" + String(v, radix: 16, uppercase: true)
    }

    /// `12`, `12.3k`, `4.5M`: counters that fit a narrow column.
    public static func count(_ v: Int?) -> String {
        guard let v else { return "" }
        let a = abs(v)
        if a < 100_000 { return String(v) }
        if a < 10_000_000 { return String(format1(Double(v) / 1000)) + "k" }
        if a < 10_000_000_000 { return String(format1(Double(v) / 1_000_000)) + "M" }
        return String(format1(Double(v) / 1_000_000_000)) + "G"
    }

    /// Per-second rate with one decimal below 100.
    public static func rate(_ v: Double?) -> String {
        guard let v else { return "" }
        if v < 100 { return format1(v) }
        return count(Int(v.rounded()))
    }

    public static func delta(_ v: Int?) -> String {
        guard let v else { return "" }
        return v > 0 ? "+" + count(v) : count(v)
    }

    /// `45s`, `12m`, `3h`, `2d`.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "" }
        let s = Int(max(0, seconds))
        if s < 120 { return "\(s)s" }
        if s < 7200 { return "\(s / 60)m" }
        if s < 172_800 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }

    static func format1(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
