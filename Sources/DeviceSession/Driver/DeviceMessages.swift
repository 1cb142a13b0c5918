/// The device's own words that the driver reacts to.
enum DeviceMessages {
    /// A line that says the command was rejected (IOS `% ...`, ASA `ERROR: ...`).
    static func isError(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        if t.hasPrefix("ERROR:") || t.hasPrefix("Error:") { return true }
        guard t.hasPrefix("% ") || t.hasPrefix("%Invalid") else { return false }
        let phrases = ["Invalid", "Incomplete command", "Ambiguous command", "Unknown command", "Unrecognized command",
                       "Bad ", "Access denied", "Authorization failed", "Permission denied", "Type \"", "Command authorization failed",
                       "not supported", "Unrecognized host", "Error"]
        return phrases.contains { t.dropFirst(t.hasPrefix("% ") ? 2 : 1).hasPrefix($0) }
    }

    /// A login that the device turned down.
    static func isLoginFailure(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        return ["% Login invalid", "% Authentication failed", "% Bad passwords", "Login incorrect", "% Access denied", "Access denied",
                "% Bad secrets", "Invalid password", "% Login failed"].contains { t.hasPrefix($0) }
    }

    static func asksForUsername(_ partial: String) -> Bool {
        let t = partial.trimmingSpaces().lowercased()
        return t.hasSuffix("username:") || t.hasSuffix("login:") || t.hasSuffix("user name:")
    }

    static func asksForPassword(_ partial: String) -> Bool {
        partial.trimmingSpaces().lowercased().hasSuffix("password:")
    }

    static func asksToPressReturn(_ text: String) -> Bool {
        text.contains("Press RETURN to get started") || text.contains("press RETURN to get started")
    }

    /// Pager prompts, counted (each must be answered once).
    static func pagerPromptCount(_ raw: [UInt8]) -> Int {
        count(of: Array("--More--".utf8), in: raw) + count(of: Array("<--- More --->".utf8), in: raw)
    }

    /// A question the device asks before acting (`[confirm]`, `[yes/no]:`).
    static func asksForConfirmation(_ partial: String) -> Bool {
        let t = partial.trimmingSpaces()
        return t.hasSuffix("[confirm]") || t.hasSuffix("[yes/no]:") || t.hasSuffix("[yes/no]") || t.hasSuffix("? [no]:")
    }

    private static func count(of needle: [UInt8], in hay: [UInt8]) -> Int {
        guard hay.count >= needle.count else { return 0 }
        var n = 0, i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { n += 1; i += needle.count } else { i += 1 }
        }
        return n
    }
}
