/// How many terminal columns text occupies: East Asian wide and fullwidth characters
/// take 2, combining marks and other zero-width characters 0, everything else 1.
///
/// Computed here, in the pure screen code, so layout and the terminal agree without
/// asking the C library (whose tables depend on the locale).
public enum DisplayWidth {
    /// Width of one grapheme cluster: the width of its first visible scalar, widened to
    /// 2 by an emoji presentation selector (U+FE0F).
    public static func of(_ grapheme: Character) -> Int {
        var width = 0
        for scalar in grapheme.unicodeScalars {
            if scalar.value == 0xFE0F, width == 1 { return 2 }
            if width == 0 { width = of(scalar) }
        }
        return width
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if isZeroWidth(scalar) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Columns of a whole string.
    public static func of(_ text: String) -> Int {
        var total = 0
        for g in text { total += of(g) }
        return total
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x200B || (0x200C...0x200F).contains(v) || (0x2028...0x202E).contains(v) || (0x2060...0x206F).contains(v) || v == 0xFEFF {
            return true
        }
        if (0x1160...0x11FF).contains(v) { return true } // Hangul jamo medial vowels and finals join the initial
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, plus the emoji blocks terminals draw
    /// two columns wide.
    static func isWide(_ v: UInt32) -> Bool {
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension String {
    /// The longest prefix that fits in `columns`, with `…` when cut (and room for it).
    public func truncated(toColumns columns: Int, ellipsis: Bool = true) -> String {
        guard columns > 0 else { return "" }
        if DisplayWidth.of(self) <= columns { return self }
        let room = ellipsis ? columns - 1 : columns
        var out = ""
        var used = 0
        for g in self {
            let w = DisplayWidth.of(g)
            if used + w > room { break }
            out.append(g); used += w
        }
        return ellipsis ? out + "…" : out
    }

    /// Padded with spaces (or cut) to exactly `columns` display columns.
    public func padded(toColumns columns: Int, alignRight: Bool = false) -> String {
        let cut = truncated(toColumns: columns)
        let pad = String(repeating: " ", count: Swift.max(0, columns - DisplayWidth.of(cut)))
        return alignRight ? pad + cut : cut + pad
    }
}
