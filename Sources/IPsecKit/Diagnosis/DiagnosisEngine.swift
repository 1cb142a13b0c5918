/// Streaming diagnosis of debug and logging output against the signature catalog.
///
/// Feed every line as it arrives (`consume`), from any source: a file, a live session, a
/// capture; read `findings` at any time. Memory stays constant in the input length:
/// evidence, pending context, exchanges, findings and timelines are all capped
/// (`DiagnosisLimits`).
///
/// Cost: each line goes once through the literal automaton built from every pattern's
/// literals and the negotiation phrases; only lines holding all the literals of a pattern
/// run that pattern's regex, and only lines with a match or a phrase are classified.
///
/// Context: debug lines belong to an exchange (keyed by peer and ISAKMP connection).
/// Symptom and explanation lines wait in the exchange; an acceptance (`atts are
/// acceptable`, `sa created`...) drops them as normal proposal walking; a failure line
/// (`no offers accepted!`) turns them into findings: the explanations when there are any
/// (a hash mismatch rather than a bare main-mode failure), else the best-supported
/// symptom, else the failure's own signature. After a trigger or a raised failure in the
/// same exchange, further failure lines are evidence for it.
///
/// Exchanges and timelines are plain values in slot arrays addressed by index (no
/// reference counting on the per-line path), so a copy of the engine is independent.
public struct DiagnosisEngine {
    public let signatures: [Signature]
    public let limits: DiagnosisLimits
    private let catalog: CompiledCatalog
    private let signatureIndex: [String: Int]

    // Prefilter scratch, reused for every line.
    /// Literal hits; the current line's are `hits[lineHitsStart...]`. Earlier lines' hits
    /// are cleared only now and then: clearing an array on every line costs more than the scan
    /// of a short line.
    private var hits: [Int32] = []
    private var lineHitsStart = 0
    /// The current signature line's candidate patterns, in pattern order.
    private var candidateScratch = ReusableArray<Int>()
    private var signatureScratch = SignatureLineScratch()
    private var patternStamp: [UInt32]
    private var generation: UInt32 = 0

    /// Exchange storage: the tables below hold slot indexes into it. Freed slots (of
    /// evicted exchanges) are reused, so the array never outgrows `limits.exchanges` + 1.
    private var exchangeSlots: [Exchange] = []
    private var freeExchangeSlots: [Int] = []
    private var liveExchanges = 0
    private var exchangeByPeer: [String: Int] = [:]
    private var exchangeByConnection = ConnectionIndex()
    private var lastExchange: Int?
    private var nextExchangeId = 1
    private var records: [FindingKey: FindingRecord] = [:]
    /// Peer timelines, in slots like the exchanges (an exchange keeps its peer's slot).
    private var timelineSlots: [PeerTimeline] = []
    private var freeTimelineSlots: [Int] = []
    private var timelineByPeer: [String: Int] = [:]
    private var clock = 0

    /// Lines seen, lines that passed the prefilter, regex evaluations, lines some pattern
    /// matched (what `grep -c` with the same patterns counts): for benchmarks.
    public private(set) var linesConsumed = 0
    public private(set) var candidateLines = 0
    public private(set) var regexEvaluations = 0
    public private(set) var matchingLines = 0

    /// When set, every line taken as evidence is also noted for `takeEvidenceMarks()` (the
    /// console tags those lines with the finding id). Off unless asked for: `analyze` needs
    /// only the findings. Notes not taken are capped at `EvidenceMark.pendingLimit`.
    public var marksEvidence = false
    private var evidenceMarks: [EvidenceMark] = []

    public init(signatures: [Signature], limits: DiagnosisLimits = DiagnosisLimits()) {
        self.signatures = signatures
        self.limits = limits
        catalog = CompiledCatalog(signatures: signatures)
        var index: [String: Int] = [:]
        for (i, s) in signatures.enumerated() where index[s.id] == nil { index[s.id] = i }
        signatureIndex = index
        patternStamp = [UInt32](repeating: 0, count: catalog.patterns.count)
    }

    /// The literal prefilter every line goes through (for benchmarks).
    public var prefilter: LiteralAutomaton { catalog.automaton }

    /// Patterns the engine could not use (invalid regex, nothing to prefilter on).
    public var patternProblems: [String] { catalog.problems }

    /// The signature a finding came from (for its causes and fixes), if it is a catalog id.
    public func signature(for finding: Finding) -> Signature? {
        signatureIndex[finding.id].map { signatures[$0] }
    }

    // MARK: - Input

