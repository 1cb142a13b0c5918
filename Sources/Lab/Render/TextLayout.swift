/// Column helpers for the fixed-width tables devices print.
enum TextLayout {
    static func left(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func right(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    static func right(_ v: Int, _ width: Int) -> String { right(String(v), width) }

    /// `23:59:12` from seconds.
    static func hms(_ seconds: Int) -> String {
        let s = max(0, seconds)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return two(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60)
    }
}
