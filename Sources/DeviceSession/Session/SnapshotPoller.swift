import Foundation
import IPsecKit

/// Parsed output of one poll of a show command.
public struct Snapshot: Sendable {
    public var command: String
    public var takenAt: Date
    public var report: AnalysisReport
    public var deviceError: String?
}

/// Runs show commands on an interval and parses each output with the same code that
/// reads saved logs (`SessionAnalyzer`), so live and offline views agree.
public struct SnapshotPoller {
    public var commands: [String]
    public var interval: Duration
    private var nextDue: ContinuousClock.Instant?

    public init(commands: [String], interval: Duration) {
        self.commands = commands
        self.interval = interval
    }

    /// Time left until the next poll is due (zero when due now).
    public func timeUntilDue() -> Duration {
        guard let nextDue else { return .zero }
        return max(.zero, ContinuousClock.now.duration(to: nextDue))
    }

    /// Polls when due; returns the snapshots taken (empty when not due yet).
    public mutating func pollIfDue(_ session: ManagedSession) throws(DeviceSessionError) -> [Snapshot] {
        guard timeUntilDue() == .zero else { return [] }
        nextDue = ContinuousClock.now + interval
        var snapshots: [Snapshot] = []
        for command in commands {
            let result = try session.execute(command)
            snapshots.append(Self.snapshot(of: result, platform: session.platform))
        }
        return snapshots
    }

    /// Parses one command's result.
    public static func snapshot(of result: CommandResult, platform: Platform?) -> Snapshot {
        let report = SessionAnalyzer.analyze(result.transcript, options: .init(platform: platform), isAsynchronous: { _ in false })
        return Snapshot(command: result.command, takenAt: result.finishedAt, report: report, deviceError: result.deviceError)
    }
}
