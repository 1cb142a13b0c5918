import Foundation

import IPsecKit

/// Where a device is reached, in one syntax for every transport:
/// `ssh://[user@]host[:port]` (or bare `[user@]host`), `telnet://host:port`,
/// `serial:///dev/ttyUSB0?baud=9600&parity=none&data=8&stop=1&flow=none`,
/// `lab://SCENARIO?persona=ios|asa[&peer-of=HOSTNAME]` (`peer-of`: the other end of the pair).
public enum DeviceTarget: Equatable, Sendable, CustomStringConvertible {
    case ssh(user: String?, host: String, port: Int?)
    case telnet(host: String, port: Int)
    case serial(path: String, settings: SerialSettings)
    /// `peerOf`: the lab device is side B of the pair, the peer of the device with that hostname.
    case lab(scenario: String, persona: Platform, peerOf: String? = nil)

    /// The text form, which `parse` reads back to the same target.
    public var description: String {
        switch self {
        case let .ssh(user, host, port):
            let h = host.contains(":") ? "[\(host)]" : host
            return "ssh://" + (user.map { "\($0)@" } ?? "") + h + (port.map { ":\($0)" } ?? "")
        case let .telnet(host, port):
            return "telnet://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        case let .serial(path, s):
            return "serial://\(path)?baud=\(s.baud)&parity=\(s.parity.rawValue)&data=\(s.dataBits)&stop=\(s.stopBits)&flow=\(s.flow.rawValue)"
        case let .lab(scenario, persona, peerOf):
            return "lab://\(scenario)?persona=\(persona.rawValue)" + (peerOf.map { "&peer-of=\($0)" } ?? "")
        }
    }

    /// A short stable key naming the device (no secrets), used for the debug state file.
    public var deviceKey: String {
        switch self {
        case let .ssh(user, host, port): return "ssh-\(user ?? "")-\(host)-\(port ?? 22)"
        case let .telnet(host, port): return "telnet-\(host)-\(port)"
        case let .serial(path, _): return "serial-\(path)"
        case let .lab(scenario, persona, peerOf): return "lab-\(scenario)-\(persona.rawValue)" + (peerOf.map { "-peer-of-\($0)" } ?? "")
        }
    }

    /// The transport's name, as the console's status bar shows it.
    public var transportName: String {
        switch self {
        case .ssh: return "ssh"
        case .telnet: return "telnet"
        case .serial: return "serial"
        case .lab: return "lab"
        }
    }

    /// The platform the target itself announces (only the lab does).
    public var knownPlatform: Platform? {
        if case let .lab(_, persona, _) = self { return persona }
        return nil
    }

    /// Reads a target; errors name the part that is wrong.
    public static func parse(_ text: String) throws(TargetParseError) -> DeviceTarget {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw TargetParseError(part: "target", problem: "is empty; give ssh://[user@]host[:port], telnet://host:port, serial:///dev/ttyUSB0 or lab://SCENARIO") }
        guard let schemeEnd = trimmed.range(of: "://") else {
            if trimmed.hasPrefix("serial:") || trimmed.hasPrefix("lab:") || trimmed.hasPrefix("telnet:") || trimmed.hasPrefix("ssh:") {
                throw TargetParseError(part: "scheme", problem: "must be followed by \"://\" (as in \(trimmed.prefix(while: { $0 != ":" }))://...)")
            }
            return try parseSSH(authority: trimmed)
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        let rest = String(trimmed[schemeEnd.upperBound...])
        switch scheme {
        case "ssh":
            return try parseSSH(authority: rest)
        case "telnet":
            return try parseTelnet(rest)
        case "serial":
            return try parseSerial(rest)
        case "lab":
            return try parseLab(rest)
        default:
            throw TargetParseError(part: "scheme \"\(scheme)\"", problem: "is not one of ssh, telnet, serial, lab")
        }
    }

    private static func parseSSH(authority: String) throws(TargetParseError) -> DeviceTarget {
        var rest = authority
        if rest.hasSuffix("/") { rest.removeLast() }
        if rest.contains("/") || rest.contains("?") {
            throw TargetParseError(part: "ssh target \"\(authority)\"", problem: "takes no path or options; use ssh://[user@]host[:port]")
        }
        var user: String?
        if let at = rest.lastIndex(of: "@") {
            let u = String(rest[..<at])
            guard !u.isEmpty else { throw TargetParseError(part: "user", problem: "is empty before \"@\"") }
            guard u.allSatisfy({ !$0.isWhitespace && $0 != ":" }) else {
                throw TargetParseError(part: "user \"\(u)\"", problem: "may not hold spaces or \":\" (never put a password in the target)")
            }
            user = u
            rest = String(rest[rest.index(after: at)...])
        }
        let (host, port) = try splitHostPort(rest, defaultPort: nil, scheme: "ssh")
        return .ssh(user: user, host: host, port: port)
    }

    private static func parseTelnet(_ text: String) throws(TargetParseError) -> DeviceTarget {
        var rest = text
        if rest.hasSuffix("/") { rest.removeLast() }
        if rest.contains("@") { throw TargetParseError(part: "telnet target", problem: "takes no user; the device asks for it after connecting") }
        let (host, port) = try splitHostPort(rest, defaultPort: 23, scheme: "telnet")
        return .telnet(host: host, port: port ?? 23)
    }

