/// Reading `label: value, label value, ...` lists, the shape of most `show crypto` lines.
extension ByteLine {
    /// True when the whole line equals `literal`.
    @inlinable public func equals(_ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && matches(literal, at: 0)
    }

    /// Calls `body` with each comma-separated item from `from` on, trimmed of spaces and
    /// tabs; empty items (`a, , b` or a trailing comma) are skipped.
    @inlinable public func forEachCommaItem(from: Int = 0, _ body: (ByteLine) throws -> Void) rethrows {
        var start = from
        while start < count {
            var end = start
            while end < count, bytes[end] != UInt8(ascii: ",") { end += 1 }
            let item = slice(start, end).trimmed()
            if !item.isEmpty { try body(item) }
            start = end + 1
        }
    }

    /// Splits an item into label and value: at the first `": "` (`conn id: 12`,
    /// `flow_id: SW:1`), else at the last space (`#pkts digest 7767918`, `local addr 10.0.0.1`).
    /// Splitting at `": "` rather than `:` keeps IPv6 values whole. A colon or dot ending the
    /// label is kept; callers compare labels as printed.
    public func labelAndValue() -> (label: ByteLine, value: ByteLine)? {
        var i = 0
        while i + 1 < count {
            if bytes[i] == UInt8(ascii: ":"), bytes[i + 1].isHorizontalSpace {
                let value = slice(i + 1, count).trimmed()
                return value.isEmpty ? nil : (slice(0, i).trimmed(), value)
            }
            i += 1
        }
        var space = count - 1
        while space > 0, !bytes[space].isHorizontalSpace { space -= 1 }
        guard space > 0 else { return nil }
        let label = slice(0, space).trimmed()
        let value = slice(space + 1, count)
        return label.isEmpty || value.isEmpty ? nil : (label, value)
    }

    /// The whole line as a decimal integer (an optional sign, digits, nothing else).
    public var wholeInteger: Int? {
        guard let r = integer(from: 0), r.end == count else { return nil }
        return r.value
    }
}
