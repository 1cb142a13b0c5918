/// Declarative one-dimensional layout: split a length among constraints (ratatui's
/// `Layout`, reduced to what the console needs).
public enum Constraint: Equatable, Sendable {
    /// Exactly this many cells (less when space runs out).
    case fixed(Int)
    /// At least this many cells, growing like `fill(1)` with the space left.
    case min(Int)
    /// A share of the space left after fixed and minimum sizes, by weight.
    case fill(Int)
}

public enum Layout {
    /// Sizes for `constraints` that add up to `total` (or less when fixed sizes alone are
    /// smaller and nothing fills).
    public static func sizes(_ constraints: [Constraint], total: Int) -> [Int] {
        var sizes = Array(repeating: 0, count: constraints.count)
        var left = Swift.max(0, total)
        for (i, c) in constraints.enumerated() {
            switch c {
            case .fixed(let n), .min(let n):
                sizes[i] = Swift.min(Swift.max(0, n), left); left -= sizes[i]
            case .fill: break
            }
        }
        let weights = constraints.map { c -> Int in
            switch c { case .fixed: return 0; case .min: return 1; case .fill(let w): return Swift.max(1, w) }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0, left > 0 else { return sizes }
        var given = 0
        var lastGrowing = 0
        for (i, w) in weights.enumerated() where w > 0 {
            let share = left * w / totalWeight
            sizes[i] += share; given += share; lastGrowing = i
        }
        sizes[lastGrowing] += left - given // rounding remainder
        return sizes
    }

    /// Splits `area` top to bottom.
    public static func vertical(_ area: Rect, _ constraints: [Constraint]) -> [Rect] {
        var y = area.y
        return sizes(constraints, total: area.height).map { h in
            defer { y += h }
            return Rect(x: area.x, y: y, width: area.width, height: h)
        }
    }

    /// Splits `area` left to right.
    public static func horizontal(_ area: Rect, _ constraints: [Constraint]) -> [Rect] {
        var x = area.x
        return sizes(constraints, total: area.width).map { w in
            defer { x += w }
            return Rect(x: x, y: area.y, width: w, height: area.height)
        }
    }
}
