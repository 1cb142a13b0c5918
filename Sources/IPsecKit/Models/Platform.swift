/// The device family whose output is being read. PIX output is read as `asa`: the
/// ASA inherited the PIX's formats.
public enum Platform: String, Codable, Sendable, CaseIterable {
    case ios
    case asa
}
