import CNcursesw
import ConsoleUI
#if canImport(Glibc)
import Glibc
#endif

/// What the terminal reports: keys, mouse, size changes.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}

/// How many colours the painter may use.
public enum ColorCapability: Equatable, Sendable {
    case none, ansi8, ansi16, indexed256

    var count: Int {
        switch self { case .none: return 0; case .ansi8: return 8; case .ansi16: return 16; case .indexed256: return 256 }
    }
}

/// The terminal, through ncursesw: the only code that touches it.
///
/// Not thread-safe (ncurses is not): create, use and stop it on one thread. It never
/// blocks longer than the read timeout, and `stop()` restores the terminal (it is
/// idempotent, so a `defer` and a signal path may both call it).
public final class CursesTerminal {
    public private(set) var colors: ColorCapability = .none
    private var started = false
    private var painted: Screen?
    private var paintedTheme: Theme?
    private var pairs: [ColorPairKey: Int32] = [:]
    private let forceMonochrome: Bool
    /// False when the locale's character set is not UTF-8: glyphs are painted as ASCII.
    public private(set) var unicode = true

    struct ColorPairKey: Hashable { var fg: Int32; var bg: Int32 }

    /// - Parameter monochrome: never use colours (NO_COLOR).
    public init(monochrome: Bool) { forceMonochrome = monochrome }

    public func start() {
        guard !started else { return }
        // ncurses learns of size changes through SIGWINCH: make sure a parent's signal mask
        // does not hide it.
        var winch = sigset_t()
        sigemptyset(&winch)
        sigaddset(&winch, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &winch, nil)
        setlocale(LC_ALL, "")
        unicode = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        initscr()
        started = true
        raw()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        mousemask(cn_mouse_mask(), nil)
        installCrashRestore()
        mouseinterval(0)
        if !forceMonochrome, has_colors() {
            start_color()
            use_default_colors()
            let n = cn_colors()
            colors = n >= 256 ? .indexed256 : n >= 16 ? .ansi16 : n >= 8 ? .ansi8 : .none
        }
    }

    /// A crash (a trap, a fault) would leave the terminal raw and on the alternate screen:
    /// restore it first, then hand the signal to the handler that was there before (the
    /// Swift runtime's backtracer, which can now print readably). htop does the same;
    /// endwin is not async-signal-safe, but the process is ending anyway.
    private func installCrashRestore() {
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreTerminalAndReraise
            action.sa_flags = 0
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, previousCrashActions + Int(sig))
        }
    }

    public func stop() {
        guard started else { return }
        started = false
        curs_set(1)
        endwin()
    }

    public var size: (width: Int, height: Int) { (Int(cn_cols()), Int(cn_lines())) }

    /// Forgets what is on screen so the next paint redraws everything.
    public func invalidate() {
        painted = nil
        clearok(cn_stdscr(), true)
    }

    /// Waits up to `timeoutMilliseconds` for input.
    public func readEvent(timeoutMilliseconds: Int32) -> TerminalEvent? {
        timeout(timeoutMilliseconds)
        var ch: wint_t = 0
        let r = get_wch(&ch)
        if r == cn_err() { return nil }
        if r == cn_key_code_yes() { return functionKey(Int32(ch)) }
        return character(UInt32(ch))
    }

    private func functionKey(_ code: Int32) -> TerminalEvent? {
        switch code {
        case cn_key_resize(): return .resize(width: size.width, height: size.height)
        case cn_key_up(): return .key(.up)
        case cn_key_down(): return .key(.down)
        case cn_key_left(): return .key(.left)
        case cn_key_right(): return .key(.right)
        case cn_key_home(): return .key(.home)
        case cn_key_end(): return .key(.end)
        case cn_key_ppage(): return .key(.pageUp)
        case cn_key_npage(): return .key(.pageDown)
        case cn_key_backspace(): return .key(.backspace)
        case cn_key_dc(): return .key(.delete)
        case cn_key_enter(): return .key(.enter)
        case cn_key_btab(): return .key(.backTab)
        case cn_key_mouse():
            var x: Int32 = 0, y: Int32 = 0
            var state: mmask_t = 0
            guard cn_getmouse(&x, &y, &state) == cn_ok() else { return nil }
            let kind: MouseEvent.Kind
            if cn_is_scroll_up(state) != 0 { kind = .scrollUp }
            else if cn_is_scroll_down(state) != 0 { kind = .scrollDown }
            else if cn_is_button1(state) != 0 { kind = .press }
            else { return nil }
            return .mouse(MouseEvent(x: Int(x), y: Int(y), kind: kind))
        default:
            for n in 1...12 where code == cn_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    private func character(_ value: UInt32) -> TerminalEvent? {
        switch value {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x1B: return .key(.escape)
        case 0x01...0x1A: return .key(.ctrl(Character(Unicode.Scalar(value + 0x60)!)))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 0x20 else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    /// Paints the cells of `screen` that changed since the last paint.
    public func paint(_ screen: Screen, theme: Theme) {
        if theme != paintedTheme { painted = nil; paintedTheme = theme }
        for span in screen.changedSpans(since: painted) {
            var x = span.x
            while x < span.x + span.count {
                var cell = screen[x, span.y]
                if !unicode {
                    // One ASCII character per column: the right half of a wide cell becomes a space.
                    cell.text = cell.isContinuation ? " " : AsciiFallback.replacement(for: cell.text)
                    cell.width = 1
                }
                if !cell.isContinuation { put(cell, x: x, y: span.y, theme: theme) }
                x += 1
            }
        }
        if let cursor = screen.cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
        painted = screen
    }

    private func put(_ cell: Cell, x: Int, y: Int, theme: Theme) {
        let style = theme.style(cell.role)
        var attrs = cn_a_normal()
        for a in style.attributes {
            switch a {
            case .bold: attrs |= cn_a_bold()
            case .dim: attrs |= cn_a_dim()
            case .italic: attrs |= cn_a_italic()
            case .underline: attrs |= cn_a_underline()
            case .reverse: attrs |= cn_a_reverse()
            case .blink: attrs |= cn_a_blink()
            }
        }
        var text: [wchar_t] = []
        for scalar in cell.text.unicodeScalars.prefix(Int(cn_ccharw_max()) - 1) { text.append(wchar_t(bitPattern: scalar.value)) }
        if text.isEmpty { text.append(wchar_t(32)) }
        text.append(0)
        _ = cn_put_cell(Int32(y), Int32(x), text, attrs, pair(for: style))
    }

    /// A colour pair for the style's colours, created on first use; 0 (the terminal's
    /// colours) without colour support or when pairs run out.
    private func pair(for style: TextStyle) -> Int32 {
        guard colors != .none else { return 0 }
        let key = ColorPairKey(fg: colorNumber(style.foreground), bg: colorNumber(style.background))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let p = pairs[key] { return p }
        let next = Int32(pairs.count + 1)
        guard next < cn_color_pairs() else { return 0 }
        _ = cn_init_pair(next, key.fg, key.bg)
        pairs[key] = next
        return next
    }

    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color.reduced(toColors: colors.count) {
        case .terminalDefault: return -1
        case .indexed(let i): return Int32(i)
        }
    }
}

/// The crash handlers replaced by `installCrashRestore`, by signal number. Plain memory
/// (no Swift collections), so the signal handler can read it.
nonisolated(unsafe) private let previousCrashActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    p.initialize(repeating: sigaction(), count: 65)
    return p
}()

private func restoreTerminalAndReraise(_ sig: Int32) {
    endwin()
    sigaction(sig, previousCrashActions + Int(sig), nil)
    raise(sig)
}
