import Foundation

/// Looks for `needle` in every process's argv and environment.
public enum ProcessScan {
    public static func processesExposing(_ needle: String) -> [String] {
        let bytes = Array(needle.utf8)
        var found: [String] = []
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        for entry in entries where Int(entry) != nil {
            for file in ["cmdline", "environ"] {
                if let data = FileManager.default.contents(atPath: "/proc/\(entry)/\(file)"), contains(Array(data), bytes) {
                    found.append("\(entry)/\(file)")
                }
            }
        }
        return found
    }

    public static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count, !needle.isEmpty else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return true }
        return false
    }
}

