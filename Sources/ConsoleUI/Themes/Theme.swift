/// A named mapping from every style role to a text style.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [StyleRole: TextStyle]

    public init(name: String, styles: [StyleRole: TextStyle]) {
        self.name = name; self.styles = styles
    }

    public func style(_ role: StyleRole) -> TextStyle { styles[role] ?? .plain }

    /// Used when no theme file can be found at all: attributes only, readable anywhere.
    public static let fallback = Theme(name: "fallback", styles: [
        .text: .plain, .dim: TextStyle(attributes: [.dim]), .frame: .plain, .frameFocused: TextStyle(attributes: [.bold]),
        .title: TextStyle(attributes: [.bold]), .header: TextStyle(attributes: [.underline]),
        .selection: TextStyle(attributes: [.reverse]), .healthy: .plain, .warning: TextStyle(attributes: [.bold]),
        .error: TextStyle(attributes: [.bold, .underline]), .changed: TextStyle(attributes: [.bold]),
        .searchMatch: TextStyle(attributes: [.reverse, .underline]),
        .debugIsakmp: .plain, .debugIpsec: .plain, .debugEngine: .plain, .debugSyslog: TextStyle(attributes: [.bold]),
        .debugOther: TextStyle(attributes: [.dim]),
        .severityCritical: TextStyle(attributes: [.bold, .reverse]), .severityError: TextStyle(attributes: [.bold]),
        .severityWarning: TextStyle(attributes: [.underline]), .severityInfo: .plain,
        .statusBar: TextStyle(attributes: [.reverse]), .statusAlert: TextStyle(attributes: [.bold, .blink, .reverse]),
        .keyHint: .plain, .dialog: TextStyle(attributes: [.reverse]), .dialogTitle: TextStyle(attributes: [.reverse, .bold]),
        .input: TextStyle(attributes: [.underline]),
    ])
}