    /// Diagnoses one line. Lines must arrive in order; the line's storage is not kept.
    public mutating func consume(_ line: ByteLine) {
        linesConsumed += 1
        if hits.count > 1024 { hits.removeAll(keepingCapacity: true) }
        lineHitsStart = hits.count
        catalog.automaton.scan(line.bytes, into: &hits)
        if hits.count == lineHitsStart { return }
        processCandidate(line)
    }

    /// Diagnoses a whole text (tests, small inputs).
    public mutating func consume(text: String) {
        var framer = LineFramer()
        framer.feed(Array(text.utf8)) { consume($0) }
        framer.finish { consume($0) }
    }

    private mutating func processCandidate(_ line: ByteLine) {
        // Negotiation phrases: one bit each. Patterns: only the rare lines holding a key
        // literal collect candidates.
        var phrases: UInt64 = 0
        var holdsKeyLiteral = false
        for h in hits[lineHitsStart...] {
            let l = Int(h)
            phrases |= catalog.literalPhraseMask[l]
            if catalog.literalPatternStart[l] != catalog.literalPatternStart[l + 1] { holdsKeyLiteral = true }
        }
        if holdsKeyLiteral {
            processSignatureCandidate(line, phrases: phrases)
        } else if phrases != 0 {
            negotiationStep(line, phrases: phrases)
        }
    }

    /// A line holding negotiation phrases and no signature literal (most candidate lines of
    /// a debug capture): what `processSignatureCandidate` does when no pattern matches,
    /// without its pattern bookkeeping.
    private mutating func negotiationStep(_ line: ByteLine, phrases: UInt64) {
        candidateLines += 1
        clock += 1
        let keys = LineKeys(line)
        let known = keys.connection.flatMap { exchange(forConnection: $0) }
        let knownHasPeer = known.map { exchangeSlots[$0].hasPeer } ?? false
        // The peer is read from the line only when the exchange cannot be found without it.
        let peer = knownHasPeer ? nil : LineClassifier.peer(in: line)
        let ex: Int?
        if let known, knownHasPeer {
            touch(known, line: line.number)
            ex = known
        } else {
            let joinsRecent = peer != nil || !keys.isSyslog
            ex = resolveExchange(peer: peer, connection: keys.connection, line: line.number, joinsRecent: joinsRecent)
        }
        let accepts = recordPhrases(phrases, line: line, connection: keys.connection, exchange: ex)
        if accepts, let ex { exchangeSlots[ex].accept() }
        evictIfNeeded()
    }

    /// Records the negotiation steps `phrases` name in the exchange; true when one of them
    /// accepts (the exchange's pending symptoms were normal proposal walking).
    @inline(__always)
    private mutating func recordPhrases(_ phrases: UInt64, line: ByteLine, connection: Int?, exchange ex: Int?) -> Bool {
        guard let ex else { return false }
        var accepts = false
        var remaining = phrases
        while remaining != 0 {
            let k = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let effect = catalog.phraseEffects[k]
            if effect == .startsExchange { exchangeSlots[ex].reset() }
            if effect == .accepts { accepts = true }
            guard let kind = catalog.phraseKinds[k] else { continue }
            if kind == .policyChecked { exchangeSlots[ex].checkingDefaultPolicy = line.contains("priority 65535") }
            if let ph = catalog.phrasePhases[k] { exchangeSlots[ex].phase = ph }
            record(StoredEvent(line: line.number, kind: kind, connection: connection), exchange: ex)
        }
        return accepts
    }