    private static func splitHostPort(_ text: String, defaultPort: Int?, scheme: String) throws(TargetParseError) -> (String, Int?) {
        var host = text
        var portText: String?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw TargetParseError(part: "host \"\(text)\"", problem: "opens \"[\" without a closing \"]\"") }
            let inner = String(host[host.index(after: host.startIndex)..<close])
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) } else if !after.isEmpty {
                throw TargetParseError(part: "host \"\(text)\"", problem: "has \"\(after)\" after \"]\"; expected :port")
            }
            host = inner
        } else if let colon = host.lastIndex(of: ":") {
            if host.firstIndex(of: ":") != colon {
                throw TargetParseError(part: "host \"\(text)\"", problem: "is an IPv6 address; write it in brackets: \(scheme)://[\(text)]")
            }
            portText = String(host[host.index(after: colon)...])
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw TargetParseError(part: "host", problem: "is missing") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || ".-_:%".contains($0) }) else {
            throw TargetParseError(part: "host \"\(host)\"", problem: "holds characters a host name or address cannot have")
        }
        guard let portText else { return (host, defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw TargetParseError(part: "port \"\(portText)\"", problem: "is not a number from 1 to 65535")
        }
        return (host, port)
    }

    private static func parseSerial(_ text: String) throws(TargetParseError) -> DeviceTarget {
        let (path, query) = splitQuery(text)
        guard path.hasPrefix("/") else {
            throw TargetParseError(part: "serial device \"\(path)\"", problem: "must be an absolute path, as in serial:///dev/ttyUSB0 (three slashes)")
        }
        guard path.count > 1 else { throw TargetParseError(part: "serial device", problem: "is missing") }
        var settings = SerialSettings()
        for (key, value) in try queryItems(query) {
            switch key {
            case "baud":
                guard let b = Int(value), SerialSettings.supportedBauds.contains(b) else {
                    throw TargetParseError(part: "baud \"\(value)\"", problem: "is not one of \(SerialSettings.supportedBauds.map(String.init).joined(separator: ", "))")
                }
                settings.baud = b
            case "parity":
                guard let p = SerialSettings.Parity(rawValue: value) else {
                    throw TargetParseError(part: "parity \"\(value)\"", problem: "is not one of none, even, odd")
                }
                settings.parity = p
            case "data":
                guard let d = Int(value), (5...8).contains(d) else { throw TargetParseError(part: "data \"\(value)\"", problem: "is not 5, 6, 7 or 8 (data bits)") }
                settings.dataBits = d
            case "stop":
                guard let s = Int(value), s == 1 || s == 2 else { throw TargetParseError(part: "stop \"\(value)\"", problem: "is not 1 or 2 (stop bits)") }
                settings.stopBits = s
            case "flow":
                guard let f = SerialSettings.Flow(rawValue: value) else {
                    throw TargetParseError(part: "flow \"\(value)\"", problem: "is not one of none, xonxoff, rtscts")
                }
                settings.flow = f
            default:
                throw TargetParseError(part: "serial option \"\(key)\"", problem: "is unknown; use baud, parity, data, stop, flow")
            }
        }
        return .serial(path: path, settings: settings)
    }

    private static func parseLab(_ text: String) throws(TargetParseError) -> DeviceTarget {
        var (scenario, query) = splitQuery(text)
        if scenario.hasSuffix("/") { scenario.removeLast() }
        guard !scenario.isEmpty else { throw TargetParseError(part: "lab scenario", problem: "is missing, as in lab://phase1-mismatch?persona=ios") }
        guard scenario.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw TargetParseError(part: "lab scenario \"\(scenario)\"", problem: "may hold only letters, digits, \"-\", \"_\" and \".\"")
        }
        var persona = Platform.ios
        var peerOf: String?
        for (key, value) in try queryItems(query, lowercasingValues: false) {
            switch key {
            case "persona":
                guard let p = Platform(rawValue: value.lowercased()) else { throw TargetParseError(part: "persona \"\(value)\"", problem: "is not ios or asa") }
                persona = p
            case "peer-of":
                guard value.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                    throw TargetParseError(part: "peer-of \"\(value)\"", problem: "must be a hostname (letters, digits, \"-\", \"_\", \".\")")
                }
                peerOf = value
            default:
                throw TargetParseError(part: "lab option \"\(key)\"", problem: "is unknown; use persona=ios|asa and peer-of=HOSTNAME")
            }
        }
        return .lab(scenario: scenario, persona: persona, peerOf: peerOf)
    }

    private static func splitQuery(_ text: String) -> (String, String?) {
        guard let q = text.firstIndex(of: "?") else { return (text, nil) }
        return (String(text[..<q]), String(text[text.index(after: q)...]))
    }

    private static func queryItems(_ query: String?, lowercasingValues: Bool = true) throws(TargetParseError) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        var items: [(String, String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw TargetParseError(part: "option \"\(pair)\"", problem: "must be written name=value")
            }
            items.append((parts[0].lowercased(), lowercasingValues ? parts[1].lowercased() : String(parts[1])))
        }
        return items
    }
}

/// A target that could not be read, naming the part that is wrong.
public struct TargetParseError: Error, Equatable, CustomStringConvertible {
    public var part: String
    public var problem: String
    public var description: String { "\(part) \(problem)" }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
