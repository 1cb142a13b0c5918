import Foundation
import Yams

/// The shared corpus of real device output (`../shared/corpus` beside the checkout),
/// when present. Each case is a `.raw` file and the `parsed_sample` records of its `.yml`.
enum Corpus {
    struct Case {
        let platform: String   // cisco_ios, cisco_asa
        let command: String    // show_crypto_ipsec_sa_detail
        let name: String
        let raw: String
        let expected: [[String: String]]
    }

    /// `<checkout>/../shared/corpus/ntc-templates`, found from this source file's path.
    static var root: URL? {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { dir.deleteLastPathComponent() } // Support, IPsecKitTests, Tests, checkout
        let candidate = dir.deletingLastPathComponent().appendingPathComponent("shared/corpus/ntc-templates")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// Every case whose command folder name starts with `commandPrefix`.
    static func cases(commandPrefix: String) throws -> [Case] {
        guard let root else { return [] }
        var out: [Case] = []
        let fm = FileManager.default
        for platform in try fm.contentsOfDirectory(atPath: root.path).sorted() {
            let pdir = root.appendingPathComponent(platform)
            guard let commands = try? fm.contentsOfDirectory(atPath: pdir.path) else { continue }
            for command in commands.sorted() where command.hasPrefix(commandPrefix) {
                let cdir = pdir.appendingPathComponent(command)
                for file in try fm.contentsOfDirectory(atPath: cdir.path).sorted() where file.hasSuffix(".raw") {
                    let name = String(file.dropLast(4))
                    let raw = try String(contentsOf: cdir.appendingPathComponent(file), encoding: .utf8)
                    let yml = try String(contentsOf: cdir.appendingPathComponent(name + ".yml"), encoding: .utf8)
                    let doc = try Yams.load(yaml: yml) as? [String: Any]
                    let records = (doc?["parsed_sample"] as? [[String: Any]] ?? []).map { rec in
                        rec.mapValues { value -> String in
                            if let s = value as? String { return s }
                            if let list = value as? [Any] { return list.map { "\($0)" }.joined(separator: ",") }
                            return "\(value)"
                        }
                    }
                    out.append(Case(platform: platform, command: command, name: name, raw: raw, expected: records))
                }
            }
        }
        return out
    }
}
