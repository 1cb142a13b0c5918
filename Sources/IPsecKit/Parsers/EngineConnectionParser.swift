/// Reads `show crypto engine connection(s) active` (IOS).
///
/// Two row layouts, chosen by the header (or, without one, by the second column):
/// - older: `ID Interface IP-Address State Algorithm Encrypt Decrypt`
///   (`2000 Ethernet0/0 10.1.0.1 set HMAC_MD5+3DES_56_C 0 1`, `1 <none> <none> set ...`);
/// - newer, under `Crypto Engine Connections`: `ID Type Algorithm Encrypt Decrypt LastSeqN
///   IP-Address` (`2001 IPsec AES256+SHA512 0 9 9 10.0.0.1`), where the address may be blank.
/// Any other column order is read by the header's names.
public struct EngineConnectionParser: SectionParser {
    private enum Column { case id, interface, ipAddress, state, algorithm, encrypt, decrypt, lastSeqN, type, unknown }

    private static let older: [Column] = [.id, .interface, .ipAddress, .state, .algorithm, .encrypt, .decrypt]
    private static let newer: [Column] = [.id, .type, .algorithm, .encrypt, .decrypt, .lastSeqN, .ipAddress]

    private var columns: [Column]?
    private var rows: [EngineConnection] = []
    private var warnings: [ParseWarning] = []

    public init(platform: Platform?) {}

    public mutating func consume(_ line: ByteLine) {
        let t = line.trimmed()
        if t.isEmpty || t.hasPrefix("Crypto Engine Connections") { return }
        let fields = t.fields()
        if fields[0].equals("ID"), t.contains("Algorithm") {
            columns = fields.map(Self.column(named:))
            return
        }
        guard fields[0].isAllDigits else { return }
        readRow(t, fields)
    }

    public mutating func finish(into report: inout AnalysisReport) {
        report.engineConnections.append(contentsOf: rows)
        report.warnings.append(contentsOf: warnings)
    }

    private static func column(named f: ByteLine) -> Column {
        switch f.string.lowercased() {
        case "id": return .id
        case "interface": return .interface
        case "ip-address", "ip-addr", "address": return .ipAddress
        case "state": return .state
        case "algorithm": return .algorithm
        case "encrypt": return .encrypt
        case "decrypt": return .decrypt
        case "lastseqn": return .lastSeqN
        case "type": return .type
        default: return .unknown
        }
    }

    private mutating func readRow(_ t: ByteLine, _ fields: [ByteLine]) {
        let layout: [Column]
        if let columns {
            layout = columns
        } else if fields.count > 1, fields[1].equals("IPsec") || fields[1].equals("IKE") || fields[1].equals("IPSec") {
            layout = Self.newer
        } else {
            layout = Self.older
        }
        var row = EngineConnection()
        row.line = t.number
        for (k, field) in fields.enumerated() where k < layout.count {
            switch layout[k] {
            case .id: row.connId = field.digitsValue
            case .interface: row.interface = field.string
            case .ipAddress: row.ipAddress = field.string
            case .state: row.state = field.string
            case .algorithm: row.algorithm = field.string
            case .type: row.type = field.string
            case .encrypt: row.encrypt = counter(field, "Encrypt", t)
            case .decrypt: row.decrypt = counter(field, "Decrypt", t)
            case .lastSeqN: row.lastSeqN = counter(field, "LastSeqN", t)
            case .unknown: break
            }
        }
        // The address is the one column a device leaves blank (IKE rekey SAs); any other
        // missing column means the row was cut.
        let optionalTrailing = layout.last == .ipAddress ? 1 : 0
        if fields.count < layout.count - optionalTrailing {
            warnings.append(ParseWarning(line: t.number, message: "engine connection row has \(fields.count) of \(layout.count) columns: the row looks cut short"))
        } else if fields.count > layout.count {
            warnings.append(ParseWarning(line: t.number, message: "engine connection row has \(fields.count - layout.count) more columns than its header"))
        }
        rows.append(row)
    }

    private mutating func counter(_ field: ByteLine, _ name: String, _ t: ByteLine) -> Int? {
        if let v = field.digitsValue { return v }
        warnings.append(ParseWarning(line: t.number, message: "\(name) count is not a number: \(field.string)"))
        return nil
    }
}
