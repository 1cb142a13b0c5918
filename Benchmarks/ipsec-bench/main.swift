import Foundation

/// ipsec-bench CASE [options]: performance checks run by `make bench`.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "diagnose":
    exit(DiagnosisBenchmark.run(arguments: Array(arguments.dropFirst())))
case "all", nil:
    exit(DiagnosisBenchmark.run(arguments: []))
default:
    print("usage: ipsec-bench [all | diagnose [--lines N] [--file PATH] [--regenerate] [--engine-only]]")
    exit(2)
}
