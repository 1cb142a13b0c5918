/// Token tests and look-ups shared by the table parsers (`show crypto isakmp sa`,
/// `ikev2 sa`, `engine connection active`, `session`): rows there are recognised by the
/// shape of their tokens, not by column offsets, because devices pad columns differently.
extension ByteLine {
    /// True when every byte is a decimal digit (and there is at least one).
    public var isAllDigits: Bool {
        guard !isEmpty else { return false }
        for b in bytes where !b.isDigit { return false }
        return true
    }

    /// The token as a non-negative decimal integer, when it is only digits.
    public var digitsValue: Int? {
        guard isAllDigits, let r = integer(from: 0), r.end == count else { return nil }
        return r.value
    }

    /// True for an IPv4 or IPv6 address as printed (`10.0.0.1`, `2001:db8::1`): hex digits
    /// with dots or colons. Host names and `<none>` are not addresses.
    public var isAddressLike: Bool {
        guard count >= 2 else { return false }
        var dots = 0, colons = 0, doubleColon = false
        var previous: UInt8 = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                dots += 1
            } else if b == UInt8(ascii: ":") {
                colons += 1
                if previous == b { doubleColon = true }
            } else if b.hexDigitValue == nil {
                return false
            }
            previous = b
        }
        if dots == 3 && colons == 0 {
            for b in bytes where !(b.isDigit || b == UInt8(ascii: ".")) { return false }
            return true
        }
        // `::` or eight groups: a clock time (`23:59:30`) is not an address.
        return doubleColon || colons == 7
    }

    /// True for a clock-style duration: digits separated by colons (`23:59:30`, `0:00`).
    public var isClockTime: Bool {
        guard count >= 3 else { return false }
        var colons = 0
        for b in bytes {
            if b == UInt8(ascii: ":") { colons += 1 } else if !b.isDigit { return false }
        }
        return colons >= 1 && bytes[0] != UInt8(ascii: ":") && bytes[count - 1] != UInt8(ascii: ":")
    }

    /// Splits `address/port` (`10.0.0.1/500`, `2001:db8::1/4500`) at its last slash.
    /// Nil when the left part is not an address or the right part is not a number.
    public func addressAndPort() -> (address: String, port: Int)? {
        var slash = count - 1
        while slash > 0, bytes[slash] != UInt8(ascii: "/") { slash -= 1 }
        guard slash > 0 else { return nil }
        let left = slice(0, slash), right = slice(slash + 1, count)
        guard left.isAddressLike, let port = right.digitsValue else { return nil }
        return (left.string, port)
    }

    /// The token after `label` and a colon, with any spacing around the colon:
    /// `Role    : initiator`, `Lifetime: 86400`, `State : MM_ACTIVE`. The label must start
    /// the line or follow a space, so `Rekey` does not match inside `Rekey SA`'s neighbours
    /// and `Lifetime` does not match `Lifetime Remaining:`.
    public func labeledToken(_ label: StaticString, terminators: StaticString = ",") -> String? {
        var from = 0
        let n = label.utf8CodeUnitCount
        while let at = firstOffset(of: label, from: from) {
            from = at + 1
            if at > 0, !bytes[at - 1].isHorizontalSpace && bytes[at - 1] != UInt8(ascii: ",") { continue }
            let colon = skipSpaces(from: at + n)
            guard colon < count, bytes[colon] == UInt8(ascii: ":") else { continue }
            guard let r = tokenRange(from: colon + 1, terminators: terminators) else { return nil }
            return string(r.lowerBound, r.upperBound)
        }
        return nil
    }

    /// The rest of the line after `marker`, trimmed; nil when absent or empty.
    public func rest(after marker: StaticString) -> String? {
        guard let at = offset(after: marker) else { return nil }
        let tail = slice(at, count).trimmed()
        return tail.isEmpty ? nil : tail.string
    }
}
