import Foundation

/// Finds the executables `swift build` made, for tests that run the real program.
public enum BuiltProducts {
    /// The build products folder (`.build/debug` or the configured one): the folder of the
    /// running test bundle, where SwiftPM also puts the executables.
    public static var directory: URL {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for dir in candidates where FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("ipsec-console").path) {
            return dir
        }
        // Fall back to the checkout's default debug folder.
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".build/debug")
    }

    public static func executable(_ name: String = "ipsec-console") -> URL {
        directory.appendingPathComponent(name)
    }

    /// The checkout's root folder.
    public static var checkout: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root
    }
}

/// Runs a program to completion with a time limit and collects what it printed.
public struct ProgramRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public struct TimedOut: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input. Kills it and
    /// throws after `timeout` seconds, so a hang fails the test instead of stalling CI.
    public static func run(_ executable: URL, _ arguments: [String], input: String? = nil,
                           environment: [String: String]? = nil, timeout: TimeInterval = 60) throws -> ProgramRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try? inp.fileHandleForWriting.close()
        // Read both pipes while the program runs so a full pipe cannot block it.
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isOut) in [(out, true), (err, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, stdout: isOut)
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw TimedOut(description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return ProgramRun(status: process.terminationStatus,
                          stdout: String(decoding: collected.stdout, as: UTF8.self),
                          stderr: String(decoding: collected.stderr, as: UTF8.self))
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var stdout = Data()
        private(set) var stderr = Data()
        func set(_ data: Data, stdout isOut: Bool) {
            lock.lock(); defer { lock.unlock() }
            if isOut { stdout = data } else { stderr = data }
        }
    }
}
