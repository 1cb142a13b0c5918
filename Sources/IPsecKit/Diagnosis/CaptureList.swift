/// Named capture values kept past their line (a finding's, a pending line's): the first value
/// seen for each name, in name order.
///
/// Names are the compiled catalog's ids (`CompiledCatalog.captureNames`), numbered in the
/// names' sort order, so ids compare as the names do. A handful of entries: a linear search
/// is cheaper than hashing the names.
struct CaptureList {
    private(set) var entries: [(name: Int, value: String)] = []

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// Where `name` is, or where it would go.
    private func position(of name: Int) -> (index: Int, found: Bool) {
        var i = 0
        while i < entries.count, entries[i].name < name { i += 1 }
        return (i, i < entries.count && entries[i].name == name)
    }

    func contains(_ name: Int) -> Bool { position(of: name).found }

    mutating func reserveCapacity(_ n: Int) { entries.reserveCapacity(n) }

    /// Adds `name` unless it has a value already; `value` is made only when it is added.
    mutating func addIfAbsent(_ name: Int, _ value: () -> String) {
        let (i, found) = position(of: name)
        if found { return }
        if i == entries.count { entries.append((name, value())) } else { entries.insert((name, value()), at: i) }
    }

    /// Every entry of `other` whose name is missing here, in name order, while fewer than `limit`.
    mutating func add(_ other: CaptureList, limit: Int) {
        for e in other.entries where count < limit { addIfAbsent(e.name) { e.value } }
    }
}

/// The named captures of one line's matches as byte ranges of the line: strings are made only
/// for the captures something keeps. Reused from line to line.
struct LineCaptures {
    /// One capture; `from < 0` points into `texts` (`texts[-1 - from]`, ICU's captures of a
    /// line that is not plain ASCII).
    struct Span {
        var name: Int
        var from: Int
        var to: Int
    }

    private(set) var spans = ReusableArray<Span>()
    private var texts: [String] = []
    /// The first span of each name, sorted by name (after `collectFirstByName`).
    private(set) var firstByName = ReusableArray<Span>()

    var count: Int { spans.count }

    mutating func removeAll() {
        spans.removeAll()
        firstByName.removeAll()
        if !texts.isEmpty { texts.removeAll(keepingCapacity: true) }
    }

    /// Adds a capture of the match that began at `matchStart`: a name the match captured
    /// already takes the later group's value (as a dictionary filled group by group would).
    mutating func add(_ span: Span, matchStart: Int) {
        var i = matchStart
        while i < spans.count {
            if spans[i].name == span.name { spans[i] = span; return }
            i += 1
        }
        spans.append(span)
    }

    mutating func add(name: Int, text: String, matchStart: Int) {
        texts.append(text)
        add(Span(name: name, from: -texts.count, to: 0), matchStart: matchStart)
    }

    func isEmpty(_ span: Span) -> Bool {
        span.from < 0 ? texts[-1 - span.from].isEmpty : span.to == span.from
    }

    func value(_ span: Span, in line: ByteLine) -> String {
        span.from < 0 ? texts[-1 - span.from] : line.string(span.from, span.to)
    }

    /// Collects `firstByName`.
    mutating func collectFirstByName() {
        firstByName.removeAll()
        for s in spans {
            var i = 0
            while i < firstByName.count, firstByName[i].name < s.name { i += 1 }
            if i < firstByName.count, firstByName[i].name == s.name { continue }
            firstByName.insert(s, at: i)
        }
    }
}
