import ConsoleUI
import CursesTerminal
import Foundation
import IPsecKit

/// What every console entry point (live device, lab, replay) sets up the same way: the
/// theme (with NO_COLOR meaning mono), the terminal and the runner.
struct ConsoleLauncher {
    var theme: String?

    func makeRunner(connection: ConnectionInfo, pollInterval: TimeInterval, handler: ConsoleEffectHandler,
                    inbox: MessageInbox = MessageInbox()) -> ConsoleRunner {
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let library = ThemeLibrary.standard(shipped: ThemeLocator.shippedThemes())
        var startupNotice: String?
        var initialTheme: Theme
        do {
            initialTheme = try library.load(theme ?? (noColor ? "mono" : "default"))
        } catch {
            initialTheme = .fallback
            startupNotice = error.description
        }
        var state = ConsoleState(width: 80, height: 24, now: Date(), theme: initialTheme, connection: connection, pollInterval: pollInterval)
        let walkthroughs = (try? UserWalkthroughFiles.library(catalog: SignatureCatalog.builtIn()) { _ in })?.walkthroughs ?? []
        state.walkthroughNames = walkthroughs.map(\.id)
        state.walkthroughChoices = walkthroughs.map { WalkthroughChoice(id: $0.id, title: $0.title, summary: $0.summary) }
        let runner = ConsoleRunner(state: state, terminal: CursesTerminal(monochrome: noColor), themes: library, handler: handler, inbox: inbox)
        if let startupNotice { inbox.post(.notice(startupNotice, isError: true)) }
        return runner
    }
}