    /// A line holding some pattern's key literal: its patterns' regexes, then as
    /// `negotiationStep` plus the findings.
    @inline(never)
    private mutating func processSignatureCandidate(_ line: ByteLine, phrases: UInt64) {
        generation &+= 1
        if generation == 0 {
            for i in patternStamp.indices { patternStamp[i] = 0 }
            generation = 1
        }
        let gen = generation
        candidateScratch.removeAll()
        for h in hits[lineHitsStart...] {
            let l = Int(h)
            for k in catalog.literalPatternStart[l]..<catalog.literalPatternStart[l + 1] {
                let p = Int(catalog.literalPatternList[Int(k)])
                if patternStamp[p] == gen { continue }
                patternStamp[p] = gen
                if catalog.patterns[p].otherLiterals.allSatisfy({ line.firstOffset(of: $0) != nil }) {
                    candidateScratch.insertSorted(p)
                }
            }
        }
        let candidates = candidateScratch
        if candidates.isEmpty && phrases == 0 { return }
        candidateLines += 1

        // The line's matches (pattern, end of its captures in `signatureScratch.captures`), in pattern order.
        signatureScratch.removeAll()
        if !candidates.isEmpty {
            var text: String?
            let plainASCII = ByteRegex.canMatch(line)
            for p in candidates {
                regexEvaluations += 1
                if catalog.patterns[p].match(line, plainASCII: plainASCII, text: &text, scratch: &signatureScratch.regex,
                                             captures: &signatureScratch.captures) {
                    signatureScratch.matches.append((p, signatureScratch.captures.count))
                }
            }
        }
        let matched = !signatureScratch.matches.isEmpty
        if matched { matchingLines += 1 }
        if !matched && phrases == 0 { return }
        clock += 1

        let keys = LineKeys(line)
        var peer: String?
        if let peerName = catalog.peerCapture {
            for span in signatureScratch.captures.spans where span.name == peerName && !signatureScratch.captures.isEmpty(span) {
                peer = signatureScratch.captures.value(span, in: line)
                break
            }
        }
        // The peer is read from the line only when the exchange cannot be found without it
        // (most negotiation lines carry a connection number already bound to a peer).
        let known = keys.connection.flatMap { exchange(forConnection: $0) }
        let knownHasPeer = known.map { exchangeSlots[$0].hasPeer } ?? false
        if peer == nil, !knownHasPeer || matched {
            peer = LineClassifier.peer(in: line)
        }
        let ex: Int?
        if let known, knownHasPeer, peer == nil || peer == exchangeSlots[known].peer {
            // The common case: a negotiation line of an exchange already known.
            touch(known, line: line.number)
            ex = known
        } else {
            // A logging message without peer or connection stands alone: it is not part of
            // whatever negotiation the debug output happened to show last.
            let joinsRecent = peer != nil || !keys.isSyslog
            ex = resolveExchange(peer: peer, connection: keys.connection, line: line.number, joinsRecent: joinsRecent)
        }

        // Negotiation steps.
        let accepts = recordPhrases(phrases, line: line, connection: keys.connection, exchange: ex)
        guard matched else {
            if accepts, let ex { exchangeSlots[ex].accept() }
            evictIfNeeded()
            return
        }

        // Signature matches by role.
        var pending = PendingLine(line: line.number)
        pending.againstDefaultPolicy = ex.map { exchangeSlots[$0].checkingDefaultPolicy } ?? false
        var capturesStart = 0
        for (p, capturesEnd) in signatureScratch.matches {
            let pattern = catalog.patterns[p]
            let signature = pattern.signature
            switch pattern.role {
            case .trigger: if !signatureScratch.triggers.contains(signature) { signatureScratch.triggers.append(signature) }
            case .failure: if !signatureScratch.failures.contains(signature) { signatureScratch.failures.append(signature) }
            case .symptom: pending.add(signature, explanation: false, captures: signatureScratch.captures, capturesStart..<capturesEnd, in: line)
            case .explanation: pending.add(signature, explanation: true, captures: signatureScratch.captures, capturesStart..<capturesEnd, in: line)
            }
            capturesStart = capturesEnd
        }
        // A finding takes the first value of each name over all the line's matches.
        if !signatureScratch.triggers.isEmpty || !signatureScratch.failures.isEmpty { signatureScratch.captures.collectFirstByName() }
        let isSyslog = !signatureScratch.triggers.isEmpty && keys.isSyslog
        for s in signatureScratch.triggers {
            raise(s, exchange: ex, peer: peer, pending: [], evidenceCaptures: CaptureList(), line: line,
                  captures: signatureScratch.captures, confidence: isSyslog ? 0.95 : 0.9)
            if let ex { exchangeSlots[ex].raised.insertSorted(s) }
            signatureScratch.errorSignatures.insertSorted(s)
        }
        if !pending.signatures.isEmpty, let ex {
            exchangeSlots[ex].addPending(pending, limit: limits.pendingLinesPerExchange)
        }
        if !signatureScratch.failures.isEmpty {
            for s in fail(exchange: ex, failures: signatureScratch.failures, line: line, peer: peer, captures: signatureScratch.captures) {
                signatureScratch.errorSignatures.insertSorted(s)
            }
        }
        if let ex {
            for s in signatureScratch.errorSignatures {
                record(StoredEvent(line: line.number, kind: .error, connection: keys.connection, signature: s), exchange: ex)
            }
            if accepts { exchangeSlots[ex].accept() }
        }
        evictIfNeeded()
    }

