/// What a command does once parsed. Arguments travel in `ParsedCommand.values`.
public enum CommandAction: String, Sendable {
    case enable, disable, exit, configure
    case showIsakmpSA, showIsakmpSADetail, showIkev1SA, showIkev1SADetail, showIkev2SA
    case showIpsecSA, showIpsecSADetail, showIpsecSAPeer
    case showEngine, showSession, showSessionDetail
    case showRunning, showRunningCrypto, showVersion, showClock, showDebugging
    case debugIsakmp, debugIpsec, debugEngine, debugCondition, debugIcmp
    case undebugAll, undebugIsakmp, undebugIpsec, undebugEngine
    case ping
    case clearCryptoSA, clearCryptoSAPeer, clearIsakmp
    case terminalLength, terminalWidth, terminalMonitor, terminalNoMonitor
}

/// One word of a command pattern.
enum PatternToken: Sendable, Equatable {
    case keyword(String)
    case ipv4
    case number
    /// Everything up to the end of the line (ping options).
    case rest
}

/// A command tree node: keyword children (abbreviable, as IOS allows), at most one
/// parameter child, and the action when the input ends here.
final class CommandNode: @unchecked Sendable {
    var keywords: [(String, CommandNode)] = []
    var parameter: (PatternToken, CommandNode)?
    var action: CommandAction?

    func child(_ token: PatternToken) -> CommandNode {
        switch token {
        case .keyword(let word):
            if let existing = keywords.first(where: { $0.0 == word }) { return existing.1 }
            let node = CommandNode()
            keywords.append((word, node))
            return node
        default:
            if let (t, node) = parameter, t == token { return node }
            let node = CommandNode()
            parameter = (token, node)
            return node
        }
    }
}

/// The result of parsing one input line against the tree.
public enum ParseOutcome: Equatable, Sendable {
    case command(CommandAction, values: [String])
    case empty
    /// Column (0-based, in the input line) under which the caret goes.
    case invalid(column: Int)
    case incomplete
    case ambiguous
}

/// The command set of one persona at one privilege level.
struct CommandGrammar: Sendable {
    let root = CommandNode()

    init(persona: Persona, privileged: Bool) {
        func add(_ words: String, _ action: CommandAction) {
            var node = root
            for w in words.split(separator: " ") {
                switch w {
                case "A.B.C.D": node = node.child(.ipv4)
                case "N": node = node.child(.number)
                case "...": node = node.child(.rest)
                default: node = node.child(.keyword(String(w)))
                }
            }
            node.action = action
        }
        add("exit", .exit); add("logout", .exit)
        add("enable", .enable)
        add("show version", .showVersion); add("show clock", .showClock)
        add("ping ...", .ping)
        add("terminal monitor", .terminalMonitor); add("terminal no monitor", .terminalNoMonitor)
        add("terminal width N", .terminalWidth)
        switch persona {
        case .ios:
            add("terminal length N", .terminalLength)
        case .asa:
            add("quit", .exit)
            add("terminal pager N", .terminalLength); add("terminal pager lines N", .terminalLength)
        }
        guard privileged else { return }
        add("disable", .disable)
        add("configure terminal", .configure); add("configure ...", .configure)
        add("show running-config", .showRunning)
        add("show crypto isakmp sa", .showIsakmpSA); add("show crypto isakmp sa detail", .showIsakmpSADetail)
        add("show crypto ikev2 sa", .showIkev2SA); add("show crypto ikev2 sa detail", .showIkev2SA)
        add("show crypto ipsec sa", .showIpsecSA); add("show crypto ipsec sa detail", .showIpsecSADetail)
        add("show crypto ipsec sa peer A.B.C.D", .showIpsecSAPeer)
        add("debug crypto isakmp", .debugIsakmp); add("debug crypto ipsec", .debugIpsec)
        add("undebug all", .undebugAll); add("no debug all", .undebugAll)
        add("undebug crypto isakmp", .undebugIsakmp); add("undebug crypto ipsec", .undebugIpsec)
        add("no debug crypto isakmp", .undebugIsakmp); add("no debug crypto ipsec", .undebugIpsec)
        switch persona {
        case .ios:
            add("show crypto engine connections active", .showEngine) // "connection" is an abbreviation of it
            add("show crypto session", .showSession); add("show crypto session detail", .showSessionDetail)
            add("show debugging", .showDebugging)
            add("debug crypto engine", .debugEngine); add("undebug crypto engine", .undebugEngine)
            add("no debug crypto engine", .undebugEngine)
            add("debug crypto condition peer ipv4 A.B.C.D", .debugCondition)
            add("debug ip icmp", .debugIcmp)
            add("clear crypto sa", .clearCryptoSA); add("clear crypto sa peer A.B.C.D", .clearCryptoSAPeer)
            add("clear crypto isakmp", .clearIsakmp); add("clear crypto isakmp N", .clearIsakmp)
        case .asa:
            add("show running-config crypto", .showRunningCrypto)
            add("show crypto ikev1 sa", .showIkev1SA); add("show crypto ikev1 sa detail", .showIkev1SADetail)
            add("show debug", .showDebugging)
            add("debug crypto isakmp N", .debugIsakmp); add("debug crypto ipsec N", .debugIpsec)
            add("debug crypto ikev1", .debugIsakmp); add("debug crypto ikev1 N", .debugIsakmp)
            add("debug crypto condition peer A.B.C.D", .debugCondition)
            add("undebug crypto ikev1", .undebugIsakmp); add("no debug crypto ikev1", .undebugIsakmp)
            add("clear crypto ipsec sa", .clearCryptoSA); add("clear crypto ipsec sa peer A.B.C.D", .clearCryptoSAPeer)
            add("clear crypto isakmp sa", .clearIsakmp); add("clear crypto ikev1 sa", .clearIsakmp)
        }
    }

