import Foundation

/// Exclusive use of a serial port: a UUCP-style lock file (`LCK..ttyUSB0` holding the
/// owner's PID, which minicom, picocom and cu honour too) plus `flock` on the device.
/// When the port is taken, the error names the process holding it.
struct SerialLock {
    let lockFilePath: String?

    /// Takes the lock file for `devicePath` in `directory` (skipped when the directory
    /// is not writable: the flock still protects).
    static func acquire(devicePath: String, directory: String) throws(DeviceSessionError) -> SerialLock {
        let name = "LCK.." + (devicePath.split(separator: "/").last.map(String.init) ?? devicePath)
        let path = directory + "/" + name
        guard access(directory, W_OK) == 0 else { return SerialLock(lockFilePath: nil) }
        for _ in 0..<2 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                let text = String(repeating: " ", count: max(0, 10 - String(getpid()).count)) + "\(getpid())\n"
                FileDescriptorIO.writeAll(fd, Array(text.utf8))
                close(fd)
                return SerialLock(lockFilePath: path)
            }
            // Someone holds it: alive, or a stale file from a crashed program?
            let content = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if let pid = Int32(content.trimmingSpaces()), pid > 0, kill(pid, 0) == 0 || errno == EPERM {
                throw portInUse(devicePath, holders: [pid], via: path)
            }
            unlink(path)
        }
        return SerialLock(lockFilePath: nil)
    }

    func release() {
        if let lockFilePath { unlink(lockFilePath) }
    }

    /// Processes that have `devicePath` open (read from /proc).
    static func holders(of devicePath: String) -> [Int32] {
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: devicePath)).map {
            $0.hasPrefix("/") ? $0 : (devicePath as NSString).deletingLastPathComponent + "/" + $0
        } ?? devicePath
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var found: [Int32] = []
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid() else { continue }
            let fdDir = "/proc/\(entry)/fd"
            guard let fds = try? FileManager.default.contentsOfDirectory(atPath: fdDir) else { continue }
            for fd in fds {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDir)/\(fd)"),
                   target == resolved || target == devicePath {
                    found.append(pid)
                    break
                }
            }
        }
        return found
    }

    static func portInUse(_ devicePath: String, holders: [Int32], via: String?) -> DeviceSessionError {
        let names = holders.map { pid -> String in
            let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingSpaces()
            return comm.map { "\($0) (PID \(pid))" } ?? "PID \(pid)"
        }
        let who = names.isEmpty ? "another program" : names.joined(separator: ", ")
        return .connection(ConnectionFailure(kind: .portInUse, message: "serial port \(devicePath) is in use by \(who)" + (via.map { " (lock file \($0))" } ?? ""),
                                             advice: "Close that program (or its screen/minicom session) and try again"))
    }
}