    /// A failure line: raise what the exchange's context says; returns the raised signatures, sorted.
    private mutating func fail(exchange ex: Int?, failures: [Int], line: ByteLine, peer: String?, captures: LineCaptures) -> [Int] {
        guard let ex else {
            let s = best(of: failures, phase: nil)
            raise(s, exchange: nil, peer: peer, pending: [], evidenceCaptures: CaptureList(), line: line, captures: captures,
                  confidence: 0.6)
            return [s]
        }
        // Read before raising: raising updates the exchange's slot (its unbound findings), not these.
        let raisedBefore = exchangeSlots[ex].raised
        if !raisedBefore.isEmpty {
            // The failure that follows an error already raised in this exchange is its consequence.
            for s in raisedBefore { addEvidence(s, exchange: ex, line: line.number) }
            exchangeSlots[ex].pending.removeAll()
            return raisedBefore
        }
        let pending = exchangeSlots[ex].pending
        let phase = exchangeSlots[ex].phase
        var raised: [Int] = []
        // A mismatch against a configured policy says what to align; the one against the
        // default policy (65535), tried last, only says the default does not fit either.
        var explanations = SmallSignatureList()
        for p in pending where !p.againstDefaultPolicy { for s in p.explanations { explanations.insert(s) } }
        if explanations.isEmpty {
            for p in pending { for s in p.explanations { explanations.insert(s) } }
        }
        if !explanations.isEmpty {
            for s in explanations {
                raise(s, exchange: ex, peer: peer, pending: pending, evidenceCaptures: Exchange.captures(of: pending, for: s),
                      line: line, captures: captures, confidence: 0.9)
                raised.insertSorted(s)
            }
        } else if !pending.isEmpty {
            // The symptom most pending lines show (ties: a failure's own, then by phase and catalog order).
            var scored: [(signature: Int, score: Int)] = []
            for p in pending {
                for s in p.signatures {
                    if let i = scored.firstIndex(where: { $0.signature == s }) { scored[i].score += 1 } else { scored.append((s, 1)) }
                }
            }
            let top = scored.map(\.score).max() ?? 0
            let tied = scored.filter { $0.score == top }.map(\.signature)
            let preferred = tied.filter { failures.contains($0) }
            let s = best(of: preferred.isEmpty ? tied : preferred, phase: phase)
            raise(s, exchange: ex, peer: peer, pending: pending, evidenceCaptures: Exchange.captures(of: pending, for: s),
                  line: line, captures: captures, confidence: 0.75)
            raised = [s]
        } else {
            let s = best(of: failures, phase: phase)
            raise(s, exchange: ex, peer: peer, pending: [], evidenceCaptures: CaptureList(), line: line, captures: captures,
                  confidence: 0.6)
            raised = [s]
        }
        exchangeSlots[ex].pending.removeAll()
        exchangeSlots[ex].raised = raised
        return raised
    }

    /// The signature of the exchange's phase when there is one, else the first in catalog order.
    private func best(of candidates: [Int], phase: SignaturePhase?) -> Int {
        let ordered = candidates.sorted()
        if let phase, let s = ordered.first(where: { signatures[$0].phase == phase }) { return s }
        return ordered[0]
    }

    // MARK: - Exchanges

    /// The exchange slot a line belongs to: by ISAKMP connection, then by peer, then (for
    /// lines naming neither, or naming a key the recent exchange lacks) the most recent exchange.
    private mutating func resolveExchange(peer: String?, connection: Int?, line: Int, joinsRecent: Bool) -> Int? {
        if let c = connection, let ex = exchange(forConnection: c) {
            let exPeer = exchangeSlots[ex].peer
            if peer == nil || exPeer == nil || exPeer == peer {
                if let peer, exPeer == nil { bind(ex, peer: peer) }
                touch(ex, line: line)
                return ex
            }
        }
        if let p = peer, let ex = exchangeByPeer[p] {
            if let c = connection, exchangeSlots[ex].connection != c { bind(ex, connection: c) }
            touch(ex, line: line)
            return ex
        }
        if joinsRecent, let recent = lastExchange, line - exchangeSlots[recent].lastLine <= limits.contextWindow,
           peer == nil || exchangeSlots[recent].peer == nil, connection == nil || exchangeSlots[recent].connection == nil {
            if let peer { bind(recent, peer: peer) }
            if let connection { bind(recent, connection: connection) }
            touch(recent, line: line)
            return recent
        }
        if peer == nil && connection == nil && !joinsRecent { return nil }
        let ex = newExchange()
        if let peer { bind(ex, peer: peer) }
        if let connection { bind(ex, connection: connection) }
        touch(ex, line: line)
        return ex
    }

    /// A fresh exchange in a free slot (or a new one).
    private mutating func newExchange() -> Int {
        let exchange = Exchange(id: nextExchangeId)
        nextExchangeId += 1
        liveExchanges += 1
        if let slot = freeExchangeSlots.popLast() {
            exchangeSlots[slot] = exchange
            return slot
        }
        exchangeSlots.append(exchange)
        return exchangeSlots.count - 1
    }

