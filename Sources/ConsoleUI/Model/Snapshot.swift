import Foundation
import IPsecKit

/// One poll of the device: everything parsed from one round of show commands, and when.
public struct Snapshot: Equatable, Sendable {
    public var report: AnalysisReport
    public var takenAt: Date
    public var platform: Platform?

    public init(report: AnalysisReport, takenAt: Date, platform: Platform? = nil) {
        self.report = report; self.takenAt = takenAt; self.platform = platform
    }
}
