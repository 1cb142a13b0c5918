import Foundation
import IPsecKit

/// The I/O edge of a walkthrough: runs the current step's plan on a managed session,
/// arms conditional debugs for the peer for a bounded wait and always turns them off,
/// and hands the outputs to the pure `WalkthroughRun`, which picks the branch.
///
/// Debug and log lines reach the session's asynchronous-line callback; wire that callback
/// to `receive(_:)` so the wait sees them.
public final class WalkthroughRunner {
    public struct Options: Sendable {
        /// The longest a debug wait lasts; it ends earlier once a finding decides the step.
        public var debugWait: Duration = .seconds(30)
        /// Time between the polls of a step that compares counters.
        public var pollInterval: Duration = .seconds(5)

        public init(debugWait: Duration = .seconds(30), pollInterval: Duration = .seconds(5)) {
            self.debugWait = debugWait; self.pollInterval = pollInterval
        }
    }

    /// Progress, for printing or for the console.
    public enum Event: Sendable {
        case stepStarted(WalkthroughStepPlan)
        case command(String)
        case debugsOn([String])
        case debugsOff(problems: [String])
        case stepFinished(WalkthroughStepRecord)
        case concluded(WalkthroughConclusion)
    }

    public let session: ManagedSession
    public let options: Options
    public var onEvent: (Event) -> Void = { _ in }
    /// Checked during a debug wait: true ends the wait at once (the console is quitting).
    public var isCancelled: () -> Bool = { false }
    private var watch: DebugWatch?

    public init(session: ManagedSession, options: Options = Options()) {
        self.session = session
        self.options = options
    }

    /// An asynchronous line from the device: counted by the running debug wait, if any.
    public func receive(_ text: String) {
        watch?.consume(text)
    }

    /// Runs every step until the walkthrough concludes.
    public func runToConclusion(_ run: inout WalkthroughRun) throws(DeviceSessionError) {
        while !run.isConcluded {
            try runStep(&run)
        }
    }

    /// Runs the current step and records its result.
    public func runStep(_ run: inout WalkthroughRun) throws(DeviceSessionError) {
        guard let plan = run.plan() else { return }
        onEvent(.stepStarted(plan))
        var outputs = WalkthroughStepOutputs()
        for poll in 0..<plan.polls {
            if poll > 0 { try session.pump(for: options.pollInterval) }
            for command in plan.commands { outputs.commands.append(try execute(command)) }
        }
        for command in plan.sweep { outputs.commands.append(try execute(command)) }
        if let kinds = plan.debugKinds {
            outputs.debugFindings = try debugWait(kinds: kinds, peer: plan.debugPeer, decisive: plan.decisiveFindings, catalog: run.catalog)
        }
        run.complete(outputs)
        if let record = run.records.last { onEvent(.stepFinished(record)) }
        if let conclusion = run.conclusion { onEvent(.concluded(conclusion)) }
    }

    private func execute(_ command: String) throws(DeviceSessionError) -> WalkthroughStepOutputs.Output {
        onEvent(.command(command))
        let result = try session.execute(command)
        // Show commands are parsed from the transcript (prompt and command first), as the poller does.
        return WalkthroughStepOutputs.Output(command: command, output: result.transcript)
    }

    /// Debugs on, wait until a decisive finding or the bound, debugs off whatever happened.
    private func debugWait(kinds: [DebugKind], peer: String?, decisive: Set<String>,
                           catalog: SignatureCatalog) throws(DeviceSessionError) -> [Finding] {
        var failure: DeviceSessionError?
        do {
            try session.armDebugs(kinds, peer: peer)
            // Lines from before every debug is on (a console prints syslog at once) could
            // show half a negotiation and decide the step wrongly: count from here on.
            watch = DebugWatch(catalog: catalog, decisive: decisive)
            onEvent(.debugsOn(session.debugs.armedCommands))
            let deadline = ContinuousClock.now + options.debugWait
            while ContinuousClock.now < deadline, watch?.isDecided != true, !isCancelled() {
                try session.pump(for: min(.milliseconds(250), ContinuousClock.now.duration(to: deadline)))
            }
        } catch {
            failure = error
        }
        let problems = session.disarmDebugs()
        onEvent(.debugsOff(problems: problems))
        let findings = watch?.finish() ?? []
        watch = nil
        if let failure { throw failure }
        return findings
    }
}
