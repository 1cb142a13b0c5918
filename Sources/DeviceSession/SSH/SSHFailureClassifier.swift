import Foundation

/// Reads what OpenSSH printed on standard error when it gave up, and says what went
/// wrong and what to do, in the user's terms.
public enum SSHFailureClassifier {
    /// The failure ssh's messages describe, or nil when they name nothing known.
    public static func classify(_ stderr: String, host: String, port: Int?, refusedHostKey: HostKeyQuestion?) -> ConnectionFailure? {
        let endpoint = "\(host) port \(port ?? 22)"
        if stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") {
            let fingerprint = token(after: "sent by the remote host is\n", in: stderr) ?? token(after: "sent by the remote host is", in: stderr)
            let offending = lineRest(after: "Offending ", in: stderr).flatMap { rest -> String? in
                guard let r = rest.range(of: " key in ") else { return nil }
                return String(rest[r.upperBound...])
            }
            var advice = "If the device was really replaced or its key regenerated, check the new fingerprint on the device"
            if let offending, let colon = offending.lastIndex(of: ":") {
                let file = String(offending[..<colon])
                advice += ", then remove the old key with: ssh-keygen -f \"\(file)\" -R \"\(port.map { "[\(host)]:\($0)" } ?? host)\""
            }
            advice += ". Otherwise someone may be intercepting the connection: do not log in."
            return ConnectionFailure(kind: .changedHostKey,
                                     message: "refused: the host key of \(endpoint) has changed (now \(fingerprint ?? "unknown fingerprint"); the old one is in \(offending ?? "known_hosts"))",
                                     advice: advice, fingerprint: fingerprint, knownHostsLine: offending)
        }
        if let refusedHostKey, stderr.contains("Host key verification failed") {
            return ConnectionFailure(kind: .unknownHostKey,
                                     message: "the host key of \(endpoint) is not known: \(refusedHostKey.keyType) \(refusedHostKey.fingerprint)",
                                     advice: "Compare it with the key on the device (IOS: show crypto key mypubkey rsa / show ip ssh; ASA: show ssh fingerprint... or show crypto key mypubkey rsa); if it matches, run again with --accept-host-key \(refusedHostKey.fingerprint)",
                                     fingerprint: refusedHostKey.fingerprint)
        }
        if let line = lineRest(after: "No ", in: stderr), line.contains("host key is known for") {
            return ConnectionFailure(kind: .unknownHostKey,
                                     message: "the host key of \(endpoint) is not known and strict checking was requested",
                                     advice: "Leave StrictHostKeyChecking at its default so the fingerprint can be shown and confirmed, or add the key to known_hosts")
        }
        if stderr.contains("Host key verification failed") {
            return ConnectionFailure(kind: .unknownHostKey, message: "the host key of \(endpoint) could not be verified",
                                     advice: "Check known_hosts and the device's key")
        }
        for (phrase, option, what) in algorithmProblems {
            if let offer = lineRest(after: phrase + ". Their offer: ", in: stderr) {
                let first = offer.split(separator: ",").first.map(String.init) ?? offer
                var suggestion = "-o \(option)=+\(first)"
                if option == "HostKeyAlgorithms", first == "ssh-rsa" || first == "ssh-dss" {
                    suggestion += " -o PubkeyAcceptedAlgorithms=+\(first)"
                }
                return ConnectionFailure(kind: .algorithmMismatch,
                                         message: "\(endpoint) offers only old \(what) (\(offer)) that this ssh client no longer enables by default",
                                         advice: "Run again with the ssh option \(suggestion) (after --), or put it in ~/.ssh/config for this host",
                                         suggestedOption: suggestion)
            }
        }
        if stderr.contains("Permission denied") || stderr.contains("Too many authentication failures") {
            return ConnectionFailure(kind: .authenticationFailed, message: "authentication failed at \(endpoint)",
                                     advice: "Check the user name and the password or key (a password comes from --password-stdin or --password-file)")
        }
        if stderr.contains("Connection refused") {
            return ConnectionFailure(kind: .connectionRefused, message: "connection refused by \(endpoint)",
                                     advice: "Check the address and port, and that SSH is enabled on the device (IOS: ip ssh version 2 and transport input ssh on the vty lines; ASA: ssh ADDRESS MASK INTERFACE)")
        }
        if stderr.contains("timed out") || stderr.contains("Operation timed out") {
            return ConnectionFailure(kind: .timedOut, message: "the connection to \(endpoint) timed out",
                                     advice: "Check the address, routing and any firewall or access list in between (and ssh/vty access-class on the device)")
        }
        if stderr.contains("No route to host") || stderr.contains("Network is unreachable") {
            return ConnectionFailure(kind: .hostUnreachable, message: "\(endpoint) cannot be reached (no route)", advice: "Check the address and routing")
        }
        if let rest = lineRest(after: "Could not resolve hostname ", in: stderr) {
            return ConnectionFailure(kind: .hostUnreachable, message: "cannot resolve host name \(rest)", advice: "Check the spelling or use the address")
        }
        if stderr.contains("kex_exchange_identification") || stderr.contains("Connection reset by peer") || stderr.contains("Connection closed by") {
            return ConnectionFailure(kind: .closed, message: "\(endpoint) closed the connection before logging in",
                                     advice: "The device may limit sessions (all vty lines busy), filter the source address, or not run SSH on this port")
        }
        return nil
    }

    private static let algorithmProblems: [(String, String, String)] = [
        ("no matching key exchange method found", "KexAlgorithms", "key exchange methods"),
        ("no matching host key type found", "HostKeyAlgorithms", "host key types"),
        ("no matching cipher found", "Ciphers", "ciphers"),
        ("no matching MAC found", "MACs", "MACs"),
    ]

    /// Parses ssh's host key question (asked through askpass).
    public static func hostKeyQuestion(_ prompt: String) -> HostKeyQuestion? {
        guard prompt.contains("authenticity of host"), let fingerprint = token(after: "key fingerprint is ", in: prompt) else { return nil }
        var host = "unknown host"
        if let r = prompt.range(of: "authenticity of host '") {
            let rest = prompt[r.upperBound...]
            host = String(rest.prefix { $0 != "'" && $0 != " " })
        }
        var keyType = "unknown"
        if let r = prompt.range(of: " key fingerprint is ") {
            let before = prompt[..<r.lowerBound]
            keyType = String(before.split(whereSeparator: { $0.isWhitespace }).last ?? "unknown")
        }
        return HostKeyQuestion(host: host, keyType: keyType, fingerprint: fingerprint, text: prompt)
    }

    /// The word after `marker`, without a trailing full stop.
    static func token(after marker: String, in text: String) -> String? {
        guard let r = text.range(of: marker) else { return nil }
        var word = String(text[r.upperBound...].drop { $0.isWhitespace }.prefix { !$0.isWhitespace })
        while word.hasSuffix(".") { word.removeLast() }
        return word.isEmpty ? nil : word
    }

    /// The rest of the line after `marker`, trimmed.
    static func lineRest(after marker: String, in text: String) -> String? {
        guard let r = text.range(of: marker) else { return nil }
        return String(text[r.upperBound...].prefix { !$0.isNewline }).trimmingSpaces()
    }
}
