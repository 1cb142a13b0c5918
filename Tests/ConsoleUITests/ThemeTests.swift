import ConsoleUI
import Foundation
import Testing

@Suite struct ThemeTests {
    static var shipped: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Themes")
    }

    static let shippedNames = ["default", "light", "high-contrast", "solarized-dark", "mono"]

    /// A temporary folder holding `files` (name -> YAML).
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test(arguments: shippedNames)
    func shippedThemeNamesEveryRole(_ name: String) throws {
        let text = try String(contentsOf: Self.shipped.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        let parsed = try ThemeParser.parse(text, file: "\(name).yaml", defaultName: name)
        #expect(parsed.name == name)
        let missing = StyleRole.allCases.filter { parsed.styles[$0] == nil }
        #expect(missing.isEmpty, "\(name) does not name \(missing.map(\.rawValue))")
        let theme = try ThemeLibrary(directories: [Self.shipped]).load(name)
        #expect(theme.name == name)
    }

    @Test func monoUsesNoColour() throws {
        let mono = try ThemeLibrary(directories: [Self.shipped]).load("mono")
        for role in StyleRole.allCases {
            #expect(mono.style(role).foreground == .terminalDefault && mono.style(role).background == .terminalDefault, "\(role)")
        }
        #expect(mono.style(.selection).attributes.contains(.reverse))
    }

    @Test func failingAndHealthyDifferBeyondColourInEveryTheme() throws {
        let library = ThemeLibrary(directories: [Self.shipped])
        for name in Self.shippedNames {
            let t = try library.load(name)
            #expect(t.style(.error) != t.style(.healthy), "\(name)")
            #expect(t.style(.statusAlert) != t.style(.statusBar), "\(name)")
        }
    }

    @Test func partialThemeMergesOverDefault() throws {
        let dir = try Self.folder([
            "default.yaml": "styles:\n  title: { fg: cyan, attrs: [bold] }\n  error: { fg: red }\n",
            "mine.yaml": "styles:\n  error: { bg: yellow }\n",
        ])
        let t = try ThemeLibrary(directories: [dir]).load("mine")
        #expect(t.name == "mine")
        #expect(t.style(.title) == TextStyle(foreground: .indexed(6), attributes: [.bold]))
        #expect(t.style(.error) == TextStyle(foreground: .indexed(1), background: .indexed(3), attributes: Theme.fallback.style(.error).attributes),
                "fields a theme leaves out keep the base's values")
        #expect(t.style(.dim) == Theme.fallback.style(.dim), "roles no file names come from the built-in fallback")
    }

    @Test func userFolderWinsAndExtendsChains() throws {
        let shipped = try Self.folder([
            "default.yaml": "styles:\n  text: { fg: white }\n",
            "light.yaml": "styles:\n  text: { fg: black }\n  title: { fg: blue }\n",
        ])
        let user = try Self.folder([
            "light.yaml": "extends: default\nstyles:\n  text: { fg: 17 }\n",
            "mine.yml": "name: my theme\nextends: ocean\nstyles:\n  header: { attrs: [underline] }\n",
            "ocean.yaml": "styles:\n  title: { fg: \"#268bd2\" }\n",
        ])
        let library = ThemeLibrary.standard(shipped: shipped, environment: ["XDG_CONFIG_HOME": user.deletingLastPathComponent().path])
        #expect(library.directories.first?.path.hasSuffix("ipsec-console/themes") == true)
        let direct = ThemeLibrary(directories: [user, shipped])
        #expect(try direct.load("light").style(.text).foreground == .indexed(17))
        let mine = try direct.load("mine")
        #expect(mine.name == "my theme")
        #expect(mine.style(.title).foreground == .indexed(32))
        #expect(mine.style(.text).foreground == .indexed(7))
        #expect(direct.names() == ["default", "light", "mine", "ocean"])
    }

    @Test(arguments: [
        ("styles:\n  titel: { fg: red }\n", 2, "styles.titel", "unknown role"),
        ("styles:\n  title: { fg: reddish }\n", 2, "styles.title.fg", "is not a colour"),
        ("styles:\n  title: { fg: 300 }\n", 2, "styles.title.fg", "is not a colour"),
        ("styles:\n  title:\n    fg: red\n    attrs: [bold, sparkly]\n", 4, "styles.title.attrs", "unknown attribute"),
        ("styles:\n  title:\n    fg: red\n    colour: blue\n", 4, "styles.title.colour", "unknown field"),
        ("name: x\nstyle:\n  title: {}\n", 2, "style", "unknown field"),
        ("styles: [1, 2]\n", 1, "styles", "expected a mapping"),
        ("styles:\n  title: red\n", 2, "styles.title", "expected a mapping"),
        ("styles:\n  title: { fg: red\n", 3, "", "not valid YAML"),
    ])
    func badThemesNameFileLineAndField(_ yaml: String, _ line: Int, _ field: String, _ message: String) throws {
        let dir = try Self.folder(["broken.yaml": yaml])
        do {
            _ = try ThemeLibrary(directories: [dir]).load("broken")
            Issue.record("loaded a broken theme")
        } catch {
            guard case .invalid(let e) = error else { Issue.record("wrong error \(error)"); return }
            #expect(e.file.hasSuffix("broken.yaml"))
            #expect(e.line == line)
            #expect(e.field == field)
            #expect(e.message.contains(message), "\(e.message)")
            #expect(e.description.contains("broken.yaml:\(line):"))
        }
    }

    @Test func missingThemeAndCyclesAreReported() throws {
        let dir = try Self.folder(["a.yaml": "extends: b\n", "b.yaml": "extends: a\n"])
        let library = ThemeLibrary(directories: [dir])
        #expect(throws: ThemeLibrary.LoadError.self) { try library.load("nope") }
        do {
            _ = try library.load("a")
            Issue.record("cycle not caught")
        } catch {
            guard case .extendsCycle = error else { Issue.record("wrong error \(error)"); return }
        }
        #expect(throws: ThemeLibrary.LoadError.self) { try library.load("../etc/passwd") }
    }

    @Test func coloursParseAndReduce() {
        #expect(TerminalColor(parsing: "default") == .terminalDefault)
        #expect(TerminalColor(parsing: "bright_red") == .indexed(9))
        #expect(TerminalColor(parsing: "255") == .indexed(255))
        #expect(TerminalColor(parsing: "#000000") == .indexed(16))
        #expect(TerminalColor(parsing: "#ffffff") == .indexed(231))
        #expect(TerminalColor(parsing: "#808080") == .indexed(244))
        #expect(TerminalColor(parsing: "#12345") == nil)
        #expect(TerminalColor.indexed(9).reduced(toColors: 8) == .indexed(1))
        #expect(TerminalColor.indexed(196).reduced(toColors: 16) == .indexed(9))
        #expect(TerminalColor.indexed(196).reduced(toColors: 8) == .indexed(1))
        #expect(TerminalColor.indexed(4).reduced(toColors: 8) == .indexed(4))
    }
}
