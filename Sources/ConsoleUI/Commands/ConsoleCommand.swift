import IPsecKit
import Foundation

/// A `:` command, parsed.
public enum ConsoleCommand: Equatable, Sendable {
    case debugOn([DebugKind])
    case debugOff
    /// Show only this peer's lines in the debug stream (nil: all peers).
    case peer(String?)
    case poll(TimeInterval)
    case theme(String)
    case exec(String)
    case log(String)
    case export(String)
    case walk(String, peer: String?)
    /// `:walk` alone: the walkthrough menu.
    case walkMenu
    /// `:compare OTHER`: a saved configuration file or a device target.
    case compare(String)
    case help
    case quit
}

public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    init(_ message: String) { self.message = message }
}

/// The `:` command line: a small interpreter. Command names may be shortened to any
/// unambiguous prefix (`:deb on isakmp`, `:th light`).
public enum CommandInterpreter {
    /// Names and one-line usage, also the help overlay's command list.
    public static let commands: [(name: String, usage: String)] = [
        ("debug", "debug on isakmp|ipsec|ikev2|engine ... / debug off"),
        ("peer", "peer IP: show only that peer's debug lines (peer alone: all)"),
        ("poll", "poll 5s: how often the show commands run (500ms, 10s, 1m)"),
        ("theme", "theme NAME: switch the colour theme"),
        ("exec", "exec COMMAND: run a show command on the device"),
        ("log", "log FILE: append the debug stream to FILE"),
        ("export", "export FILE: save a Markdown report of the state and findings (FILE.json: the analyze --json document)"),
        ("walk", "walk NAME [PEER]: run a guided walkthrough (tunnel-down, no-traffic, split-tunnel, mtu, intermittent); walk alone: the menu"),
        ("compare", "compare FILE|TARGET: this device's configuration against the other end's, side by side"),
        ("help", "help: the key and command list"),
        ("quit", "quit: leave (asks first while debugs are on)"),
    ]

    public static func parse(_ line: String) -> Result<ConsoleCommand, CommandError> {
        let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first else { return .failure(CommandError("type a command, e.g. :debug on isakmp")) }
        let matches = commands.map(\.name).filter { $0.hasPrefix(first.lowercased()) }
        guard !matches.isEmpty else {
            return .failure(CommandError("unknown command \(first); commands: \(commands.map(\.name).joined(separator: ", "))"))
        }
        guard matches.count == 1 || matches.contains(first.lowercased()) else {
            return .failure(CommandError("\(first) could be \(matches.joined(separator: " or "))"))
        }
        let name = matches.count == 1 ? matches[0] : first.lowercased()
        let args = Array(words.dropFirst())
        let rest = args.joined(separator: " ")
        switch name {
        case "debug": return parseDebug(args)
        case "peer":
            guard args.count <= 1 else { return .failure(CommandError("usage: peer IP")) }
            guard let address = args.first else { return .success(.peer(nil)) }
            guard isIPAddress(address) else { return .failure(CommandError("\(address) is not an IPv4 or IPv6 address")) }
            return .success(.peer(address))
        case "poll":
            guard args.count == 1, let seconds = parseDuration(args[0]) else {
                return .failure(CommandError("usage: poll 5s (a number with ms, s or m)"))
            }
            guard seconds >= 1, seconds <= 3600 else { return .failure(CommandError("poll between 1s and 60m; \(args[0]) would be too fast or too slow for the device")) }
            return .success(.poll(seconds))
        case "theme":
            guard args.count == 1 else { return .failure(CommandError("usage: theme NAME")) }
            return .success(.theme(args[0]))
        case "exec":
            guard !rest.isEmpty else { return .failure(CommandError("usage: exec COMMAND, e.g. exec show crypto isakmp sa")) }
            return .success(.exec(rest))
        case "log", "export":
            guard !rest.isEmpty else { return .failure(CommandError("usage: \(name) FILE")) }
            return .success(name == "log" ? .log(rest) : .export(rest))
        case "walk":
            if args.isEmpty { return .success(.walkMenu) }
            guard args.count <= 2 else { return .failure(CommandError("usage: walk [NAME [PEER]]")) }
            return .success(.walk(args[0], peer: args.count == 2 ? args[1] : nil))
        case "compare":
            guard args.count == 1 else { return .failure(CommandError("usage: compare FILE|TARGET, e.g. compare r2.cfg or compare ssh://admin@10.0.0.2")) }
            return .success(.compare(args[0]))
        case "help": return .success(.help)
        default: return .success(.quit)
        }
    }

