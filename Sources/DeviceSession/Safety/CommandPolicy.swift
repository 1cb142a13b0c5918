/// Which commands a session may send. The tool reads and debugs; it never configures.
///
/// Allowed: `show ...` (without output redirection), `debug ...` (not `debug all`), `undebug ...`,
/// `no debug ...`, `terminal ...`, `ping ADDRESS ...`. Disruptive but sometimes needed:
/// `clear crypto sa|isakmp|session ...`, only with explicit confirmation. Everything
/// else (configuration mode above all) is refused, naming what is allowed.
public enum CommandPolicy {
    public enum Verdict: Equatable, Sendable {
        case allowed
        /// Allowed only after the user confirmed; `reason` says what it disrupts.
        case needsConfirmation(reason: String)
        case refused(reason: String)
    }

    public static let allowlistDescription =
        "show, debug (not debug all), undebug, no debug, terminal, ping ADDRESS; clear crypto sa|isakmp|session with confirmation"

    public static func evaluate(_ command: String) -> Verdict {
        if command.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .refused(reason: "it holds control characters or several lines; send one command at a time")
        }
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard let first = words.first else { return .refused(reason: "it is empty") }
        func isWord(_ typed: String, _ keyword: String, minimum: Int) -> Bool {
            typed.count >= minimum && keyword.hasPrefix(typed)
        }
        if isWord(first, "show", minimum: 2) {
            if let pipe = words.firstIndex(of: "|"), pipe + 1 < words.count {
                let filter = words[pipe + 1]
                if ["redirect", "tee", "append"].contains(where: { isWord(filter, $0, minimum: 1) && filter.count >= 2 }) {
                    return .refused(reason: "output redirection writes files on the device")
                }
            }
            if words.contains(where: { $0.hasPrefix(">") }) {
                return .refused(reason: "output redirection writes files on the device")
            }
            return .allowed
        }
        if isWord(first, "debug", minimum: 3) {
            // `debug all` can take a busy router down: never sent.
            if words.count >= 2, isWord(words[1], "all", minimum: 2) {
                return .refused(reason: "debug all can overload the device; turn on the debugs you need (debug crypto isakmp, debug crypto ipsec)")
            }
            return .allowed
        }
        if isWord(first, "undebug", minimum: 1) { return .allowed }
        if first == "no", words.count >= 2, isWord(words[1], "debug", minimum: 3) { return .allowed }
        if isWord(first, "terminal", minimum: 3) { return .allowed }
        if first == "ping" {
            return words.count >= 2 ? .allowed : .refused(reason: "bare ping asks questions interactively; give the address (ping 10.1.1.1 source ...)")
        }
        if isWord(first, "clear", minimum: 3) {
            if words.count >= 3, isWord(words[1], "crypto", minimum: 3) {
                let what = words[2]
                if isWord(what, "sa", minimum: 2) || isWord(what, "isakmp", minimum: 2) || isWord(what, "session", minimum: 2)
                    || isWord(what, "ikev1", minimum: 4) || isWord(what, "ikev2", minimum: 4) || isWord(what, "ipsec", minimum: 2) {
                    return .needsConfirmation(reason: "it tears down security associations; traffic through the tunnels stops until they renegotiate")
                }
            }
            return .refused(reason: "only clear crypto sa|isakmp|session is allowed (\(allowlistDescription))")
        }
        if isWord(first, "configure", minimum: 4) || first == "conf" || first == "config" {
            return .refused(reason: "configuration mode is never entered by this tool (allowed: \(allowlistDescription))")
        }
        return .refused(reason: "only read-only commands are sent (allowed: \(allowlistDescription))")
    }
}
