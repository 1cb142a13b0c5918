import Foundation

/// The console's private known_hosts file for one run: host keys the user accepts "once"
/// in the host-key dialog are written here by ssh (it is the first UserKnownHostsFile),
/// so reconnects and the second session trust them, and they are gone when the run ends.
struct SessionKnownHosts {
    let directory: String
    var path: String { directory + "/known_hosts" }

    init?() {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/ipsec-console-hosts.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { return nil }
        directory = String(cString: made)
        guard FileManager.default.createFile(atPath: directory + "/known_hosts", contents: nil,
                                             attributes: [.posixPermissions: 0o600]) else {
            rmdir(directory)
            return nil
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