    @inline(__always)
    private mutating func exchange(forConnection c: Int) -> Int? {
        exchangeByConnection[c]
    }

    @inline(__always)
    private mutating func touch(_ ex: Int, line: Int) {
        exchangeSlots[ex].lastLine = line
        exchangeSlots[ex].lastTouched = clock
        lastExchange = ex
    }

    private mutating func bind(_ ex: Int, connection: Int) {
        if let old = exchangeSlots[ex].connection, exchangeByConnection[old] == ex { exchangeByConnection[old] = nil }
        exchangeSlots[ex].connection = connection
        exchangeByConnection[connection] = ex
    }

    /// The exchange learns its peer: findings and events it raised without one move to it.
    private mutating func bind(_ ex: Int, peer: String) {
        exchangeSlots[ex].peer = peer
        exchangeByPeer[peer] = ex
        if !exchangeSlots[ex].unboundFindings.isEmpty {
            for s in exchangeSlots[ex].unboundFindings.sorted() {
                moveRecord(from: FindingKey(signature: s, peer: nil, exchange: exchangeSlots[ex].id), toPeer: peer)
            }
            exchangeSlots[ex].unboundFindings.removeAll()
        }
        exchangeSlots[ex].timeline = nil
        if !exchangeSlots[ex].unboundEvents.isEmpty {
            var events = PeerTimeline()
            swap(&events, &exchangeSlots[ex].unboundEvents)
            events.forEachInOrder { record($0, exchange: ex) }
        }
    }

    private mutating func record(_ event: StoredEvent, exchange ex: Int) {
        // The exchange keeps its peer's timeline slot at hand: no hashing per event.
        if let slot = exchangeSlots[ex].timeline {
            timelineSlots[slot].append(event, capacity: limits.eventsPerPeer, touched: clock)
            return
        }
        guard let peer = exchangeSlots[ex].peer else {
            exchangeSlots[ex].unboundEvents.append(event, capacity: limits.eventsPerPeer)
            return
        }
        let slot = timelineByPeer[peer] ?? newTimeline(peer: peer)
        exchangeSlots[ex].timeline = slot
        timelineSlots[slot].append(event, capacity: limits.eventsPerPeer, touched: clock)
    }

    /// An empty timeline for `peer` in a free slot (or a new one).
    private mutating func newTimeline(peer: String) -> Int {
        let slot: Int
        if let free = freeTimelineSlots.popLast() {
            timelineSlots[free] = PeerTimeline()
            slot = free
        } else {
            timelineSlots.append(PeerTimeline())
            slot = timelineSlots.count - 1
        }
        timelineByPeer[peer] = slot
        return slot
    }

    /// Called after every line that touched an exchange: the check is inlined, the eviction is not.
    @inline(__always)
    private mutating func evictIfNeeded() {
        if liveExchanges > limits.exchanges || timelineByPeer.count > limits.timelinePeers { evict() }
    }

    @inline(never)
    private mutating func evict() {
        if liveExchanges > limits.exchanges {
            let keep = max(1, limits.exchanges / 2)
            // Oldest first, sorted as plain integers `lastTouched * stride + slot` (no slot is
            // read during the sort, no comparison closure). A line touches one exchange, so the
            // times differ and the order is the same as by time alone. (Times past
            // `Int.max / stride`, some 10^15 lines, would tie and go by slot.)
            let stride = max(exchangeSlots.count, 1)
            let latest = Int.max / stride - 1
            var byAge: [Int] = []
            byAge.reserveCapacity(liveExchanges)
            for ex in exchangeSlots.indices where exchangeSlots[ex].isLive {
                byAge.append(min(exchangeSlots[ex].lastTouched, latest) * stride + ex)
            }
            byAge.sort()
            for key in byAge.prefix(liveExchanges - keep) { drop(key % stride) }
        }
        if timelineByPeer.count > limits.timelinePeers {
            let keep = max(1, limits.timelinePeers / 2)
            let oldest = timelineByPeer.sorted { timelineSlots[$0.value].lastTouched < timelineSlots[$1.value].lastTouched }
                .prefix(timelineByPeer.count - keep)
            var freed = [Bool](repeating: false, count: timelineSlots.count)
            for (peer, slot) in oldest {
                timelineByPeer[peer] = nil
                timelineSlots[slot] = PeerTimeline()
                freeTimelineSlots.append(slot)
                freed[slot] = true
            }
            // Exchanges holding a freed slot look their peer's timeline up again.
            for ex in exchangeSlots.indices {
                if let slot = exchangeSlots[ex].timeline, freed[slot] { exchangeSlots[ex].timeline = nil }
            }
        }
    }

