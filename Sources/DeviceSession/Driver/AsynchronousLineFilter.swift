import IPsecKit

/// Adapts the diagnosis engine's `LineClassifier` (which remembers the previous line,
/// for multi-line debug messages) to `CLIDriver.Options.isAsynchronous`.
public final class AsynchronousLineFilter {
    private var classifier = LineClassifier()

    public init() {}

    /// True for debug and syslog lines (and their continuation lines).
    public func isAsynchronous(_ line: ByteLine) -> Bool {
        classifier.classify(line).isAsynchronous
    }

    /// A closure for `CLIDriver.Options`, holding its own filter.
    public static func makeClosure() -> (ByteLine) -> Bool {
        let filter = AsynchronousLineFilter()
        return { filter.isAsynchronous($0) }
    }
}
