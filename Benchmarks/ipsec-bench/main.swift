// ipsec-bench: speed and memory checks, one subcommand each (run with -c release).
//   ipsec-bench parse [--max N]      parser throughput, linearity and memory (ParseBenchmark.swift)
//   ipsec-bench diagnose [options]   diagnosis engine vs grep/rg on a generated log (DiagnosisBenchmark.swift)
//   ipsec-bench render [--peers N]   console frame time and scrollback memory (RenderBenchmark.swift)
//   ipsec-bench all                  all of them
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: ipsec-bench parse [--max N] | diagnose [--lines N] [--file PATH] [--regenerate] [--engine-only] [--stages] [--runs N] | render [--peers N] [--frames N] | all"

switch arguments.first {
case "parse":
    ParseBenchmark.run(arguments: Array(arguments.dropFirst()))
case "parse-memory": // internal: one memory measurement in a fresh process
    ParseBenchmark.memoryChild(arguments: Array(arguments.dropFirst()))
case "diagnose":
    exit(DiagnosisBenchmark.run(arguments: Array(arguments.dropFirst())))
case "watch":
    exit(WatchBenchmark.run(arguments: Array(arguments.dropFirst())))
case "render":
    exit(RenderBenchmark.run(arguments: Array(arguments.dropFirst())))
case "all", nil:
    ParseBenchmark.run(arguments: [])
    let diagnosis = DiagnosisBenchmark.run(arguments: [])
    exit(diagnosis != 0 ? diagnosis : RenderBenchmark.run(arguments: []))
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
