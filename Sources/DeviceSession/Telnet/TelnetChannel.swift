#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A device (usually a console server port) reached over Telnet.
public final class TelnetChannel: DeviceChannel {
    public let label: String
    private let fd: Int32
    private var negotiator = TelnetNegotiator()
    private var isClosed = false

    public init(host: String, port: Int, connectTimeout: Duration = .seconds(10)) throws(DeviceSessionError) {
        label = "telnet \(host):\(port)"
        fd = try Self.connect(host: host, port: port, timeout: connectTimeout)
    }

    static func connect(host: String, port: Int, timeout: Duration) throws(DeviceSessionError) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .connection(ConnectionFailure(kind: .hostUnreachable, message: "cannot resolve host name \(host): \(String(cString: gai_strerror(rc)))",
                                                advice: "Check the spelling or use the address"))
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = ETIMEDOUT
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = errno; continue }
            FileDescriptorIO.setNonBlocking(fd)
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            guard errno == EINPROGRESS else { lastError = errno; Glibc.close(fd); continue }
            var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ms = Int32(timeout.components.seconds * 1000)
            if poll(&p, 1, ms) == 1 {
                var soError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                if soError == 0 { return fd }
                lastError = soError
            } else {
                lastError = ETIMEDOUT
            }
            Glibc.close(fd)
        }
        let endpoint = "\(host) port \(port)"
        switch lastError {
        case ECONNREFUSED:
            throw .connection(ConnectionFailure(kind: .connectionRefused, message: "connection refused by \(endpoint)",
                                                advice: "Check the address and port (console servers use one port per line, often 2001-2048 or 7001...)"))
        case ETIMEDOUT:
            throw .connection(ConnectionFailure(kind: .timedOut, message: "the connection to \(endpoint) timed out", advice: "Check the address, routing and firewalls"))
        case EHOSTUNREACH, ENETUNREACH:
            throw .connection(ConnectionFailure(kind: .hostUnreachable, message: "\(endpoint) cannot be reached (no route)", advice: "Check the address and routing"))
        default:
            throw .connection(ConnectionFailure(kind: .other, message: "cannot connect to \(endpoint): \(FileDescriptorIO.errorText(lastError))"))
        }
    }

    public func read(timeout: Duration, interruptible: Bool) throws(DeviceSessionError) -> [UInt8] {
        guard !isClosed else { throw Self.lostConnection(label) }
        let deadline = ContinuousClock.now + timeout
        while true {
            let ready = try FileDescriptorIO.waitReadable([fd], timeout: max(.zero, ContinuousClock.now.duration(to: deadline)), interruptible: interruptible)
            if !ready.isEmpty {
                guard let bytes = FileDescriptorIO.readAvailable(fd) else {
                    close()
                    throw Self.lostConnection(label)
                }
                let (data, replies) = negotiator.receive(bytes)
                if !replies.isEmpty { FileDescriptorIO.writeAll(fd, replies) }
                if !data.isEmpty { return data }
            }
            if ContinuousClock.now >= deadline { return [] }
        }
    }

    public func write(_ bytes: [UInt8]) throws(DeviceSessionError) {
        guard !isClosed, FileDescriptorIO.writeAll(fd, TelnetNegotiator.encode(bytes)) else { throw Self.lostConnection(label) }
    }

    /// Telnet's BREAK command (console servers pass it on as a serial break).
    public func sendBreak() {
        FileDescriptorIO.writeAll(fd, [TelnetNegotiator.IAC, 243])
    }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    deinit { close() }
}
