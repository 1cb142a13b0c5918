import Foundation

/// Finds the shipped `Themes` folder from wherever the binary runs.
///
/// SwiftPM resources must live inside a target's folder, and the themes belong at the top
/// of the repository where users look for them; a symlink into the target would break in
/// archives and on systems without symlinks, and a copy would drift. So the binary looks
/// relative to its own resolved path (`/proc/self/exe`), which works from any working
/// directory: `<exe dir>/Themes` and `<exe dir>/../share/ipsec-console/themes` for an
/// installed copy, then `Themes/` in the folders above (the source checkout, for
/// `.build/<triple>/debug/ipsec-console`). `IPSEC_CONSOLE_THEMES` overrides all of these.
enum ThemeLocator {
    static func shippedThemes(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let override = environment["IPSEC_CONSOLE_THEMES"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let exe = URL(fileURLWithPath: executablePath()).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        var candidates = [dir.appendingPathComponent("Themes"),
                          dir.deletingLastPathComponent().appendingPathComponent("share/ipsec-console/themes")]
        for _ in 0..<6 {
            dir = dir.deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("Themes"))
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("default.yaml").path) }
    }

    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }
}
