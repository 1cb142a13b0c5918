import ConsoleUI
import DeviceSession

/// What to do when `:compare` cannot get one end's configuration, by the kind of failure.
enum ComparisonAdvice {
    static let saveToFile = "Or save that end's `show running-config` output to a file and run :compare FILE."

    /// The other end's target could not be understood.
    static func badArgument(_ argument: String, problem: String) -> ComparisonFailure {
        ComparisonFailure(side: .other, source: argument, problem: problem, advice: [
            "Give an existing file holding `show running-config` output, or a target: ssh://user@host, telnet://host:port, serial:///dev/ttyUSB0, lab://SCENARIO.",
        ])
    }

    /// A saved configuration file could not be read.
    static func unreadableFile(_ path: String, problem: String) -> ComparisonFailure {
        ComparisonFailure(side: .other, source: path, problem: problem, advice: [
            "Check the path (relative to the directory the console was started in) and that you may read the file.",
        ])
    }

    /// The text came, but holds no crypto configuration.
    static func noCryptoConfiguration(_ side: ComparisonFailure.Side, source: String, problem: String) -> ComparisonFailure {
        ComparisonFailure(side: side, source: source, problem: problem, advice: [
            "Make sure it is the whole `show running-config` (not `show startup-config` or a partial paste) of the end that terminates the tunnel.",
            side == .own ? "A user below privilege 15 sees only part of the configuration: log in with one that has it, or give --enable-secret."
                : "A user below privilege 15 sees only part of the configuration: use one with privilege 15 on that end.",
        ] + (side == .other ? [saveToFile] : []))
    }

    /// Fetching `show running-config` over a session failed.
    static func sessionFailed(_ side: ComparisonFailure.Side, source: String, error: Error) -> ComparisonFailure {
        var advice: [String]
        switch error as? DeviceSessionError {
        case .connection(let failure)?:
            switch failure.kind {
            case .authenticationFailed:
                advice = side == .other
                    ? ["The console logs in to the other end with its own user and password: put the right user in the target (ssh://admin@10.1.0.2), or use a key or an ~/.ssh/config entry for that host."]
                    : ["Check the user and password of this session."]
            case .connectionRefused, .timedOut, .hostUnreachable:
                advice = ["Check that this machine reaches \(source) and that the device accepts SSH or telnet from it (IOS: line vty / transport input ssh; ASA: ssh ADDRESS MASK INTERFACE)."]
            case .unknownHostKey, .changedHostKey:
                advice = ["Its host key is not trusted yet: connect once with `ipsec-console \(source)` (or ssh) to check and save it, then compare again."]
            case .algorithmMismatch:
                advice = ["Older devices need older SSH algorithms: allow them for that host in ~/.ssh/config (KexAlgorithms, HostKeyAlgorithms, Ciphers)."]
            case .noPrompt:
                advice = ["No Cisco prompt came back: check that it is an IOS/IOS-XE router or a PIX/ASA, and the port of the target."]
            default:
                advice = ["Try connecting to it alone with `ipsec-console \(source)` to see where it stops."]
            }
        case .device?, .refused?:
            advice = ["The device refused `show running-config`: log in with a privilege 15 user or give the enable secret (--enable-secret)."]
        case .commandTimeout?:
            advice = ["`show running-config` did not finish in time: try again, or raise --command-timeout."]
        default:
            advice = ["Try connecting to it alone with `ipsec-console \(source)` to see where it stops."]
        }
        if side == .other { advice.append(saveToFile) }
        return ComparisonFailure(side: side, source: source, problem: "\(error)", advice: advice)
    }
}
