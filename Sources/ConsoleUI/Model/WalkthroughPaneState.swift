import IPsecKit

/// Where a walkthrough running on the session thread stands, as the console shows it.
/// The session posts a fresh one after every event (step started, command sent, step
/// done, conclusion), so the pane never has to piece progress together.
public struct WalkthroughProgress: Equatable, Sendable {
    /// Steps done and the conclusion (also what `:export` writes).
    public var report: WalkthroughReport
    /// The step due or running, nil once concluded.
    public var currentStep: String?
    public var currentChecks: String?
    /// The command being sent now, or the debug wait in words.
    public var activity: String?
    public var isRunning: Bool
    /// Steps follow each other without a key press.
    public var isAutomatic: Bool
    /// Why the last step could not run (connection lost, command refused).
    public var problem: String?

    public init(report: WalkthroughReport, currentStep: String? = nil, currentChecks: String? = nil, activity: String? = nil,
                isRunning: Bool = false, isAutomatic: Bool = true, problem: String? = nil) {
        self.report = report; self.currentStep = currentStep; self.currentChecks = currentChecks; self.activity = activity
        self.isRunning = isRunning; self.isAutomatic = isAutomatic; self.problem = problem
    }
}

/// The walkthrough pane: the progress plus what the user did with it (selection, which
/// steps show their evidence, whether the pane is open).
public struct WalkthroughPaneState: Equatable, Sendable {
    public var progress: WalkthroughProgress
    /// Index of the selected step among the steps done (the current step is one past them).
    public var selected: Int = 0
    public var expanded: Set<Int> = []
    public var isVisible = true
    public var scroll = 0

    public init(progress: WalkthroughProgress) { self.progress = progress }
}

/// What the walkthrough keys ask the session to do.
public enum WalkthroughControl: Equatable, Sendable {
    /// Run the current step only, then wait.
    case step
    /// Run the remaining steps one after the other.
    case resume
    /// Take the current step's fallback branch without running it.
    case skip
    /// Undo the last step; it becomes the current one.
    case back
    /// Undo the last step and run it again.
    case rerun
    /// Stop after the running step; the pane stays.
    case pause
}
