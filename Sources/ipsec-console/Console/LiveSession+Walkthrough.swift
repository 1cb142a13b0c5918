import ConsoleUI
import DeviceSession
import Foundation
import IPsecKit

/// A walkthrough run by the live console: the pure run, the runner over the session,
/// and how steps are to follow each other.
final class LiveWalkthrough {
    var run: WalkthroughRun
    let runner: WalkthroughRunner
    let target: String
    /// Steps follow each other without a key press.
    var automatic = true
    /// Single steps asked for while paused.
    var pendingSteps = 0
    var activity: String?
    var running = false
    var problem: String?

    init(run: WalkthroughRun, runner: WalkthroughRunner, target: String) {
        self.run = run; self.runner = runner; self.target = target
    }

    var progress: WalkthroughProgress {
        let step = run.currentStep
        return WalkthroughProgress(report: WalkthroughReport(run: run, target: target), currentStep: step?.id, currentChecks: step?.checks,
                                   activity: activity, isRunning: running, isAutomatic: automatic, problem: problem)
    }
}

/// `:walk` on the session thread: steps run between polls, progress goes to the console.
extension LiveSession {
    func startWalkthrough(_ name: String, peer: String?, managed: ManagedSession) {
        let catalog: SignatureCatalog
        let library: WalkthroughLibrary
        do {
            catalog = try UserSignatureFiles.catalogWithOverrides()
            library = try UserWalkthroughFiles.library(catalog: catalog) { [self] in post(.notice($0, isError: true)) }
        } catch {
            post(.notice("walkthroughs cannot be loaded: \(error)", isError: true))
            return
        }
        guard let walkthrough = library[name] else {
            post(.notice("no walkthrough \(name) (known: \(library.ids.joined(separator: ", ")))", isError: true))
            return
        }
        let run = WalkthroughRun(walkthrough: walkthrough, catalog: catalog, platform: managed.platform ?? .ios, peer: peer)
        let live = LiveWalkthrough(run: run, runner: WalkthroughRunner(session: managed, options: walkthroughOptions),
                                   target: managed.configuration.target.description)
        live.runner.isCancelled = { [self] in isStopping }
        live.runner.onEvent = { [self, live] event in
            switch event {
            case .command(let command): live.activity = "$ " + command
            case .debugsOn(let commands):
                live.activity = "debugs on (\(commands.joined(separator: "; "))), waiting up to \(walkthroughOptions.debugWait.components.seconds)s"
                // The status bar shows the walkthrough's debugs as loudly as the user's.
                post(.debugsChanged(Set(live.run.plan()?.debugKinds ?? [])))
            case .debugsOff(let problems):
                live.activity = problems.isEmpty ? "debugs off" : "debugs off, with problems: " + problems.joined(separator: "; ")
                post(.debugsChanged(Set(wantedDebugs)))
            case .stepStarted, .stepFinished, .concluded: break
            }
            post(.walkthrough(live.progress))
        }
        walk = live
        post(.walkthrough(live.progress))
    }

    /// The bound of a debug wait (`--walk-debug-wait`, default 30 s) and the counter poll
    /// interval, never longer than the wait: a short wait (demos, a fast lab) keeps steps short.
    static func walkthroughOptions(debugWait: Duration?) -> WalkthroughRunner.Options {
        var options = WalkthroughRunner.Options()
        if let debugWait, debugWait > .zero {
            options.debugWait = debugWait
            options.pollInterval = min(options.pollInterval, debugWait)
        }
        return options
    }

    func controlWalkthrough(_ control: WalkthroughControl) {
        guard let live = walk else { return }
        switch control {
        case .step: live.automatic = false; live.pendingSteps += 1
        case .resume: live.automatic = true
        case .pause: live.automatic = false; live.pendingSteps = 0
        case .skip:
            live.automatic = false
            live.run.skip()
        case .back:
            live.automatic = false
            live.run.back()
        case .rerun:
            live.automatic = false
            live.run.back()
            live.pendingSteps = 1
        }
        live.problem = nil
        post(.walkthrough(live.progress))
    }

    /// Runs the next step when one is due. Debugs the user turned on stay as they were:
    /// a debug step arms its own and the user's are armed again afterwards.
    func advanceWalkthrough(_ managed: ManagedSession) throws {
        guard let live = walk, !live.run.isConcluded, live.automatic || live.pendingSteps > 0 else { return }
        if live.pendingSteps > 0 { live.pendingSteps -= 1 }
        let plan = live.run.plan()
        let needsDebugs = plan?.debugKinds != nil
        if needsDebugs, managed.debugs.isArmed { _ = managed.disarmDebugs() }
        live.running = true
        live.problem = nil
        post(.walkthrough(live.progress))
        defer {
            live.running = false
            live.activity = nil
            post(.walkthrough(live.progress))
        }
        // Progress events read `live.run` while the step runs: step a copy, store it after.
        var run = live.run
        defer { live.run = run }
        do {
            try live.runner.runStep(&run)
        } catch {
            live.automatic = false
            live.problem = "\(error)"
            if error.isConnectionLost { throw error }
        }
        if needsDebugs { try armWanted(managed) }
    }
}
