import ArtExportCore
// The Knuth–Plass dynamic program (TeX §813–890), one pass at a given tolerance.
//
// Nodes live in one array of structs (active and passive alike); the active list is a separate
// array, in creation order and compacted in place as nodes are deactivated, whose entries carry
// what measuring a line needs (the running totals where the line starts), so the inner loop
// reads one contiguous array and touches a node only for a feasible line. A node's
// state is (position, line class, fitness class, consecutive-hyphen run): two ways of reaching
// the same position that differ in any of these are different nodes.

extension LineBreaker {
    /// TeX's fitness classes; adjacent lines whose classes differ by more than one earn
    /// `adjacentFitnessDemerits`.
    enum Fitness: UInt8, Sendable {
        case veryLoose = 0, loose = 1, decent = 2, tight = 3

        /// Knuth & Plass: very loose r > 1, loose r > 0.5, tight r < -0.5, else decent.
        init(ratio: Double) {
            if ratio > 1 {
                self = .veryLoose
            } else if ratio > 0.5 {
                self = .loose
            } else if ratio < -0.5 {
                self = .tight
            } else {
                self = .decent
            }
        }

        func isAdjacent(to other: Fitness) -> Bool {
            let distance = Int(rawValue) - Int(other.rawValue)
            return distance >= -1 && distance <= 1
        }
    }

    /// A feasible break (or the start of the paragraph) reached in one particular state.
    struct Node: Sendable {
        /// The breakpoint's item index; -1 for the paragraph start.
        var position: Int
        /// First item of the line that follows.
        var start: Int
        /// Lines set before this break's following line (= index of the next line).
        var line: Int
        /// Nodes with the same position and line class are interchangeable for the future.
        var lineClass: Int
        /// Index of the node where the line ending here started; -1 for the start node.
        var previous: Int
        /// Total demerits of the best path to here.
        var demerits: Double
        /// Adjustment ratio of the line ending here.
        var ratio: Double
        /// Consecutive lines ending at flagged breaks, ending here (0 when not tracked).
        var run: Int
        var fitness: Fitness
        var flagged: Bool
        /// The start hang of the line that follows.
        var startHang = 0.0
    }

    /// An active node as the inner loop needs it.
    struct Active: Sendable {
        /// Index into `nodes`.
        var node: Int
        /// First item of the line that starts here.
        var start: Int
        /// Index of that line.
        var line: Int
        /// Totals up to `start`.
        var begin: Totals
        /// How far that line's first glyph may hang before the start edge.
        var startHang: Double
    }

    /// Per-call state of the algorithm, reused across passes so each call allocates its
    /// buffers once.
    struct Pass {
        let paragraph: Paragraph
        let parameters: LineBreakParameters
        /// Width of line i for i < widths.count; later lines use the last entry.
        let widths: [Double]
        /// Lines from this index on all have the same width, so nodes whose next line is at or
        /// beyond it are interchangeable (TeX's `easy_line`). `Int.max` disables merging.
        let firstUniformLine: Int
        /// Whether `maxConsecutiveHyphens` can bind at all; if not, runs are not tracked.
        let tracksHyphenRuns: Bool
        let maxRun: Int

        /// The start nodes: one, the paragraph's start, or for a window the states in
        /// which the lines before it may end (see `LineBreaker.breakWindow`).
        let starts: [Start]
        /// When set, `run` records in `snapshot` the active nodes met at the first
        /// breakpoint at or after this item.
        var snapshotPosition: Int?
        private(set) var snapshot: [Int] = []

        private(set) var nodes: [Node] = []
        private var active: [Active] = []
        private var candidates: [Node] = []

        init(paragraph: Paragraph, parameters: LineBreakParameters, lineWidth: (Int) -> Double, starts: [Start] = [Start()]) {
            self.paragraph = paragraph
            self.parameters = parameters
            self.starts = starts.isEmpty ? [Start()] : starts
            // There are never more lines than breakpoints.
            let lineCount = max(1, paragraph.breakpoints.count)
            var widths = [Double]()
            widths.reserveCapacity(lineCount)
            for line in 0..<lineCount {
                widths.append(Paragraph.finite(lineWidth(line)))
            }
            self.widths = widths
            if parameters.looseness != 0 {
                firstUniformLine = .max
            } else {
                var first = lineCount - 1
                while first > 0 && widths[first - 1] == widths[first] { first -= 1 }
                firstUniformLine = first
            }
            maxRun = max(0, parameters.maxConsecutiveHyphens)
            // A window tracks runs as the whole paragraph would (its hyphens are many).
            tracksHyphenRuns = maxRun < paragraph.flaggedCount || (starts.contains(where: \.isWindow) && maxRun < .max)
            let expectedNodes = paragraph.breakpoints.count + 8
            nodes.reserveCapacity(expectedNodes)
            active.reserveCapacity(64)
            candidates.reserveCapacity(16)
        }

