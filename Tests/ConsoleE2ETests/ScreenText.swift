import Foundation

/// Reading a captured screen the way a user would: a pane's rows, the counts in frame titles,
/// whether the layout was redrawn for the terminal's size.
enum ScreenText {
    /// The rows inside the frame whose title starts with `title` (e.g. "4 Debug"), without
    /// the frame; nil when that pane is not on screen.
    static func paneRows(_ title: String, in screen: String) -> [String]? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let marker = Array("┌─ \(title) ")
        for (y, line) in lines.enumerated() {
            guard let x = firstIndex(of: marker, in: line), let close = line[x...].firstIndex(of: "┐") else { continue }
            var rows: [String] = []
            for below in lines[(y + 1)...] {
                guard below.count > close, below[x] == "│" else { break }
                rows.append(String(below[(x + 1)..<close]))
            }
            return rows
        }
        return nil
    }

    /// `N` from the debug pane's "· N lines" (or "· N/M lines" with a filter: the shown count).
    static func debugLineCount(_ screen: String) -> Int? {
        guard let header = screen.split(separator: "\n").first(where: { $0.contains("─ 4 Debug ") }),
              let range = header.range(of: #"(\d+)(/\d+)? lines"#, options: .regularExpression) else { return nil }
        return Int(header[range].prefix { $0.isNumber })
    }

    /// The line number in the gutter of the last non-empty debug row.
    static func lastDebugRowNumber(_ screen: String) -> Int? {
        guard let row = paneRows("4 Debug", in: screen)?.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
        return Int(row.prefix(7).trimmingCharacters(in: .whitespaces))
    }

    /// Redrawn for `width` x `height`, not just cropped: the tab bar on top, every row within
    /// the width and a pane frame closing exactly at the right edge.
    static func isRedrawn(_ screen: String, width: Int, height: Int) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count >= height && lines.prefix(height).allSatisfy { $0.count <= width }
            && lines.first?.contains("ipsec-console") == true
            && lines.contains { $0.hasPrefix("└") && $0.hasSuffix("┘") && $0.count == width }
    }

    private static func firstIndex(of needle: [Character], in line: [Character]) -> Int? {
        guard line.count >= needle.count else { return nil }
        return (0...(line.count - needle.count)).first { line[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
