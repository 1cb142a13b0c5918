/// `:compare` could not get or read one end's configuration: which end, what went wrong and
/// what to do, shown in a detail view (a bottom-line notice is gone too soon to act on).
public struct ComparisonFailure: Equatable, Sendable {
    public enum Side: Equatable, Sendable {
        /// This device, the one the console is connected to (A).
        case own
        /// The other end: the file or target given to `:compare` (B).
        case other
    }

    public var side: Side
    /// The file or target as the user gave it (`this device (lab://...)`, `ssh://admin@10.1.0.2`).
    public var source: String
    public var problem: String
    /// Steps to try, most likely first.
    public var advice: [String]

    public init(side: Side, source: String, problem: String, advice: [String]) {
        self.side = side; self.source = source; self.problem = problem; self.advice = advice
    }

    public var sideName: String { side == .own ? "A, this device" : "B, the other end" }

    /// The detail view's title and lines.
    public var detail: (title: String, lines: [String]) {
        var lines = ["Side \(sideName): \(source)", "", "What went wrong:", "  " + problem]
        if !advice.isEmpty {
            lines += ["", "What to do:"] + advice.map { "  - " + $0 }
        }
        return ("Compare: \(side == .own ? "this device" : "the other end") failed", lines)
    }

    /// Opens the detail view, unless a dialog is waiting for an answer (it keeps the keys;
    /// the notice says what failed).
    func present(_ s: inout ConsoleState) {
        ConsoleUpdate.notify(&s, "compare: \(source): \(problem)", isError: true)
        if case .dialog? = s.overlay { return }
        let detail = detail
        s.overlay = .detail(title: detail.title, lines: detail.lines, offset: 0)
    }
}
