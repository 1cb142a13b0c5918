/// ASCII stand-ins for the console's own glyphs, for terminals whose locale is not UTF-8
/// (ncursesw would print other characters as garbage there). Device text that is not
/// ASCII becomes `?`; double-width characters become `?` and a space.
public enum AsciiFallback {
    static let table: [String: String] = [
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
        "✓": "v", "✗": "x", "…": ".", "•": "*", "→": ">", "←": "<", "↑": "^", "↓": "v", "↔": "=",
        "▲": "!", "●": "*", "↻": "@", "Δ": "d", "·": ".", "\u{2400}": "?", "\u{FFFD}": "?",
    ]

    /// The ASCII text to paint for a cell's grapheme.
    public static func replacement(for grapheme: String) -> String {
        if grapheme.utf8.allSatisfy({ $0 < 0x80 }) { return grapheme }
        return table[grapheme] ?? "?"
    }
}
