// ipsec-bench: performance checks, one subcommand each.
//   ipsec-bench parse [--max N]   parser throughput, linearity and memory (ParseBenchmark.swift)
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: ipsec-bench parse [--max N] | all"

switch arguments.first {
case "parse":
    ParseBenchmark.run(arguments: Array(arguments.dropFirst()))
case "parse-memory": // internal: one memory measurement in a fresh process
    ParseBenchmark.memoryChild(arguments: Array(arguments.dropFirst()))
case "all":
    ParseBenchmark.run(arguments: [])
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
