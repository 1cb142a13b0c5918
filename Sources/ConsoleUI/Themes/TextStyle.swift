/// A terminal colour as a theme names it.
public enum TerminalColor: Equatable, Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// 0-255: 0-7 the ANSI colours, 8-15 their bright forms, then the 6x6x6 cube and greys.
    case indexed(UInt8)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `default`, an ANSI name (`red`, `bright-red`), a number 0-255 or `#rrggbb` (mapped to
    /// the nearest of the 256 colours).
    public init?(parsing text: String) {
        let t = text.lowercased().replacingOccurrences(of: "_", with: "-")
        if t == "default" { self = .terminalDefault; return }
        if let i = Self.names.firstIndex(of: t) { self = .indexed(UInt8(i)); return }
        if t.hasPrefix("bright-"), let i = Self.names.firstIndex(of: String(t.dropFirst(7))) { self = .indexed(UInt8(i + 8)); return }
        if let n = Int(t), (0...255).contains(n) { self = .indexed(UInt8(n)); return }
        if t.hasPrefix("#"), t.count == 7, let rgb = Int(t.dropFirst(), radix: 16) {
            self = .indexed(Self.nearestIndex(red: (rgb >> 16) & 0xFF, green: (rgb >> 8) & 0xFF, blue: rgb & 0xFF))
            return
        }
        return nil
    }

    /// Nearest xterm-256 colour (cube or grey ramp) to an RGB value.
    static func nearestIndex(red: Int, green: Int, blue: Int) -> UInt8 {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: Int) -> Int { levels.indices.min { abs(levels[$0] - v) < abs(levels[$1] - v) }! }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cube = 16 + 36 * r + 6 * g + b
        let cubeDistance = sq(levels[r] - red) + sq(levels[g] - green) + sq(levels[b] - blue)
        let average = (red + green + blue) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let grey = 8 + 10 * greyStep
        let greyDistance = sq(grey - red) + sq(grey - green) + sq(grey - blue)
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cube)
    }

    private static func sq(_ v: Int) -> Int { v * v }

    /// The same colour on a terminal with only `available` colours (8 or 16): cube and
    /// grey colours map to the closest ANSI colour.
    public func reduced(toColors available: Int) -> TerminalColor {
        guard case .indexed(let i) = self, Int(i) >= available else { return self }
        if i >= 8 && i < 16 { return .indexed(i - 8) }
        let (r, g, b) = Self.rgb(of: i)
        var best = 0, bestDistance = Int.max
        for candidate in 0..<min(available, 16) {
            let (cr, cg, cb) = Self.ansiRGB[candidate]
            let d = Self.sq(cr - r) + Self.sq(cg - g) + Self.sq(cb - b)
            if d < bestDistance { best = candidate; bestDistance = d }
        }
        return .indexed(UInt8(best))
    }

    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgb(of index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        if i < 16 { return ansiRGB[i] }
        if i >= 232 { let v = 8 + 10 * (i - 232); return (v, v, v) }
        let levels = [0, 95, 135, 175, 215, 255]
        let c = i - 16
        return (levels[c / 36], levels[(c / 6) % 6], levels[c % 6])
    }
}

/// Text attributes a theme may ask for; the monochrome theme uses only these.
public enum TextAttribute: String, CaseIterable, Sendable, Hashable {
    case bold, dim, italic, underline, reverse, blink
}

/// How one style role looks.
public struct TextStyle: Equatable, Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: Set<TextAttribute>

    public init(foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
                attributes: Set<TextAttribute> = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }

    public static let plain = TextStyle()
}
