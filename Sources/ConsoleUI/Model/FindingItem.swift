import Foundation
import IPsecKit

/// What the Findings pane shows of one diagnosis. The diagnosis engine's findings map to
/// it (conform with `FindingPresentable`); the console needs nothing else from them.
public struct FindingItem: Equatable, Sendable, Identifiable {
    /// Stable id: the catalog signature id plus what tells occurrences apart (the peer).
    public var id: String
    public var signatureId: String
    public var title: String
    public var severity: Severity
    public var summary: String
    public var peer: String?
    /// How many times it was seen.
    public var count: Int
    public var lastSeen: Date?
    public var causes: [String]
    public var fixes: [FixStep]
    /// Line numbers in the debug stream (`DebugLine.sourceLine`) that show it.
    public var evidenceLines: [Int]
    /// Show/debug commands that confirm it.
    public var confirm: PlatformCommands
    public var platform: Platform?

    public init(id: String, signatureId: String, title: String, severity: Severity, summary: String = "",
                peer: String? = nil, count: Int = 1, lastSeen: Date? = nil, causes: [String] = [], fixes: [FixStep] = [],
                evidenceLines: [Int] = [], confirm: PlatformCommands = PlatformCommands(), platform: Platform? = nil) {
        self.id = id; self.signatureId = signatureId; self.title = title; self.severity = severity; self.summary = summary
        self.peer = peer; self.count = count; self.lastSeen = lastSeen; self.causes = causes; self.fixes = fixes
        self.evidenceLines = evidenceLines; self.confirm = confirm; self.platform = platform
    }
}

/// Anything the Findings pane can show: the diagnosis engine's finding type conforms.
public protocol FindingPresentable {
    var findingItem: FindingItem { get }
}

extension FindingItem: FindingPresentable {
    public var findingItem: FindingItem { self }
}

extension Severity {
    /// Glyph and word, so severity never depends on colour alone.
    public var badge: String {
        switch self {
        case .critical: return "!! CRIT"
        case .error: return "!  ERR"
        case .warning: return "~  WARN"
        case .info: return "i  INFO"
        }
    }

    public var role: StyleRole {
        switch self {
        case .critical: return .severityCritical
        case .error: return .severityError
        case .warning: return .severityWarning
        case .info: return .severityInfo
        }
    }
}
