/// Turns device text into text that is safe to draw: what a terminal would show, with
/// nothing that could move the cursor, change modes or hide content.
///
/// - invalid UTF-8 becomes U+FFFD (decoding is done on whole lines: the session layer's
///   `LineFramer` frames lines before they reach the console, so sequences are not split);
/// - CSI, OSC, DCS/SOS/PM/APC and two-byte escape sequences are removed;
/// - carriage return and backspace overprint, as on a terminal;
/// - tabs expand to the next multiple of 8 columns;
/// - other C0 controls and DEL become their visible Control Pictures (U+2400 block), C1
///   controls and bidirectional overrides become U+FFFD;
/// - lines are capped at `maximumColumns`.
///
/// IPsecKit's `DeviceLineCleaner` does the same for parsers but at byte level (backspace
/// moves one byte; 0x9B is read as CSI even inside a UTF-8 sequence) and drops controls
/// silently; the screen needs grapheme-level overprinting and visible controls, so this
/// works on decoded scalars.
public enum ScreenTextSanitizer {
    public static let defaultMaximumColumns = 4096

    public static func sanitize<Bytes: Collection>(bytes: Bytes, maximumColumns: Int = defaultMaximumColumns) -> String where Bytes.Element == UInt8 {
        sanitize(String(decoding: bytes, as: UTF8.self), maximumColumns: maximumColumns)
    }

    public static func sanitize(_ text: String, maximumColumns: Int = defaultMaximumColumns) -> String {
        if isAlreadyClean(text, maximumColumns: maximumColumns) { return text }
        return render(text, maximumColumns: maximumColumns, trimTrailingSpaces: true)
    }

    /// True when `text` holds something a terminal would act on rather than print: the
    /// screen's last line of defence (`Screen.put`) checks every string with it.
    public static func needsSanitizing(_ text: String) -> Bool {
        for s in text.unicodeScalars {
            switch s.value {
            case 0..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069: return true
            default: continue
            }
        }
        return false
    }

    static func render(_ text: String, maximumColumns: Int, trimTrailingSpaces: Bool) -> String {
        var line = OverprintLine(maximumColumns: maximumColumns)
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            switch s.value {
            case 0x1B:
                i = skipEscape(scalars, from: i)
                continue
            case 0x9B:
                i = skipCSI(scalars, from: i + 1)
                continue
            case 0x0D: line.carriageReturn()
            case 0x08: line.backspace()
            case 0x09: line.tab()
            case 0x0A: line.write(" ")
            case 0x00..<0x20: line.write(Unicode.Scalar(0x2400 + s.value)!)
            case 0x7F: line.write("\u{2421}")
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: line.write("\u{FFFD}")
            default: line.write(s)
            }
            i += 1
        }
        return line.result(trimmingTrailingSpaces: trimTrailingSpaces)
    }

    /// Fast path: printable ASCII within the cap, without trailing spaces (which the full
    /// path trims).
    static func isAlreadyClean(_ text: String, maximumColumns: Int) -> Bool {
        var count = 0
        for b in text.utf8 {
            if b < 0x20 || b == 0x7F || b >= 0x80 { return false }
            count += 1
        }
        return count <= maximumColumns && text.utf8.last != UInt8(ascii: " ")
    }

    /// Index after the escape sequence that starts at `from` (an ESC).
    static func skipEscape(_ s: [Unicode.Scalar], from: Int) -> Int {
        var i = from + 1
        guard i < s.count else { return i }
        switch s[i] {
        case "[":
            return skipCSI(s, from: i + 1)
        case "]", "P", "X", "^", "_":
            i += 1
            while i < s.count {
                if s[i].value == 0x07 || s[i].value == 0x9C { return i + 1 }
                if s[i].value == 0x1B, i + 1 < s.count, s[i + 1] == "\\" { return i + 2 }
                i += 1
            }
            return s.count
        case "(", ")", "*", "+", "#", "%":
            return min(s.count, i + 2)
        default:
            return i + 1
        }
    }

    static func skipCSI(_ s: [Unicode.Scalar], from: Int) -> Int {
        var i = from
        while i < s.count {
            let v = s[i].value
            i += 1
            if v >= 0x40 && v <= 0x7E { break }
            if v < 0x20 || v > 0x7E { return i - 1 } // malformed: stop at the first non-parameter
        }
        return i
    }
}

/// A one-line terminal: graphemes in columns, a cursor that CR and BS move.
struct OverprintLine {
    let maximumColumns: Int
    private var cells: [Character] = []
    private var cursor = 0
    private var pending = String.UnicodeScalarView()

    init(maximumColumns: Int) { self.maximumColumns = maximumColumns }

    mutating func write(_ scalar: Unicode.Scalar) { pending.append(scalar) }

    mutating func carriageReturn() { flush(); cursor = 0 }

    mutating func backspace() { flush(); if cursor > 0 { cursor -= 1 } }

    mutating func tab() {
        flush()
        let column = columns(upTo: cursor)
        let spaces = 8 - column % 8
        for _ in 0..<spaces { place(" ") }
    }

    mutating func result(trimmingTrailingSpaces: Bool) -> String {
        flush()
        var out = ""
        var used = 0
        for c in cells {
            let w = DisplayWidth.of(c)
            if used + w > maximumColumns { break }
            out.append(c); used += w
        }
        if trimmingTrailingSpaces { while out.last == " " { out.removeLast() } }
        return out
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        for c in String(pending) { place(c) }
        pending = String.UnicodeScalarView()
    }

    private mutating func place(_ c: Character) {
        if cursor >= maximumColumns * 2 { return } // far past the cap: drop, keep memory bounded
        if cursor < cells.count { cells[cursor] = c } else { cells.append(c) }
        cursor += 1
    }

    private func columns(upTo index: Int) -> Int {
        var total = 0
        for c in cells.prefix(index) { total += DisplayWidth.of(c) }
        return total + max(0, index - cells.count)
    }
}
