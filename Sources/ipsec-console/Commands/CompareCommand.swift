import ArgumentParser
import DeviceSession
import Foundation
import IPsecKit

/// `ipsec-console compare`: the two ends of a tunnel, configuration against configuration.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the crypto configuration of both ends of a LAN-to-LAN tunnel.",
        discussion: """
        Each side is a saved `show running-config` (an existing file) or a device target \
        (ssh://, user@host, telnet://, serial://, lab://SCENARIO?peer-of=HOST), whose running \
        configuration is fetched through a short read-only session; both devices are asked at \
        the same time, with the same credentials options. Reports every mismatch that stops \
        the tunnel or makes it one-way: ISAKMP policies, pre-shared keys (compared by digest, \
        never shown), transform sets, PFS, mirrored crypto ACLs, peer addresses, the crypto map \
        on the interface, NAT exemption, overlapping crypto ACLs and, on a remote-access head \
        end, sysopt, split tunnelling and inside routes. Each mismatch names the catalog id of \
        the failure it causes (see `ipsec-console signatures show ID`).

        --log FILE records side A's session in FILE and side B's in FILE with -b before the \
        extension; keys and passwords are masked.

        Exit status: 0 no mismatch, 1 mismatches found, 2 usage or input error, or a side that \
        could not be reached (the message names the side).
        """
    )

    /// Side A: its `target` argument may also be a saved configuration file.
    @OptionGroup var session: SessionOptions

    @Argument(help: ArgumentHelp("Side B: a saved configuration file or a target (same forms as side A).", valueName: "target-b"))
    var sideB: String

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    func validate() throws {
        try session.validateSecrets()
    }

    func run() throws {
        let sides: [ComparisonSide]
        do {
            sides = [try ComparisonSide.resolve(session.target), try ComparisonSide.resolve(sideB)]
        } catch {
            throw CleanExit.message("error: \(error.description)", code: ExitStatus.usage)
        }
        let texts = try Self.collect(sides, session: session)
        var configs: [CryptoConfig] = []
        for (side, (text, name)) in zip(["A", "B"], zip(texts, sides.map(\.name))) {
            do {
                configs.append(try RunningConfigSource.parse(text, from: name))
            } catch {
                throw CleanExit.message("error: side \(side): \(error.description)", code: ExitStatus.usage)
            }
        }
        let labelA = configs[0].hostname ?? "A", labelB = configs[1].hostname ?? "B"
        let result = ConfigComparison.compare(configs[0], configs[1], labelA: labelA, labelB: labelB == labelA ? labelB + "'" : labelB)
        if json {
            print(String(decoding: try AnalysisReport.makeJSONEncoder().encode(result), as: UTF8.self))
        } else {
            print(Self.render(result))
        }
        if !result.isClean { throw ExitCode(1) }
    }

    /// The configuration text of each side: files read, devices asked concurrently.
    static func collect(_ sides: [ComparisonSide], session: SessionOptions) throws -> [String] {
        let devices = sides.compactMap { if case let .device(t) = $0 { return t } else { return nil } }
        var shared: StaticCredentials?
        if let first = devices.first { shared = try session.credentials(target: first) }
        let outcomes = SideOutcomes(count: sides.count)
        var jobs: [(Int, ManagedSession.Configuration, StaticCredentials)] = []
        for (index, side) in sides.enumerated() {
            switch side {
            case .file(let path):
                do { outcomes.set(index, .success(try RunningConfigSource.read(file: path))) }
                catch { outcomes.set(index, .failure("error: side \(index == 0 ? "A" : "B") (\(path)): \(error.description)")) }
            case .device(let target):
                // The secrets are read once; each session gets its own provider, with the user its target names.
                var user = session.username
                if user == nil, case let .ssh(u, _, _) = target { user = u }
                let credentials = StaticCredentials(username: user, password: shared?.password, enableSecret: shared?.enableSecret,
                                                    acceptedFingerprints: shared?.acceptedFingerprints ?? [],
                                                    acceptNewHostKeys: shared?.acceptNewHostKeys ?? false)
                var options = session
                if index == 1, devices.count == 2, let log = session.log { options.log = Self.sideBLogPath(log) }
                let configuration = try options.sessionConfiguration(target: target, credentials: credentials) { _ in }
                jobs.append((index, configuration, credentials))
            }
        }
        if !jobs.isEmpty {
            InterruptSignals.shared.install()
            let work = UncheckedJobs(jobs: jobs)
            DispatchQueue.concurrentPerform(iterations: work.jobs.count) { n in
                let (index, configuration, credentials) = work.jobs[n]
                let side = index == 0 ? "A" : "B"
                do {
                    let text = try RunningConfigSource.fetch(configuration: configuration, credentials: credentials) {
                        ExecCommand.printError("warning: side \(side) (\(configuration.target)): \($0)")
                    }
                    outcomes.set(index, .success(text))
                } catch {
                    outcomes.set(index, .failure("error: side \(side) (\(configuration.target)): \(error)"))
                }
            }
        }
        var texts: [String] = []
        var failures: [String] = []
        for outcome in outcomes.all {
            switch outcome {
            case .success(let text): texts.append(text)
            case .failure(let message): failures.append(message)
            case nil: failures.append("error: a side was not read")
            }
        }
        guard failures.isEmpty else {
            for message in failures.dropLast() { ExecCommand.printError(message) }
            throw CleanExit.message(failures.last!, code: ExitStatus.usage)
        }
        return texts
    }

    /// `run.log` -> `run-b.log`; `run` -> `run-b`.
    static func sideBLogPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = url.deletingPathExtension().lastPathComponent + "-b" + (ext.isEmpty ? "" : "." + ext)
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? base : folder + "/" + base
    }

    static func render(_ r: ConfigComparison) -> String {
        var lines: [String] = []
        lines.append("Tunnel entries: \(r.labelA) \(r.tunnelA ?? "none") <-> \(r.labelB) \(r.tunnelB ?? "none")")
        func policy(_ m: ConfigComparison.PolicyMatch?, _ initiator: String, _ responder: String) -> String {
            m.map { "\(initiator) initiating: \(initiator) policy \($0.initiatorPriority) accepted by \(responder) policy \($0.responderPriority)" }
                ?? "\(initiator) initiating: no ISAKMP policy accepted"
        }
        lines.append(policy(r.policyMatchAInitiates, r.labelA, r.labelB))
        lines.append(policy(r.policyMatchBInitiates, r.labelB, r.labelA))
        lines.append("Transform sets in common: " + (r.commonTransformSets.isEmpty ? "none" : r.commonTransformSets.joined(separator: ", ")))
        lines.append("")
        if r.mismatches.isEmpty {
            lines.append("No mismatch found.")
        } else {
            lines.append("\(r.mismatches.count) mismatch\(r.mismatches.count == 1 ? "" : "es"):")
            for m in r.mismatches {
                let lineRefs = m.lines.isEmpty ? "" : " [\(m.lines.joined(separator: ", "))]"
                let also = m.alternatives.isEmpty ? "" : " (also seen as \(m.alternatives.joined(separator: ", ")))"
                lines.append("  ! \(m.check) -> \(m.signature)\(also)\(lineRefs)")
                lines.append("    \(m.message)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// What came of reading one side, filled in from the fetching threads.
private final class SideOutcomes: @unchecked Sendable {
    enum Outcome { case success(String), failure(String) }
    private let lock = NSLock()
    private var outcomes: [Outcome?]

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: Outcome) { lock.withLock { outcomes[index] = outcome } }
    var all: [Outcome?] { lock.withLock { outcomes } }
}

/// Each session is created here and used by exactly one fetching thread.
private struct UncheckedJobs: @unchecked Sendable {
    let jobs: [(Int, ManagedSession.Configuration, StaticCredentials)]
}