        /// Runs one pass. Returns the nodes at the final break (empty if the pass found no
        /// solution). With `emergency`, every non-overfull line is feasible, badness is
        /// computed with extra stretch (TeX's `\emergencystretch`), and when the last active
        /// node would be lost to an overfull line or a forced break it is kept by making that
        /// break anyway (TeX's `artificial_demerits`), so this pass always succeeds.
        mutating func run(tolerance: Double, emergency: Bool) -> [Int] {
            nodes.removeAll(keepingCapacity: true)
            active.removeAll(keepingCapacity: true)
            for start in starts {
                active.append(Active(node: nodes.count, start: 0, line: 0, begin: Totals(), startHang: paragraph.firstStartHang))
                nodes.append(Node(
                    position: -1, start: 0, line: 0, lineClass: 0, previous: -1, demerits: start.demerits,
                    ratio: 0, run: tracksHyphenRuns ? start.run : 0, fitness: start.fitness, flagged: start.flagged))
            }
            snapshot.removeAll()

            let epsilon = LineBreaker.epsilon
            let lastWidth = widths.count - 1
            let linePenalty = parameters.linePenalty
            let doubleHyphen = parameters.doubleHyphenDemerits
            let finalHyphen = parameters.finalHyphenDemerits
            let adjacent = parameters.adjacentFitnessDemerits
            // Badness is capped at 10 000, so from that tolerance on no line is too loose.
            let rejectsLooseLines = tolerance < 10_000
            let totals = paragraph.totals
            let breakpoints = paragraph.breakpoints

            for breakpoint in breakpoints {
                let position = breakpoint.position
                if let p = snapshotPosition, snapshot.isEmpty, position >= p { snapshot = active.map(\.node) }
                let end = totals[position]
                if !candidates.isEmpty { candidates.removeAll(keepingCapacity: true) }
                let activeCount = active.count
                var kept = 0
                for slot in 0..<activeCount {
                    let entry = active[slot]
                    // Measure the line node → breakpoint from the cumulative sums. If only
                    // discardable items lie between them, the line is empty.
                    let begin = entry.start <= position ? entry.begin : end
                    let natural = end.width - begin.width
                    let stretch = end.stretch - begin.stretch
                    let shrink = end.shrink - begin.shrink
                    let fil = end.fil - begin.fil
                    // The measure, plus what the line's end glyphs may hang outside it.
                    let measure = widths[entry.line < lastWidth ? entry.line : lastWidth] + entry.startHang
                    let width = measure + breakpoint.endHang

                    // Lines from this node only get longer: once the material alone cannot
                    // be shrunk to fit, the node is done. (A hyphen's width alone does not
                    // retire it: a later, hyphen-free break may still fit. Nor does a hang:
                    // the line to this break was measured with its own above, and a later
                    // break adds a glue and a box, more than any mark hangs. So a window
                    // retires nodes where the whole paragraph does.)
                    let deactivate = breakpoint.forced || natural - measure > shrink + epsilon
                    let shortfall = width - (natural + breakpoint.penaltyWidth)
                    let overfull = -shortfall > shrink + epsilon

                    // Most lines are still too short to be feasible; reject those without a
                    // division: badness > tolerance ⇔ 100·shortfall³ > tolerance·stretch³.
                    var tooLoose = false
                    if rejectsLooseLines && shortfall > epsilon && fil == 0 {
                        let available = emergency ? stretch + 0.1 * max(width, 0) : stretch
                        tooLoose = 100 * shortfall * shortfall * shortfall
                            > tolerance * available * available * available * (1 + 1e-12)
                    }

                    var recorded = false
                    if !overfull && !tooLoose {
                        let node = nodes[entry.node]
                        let ratio: Double
                        let badness: Double
                        let fitness: Fitness
                        if shortfall > epsilon {
                            if fil > 0 {
                                ratio = 0
                                badness = 0
                                fitness = .decent
                            } else {
                                ratio = stretch > epsilon ? shortfall / stretch : LineBreaker.unadjustable
                                let rankingStretch = emergency ? stretch + 0.1 * max(width, 0) : stretch
                                let rankingRatio = rankingStretch > epsilon
                                    ? shortfall / rankingStretch : LineBreaker.unadjustable
                                badness = LineBreaker.badness(ratio: rankingRatio)
                                fitness = Fitness(ratio: rankingRatio)
                            }
                        } else if shortfall < -epsilon {
                            ratio = shrink > epsilon ? shortfall / shrink : 0
                            badness = LineBreaker.badness(ratio: ratio)
                            fitness = Fitness(ratio: ratio)
                        } else {
                            ratio = 0
                            badness = 0
                            fitness = .decent
                        }
                        let run = breakpoint.flagged ? node.run + 1 : 0
                        if badness <= tolerance && (!tracksHyphenRuns || run <= maxRun) {
                            var demerits = LineBreaker.lineDemerits(
                                badness: badness, cost: breakpoint.cost, linePenalty: linePenalty)
                            if node.flagged {
                                if breakpoint.flagged {
                                    demerits += doubleHyphen
                                } else if breakpoint.forced {
                                    demerits += finalHyphen
                                }
                            }
                            if !fitness.isAdjacent(to: node.fitness) { demerits += adjacent }
                            record(
                                from: node, index: entry.node, at: breakpoint, ratio: ratio,
                                demerits: node.demerits + demerits, fitness: fitness,
                                run: tracksHyphenRuns ? run : 0)
                            recorded = true
                        }
                    }

                    if deactivate {
                        if emergency && !recorded && kept == 0 && slot == activeCount - 1
                            && candidates.isEmpty
                        {
                            // Last resort: keep the paragraph going with this (overfull or
                            // otherwise infeasible) line, at no extra demerits.
                            let node = nodes[entry.node]
                            let ratio = LineBreaker.adjustmentRatio(
                                lineWidth: width, natural: natural + breakpoint.penaltyWidth,
                                stretch: stretch, shrink: shrink, fil: fil)
                            record(
                                from: node, index: entry.node, at: breakpoint, ratio: ratio,
                                demerits: node.demerits, fitness: overfull ? .tight : Fitness(ratio: ratio),
                                run: tracksHyphenRuns && breakpoint.flagged ? min(node.run + 1, maxRun) : 0)
                        }
                    } else {
                        if kept != slot { active[kept] = entry }
                        kept += 1
                    }
                }
                if kept < activeCount { active.removeLast(activeCount - kept) }
                if !candidates.isEmpty { commitCandidates() }
                if active.isEmpty { return [] }
            }
            // The final breakpoint is forced, so exactly the nodes created there remain.
            return active.map(\.node)
        }

