/// Which Cisco family a lab device imitates: an IOS router or a PIX/ASA firewall.
public enum Persona: String, CaseIterable, Sendable, Codable {
    case ios
    case asa
}
