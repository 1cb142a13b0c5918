/// One terminal column: the grapheme drawn there, how many columns it occupies and its
/// style role. The column after a double-width grapheme holds a continuation cell
/// (empty text, width 0) so every row always has exactly `width` cells.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var role: StyleRole

    public init(text: String, width: UInt8, role: StyleRole) {
        self.text = text; self.width = width; self.role = role
    }

    public static func blank(_ role: StyleRole = .text) -> Cell { Cell(text: " ", width: 1, role: role) }

    /// The right half of a double-width grapheme.
    public static func continuation(_ role: StyleRole) -> Cell { Cell(text: "", width: 0, role: role) }

    public var isContinuation: Bool { width == 0 }
}
