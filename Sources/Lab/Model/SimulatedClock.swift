/// The device's notion of time: milliseconds since the lab device started, plus fixed
/// anchors (chosen from the seed) that turn it into the timestamps a real device prints.
///
/// IOS routers in the lab never had their clock set, so they print uptime-based times
/// with the `*` marker (`*Mar  1 01:02:03.456`), as a router without NTP does.
/// ASAs print a wall-clock date.
public struct SimulatedClock: Sendable, Equatable {
    /// Milliseconds since the lab device started.
    public private(set) var now: Int64 = 0
    /// Uptime of the device when the lab started, in milliseconds.
    public let uptimeAtStart: Int64
    /// Seconds since 1970 at lab start (ASA wall clock).
    public let epochAtStart: Int64

    public init(uptimeAtStart: Int64, epochAtStart: Int64) {
        self.uptimeAtStart = uptimeAtStart
        self.epochAtStart = epochAtStart
    }

    /// Moves time forward; time never runs backwards.
    public mutating func advance(to milliseconds: Int64) {
        if milliseconds > now { now = milliseconds }
    }

    public var uptimeMilliseconds: Int64 { uptimeAtStart + now }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `*Mar  1 01:02:03.456` for `milliseconds` since lab start (IOS, clock not set: time since boot on 1 March 1993).
    public func iosTimestamp(at milliseconds: Int64) -> String {
        let up = uptimeAtStart + milliseconds
        let day = 1 + up / 86_400_000
        let rest = up % 86_400_000
        return "*Mar " + pad(day, 2, " ") + " " + hms(rest) + "." + pad(rest % 1000, 3, "0")
    }

    /// `Nov 28 10:00:01` (ASA debug lines).
    public func asaTimestamp(at milliseconds: Int64) -> String {
        let (_, month, day, secondsOfDay) = civil(epochAtStart + milliseconds / 1000)
        return Self.monthNames[month - 1] + " " + pad(Int64(day), 2, "0") + " " + hms(secondsOfDay * 1000)
    }

    /// `Nov 28 2026 10:00:01` (ASA syslog lines with `logging timestamp`).
    public func asaSyslogTimestamp(at milliseconds: Int64) -> String {
        let (year, month, day, secondsOfDay) = civil(epochAtStart + milliseconds / 1000)
        return Self.monthNames[month - 1] + " " + pad(Int64(day), 2, "0") + " \(year) " + hms(secondsOfDay * 1000)
    }

    /// `2026-11-28T10:00:01.234Z`: audit-log time (the ASA wall clock for both personas,
    /// so an audit file is identical from run to run with the same seed and input timing).
    public func isoTimestamp(at milliseconds: Int64) -> String {
        let (year, month, day, secondsOfDay) = civil(epochAtStart + milliseconds / 1000)
        return "\(year)-" + pad(Int64(month), 2, "0") + "-" + pad(Int64(day), 2, "0") + "T" + hms(secondsOfDay * 1000)
            + "." + pad(milliseconds % 1000, 3, "0") + "Z"
    }

    /// `show clock` text.
    public func showClock(persona: Persona) -> String {
        switch persona {
        case .ios:
            let up = uptimeMilliseconds
            let day = 1 + up / 86_400_000
            let weekday = Self.dayNames[Int((1 + (day - 1)) % 7)] // 1 March 1993 was a Monday
            return "*" + hms(up % 86_400_000) + "." + pad(up % 1000, 3, "0") + " UTC \(weekday) Mar \(day) 1993"
        case .asa:
            let seconds = epochAtStart + now / 1000
            let (year, month, day, secondsOfDay) = civil(seconds)
            let weekday = Self.dayNames[Int(((seconds / 86_400) % 7 + 4) % 7)] // 1 Jan 1970 was a Thursday
            return hms(secondsOfDay * 1000) + "." + pad(now % 1000, 3, "0") + " UTC \(weekday) " + Self.monthNames[month - 1] + " \(day) \(year)"
        }
    }

    /// Uptime in the words of `show version`.
    public func uptimeWords(persona: Persona) -> String {
        let minutes = uptimeMilliseconds / 60_000
        let (d, h, m) = (minutes / 1440, (minutes / 60) % 24, minutes % 60)
        switch persona {
        case .ios:
            var parts: [String] = []
            if d > 0 { parts.append("\(d) day" + (d == 1 ? "" : "s")) }
            if h > 0 { parts.append("\(h) hour" + (h == 1 ? "" : "s")) }
            parts.append("\(m) minute" + (m == 1 ? "" : "s"))
            return parts.joined(separator: ", ")
        case .asa:
            return (d > 0 ? "\(d) day\(d == 1 ? "" : "s") " : "") + "\(h) hour\(h == 1 ? "" : "s") \(m) min\(m == 1 ? "" : "s")"
        }
    }

    private func hms(_ ms: Int64) -> String {
        let s = ms / 1000
        return pad(s / 3600 % 24, 2, "0") + ":" + pad(s / 60 % 60, 2, "0") + ":" + pad(s % 60, 2, "0")
    }

    private func pad(_ v: Int64, _ width: Int, _ fill: Character) -> String {
        let s = String(v)
        return String(repeating: fill, count: max(0, width - s.count)) + s
    }

    /// Civil date from Unix seconds (Howard Hinnant's days-from-civil inverse).
    private func civil(_ seconds: Int64) -> (year: Int64, month: Int, day: Int, secondsOfDay: Int64) {
        let days = seconds / 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), Int(month), Int(day), seconds % 86_400)
    }
}
