/// The console's panes, in number-key order.
public enum PaneID: Int, CaseIterable, Sendable {
    case phase1 = 1, phase2, engine, debug, findings

    public var title: String {
        switch self {
        case .phase1: return "Phase 1"
        case .phase2: return "Phase 2"
        case .engine: return "Engine"
        case .debug: return "Debug"
        case .findings: return "Findings"
        }
    }

    public var next: PaneID { PaneID(rawValue: rawValue % PaneID.allCases.count + 1)! }
    public var previous: PaneID { PaneID(rawValue: (rawValue + PaneID.allCases.count - 2) % PaneID.allCases.count + 1)! }
}
