import Foundation

/// The latest snapshot, the one before it (for deltas and rates) and when each row was
/// first seen in its current state (for row ages).
public struct SnapshotHistory: Equatable, Sendable {
    public private(set) var current: Snapshot?
    public private(set) var previous: Snapshot?
    public private(set) var firstSeen: [String: Date] = [:]
    /// For each row of the current snapshot, the index of the same row in the previous one;
    /// derived once per snapshot so a frame never rebuilds these lookups.
    public private(set) var previousIndex = PreviousRowIndex()

    public init() {}

    public mutating func record(_ snapshot: Snapshot) {
        previous = current
        current = snapshot
        var seen: [String: Date] = [:]
        for key in RowIdentity.ageKeys(of: snapshot.report) {
            seen[key] = firstSeen[key] ?? snapshot.takenAt
        }
        firstSeen = seen
        previousIndex = PreviousRowIndex(current: snapshot.report, previous: previous?.report)
    }

    /// Seconds between the two snapshots, when both exist and time moved forward.
    public var interval: TimeInterval? {
        guard let current, let previous else { return nil }
        let dt = current.takenAt.timeIntervalSince(previous.takenAt)
        return dt > 0 ? dt : nil
    }
}
