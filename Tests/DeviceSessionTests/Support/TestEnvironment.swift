import Foundation
@testable import DeviceSession
import IPsecKit

/// Paths and helpers the device-session tests share.
enum TestEnvironment {
    /// The scripted device program (python3).
    static var fakeDevice: String {
        Bundle.module.path(forResource: "fake-device", ofType: "py", inDirectory: "Fixtures")!
    }

    /// The ipsec-console binary built next to the test bundle (askpass helper, exec, watch).
    static var executable: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: me).deletingLastPathComponent()
        // Inside an .xctest bundle directory on some layouts.
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("ipsec-console").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("ipsec-console").path
    }

    static let python = "/usr/bin/python3"

    /// A fresh private directory.
    static func temporaryDirectory(_ name: String = "t") -> String {
        let path = NSTemporaryDirectory() + "ipsec-session-\(name)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The fake device on a pty of our own.
    static func deviceChannel(_ arguments: [String], audit: String? = nil) throws -> ProcessChannel {
        var a = [python, fakeDevice] + arguments
        if let audit { a += ["--audit", audit] }
        return try ProcessChannel(arguments: a, label: "fake device")
    }

    static func driverOptions(collecting sink: LineSink? = nil, timeout: Duration = .seconds(5)) -> CLIDriver.Options {
        var o = CLIDriver.Options(isAsynchronous: AsynchronousLineFilter.makeClosure(), onAsynchronous: { sink?.lines.append($0) })
        o.commandTimeout = timeout
        o.loginTimeout = .seconds(10)
        return o
    }

    static func readLines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Waits until `condition` holds or `timeout` passes.
    static func eventually(_ timeout: Duration = .seconds(10), _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}

/// Collects asynchronous lines.
final class LineSink: @unchecked Sendable {
    var lines: [AsynchronousLine] = []
}
