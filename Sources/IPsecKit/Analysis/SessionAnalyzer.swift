/// Reads a captured session log (or bare saved output) as a stream and splits it into
/// command sections, each parsed by its command's parser.
///
/// Sections start at a prompt line (`R1#sh cry ipsec sa`) or, where no prompt precedes
/// the output, at a header line that identifies a command's output. Asynchronous lines
/// (debug and syslog messages that a live terminal interleaves with command output) are
/// taken out of the sections and handed to `onStreamLine`, together with every line
/// outside a show section, so the diagnosis sees the debug stream whole and the parsers
/// see clean tables.
///
/// Such a message can also cut an output line in two (`    #pkts encaps: 12, #pk` /
/// the message / `ts encrypt: 12, ...`): each output line is held back from its parser
/// until the next one arrives, and the rest after a message is joined onto it when
/// `InterruptedLine` says so. One line of lookahead; the input stays a stream.
public struct SessionAnalyzer {
    public struct Options: Sendable {
        /// Treat bare output (before any prompt) as this command's.
        public var command: ShowCommand?
        public var platform: Platform?

        public init(command: ShowCommand? = nil, platform: Platform? = nil) {
            self.command = command; self.platform = platform
        }
    }

    private struct OpenSection {
        var command: ShowCommand?
        var label: String
        var typed: String?
        var parser: (any SectionParser)?
        var firstLine: Int
        var lastLine: Int
        /// Debug/terminal commands: what follows is stream, not command output.
        var isStream: Bool
        var fromPrompt: Bool
    }

    private struct OpenFlags {
        var isOpen = false
        var isStream = false
        var fromPrompt = false
        var hasParser = false
        var command: ShowCommand?

        init() {}

        init(_ section: OpenSection) {
            isOpen = true
            isStream = section.isStream
            fromPrompt = section.fromPrompt
            hasParser = section.parser != nil
            command = section.command
        }
    }

    /// The last output line of the open section, not yet given to its parser.
    private struct HeldLine {
        var bytes: [UInt8] = []
        var number = 0
        var isHeld = false
        /// An asynchronous line came after it: the next output line may be its rest.
        var interrupted = false
        /// The line given to the parser before it (in this section), for `InterruptedLine`.
        var previous: InterruptedLine.Shape?

        var shape: InterruptedLine.Shape {
            bytes.withUnsafeBufferPointer { InterruptedLine.Shape(ByteLine(bytes: $0, number: number)) }
        }
    }

    public let options: Options
    private let isAsynchronous: (ByteLine) -> Bool
    private let onStreamLine: (ByteLine) -> Void
    private var framer = LineFramer()
    private var cleaner = DeviceLineCleaner()
    private var report = AnalysisReport()
    private var current: OpenSection?
    /// What the per-line checks read of `current`, kept beside it: reading them from the
    /// optional section itself copied the section (its strings and parser) on every line.
    private var openFlags = OpenFlags()
    private var sawPrompt = false
    private var held = HeldLine()

    /// - Parameters:
    ///   - isAsynchronous: tells debug/syslog lines apart from command output.
    ///   - onStreamLine: receives asynchronous lines and lines outside show sections, in order.
    public init(options: Options = Options(),
                isAsynchronous: @escaping (ByteLine) -> Bool,
                onStreamLine: @escaping (ByteLine) -> Void = { _ in }) {
        self.options = options
        self.isAsynchronous = isAsynchronous
        self.onStreamLine = onStreamLine
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        // Moved out of self for the duration so the closure may mutate self (and no
        // copy-on-write of their buffers happens).
        var framer = self.framer, cleaner = self.cleaner
        self.framer = LineFramer(); self.cleaner = DeviceLineCleaner()
        framer.feed(chunk) { raw in cleaner.clean(raw) { process($0) } }
        self.framer = framer; self.cleaner = cleaner
    }

