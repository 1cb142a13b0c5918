import Lab

/// A lab device driven by a test: commands typed as a pipe client would, time moved by hand.
struct LabDriver {
    var device: LabDevice
    var time: Int64 = 0

    init(_ scenario: String = "healthy", persona: Persona = .ios, seed: UInt64 = 7,
         configure: (inout LabDeviceOptions) -> Void = { _ in }) throws {
        var options = LabDeviceOptions()
        options.scenario = scenario
        options.persona = persona
        options.seed = seed
        configure(&options)
        device = try LabDevice(options: options)
        _ = device.start()
    }

    /// Types `line` and a newline; returns everything the device printed in response.
    mutating func type(_ line: String) -> String { device.receive(line + "\n") }

    /// The bare output of a command: without the line ending after the command and the prompt after the output.
    mutating func output(_ command: String) -> String {
        var text = type(command)
        if text.hasPrefix("\n") { text.removeFirst() }
        if text.hasSuffix(device.prompt) { text.removeLast(device.prompt.count) }
        return text
    }

    /// Advances the simulated clock by `seconds`, returning asynchronous output.
    mutating func wait(_ seconds: Double) -> String {
        time += Int64(seconds * 1000)
        return device.advance(to: time)
    }
}
