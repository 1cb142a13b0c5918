#if canImport(Glibc)
import Glibc
#endif

/// The thin I/O edge around a `LabDevice`: reads bytes, feeds them and the passing time
/// to the device, writes what it prints, appends the audit trail.
public struct TerminalLoop {
    public var input: Int32
    public var output: Int32
    public var audit: AuditFile?
    /// Milliseconds since the loop started; real time in the program, injectable in tests.
    public var now: () -> Int64
    /// Set for a serial console: bytes are garbled while the line speeds differ.
    public var checkLineSpeedOf: Int32?
    /// A pty master keeps serving when its client goes away (a console port stays up).
    public var surviveHangup = false

    public init(input: Int32, output: Int32, audit: AuditFile?, now: @escaping () -> Int64) {
        self.input = input; self.output = output; self.audit = audit; self.now = now
    }

    /// Milliseconds of a monotonic clock, for `now`.
    public static func monotonicMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Runs until the session ends (exit/logout) or input closes.
    public func run(_ device: inout LabDevice) {
        emit(device.start())
        while !device.isClosed {
            let t = now()
            let waitFor = device.nextEventAt.map { max(0, min(50, $0 - t)) } ?? 50
            let bytes = FileDescriptorIO.read(input, timeoutMilliseconds: Int32(waitFor))
            var text = device.advance(to: now())
            if let bytes {
                if bytes.isEmpty {
                    if surviveHangup { emit(text); usleep(50_000); continue }
                    emit(text)
                    break
                }
                let received = garbleIfMismatched(bytes)
                text += device.receive(received)
                audit?.append(device.drainAudit())
            }
            if !emit(text) { break }
        }
        audit?.append(device.drainAudit())
    }

    private func garbleIfMismatched(_ bytes: [UInt8]) -> [UInt8] {
        guard let fd = checkLineSpeedOf, !LineSpeed.deviceHearsClient(fd) else { return bytes }
        return LineSpeed.garble(bytes)
    }

    @discardableResult
    private func emit(_ text: String) -> Bool {
        guard !text.isEmpty else { return true }
        var bytes = Array(text.utf8)
        if let fd = checkLineSpeedOf, !LineSpeed.clientHearsDevice(fd) { bytes = LineSpeed.garble(bytes) }
        return FileDescriptorIO.writeAll(output, bytes)
    }
}

/// Raw mode for a terminal the device runs on: the device echoes and edits lines itself,
/// as a router's vty does.
public struct RawTerminalMode {
    private var saved = termios()
    private let fd: Int32
    private var active = false

    public init(fd: Int32) { self.fd = fd }

    public mutating func enable() {
        guard isatty(fd) == 1, tcgetattr(fd, &saved) == 0 else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ECHONL | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(ICRNL | INLCR | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        tcsetattr(fd, TCSANOW, &raw)
        active = true
    }

    public func restore() {
        guard active else { return }
        var t = saved
        tcsetattr(fd, TCSANOW, &t)
    }
}

/// A pseudo-terminal pair standing in for a serial console port: the device serves the
/// master; a client opens `slavePath` like `/dev/ttyS0` and may set its speed.
public struct PseudoTerminal {
    public let master: Int32
    public let slave: Int32
    public let slavePath: String

    /// Opens the pair with the slave raw at the device's 9600 baud. Nil when the system has no ptys.
    public static func open() -> PseudoTerminal? {
        // posix_openpt/grantpt/unlockpt are not exported by the Glibc module: do what they
        // do on Linux (open the multiplexer, unlock, ask the slave number).
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, UInt(0x4004_5431) /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, UInt(0x8004_5430) /* TIOCGPTN */, &number) == 0 else { close(master); return nil }
        let path = "/dev/pts/\(number)"
        let slave = Glibc.open(path, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { return nil }
        var t = termios()
        tcgetattr(slave, &t)
        cfmakeraw(&t)
        cfsetispeed(&t, LineSpeed.deviceBaud)
        cfsetospeed(&t, LineSpeed.deviceBaud)
        tcsetattr(slave, TCSANOW, &t)
        return PseudoTerminal(master: master, slave: slave, slavePath: path)
    }
}
