import Foundation

/// Finds and loads themes by name: the user's folder first
/// (`$XDG_CONFIG_HOME/ipsec-console/themes`, else `~/.config/ipsec-console/themes`), then
/// the shipped `Themes` folder. Every theme is merged over `default`, and over the theme it
/// `extends`.
///
/// This is the console module's only file access; the runner calls it off the UI loop.
public struct ThemeLibrary: Sendable {
    public var directories: [URL]

    public init(directories: [URL]) { self.directories = directories }

    /// The user folder, then `shipped` (when found).
    public static func standard(shipped: URL?, environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeLibrary {
        var dirs: [URL] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            dirs.append(URL(fileURLWithPath: xdg).appendingPathComponent("ipsec-console/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            dirs.append(URL(fileURLWithPath: home).appendingPathComponent(".config/ipsec-console/themes"))
        }
        if let shipped { dirs.append(shipped) }
        return ThemeLibrary(directories: dirs)
    }

    /// Theme names available, sorted, without duplicates.
    public func names() -> [String] {
        var names = Set<String>()
        for dir in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for f in files where f.hasSuffix(".yaml") || f.hasSuffix(".yml") {
                names.insert(String(f[..<f.lastIndex(of: ".")!]))
            }
        }
        return names.sorted()
    }

    public enum LoadError: Error, Equatable, Sendable, CustomStringConvertible {
        case notFound(String, searched: [String])
        case invalid(ThemeError)
        case extendsCycle(String)

        public var description: String {
            switch self {
            case .notFound(let name, let searched):
                return "no theme named \(name) (looked in \(searched.joined(separator: ", ")))"
            case .invalid(let e): return e.description
            case .extendsCycle(let name): return "theme \(name) extends itself through a chain of themes"
            }
        }
    }

    /// Loads `name`, merged over `default` (and over what it extends).
    public func load(_ name: String) throws(LoadError) -> Theme {
        var base = Theme.fallback
        if name != "default", let defaultFile = file(named: "default") {
            base = try read(defaultFile, name: "default", base: base, chain: [])
        }
        guard let url = file(named: name) else {
            if name == "default" { return Theme(name: "default", styles: base.styles) }
            throw .notFound(name, searched: directories.map(\.path))
        }
        return try read(url, name: name, base: base, chain: [])
    }

    private func read(_ url: URL, name: String, base: Theme, chain: [String]) throws(LoadError) -> Theme {
        guard chain.count < 8, !chain.contains(name) else { throw .extendsCycle(name) }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .invalid(ThemeError(file: url.path, line: 1, field: "", message: "cannot be read as UTF-8 text"))
        }
        do {
            var parsed = try ThemeParser.parse(text, file: url.path, defaultName: name, base: base)
            if let parent = parsed.extends, parent != "default" {
                guard let parentURL = file(named: parent) else { throw LoadError.notFound(parent, searched: directories.map(\.path)) }
                let parentTheme = try read(parentURL, name: parent, base: base, chain: chain + [name])
                parsed = try ThemeParser.parse(text, file: url.path, defaultName: name, base: parentTheme)
            }
            return Theme(name: parsed.name, styles: parsed.styles)
        } catch let error as ThemeError {
            throw .invalid(error)
        } catch let error as LoadError {
            throw error
        } catch {
            throw .invalid(ThemeError(file: url.path, line: 1, field: "", message: "\(error)"))
        }
    }

    func file(named name: String) -> URL? {
        guard !name.contains("/"), !name.hasPrefix(".") else { return nil }
        for dir in directories {
            for ext in ["yaml", "yml"] {
                let url = dir.appendingPathComponent("\(name).\(ext)")
                if FileManager.default.fileExists(atPath: url.path) { return url }
            }
        }
        return nil
    }
}
