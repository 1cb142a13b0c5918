/// What a piece of text on screen *means*. Widgets draw with roles; the theme decides
/// how each role looks, so no widget ever names a colour.
///
/// Raw values are the theme files' keys.
public enum StyleRole: String, CaseIterable, Sendable, Hashable, Codable {
    case text
    case dim
    case frame
    case frameFocused = "frame_focused"
    case title
    case header
    case selection
    case healthy
    case warning
    case error
    case changed
    case searchMatch = "search_match"
    case debugIsakmp = "debug_isakmp"
    case debugIpsec = "debug_ipsec"
    case debugEngine = "debug_engine"
    case debugSyslog = "debug_syslog"
    case debugOther = "debug_other"
    case severityCritical = "severity_critical"
    case severityError = "severity_error"
    case severityWarning = "severity_warning"
    case severityInfo = "severity_info"
    case statusBar = "status_bar"
    case statusAlert = "status_alert"
    case keyHint = "key_hint"
    case dialog
    case dialogTitle = "dialog_title"
    case input
}