    static func parseDebug(_ args: [String]) -> Result<ConsoleCommand, CommandError> {
        let kinds = DebugKind.allCases.map(\.rawValue).joined(separator: "|")
        guard let sub = args.first?.lowercased() else { return .failure(CommandError("usage: debug on \(kinds) / debug off")) }
        switch sub {
        case "off":
            guard args.count == 1 else { return .failure(CommandError("debug off takes no further words")) }
            return .success(.debugOff)
        case "on":
            guard args.count > 1 else { return .failure(CommandError("say which debugs: debug on \(kinds)")) }
            var list: [DebugKind] = []
            for word in args.dropFirst() {
                if word.lowercased() == "all" { list = DebugKind.allCases; continue }
                guard let kind = DebugKind(rawValue: word.lowercased()) else {
                    return .failure(CommandError("\(word) is not a debug; choose from \(kinds)"))
                }
                if !list.contains(kind) { list.append(kind) }
            }
            return .success(.debugOn(list.sorted()))
        default:
            return .failure(CommandError("debug on ... or debug off, not \(sub)"))
        }
    }

    /// `5s`, `500ms`, `2m`, or a bare number of seconds.
    public static func parseDuration(_ text: String) -> TimeInterval? {
        let t = text.lowercased()
        let (number, scale): (Substring, Double)
        if t.hasSuffix("ms") { (number, scale) = (t.dropLast(2), 0.001) }
        else if t.hasSuffix("s") { (number, scale) = (t.dropLast(), 1) }
        else if t.hasSuffix("m") { (number, scale) = (t.dropLast(), 60) }
        else { (number, scale) = (Substring(t), 1) }
        guard let v = Double(number), v.isFinite, v > 0 else { return nil }
        return v * scale
    }

    static func isIPAddress(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 { return parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && (Int($0).map { $0 <= 255 } ?? false) } }
        guard s.contains(":"), s.count <= 45 else { return false }
        return s.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } && s.components(separatedBy: "::").count <= 2
    }
}

/// Tab completion for the command line.
public enum CommandCompleter {
    public struct Completion: Equatable, Sendable {
        /// The input after completion.
        public var text: String
        /// What could follow, when more than one thing could.
        public var candidates: [String]

        public init(text: String, candidates: [String]) { self.text = text; self.candidates = candidates }
    }

    /// What `:compare` completes to: the target schemes (a file name is typed as it is).
    public static let compareTargets = ["lab://", "ssh://", "telnet://", "serial:///dev/"]

    /// Completes the last word of `input`: a command name, a `debug` argument or a theme name.
    public static func complete(_ input: String, themes: [String], walkthroughs: [String] = []) -> Completion {
        let endsWithSpace = input.hasSuffix(" ")
        var words = input.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let partial = endsWithSpace ? "" : (words.popLast() ?? "")
        let options: [String]
        if words.isEmpty {
            options = CommandInterpreter.commands.map(\.name)
        } else {
            let command = CommandInterpreter.commands.map(\.name).first { $0.hasPrefix(words[0].lowercased()) } ?? ""
            switch (command, words.count) {
            case ("debug", 1): options = ["on", "off"]
            case ("debug", _) where words.count >= 2 && words[1] == "on":
                options = DebugKind.allCases.map(\.rawValue).filter { !words.contains($0) } + ["all"]
            case ("theme", 1): options = themes
            case ("walk", 1): options = walkthroughs
            case ("compare", 1): options = compareTargets
            default: options = []
            }
        }
        let matching = options.filter { $0.hasPrefix(partial.lowercased()) }
        let prefix = words.isEmpty ? "" : words.joined(separator: " ") + " "
        if matching.count == 1 { return Completion(text: prefix + matching[0] + " ", candidates: []) }
        guard !matching.isEmpty else { return Completion(text: input, candidates: []) }
        let common = matching.dropFirst().reduce(matching[0]) { a, b in String(zip(a, b).prefix { $0 == $1 }.map(\.0)) }
        return Completion(text: prefix + (common.count > partial.count ? common : partial), candidates: matching)
    }
}
