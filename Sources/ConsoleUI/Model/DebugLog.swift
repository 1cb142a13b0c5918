import IPsecKit
import Foundation

/// One sanitised line in the debug scrollback.
public struct DebugLine: Equatable, Sendable {
    /// Position in the stream since the console started (never reused).
    public var seq: Int
    public var sourceLine: Int?
    public var text: String
    public var kind: DebugClass
    public var peer: String?
    /// The ids of the findings the diagnosis took this line as evidence for, first marked
    /// first (at most `DebugLine.findingLimit`).
    public var findings: [String] = []

    /// The first finding the line is evidence for.
    public var finding: String? { findings.first }

    /// A line rarely backs more than two findings; the cap keeps a pathological stream of
    /// marks from growing a line.
    public static let findingLimit = 4
}

/// Which lines the debug pane shows.
public struct DebugFilter: Equatable, Sendable {
    public var kind: DebugClass?
    public var peer: String?

    public init(kind: DebugClass? = nil, peer: String? = nil) { self.kind = kind; self.peer = peer }

    public var isActive: Bool { kind != nil || peer != nil }

    public func matches(_ line: DebugLine) -> Bool {
        if let kind, line.kind != kind { return false }
        if let peer, !line.text.contains(peer) { return false }
        return true
    }
}

/// The bounded debug scrollback: a ring of at most `capacity` lines, addressed by
/// sequence number, with an index of the lines that pass the filter so a filtered view
/// draws only its visible rows without scanning the whole buffer.
public struct DebugLog: Equatable, Sendable {
    public static let defaultCapacity = 100_000

    public let capacity: Int
    private var ring: [DebugLine] = []
    private var head = 0 // index in `ring` of the oldest line once full
    /// Sequence number of the oldest line kept.
    public private(set) var firstSeq = 0
    /// Sequence number the next line gets.
    public private(set) var nextSeq = 0
    public private(set) var filter = DebugFilter()
    /// Sequence numbers passing the filter, oldest first, from `filteredStart` on.
    private var filtered: [Int] = []
    private var filteredStart = 0

    public init(capacity: Int = DebugLog.defaultCapacity) { self.capacity = max(1, capacity) }

    public var count: Int { nextSeq - firstSeq }

    public func line(seq: Int) -> DebugLine? {
        guard seq >= firstSeq, seq < nextSeq else { return nil }
        let offset = seq - firstSeq
        return ring[(head + offset) % ring.count]
    }

    public mutating func append(_ input: DebugInput) {
        let text = ScreenTextSanitizer.sanitize(input.text)
        let classified = text.withByteLine { LineClassifier.classify($0) }
        let line = DebugLine(seq: nextSeq, sourceLine: input.sourceLine, text: text,
                             kind: DebugClass(classified.kind), peer: classified.peer ?? DebugClass.firstIPv4(in: text))
        if ring.count < capacity {
            ring.append(line)
        } else {
            ring[head] = line
            head = (head + 1) % capacity
            firstSeq += 1
        }
        nextSeq += 1
        if filter.isActive {
            if filter.matches(line) { filtered.append(line.seq) }
            while filteredStart < filtered.count, filtered[filteredStart] < firstSeq { filteredStart += 1 }
            if filteredStart > 4096, filteredStart * 2 > filtered.count {
                filtered.removeFirst(filteredStart); filteredStart = 0
            }
        }
    }

    /// Binary search for the line fed as `number`, for a log whose source lines grow;
    /// lines without a number (`:exec` output) are stepped over.
    private func searchSorted(sourceLine number: Int) -> Int? {
        var lo = firstSeq, hi = nextSeq - 1
        while lo <= hi {
            let middle = (lo + hi) / 2
            var mid = middle
            while mid >= lo, line(seq: mid)?.sourceLine == nil { mid -= 1 }
            guard mid >= lo, let s = line(seq: mid)?.sourceLine else { lo = middle + 1; continue }
            if s == number { return mid }
            if s < number { lo = middle + 1 } else { hi = mid - 1 }
        }
        return nil
    }

    /// Tags lines with the findings they are evidence for, found by `sourceLine` (a binary
    /// search: marks come in bulk); each id once per line, in the order marked. Marks for
    /// lines no longer (or not yet) kept are ignored.
    public mutating func mark(_ marks: [EvidenceMark]) {
        for m in marks {
            guard let seq = searchSorted(sourceLine: m.line) else { continue }
            let index = (head + seq - firstSeq) % ring.count
            guard !ring[index].findings.contains(m.findingId), ring[index].findings.count < DebugLine.findingLimit else { continue }
            ring[index].findings.append(m.findingId)
        }
    }

    public mutating func setFilter(_ newFilter: DebugFilter) {
        filter = newFilter
        filtered = []
        filteredStart = 0
        guard newFilter.isActive else { return }
        for seq in firstSeq..<nextSeq where newFilter.matches(line(seq: seq)!) { filtered.append(seq) }
    }

    // MARK: Positions: 0..<visibleCount over the lines that pass the filter.

    public var visibleCount: Int { filter.isActive ? filtered.count - filteredStart : count }

    public func seq(atPosition p: Int) -> Int? {
        guard p >= 0, p < visibleCount else { return nil }
        return filter.isActive ? filtered[filteredStart + p] : firstSeq + p
    }

    /// Position of the first visible line with sequence number >= `seq`.
    public func position(ofSeq seq: Int) -> Int {
        if !filter.isActive { return min(max(0, seq - firstSeq), count) }
        var lo = filteredStart, hi = filtered.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if filtered[mid] < seq { lo = mid + 1 } else { hi = mid }
        }
        return lo - filteredStart
    }

    /// The line whose `sourceLine` is `number`, searching newest first.
    public func seq(ofSourceLine number: Int) -> Int? {
        // Source lines only grow within one source: try a binary search first.
        if let seq = searchSorted(sourceLine: number) { return seq }
        var seq = nextSeq - 1
        while seq >= firstSeq {
            if line(seq: seq)?.sourceLine == number { return seq }
            seq -= 1
        }
        return nil
    }

    /// The next (or previous) visible line after position `from` whose text contains `pattern`
    /// (case-insensitive), wrapping around.
    public func search(_ pattern: String, from position: Int, forward: Bool) -> Int? {
        let n = visibleCount
        guard n > 0, !pattern.isEmpty else { return nil }
        for step in 1...n {
            let p = ((position + (forward ? step : -step)) % n + n) % n
            if let seq = seq(atPosition: p), let line = line(seq: seq),
               line.text.range(of: pattern, options: .caseInsensitive) != nil {
                return p
            }
        }
        return nil
    }

    public static func == (a: DebugLog, b: DebugLog) -> Bool {
        a.capacity == b.capacity && a.firstSeq == b.firstSeq && a.nextSeq == b.nextSeq && a.filter == b.filter
            && (a.firstSeq..<a.nextSeq).allSatisfy { a.line(seq: $0) == b.line(seq: $0) }
    }
}