    private mutating func drop(_ ex: Int) {
        // Fields read one by one: copying the whole exchange would retain every array in it.
        let id = exchangeSlots[ex].id
        if !exchangeSlots[ex].unboundFindings.isEmpty {
            for s in exchangeSlots[ex].unboundFindings.sorted() {
                let from = FindingKey(signature: s, peer: nil, exchange: id)
                guard let rec = records.removeValue(forKey: from) else { continue }
                records[FindingKey(signature: s, peer: nil, exchange: nil), default: FindingRecord(signature: s, peer: nil)]
                    .merge(rec, limits: limits)
            }
        }
        if let p = exchangeSlots[ex].peer, exchangeByPeer[p] == ex { exchangeByPeer[p] = nil }
        if let c = exchangeSlots[ex].connection, exchangeByConnection[c] == ex { exchangeByConnection[c] = nil }
        if lastExchange == ex { lastExchange = nil }
        exchangeSlots[ex] = Exchange.free
        freeExchangeSlots.append(ex)
        liveExchanges -= 1
    }

    // MARK: - Findings

    /// Counts `s` raised on `line`, with the exchange's `pending` lines as earlier evidence
    /// and their captures (`evidenceCaptures`) before the line's own.
    private mutating func raise(_ s: Int, exchange ex: Int?, peer linePeer: String?, pending: [PendingLine],
                                evidenceCaptures: CaptureList, line: ByteLine, captures: LineCaptures, confidence: Double) {
        var key = findingKey(s, exchange: ex, linePeer: linePeer)
        if records.count >= limits.findings, records[key] == nil { key = FindingKey(signature: s, peer: nil, exchange: nil) }
        if marksEvidence { noteEvidence(s, lines: pending.map(\.line) + [line.number]) }
        // Updated in place in the table: a copy taken out and stored back would copy its
        // evidence and captures on the first change.
        Self.count(into: &records[key, default: FindingRecord(signature: s, peer: key.peer)], pending: pending, line: line,
                   evidenceCaptures: evidenceCaptures, captures: captures, confidence: confidence, limits: limits)
        if let ex, key.exchange == exchangeSlots[ex].id { exchangeSlots[ex].unboundFindings.insert(s) }
    }

    private static func count(into rec: inout FindingRecord, pending: [PendingLine], line: ByteLine, evidenceCaptures: CaptureList,
                              captures: LineCaptures, confidence: Double, limits: DiagnosisLimits) {
        rec.count += 1
        for p in pending { rec.add(line: p.line, limit: limits.evidenceLines) }
        rec.add(line: line.number, limit: limits.evidenceLines)
        rec.add(captures: evidenceCaptures, then: captures, of: line, limit: limits.capturesPerFinding)
        rec.confidence = max(rec.confidence, confidence)
    }

    private mutating func addEvidence(_ s: Int, exchange ex: Int, line: Int) {
        if marksEvidence { noteEvidence(s, lines: [line]) }
        // One lookup per key: the record is updated through its index.
        if let i = records.index(forKey: findingKey(s, exchange: ex, linePeer: nil)) {
            records.values[i].add(line: line, limit: limits.evidenceLines)
        } else if let i = records.index(forKey: FindingKey(signature: s, peer: nil, exchange: nil)) {
            records.values[i].add(line: line, limit: limits.evidenceLines)
        }
    }

    private mutating func noteEvidence(_ s: Int, lines: [Int]) {
        guard evidenceMarks.count + lines.count <= EvidenceMark.pendingLimit else { return }
        for l in lines { evidenceMarks.append(EvidenceMark(line: l, findingId: signatures[s].id)) }
    }

    /// The evidence lines noted since the last call (with `marksEvidence` on), in the order
    /// the diagnosis attributed them: a symptom line may be attributed when its exchange fails.
    public mutating func takeEvidenceMarks() -> [EvidenceMark] {
        defer { evidenceMarks.removeAll(keepingCapacity: true) }
        return evidenceMarks
    }

    private func findingKey(_ s: Int, exchange ex: Int?, linePeer: String?) -> FindingKey {
        if let ex {
            if let p = exchangeSlots[ex].peer { return FindingKey(signature: s, peer: p, exchange: nil) }
            return FindingKey(signature: s, peer: nil, exchange: exchangeSlots[ex].id)
        }
        return FindingKey(signature: s, peer: linePeer, exchange: nil)
    }

