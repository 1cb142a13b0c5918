import ConsoleUI
import Synchronization

/// Messages from other threads (replay reader, session layer, signal handlers, background
/// file writes) waiting for the UI loop, which drains them between key reads.
final class MessageInbox: Sendable {
    private let queue = Mutex<[ConsoleMsg]>([])

    func post(_ msg: ConsoleMsg) { queue.withLock { $0.append(msg) } }

    func drain() -> [ConsoleMsg] {
        queue.withLock { q in
            defer { q.removeAll(keepingCapacity: true) }
            return q
        }
    }
}

/// Runs the effects the console cannot run itself: the device side. The live session layer
/// implements it; `ReplayEffectHandler` answers for a read-only replay.
protocol ConsoleEffectHandler: Sendable {
    func handle(_ effect: ConsoleEffect, send: @escaping @Sendable (ConsoleMsg) -> Void)
}
