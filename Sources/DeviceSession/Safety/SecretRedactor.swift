import Foundation

/// Masks secrets in lines before they are written to a log or recording: pre-shared
/// keys and passwords in shown configurations, and any secret this session typed.
public struct SecretRedactor: Sendable {
    public static let mask = "*****"
    /// Literal secrets of this session (login password, enable secret).
    private var knownSecrets: [String] = []

    public init() {}

    public mutating func addSecret(_ secret: Secret) {
        let text = secret.text
        if text.count >= 3 { knownSecrets.append(text) }
    }

    /// The line with every secret masked.
    public func redact(_ line: String) -> String {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let lower = words.map { $0.lowercased() }
        var i = 0
        while i < words.count {
            if let skip = Self.secretPosition(lower, at: i) {
                let target = i + skip
                if target < words.count, !words[target].isEmpty, words[target] != Self.mask {
                    words[target] = Self.mask
                }
            }
            i += 1
        }
        var result = words.joined(separator: " ")
        for secret in knownSecrets where result.contains(secret) {
            result = result.replacingAll(secret, with: Self.mask)
        }
        return result
    }

    /// How many words after `i` the secret sits, when word `i` introduces one.
    /// `crypto isakmp key [0|6|7] SECRET address ...`, keyring `pre-shared-key address X key SECRET`,
    /// ASA `pre-shared-key SECRET`, `ikev1 pre-shared-key SECRET`, `username U password [7] SECRET`,
    /// `enable secret [5] SECRET`, `enable password SECRET`, `key-string`, `tacacs-server key`.
    static func secretPosition(_ words: [String], at i: Int) -> Int? {
        let w = words[i]
        func next(_ k: Int) -> String? { i + k < words.count ? words[i + k] : nil }
        func skippingEncryptionType(_ k: Int) -> Int {
            if let t = next(k), ["0", "5", "6", "7", "8", "9"].contains(t), next(k + 1) != nil { return k + 1 }
            return k
        }
        switch w {
        case "key":
            guard i > 0 else { return nil }
            if ["isakmp", "tacacs-server", "radius-server", "server-key"].contains(words[i - 1]) { return skippingEncryptionType(1) }
            if i >= 2, ["address", "hostname"].contains(words[i - 2]) { return skippingEncryptionType(1) }
            return nil
        case "pre-shared-key":
            if let n = next(1), ["address", "hostname", "*"].contains(n) { return nil }
            if let n = next(1), n == "local" || n == "remote" { return skippingEncryptionType(2) }
            return skippingEncryptionType(1)
        case "password", "secret", "key-string":
            return skippingEncryptionType(1)
        default:
            return nil
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        return result + rest
    }
}
