#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A console port: termios settings from the target, exclusive use, wrong-speed
/// detection and break.
public final class SerialChannel: DeviceChannel {
    public let label: String
    public let path: String
    public let settings: SerialSettings
    private let fd: Int32
    private let lock: SerialLock
    private var noise = LineNoiseDetector()
    private var isClosed = false

    public init(path: String, settings: SerialSettings, lockDirectory: String = "/var/lock") throws(DeviceSessionError) {
        self.path = path
        self.settings = settings
        label = "serial \(path) at \(settings.baud) baud"
        lock = try SerialLock.acquire(devicePath: path, directory: lockDirectory)
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            lock.release()
            throw .connection(ConnectionFailure(kind: code == EBUSY ? .portInUse : .other,
                                                message: "cannot open serial port \(path): \(FileDescriptorIO.errorText(code))",
                                                advice: code == EACCES ? "Add yourself to the dialout group (or the group owning \(path))" : nil))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            Glibc.close(fd)
            lock.release()
            throw SerialLock.portInUse(path, holders: SerialLock.holders(of: path), via: nil)
        }
        self.fd = fd
        _ = ioctl(fd, UInt(TIOCEXCL))
        do {
            try Self.apply(settings, to: fd, path: path)
        } catch {
            Glibc.close(fd)
            lock.release()
            throw error
        }
    }

    static func apply(_ s: SerialSettings, to fd: Int32, path: String) throws(DeviceSessionError) {
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else {
            throw .connection(ConnectionFailure(kind: .other, message: "\(path) is not a serial port: \(FileDescriptorIO.errorText())"))
        }
        cfmakeraw(&t)
        let speed: speed_t
        switch s.baud {
        case 1200: speed = speed_t(B1200)
        case 2400: speed = speed_t(B2400)
        case 4800: speed = speed_t(B4800)
        case 19200: speed = speed_t(B19200)
        case 38400: speed = speed_t(B38400)
        case 57600: speed = speed_t(B57600)
        case 115200: speed = speed_t(B115200)
        default: speed = speed_t(B9600)
        }
        cfsetispeed(&t, speed)
        cfsetospeed(&t, speed)
        t.c_cflag &= ~tcflag_t(CSIZE)
        switch s.dataBits {
        case 5: t.c_cflag |= tcflag_t(CS5)
        case 6: t.c_cflag |= tcflag_t(CS6)
        case 7: t.c_cflag |= tcflag_t(CS7)
        default: t.c_cflag |= tcflag_t(CS8)
        }
        t.c_cflag &= ~tcflag_t(PARENB | PARODD)
        if s.parity != .none { t.c_cflag |= tcflag_t(PARENB) }
        if s.parity == .odd { t.c_cflag |= tcflag_t(PARODD) }
        if s.stopBits == 2 { t.c_cflag |= tcflag_t(CSTOPB) } else { t.c_cflag &= ~tcflag_t(CSTOPB) }
        let rtscts: tcflag_t = 0o20000000000 // CRTSCTS
        t.c_cflag &= ~rtscts
        t.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        switch s.flow {
        case .none: break
        case .rtscts: t.c_cflag |= rtscts
        case .xonxoff: t.c_iflag |= tcflag_t(IXON | IXOFF)
        }
        t.c_cflag |= tcflag_t(CLOCAL | CREAD)
        // TCSANOW: TCSAFLUSH would throw away a banner already waiting.
        guard tcsetattr(fd, TCSANOW, &t) == 0 else {
            throw .connection(ConnectionFailure(kind: .other, message: "cannot set \(path) to \(s.baud) baud: \(FileDescriptorIO.errorText())"))
        }
    }

    public func read(timeout: Duration, interruptible: Bool) throws(DeviceSessionError) -> [UInt8] {
        guard !isClosed else { throw Self.lostConnection(label) }
        let ready = try FileDescriptorIO.waitReadable([fd], timeout: timeout, interruptible: interruptible)
        guard !ready.isEmpty else { return [] }
        guard let bytes = FileDescriptorIO.readAvailable(fd) else {
            // A pty-backed port (socat) reports a vanished peer as EOF/EIO; a real port
            // never does. Wait a little rather than spin, and report nothing read.
            usleep(50_000)
            return []
        }
        noise.feed(bytes)
        return bytes
    }

    public func write(_ bytes: [UInt8]) throws(DeviceSessionError) {
        guard !isClosed, FileDescriptorIO.writeAll(fd, bytes) else { throw Self.lostConnection(label) }
    }

    public func sendBreak() {
        tcsendbreak(fd, 0)
    }

    public var connectionHint: String? {
        noise.looksGarbled ? LineNoiseDetector.advice(currentBaud: settings.baud) : nil
    }

    /// True when what arrived so far looks like a wrong line speed.
    public var looksGarbled: Bool { noise.looksGarbled }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        flock(fd, LOCK_UN)
        Glibc.close(fd)
        lock.release()
    }

    deinit { close() }
}