    /// Matches `line` word by word. Keywords may be abbreviated to any unique prefix; an
    /// exact keyword wins over longer ones sharing its prefix.
    func parse(_ line: String) -> ParseOutcome {
        let chars = Array(line)
        var words: [(text: String, start: Int)] = []
        var i = 0
        while i < chars.count {
            while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
            guard i < chars.count else { break }
            let start = i
            while i < chars.count, chars[i] != " ", chars[i] != "\t" { i += 1 }
            words.append((String(chars[start..<i]), start))
        }
        if words.isEmpty { return .empty }
        var node = root
        var values: [String] = []
        for (index, word) in words.enumerated() {
            let lower = word.text.lowercased()
            let candidates = node.keywords.filter { $0.0.hasPrefix(lower) }
            if let exact = candidates.first(where: { $0.0 == lower }) {
                node = exact.1
                continue
            }
            if candidates.count == 1 { node = candidates[0].1; continue }
            if candidates.count > 1 { return .ambiguous }
            if let (token, next) = node.parameter {
                switch token {
                case .ipv4 where IPv4.isAddress(Substring(word.text)):
                    values.append(word.text); node = next; continue
                case .number where word.text.allSatisfy(\.isNumber) && word.text.count <= 9:
                    values.append(word.text); node = next; continue
                case .rest:
                    values.append(words[index...].map(\.text).joined(separator: " "))
                    guard let action = next.action else { return .incomplete }
                    return .command(action, values: values)
                default: break
                }
            }
            // The caret goes under the first character no keyword can continue with.
            let matched = node.keywords.map { commonPrefixLength($0.0, lower) }.max() ?? 0
            return .invalid(column: word.start + matched)
        }
        guard let action = node.action else { return .incomplete }
        return .command(action, values: values)
    }

    /// Keywords that may follow `line` (for `?` help).
    func completions(after line: String) -> [String] {
        var node = root
        for word in line.split(separator: " ") {
            let lower = word.lowercased()
            if let exact = node.keywords.first(where: { $0.0 == lower }) { node = exact.1; continue }
            let c = node.keywords.filter { $0.0.hasPrefix(lower) }
            if c.count == 1 { node = c[0].1 } else if let (_, next) = node.parameter { node = next } else { return [] }
        }
        var out = node.keywords.map(\.0).sorted()
        if let (token, _) = node.parameter {
            switch token {
            case .ipv4: out.append("A.B.C.D")
            case .number: out.append("<0-512>")
            case .rest: out.append("LINE")
            case .keyword: break
            }
        }
        if node.action != nil { out.append("<cr>") }
        return out
    }

    private func commonPrefixLength(_ a: String, _ b: String) -> Int {
        var n = 0
        for (x, y) in zip(a, b) { if x == y { n += 1 } else { break } }
        return n
    }
}
