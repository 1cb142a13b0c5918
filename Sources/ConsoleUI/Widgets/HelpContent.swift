/// The `?` help: generated from the key table and the command list, never written twice.
public enum HelpContent {
    /// Where descriptions start (continuation lines wrap to it).
    public static let descriptionColumn = 20

    public static func lines() -> [(text: String, role: StyleRole)] {
        var out: [(String, StyleRole)] = []
        for scope in KeyScope.allCases {
            let bindings = KeyTable.bindings.filter { $0.scope == scope }
            guard !bindings.isEmpty else { continue }
            if !out.isEmpty { out.append(("", .dialog)) }
            out.append((scope.title, .dialogTitle))
            for b in bindings {
                out.append(("  " + b.label.padded(toColumns: descriptionColumn - 2) + b.description + (b.dangerous ? "  (!)" : ""), .dialog))
            }
        }
        out.append(("", .dialog))
        out.append(("Commands (type : then the command; tab completes)", .dialogTitle))
        for c in CommandInterpreter.commands {
            out.append(("  :" + c.usage, .dialog))
        }
        out.append(("", .dialog))
        out.append(("Marks: • changed since the last poll   ✓ healthy   … negotiating   ✗ failed", .dialog))
        out.append(("       → 1-way / ← 1-way: traffic in one direction only", .dialog))
        out.append(("       (!) leaves the program or changes the device", .dialog))
        return out
    }
}