    public mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { feed($0) }
    }

    /// Ends the input and returns everything parsed.
    public mutating func finish() -> AnalysisReport {
        var framer = self.framer, cleaner = self.cleaner
        framer.finish { raw in cleaner.clean(raw) { process($0) } }
        self.framer = framer; self.cleaner = cleaner
        closeSection()
        for number in framer.truncatedLines {
            report.warnings.append(ParseWarning(line: number, message: "line longer than \(framer.maximumLineLength) bytes; the rest of it was ignored"))
        }
        report.warnings.sort { $0.line < $1.line }
        return report
    }

    private mutating func process(_ line: ByteLine) {
        if let prompt = PromptLine.parse(line) {
            sawPrompt = true
            closeSection()
            openSection(forTyped: prompt.command, at: line.number)
            return
        }
        // Only command output needs telling apart from interleaved debug/syslog lines;
        // everything outside it is stream anyway (and a busy debug log is mostly that).
        if openFlags.isOpen, !openFlags.isStream, isAsynchronous(line) {
            if held.isHeld { held.interrupted = true }
            onStreamLine(line)
            return
        }
        // The rest of an output line the message(s) just before cut in two.
        if held.interrupted {
            held.interrupted = false
            if InterruptedLine.isRest(line, of: held.shape, previous: held.previous) {
                held.bytes.append(contentsOf: line.bytes)
                current?.lastLine = line.number
                return
            }
        }
        if !openFlags.isOpen || !openFlags.fromPrompt {
            if !openFlags.isOpen, !sawPrompt, let command = options.command {
                open(command, typed: nil, at: line.number, fromPrompt: false)
            } else if let command = ShowCommand.recognize(header: line), command != openFlags.command,
                      !(openFlags.command == .ikev1SA && command == .isakmpSA) {
                closeSection()
                open(command, typed: nil, at: line.number, fromPrompt: false)
            }
        }
        // The open section is changed in place (`current!`): a copy of it would share the
        // parser's buffers and make every line copy them on write.
        guard openFlags.isOpen else {
            onStreamLine(line)
            return
        }
        current!.lastLine = line.number
        if openFlags.isStream {
            onStreamLine(line)
            return
        }
        guard openFlags.hasParser else { return }
        releaseHeld()
        held.bytes.removeAll(keepingCapacity: true)
        held.bytes.append(contentsOf: line.bytes)
        held.number = line.number
        held.isHeld = true
    }

    /// Gives the held line to the open section's parser.
    private mutating func releaseHeld() {
        guard held.isHeld else { return }
        held.isHeld = false
        held.interrupted = false
        held.previous = held.shape
        let bytes = held.bytes, number = held.number
        guard current?.parser != nil else { return }
        bytes.withUnsafeBufferPointer { current!.parser!.consume(ByteLine(bytes: $0, number: number)) }
    }

    private mutating func openSection(forTyped typed: String, at number: Int) {
        guard !typed.isEmpty else { return }
        if let command = ShowCommand.resolve(typed) {
            open(command, typed: typed, at: number, fromPrompt: true)
            return
        }
        let first = typed.split(separator: " ").first.map { $0.lowercased() } ?? ""
        let streamCommands = ["debug", "undebug", "no", "terminal", "term", "u", "un", "und", "ping"]
        let section = OpenSection(command: nil, label: typed, typed: typed, parser: nil, firstLine: number, lastLine: number,
                                  isStream: streamCommands.contains { $0 == first || (first.count >= 3 && $0.hasPrefix(first)) },
                                  fromPrompt: true)
        openFlags = OpenFlags(section)
        current = section
    }

    private mutating func open(_ command: ShowCommand, typed: String?, at number: Int, fromPrompt: Bool) {
        let section = OpenSection(command: command, label: command.rawValue, typed: typed,
                                  parser: command.makeParser(platform: options.platform),
                                  firstLine: number, lastLine: number, isStream: false, fromPrompt: fromPrompt)
        openFlags = OpenFlags(section)
        current = section
    }

    private mutating func closeSection() {
        releaseHeld()
        held.previous = nil
        guard var section = current else { return }
        current = nil
        openFlags = OpenFlags()
        let before = (isakmp: report.isakmpSas.count, summary: report.isakmpSummary.count, ipsec: report.ipsecSas.count)
        section.parser?.finish(into: &report)
        var platform = options.platform
        if platform == nil, let command = section.command {
            platform = Self.guessPlatform(command, report: report, since: before)
        }
        report.sections.append(SectionInfo(command: section.label, typed: section.typed, platform: platform,
                                           firstLine: section.firstLine, lastLine: section.lastLine))
    }

    /// Which platform printed a section, judged from fields only one of them prints.
    private static func guessPlatform(_ command: ShowCommand, report: AnalysisReport,
                                      since before: (isakmp: Int, summary: Int, ipsec: Int)) -> Platform? {
        switch command {
        case .isakmpSA, .ikev1SA:
            let rows = report.isakmpSas[before.isakmp...]
            if report.isakmpSummary.count > before.summary || rows.contains(where: { $0.peer != nil || $0.type != nil }) { return .asa }
            return rows.isEmpty ? nil : .ios
        case .ipsecSA:
            let flows = report.ipsecSas[before.ipsec...]
            if flows.contains(where: { $0.seqNum != nil || $0.dynamicPeerIp != nil || $0.ipsecOverhead != nil }) { return .asa }
            return flows.isEmpty ? nil : .ios
        case .engineConnectionsActive, .cryptoSession:
            return .ios
        case .ikev2SA:
            return nil
        }
    }
}

extension SessionAnalyzer {
    /// Analyses a whole text at once (tests, small inputs).
    public static func analyze(_ text: String, options: Options = Options(),
                               isAsynchronous: @escaping (ByteLine) -> Bool,
                               onStreamLine: @escaping (ByteLine) -> Void = { _ in }) -> AnalysisReport {
        var analyzer = SessionAnalyzer(options: options, isAsynchronous: isAsynchronous, onStreamLine: onStreamLine)
        analyzer.feed(Array(text.utf8))
        return analyzer.finish()
    }
}