    private mutating func moveRecord(from: FindingKey, toPeer peer: String) {
        guard let rec = records.removeValue(forKey: from) else { return }
        let to = FindingKey(signature: from.signature, peer: peer, exchange: nil)
        var target = records[to] ?? FindingRecord(signature: from.signature, peer: peer)
        target.merge(rec, limits: limits)
        records[to] = target
    }

    /// The findings so far, most severe first. Records of exchanges whose peer is still
    /// unknown are merged per signature.
    public var findings: [Finding] {
        var merged: [FindingKey: FindingRecord] = [:]
        for (key, rec) in records {
            let k = FindingKey(signature: key.signature, peer: key.peer, exchange: nil)
            merged[k, default: FindingRecord(signature: key.signature, peer: key.peer)].merge(rec, limits: limits)
        }
        return merged.values.map { rec in
            let sig = signatures[rec.signature]
            return Finding(id: sig.id, title: sig.title, severity: sig.severity, phase: sig.phase, peer: rec.peer,
                           count: rec.count, firstLine: rec.firstLine, lastLine: rec.lastLine, evidence: rec.evidence,
                           captures: Dictionary(rec.captures.entries.map { (Finding.snakeCased(catalog.captureNames[$0.name]), $0.value) },
                                                uniquingKeysWith: { a, _ in a }),
                           confidence: rec.confidence, related: sig.related ?? [])
        }.sortedForDisplay()
    }

    /// Peers with a negotiation timeline, sorted.
    public var timelinePeers: [String] { timelineByPeer.keys.sorted() }

    /// The most recent negotiation events of `peer`, oldest first.
    public func timeline(for peer: String) -> [NegotiationEvent] {
        (timelineByPeer[peer].map { timelineSlots[$0].ordered } ?? []).map { $0.event(signatures: signatures) }
    }
}

// MARK: - Engine state

struct FindingKey: Hashable {
    let signature: Int
    let peer: String?
    /// Set while the exchange that raised the finding has no known peer yet.
    let exchange: Int?
}

struct FindingRecord {
    let signature: Int
    let peer: String?
    var count = 0
    var firstLine: Int?
    var lastLine: Int?
    var evidence: [Int] = []
    var captures = CaptureList()
    var confidence = 0.0

    init(signature: Int, peer: String?) { self.signature = signature; self.peer = peer }

    mutating func add(line: Int, limit: Int) {
        firstLine = min(firstLine ?? line, line)
        lastLine = max(lastLine ?? line, line)
        // Sorted, unique, the first `limit` lines.
        var lo = 0, hi = evidence.count
        while lo < hi { let mid = (lo + hi) / 2; if evidence[mid] < line { lo = mid + 1 } else { hi = mid } }
        if lo < evidence.count, evidence[lo] == line { return }
        if lo >= limit { return }
        evidence.insert(line, at: lo)
        if evidence.count > limit { evidence.removeLast() }
    }

    /// The captures a raise brings: `evidence` (earlier lines'), then the line's own first
    /// value of each name where the evidence has none; in name order, while fewer than `limit`
    /// names are kept. A line's value becomes a string only when it is kept.
    mutating func add(captures evidence: CaptureList, then line: LineCaptures, of bytes: ByteLine, limit: Int) {
        let earlier = evidence.entries, own = line.firstByName
        if captures.isEmpty { captures.reserveCapacity(Swift.min(limit, earlier.count + own.count)) }
        var i = 0, j = 0
        while captures.count < limit, i < earlier.count || j < own.count {
            if j == own.count || (i < earlier.count && earlier[i].name <= own[j].name) {
                let e = earlier[i]
                if j < own.count, own[j].name == e.name { j += 1 }
                captures.addIfAbsent(e.name) { e.value }
                i += 1
            } else {
                let span = own[j]
                captures.addIfAbsent(span.name) { line.value(span, in: bytes) }
                j += 1
            }
        }
    }

    mutating func merge(_ other: FindingRecord, limits: DiagnosisLimits) {
        count += other.count
        if let f = other.firstLine { firstLine = min(firstLine ?? f, f) }
        if let l = other.lastLine { lastLine = max(lastLine ?? l, l) }
        for l in other.evidence { add(line: l, limit: limits.evidenceLines) }
        captures.add(other.captures, limit: limits.capturesPerFinding)
        confidence = max(confidence, other.confidence)
    }
}

/// One line waiting in an exchange: the symptom and explanation signatures it matched.
struct PendingLine {
    let line: Int
    var signatures = SmallSignatureList()
    var explanations = SmallSignatureList()
    var captures = CaptureList()
    /// The line followed `Checking ISAKMP transform ... against priority 65535 policy`.
    var againstDefaultPolicy = false

