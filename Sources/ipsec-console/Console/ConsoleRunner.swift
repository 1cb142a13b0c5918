import ConsoleUI
import CursesTerminal
import Dispatch
import Foundation
import IPsecKit

/// The console's event loop: reads input with a short timeout, drains messages from other
/// threads, sends a clock tick every second, runs `ConsoleUpdate.update`, executes the
/// effects and paints the changed cells. Everything slow (files, the device) happens on
/// other threads and comes back as messages, so the loop never blocks on I/O.
final class ConsoleRunner {
    private var state: ConsoleState
    private let terminal: CursesTerminal
    private let themes: ThemeLibrary
    private let handler: ConsoleEffectHandler
    let inbox: MessageInbox
    private let logWriter = DebugLogWriter()
    private var signalSources: [DispatchSourceSignal] = []
    private var quitting = false

    init(state: ConsoleState, terminal: CursesTerminal, themes: ThemeLibrary, handler: ConsoleEffectHandler,
         inbox: MessageInbox = MessageInbox()) {
        self.state = state; self.terminal = terminal; self.themes = themes; self.handler = handler; self.inbox = inbox
    }

    /// Runs until the console quits; the terminal is restored on return, also when a
    /// signal (TERM, HUP, INT, QUIT) asked for the quit.
    func run() {
        terminal.start()
        defer { terminal.stop() }
        installSignalHandlers()
        defer { signalSources.forEach { $0.cancel() } }
        let size = terminal.size
        dispatch(.resize(width: size.width, height: size.height))
        // Without colours, a colour theme's roles would look alike: switch to attributes.
        if terminal.colors == .none, state.theme.name != "mono" { execute(.loadTheme("mono")) }
        let library = themes, inbox = self.inbox
        DispatchQueue.global().async { inbox.post(.themesAvailable(library.names())) }
        var lastTick = Date()
        var dirty = true
        while !quitting {
            if dirty {
                terminal.paint(ConsoleView.render(state), theme: state.theme)
                dirty = false
            }
            var messages: [ConsoleMsg] = []
            switch terminal.readEvent(timeoutMilliseconds: 50) {
            case .key(let key): messages.append(.key(key))
            case .mouse(let event): messages.append(.mouse(event))
            case .resize(let width, let height): messages.append(.resize(width: width, height: height))
            case nil: break
            }
            messages += inbox.drain()
            let now = Date()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                messages.append(.tick(now))
            }
            for message in messages {
                dispatch(message)
                if quitting { break }
            }
            dirty = dirty || !messages.isEmpty
        }
    }

    private func dispatch(_ message: ConsoleMsg) {
        if case .debugLines(let lines) = message { logWriter.write(lines) }
        for effect in ConsoleUpdate.update(&state, message) { execute(effect) }
    }

    private func execute(_ effect: ConsoleEffect) {
        let inbox = self.inbox
        let send: @Sendable (ConsoleMsg) -> Void = { inbox.post($0) }
        switch effect {
        case .quit:
            quitting = true
        case .redraw:
            terminal.invalidate()
        case .loadTheme(let name) where terminal.colors == .none && name != "mono":
            send(.notice("no colours here (NO_COLOR or a monochrome terminal): staying with mono", isError: true))
        case .loadTheme(let name):
            let library = themes
            DispatchQueue.global().async {
                do {
                    send(.themeLoaded(try library.load(name)))
                } catch {
                    send(.notice(String(describing: error), isError: true))
                }
            }
        case .startLog(let path):
            logWriter.open(path, send: send)
        case .export(let path, let report):
            let device = state.connection.device
            // The walkthrough, when one ran, follows the snapshot in the Markdown report
            // (the JSON document carries it as `walkthrough`).
            let walkthrough = report.walkthrough.map { "\n" + $0.markdown() } ?? ""
            DispatchQueue.global().async {
                do {
                    let data = path.hasSuffix(".json")
                        ? try AnalysisReport.makeJSONEncoder().encode(report)
                        : Data((MarkdownReport.render(report, title: "ipsec-console report: \(device)",
                                                      subtitle: "Exported \(Date()); \(report.findings.count) finding(s).") + walkthrough).utf8)
                    try data.write(to: URL(fileURLWithPath: path))
                    send(.notice("report written to \(path)", isError: false))
                } catch {
                    send(.notice("cannot write \(path): \(error.localizedDescription)", isError: true))
                }
            }
        default:
            handler.handle(effect, send: send)
        }
    }

    /// Signals become a quit message: the loop leaves normally and restores the terminal.
    private func installSignalHandlers() {
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let inbox = self.inbox
            source.setEventHandler { inbox.post(.quitRequested) }
            source.resume()
            signalSources.append(source)
        }
    }
}

/// Appends debug lines to a file (`:log FILE`) on its own queue.
final class DebugLogWriter: @unchecked Sendable {
    // Touched only on `queue`.
    private var handle: FileHandle?
    private let queue = DispatchQueue(label: "ipsec-console.debug-log")

    func open(_ path: String, send: @escaping @Sendable (ConsoleMsg) -> Void) {
        queue.async {
            if !FileManager.default.fileExists(atPath: path), !FileManager.default.createFile(atPath: path, contents: nil) {
                send(.notice("cannot create \(path)", isError: true)); return
            }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                send(.notice("cannot write \(path)", isError: true)); return
            }
            handle.seekToEndOfFile()
            try? self.handle?.close()
            self.handle = handle
            send(.notice("logging the debug stream to \(path)", isError: false))
        }
    }

    func write(_ lines: [DebugInput]) {
        queue.async {
            guard let handle = self.handle else { return }
            var text = ""
            for line in lines { text += ScreenTextSanitizer.sanitize(line.text) + "\n" }
            handle.write(Data(text.utf8))
        }
    }
}
