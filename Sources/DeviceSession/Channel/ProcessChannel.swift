import Foundation

/// A device program run locally on a pseudo-terminal: the lab device
/// (`ipsec-console lab-device ...`) or any program speaking a Cisco CLI on its terminal.
/// The terminal is in normal (cooked, echoing) mode, as sshd would give it.
public final class ProcessChannel: DeviceChannel {
    public let label: String
    private let process: PseudoTerminalProcess
    private var isClosed = false

    public var processID: Int32 { process.pid }

    public init(arguments: [String], label: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DeviceSessionError) {
        self.label = label
        process = try PseudoTerminalProcess(arguments: arguments, environment: environment, mode: .cooked, separateStandardError: false)
    }

    /// The lab device of the same executable.
    /// `peerOf`: start side B of the pair (`lab-device --peer-of`).
    public static func lab(executable: String, scenario: String, persona: String, peerOf: String? = nil, auditFile: String?) throws(DeviceSessionError) -> ProcessChannel {
        var arguments = [executable, "lab-device", "--persona", persona, "--scenario", scenario]
        if let peerOf { arguments += ["--peer-of", peerOf] }
        if let auditFile { arguments += ["--audit", auditFile] }
        return try ProcessChannel(arguments: arguments, label: "lab \(scenario) (\(persona)\(peerOf.map { ", peer of \($0)" } ?? ""))")
    }

    public func read(timeout: Duration, interruptible: Bool) throws(DeviceSessionError) -> [UInt8] {
        guard !isClosed else { throw Self.lostConnection(label) }
        let deadline = ContinuousClock.now + timeout
        while true {
            let ready = try FileDescriptorIO.waitReadable([process.masterFD], timeout: max(.zero, ContinuousClock.now.duration(to: deadline)), interruptible: interruptible)
            if !ready.isEmpty {
                guard let bytes = FileDescriptorIO.readAvailable(process.masterFD) else { throw ended() }
                if !bytes.isEmpty { return bytes }
            }
            if ContinuousClock.now >= deadline { return [] }
        }
    }

    public func write(_ bytes: [UInt8]) throws(DeviceSessionError) {
        guard !isClosed, FileDescriptorIO.writeAll(process.masterFD, bytes) else { throw ended() }
    }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        process.terminate()
    }

    private func ended() -> DeviceSessionError {
        let status = process.waitForExit(timeout: .seconds(1))
        close()
        return Self.lostConnection(label, detail: status.map { "the device program exited with status \($0)" })
    }
}