    init(line: Int) { self.line = line }

    /// Signature `s` matched the line, capturing `new.spans[range]`.
    mutating func add(_ s: Int, explanation: Bool, captures new: LineCaptures, _ range: Range<Int>, in line: ByteLine) {
        if explanation { explanations.insert(s) }
        signatures.insert(s)
        if captures.isEmpty { captures.reserveCapacity(range.count) }
        for k in range {
            let span = new.spans[k]
            captures.addIfAbsent(span.name) { new.value(span, in: line) }
        }
    }
}

/// One negotiation between this device and a peer, as far as the debug output shows it.
/// A value in the engine's slot array, updated in place there.
struct Exchange {
    /// Unique over the engine's life (slots are reused, ids are not); 0 marks a free slot.
    let id: Int
    var peer: String? { didSet { hasPeer = peer != nil } }
    /// `peer != nil`, kept apart: asked on every negotiation line, it reads no string.
    private(set) var hasPeer = false
    var connection: Int?
    var lastLine = 0
    var lastTouched = 0
    var phase: SignaturePhase?
    var pending: [PendingLine] = []
    /// The last policy check was against the default policy (priority 65535).
    var checkingDefaultPolicy = false
    /// Signatures raised in this exchange (by a trigger or a failure), sorted.
    var raised: [Int] = []
    var unboundFindings = Set<Int>()
    var unboundEvents = PeerTimeline()
    /// Slot of the peer's timeline once the peer is known (shared with other exchanges of the peer).
    var timeline: Int?

    init(id: Int) { self.id = id }

    /// What a slot holds once its exchange was dropped.
    static let free = Exchange(id: 0)
    var isLive: Bool { id != 0 }

    mutating func addPending(_ p: PendingLine, limit: Int) {
        // Room for a few at once: an exchange's pending lines come and go together.
        if pending.isEmpty { pending.reserveCapacity(4) }
        pending.append(p)
        if pending.count > limit { pending.removeFirst(pending.count - limit) }
    }

    // Most exchanges have nothing pending or raised when a step starts or accepts: the
    // checks spare replacing an empty buffer on every such line.
    mutating func reset() {
        if !pending.isEmpty { pending.removeAll() }
        if !raised.isEmpty { raised.removeAll() }
        checkingDefaultPolicy = false
    }

    mutating func accept() {
        if !pending.isEmpty { pending.removeAll() }
        if !raised.isEmpty { raised.removeAll() }
    }

    /// The captures of the `pending` lines that matched signature `s` (the first value of each
    /// name); every pending line is the failed exchange's evidence.
    static func captures(of pending: [PendingLine], for s: Int) -> CaptureList {
        var caps = CaptureList()
        for p in pending where p.signatures.contains(s) { caps.add(p.captures, limit: .max) }
        return caps
    }
}

/// The signature path's per-line buffers, kept by the engine so a line allocates nothing.
struct SignatureLineScratch {
    /// Each matching pattern and the end of its captures in `captures.spans`.
    var matches = ReusableArray<(pattern: Int, capturesEnd: Int)>()
    var captures = LineCaptures()
    var triggers: [Int] = []
    var failures: [Int] = []
    /// The signatures the line raised (or added evidence to), sorted.
    var errorSignatures = ReusableArray<Int>()
    var regex = ByteRegex.Scratch()

    mutating func removeAll() {
        matches.removeAll()
        captures.removeAll()
        errorSignatures.removeAll()
        if !triggers.isEmpty { triggers.removeAll(keepingCapacity: true) }
        if !failures.isEmpty { failures.removeAll(keepingCapacity: true) }
    }
}

extension RandomAccessCollection where Element == Int, Index == Int {
    /// Where `value` belongs in this sorted collection (a line's few signatures: a linear
    /// walk), and whether it is there already.
    fileprivate func sortedPosition(of value: Int) -> (index: Int, present: Bool) {
        var i = startIndex
        while i < endIndex, self[i] < value { i += 1 }
        return (i, i < endIndex && self[i] == value)
    }
}

extension Array where Element == Int {
    /// Inserts `value` into this sorted array unless it is there.
    fileprivate mutating func insertSorted(_ value: Int) {
        let (i, present) = sortedPosition(of: value)
        if !present { insert(value, at: i) }
    }
}

extension ReusableArray where Element == Int {
    /// Inserts `value` into this sorted array unless it is there.
    fileprivate mutating func insertSorted(_ value: Int) {
        let (i, present) = sortedPosition(of: value)
        if !present { insert(value, at: i) }
    }
}
