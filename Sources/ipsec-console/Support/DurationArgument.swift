import ArgumentParser

/// A duration typed as `500ms`, `30s`, `10m`, `1h` (a bare number is seconds).
struct DurationArgument: ExpressibleByArgument, Sendable {
    var duration: Duration
    var text: String

    init?(argument: String) {
        let t = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = t
        var scale = 1.0
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            number = String(t.dropLast(suffix.count))
            scale = factor
            break
        }
        guard let value = Double(number), value >= 0, value.isFinite else { return nil }
        duration = .milliseconds(Int64(value * scale * 1000))
        text = argument
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

import Foundation