        /// Keeps the best candidate per state (line class, fitness, run) at this breakpoint.
        private mutating func record(
            from node: Node, index: Int, at breakpoint: Breakpoint, ratio: Double,
            demerits: Double, fitness: Fitness, run: Int
        ) {
            let line = node.line + 1
            let lineClass = line < firstUniformLine ? line : firstUniformLine
            for slot in candidates.indices {
                let other = candidates[slot]
                if other.lineClass == lineClass && other.fitness == fitness && other.run == run {
                    if demerits < other.demerits {
                        candidates[slot] = Node(
                            position: breakpoint.position, start: breakpoint.nextStart, line: line,
                            lineClass: lineClass, previous: index, demerits: demerits, ratio: ratio,
                            run: run, fitness: fitness, flagged: breakpoint.flagged, startHang: breakpoint.nextStartHang)
                    }
                    return
                }
            }
            candidates.append(Node(
                position: breakpoint.position, start: breakpoint.nextStart, line: line,
                lineClass: lineClass, previous: index, demerits: demerits, ratio: ratio,
                run: run, fitness: fitness, flagged: breakpoint.flagged, startHang: breakpoint.nextStartHang))
        }

        /// Turns this breakpoint's candidates into active nodes, dropping any candidate that
        /// another one provably beats on every continuation: same line class, no longer a
        /// hyphen run, and lower demerits by at least the most the fitness class can still
        /// matter (`adjacentFitnessDemerits`, if the classes differ). TeX prunes the same way.
        private mutating func commitCandidates() {
            let margin = abs(parameters.adjacentFitnessDemerits)
            let count = candidates.count
            for slot in 0..<count {
                let candidate = candidates[slot]
                var dominated = false
                for other in 0..<count where other != slot {
                    let rival = candidates[other]
                    guard rival.lineClass == candidate.lineClass, rival.run <= candidate.run else {
                        continue
                    }
                    let bound = rival.demerits + (rival.fitness == candidate.fitness ? 0 : margin)
                    if bound < candidate.demerits || (bound == candidate.demerits && other < slot) {
                        dominated = true
                        break
                    }
                }
                if !dominated {
                    active.append(Active(
                        node: nodes.count, start: candidate.start, line: candidate.line,
                        begin: paragraph.totals[candidate.start], startHang: candidate.startHang))
                    nodes.append(candidate)
                }
            }
        }
    }
}
