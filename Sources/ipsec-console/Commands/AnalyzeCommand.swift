import ArgumentParser
import IPsecKit

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyze", abstract: "Parse saved device output (being written).")
    func run() throws {}
}
