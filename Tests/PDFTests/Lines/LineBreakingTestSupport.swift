@testable import ArtExportCore
@testable import ArtExportPDF

// Helpers for the line-breaking tests: a tiny paragraph builder, a first-fit breaker to
// compare against, and an exhaustive reference optimiser written independently of
// LineBreaker (no shared code beyond the item type) to check optimality.
// All nested in the suite so that no name can clash with other tests in the same target.

extension LineBreakerTests {
    /// Builds items from text where every character is `charWidth` wide: words become boxes
    /// (tag = word index), runs of spaces one interword glue, `-` inside a word a hyphenation
    /// point (a flagged penalty of `hyphenWidth`, cost `hyphenCost`), `|` inside a word a
    /// zero-width unflagged break opportunity (cost `joinCost`), and `\n` a forced line break.
    /// Ends with `LineItem.paragraphEnd()`.
    struct ParagraphBuilder {
        var charWidth = 1.0
        var space = (width: 1.0, stretch: 0.5, shrink: 0.33)
        var hyphenWidth = 1.0
        var hyphenCost = 50.0
        var joinCost = 0.0

        func items(_ text: String) -> [LineItem] {
            var items: [LineItem] = []
            var word = 0
            var fragment = 0
            var inWord = false
            func flush() {
                if fragment > 0 {
                    items.append(.box(width: Double(fragment) * charWidth, tag: word))
                    fragment = 0
                }
            }
            for character in text {
                switch character {
                case " ":
                    flush()
                    if inWord { word += 1 }
                    inWord = false
                    if case .glue = items.last {} else if !items.isEmpty {
                        items.append(.glue(width: space.width, stretch: space.stretch, shrink: space.shrink))
                    }
                case "\n":
                    flush()
                    if inWord { word += 1 }
                    inWord = false
                    if case .glue = items.last { items.removeLast() }
                    items.append(contentsOf: LineItem.forcedLineBreak())
                case "-":
                    flush()
                    items.append(.penalty(width: hyphenWidth, cost: hyphenCost, flagged: true))
                case "|":
                    flush()
                    items.append(.penalty(width: 0, cost: joinCost, flagged: false))
                default:
                    inWord = true
                    fragment += 1
                }
            }
            flush()
            if case .glue = items.last { items.removeLast() }
            items.append(contentsOf: LineItem.paragraphEnd())
            return items
        }
    }

    /// Text of each line, for readable failure messages: boxes as `#`×width, glue as a space
    /// (fill glue as nothing), and `-` for a hyphen at the end.
    func lineTexts(_ items: [LineItem], _ lines: [LineLayout]) -> [String] {
        lines.map { line in
            var text = ""
            for item in items[line.range] {
                switch item {
                case let .box(width, _): text += String(repeating: "#", count: max(0, Int(width.rounded())))
                case let .glue(_, stretch, _): text += stretch == .infinity ? "" : " "
                case .penalty: break
                }
            }
            return line.endsWithHyphen ? text + "-" : text
        }
    }

    /// Longest run of consecutive lines ending at flagged breaks.
    func longestHyphenRun(_ breaks: [LineBreak]) -> Int {
        var longest = 0
        var run = 0
        for lineBreak in breaks {
            run = lineBreak.flagged ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// Measurement of the line between two breaks, computed directly from the items.
    struct ReferenceLine {
        var natural = 0.0
        var stretch = 0.0
        var shrink = 0.0
        var fil = 0

        init(_ items: [LineItem], after previous: Int, upTo end: Int) {
            var start = previous + 1
            if previous >= 0 {
                while start < end {
                    if case .box = items[start] { break }
                    start += 1
                }
            }
            for index in start..<max(start, end) {
                switch items[index] {
                case let .box(width, _):
                    natural += width
                case let .glue(width, glueStretch, glueShrink):
                    natural += width
                    if glueStretch == .infinity { fil += 1 } else { stretch += glueStretch }
                    shrink += glueShrink
                case .penalty:
                    break
                }
            }
            if end < items.count, case let .penalty(width, _, _) = items[end] { natural += width }
        }

        /// nil when overfull.
        func ratio(width: Double) -> Double? {
            let shortfall = width - natural
            if shortfall < -1e-9 {
                if -shortfall > shrink + 1e-9 { return nil }
                return shortfall / shrink
            }
            if shortfall > 1e-9 {
                if fil > 0 { return 0 }
                return stretch > 0 ? shortfall / stretch : .infinity
            }
            return 0
        }
    }

    /// Exhaustive dynamic program over (breakpoint, line count, fitness class, hyphen run) with
    /// no pruning and no shared code with LineBreaker: the minimum total demerits of any set of
    /// breaks whose lines all have badness ≤ tolerance, or nil if there is none.
    struct ReferenceOptimiser {
        var parameters = LineBreakParameters.default
        var tolerance = 200.0

        static func badness(_ ratio: Double) -> Double {
            ratio.isInfinite ? 10_000 : min(10_000, 100 * pow3(abs(ratio)))
        }

        static func pow3(_ value: Double) -> Double { value * value * value }

        static func fitness(_ ratio: Double) -> Int {
            if ratio > 1 { return 0 }
            if ratio > 0.5 { return 1 }
            if ratio < -0.5 { return 3 }
            return 2
        }

        struct State: Hashable {
            var breakpoint: Int
            var lines: Int
            var fitness: Int
            var run: Int
        }

        func optimum(_ items: [LineItem], lineWidth: (Int) -> Double) -> (demerits: Double, positions: [Int])? {
            optima(items, lineWidth: lineWidth).values.min { $0.demerits < $1.demerits }
        }

        /// The best solution for each feasible number of lines.
        func optima(_ items: [LineItem], lineWidth: (Int) -> Double) -> [Int: (demerits: Double, positions: [Int])] {
            // Legal breakpoints: (position, cost, flagged, forced).
            var breakpoints: [(position: Int, cost: Double, flagged: Bool, forced: Bool)] = []
            for (index, item) in items.enumerated() {
                switch item {
                case .glue:
                    if index > 0, case .box = items[index - 1] {
                        breakpoints.append((index, 0, false, false))
                    }
                case let .penalty(_, cost, flagged):
                    if cost < 10_000 { breakpoints.append((index, cost, flagged, cost <= -10_000)) }
                case .box:
                    break
                }
            }
            guard let last = breakpoints.last, last.position == items.count - 1, last.forced else { return [:] }

            var best: [State: (demerits: Double, positions: [Int])] = [
                State(breakpoint: -1, lines: 0, fitness: 2, run: 0): (0, []),
            ]
            var byBreakpoint: [Int: [State]] = [-1: [State(breakpoint: -1, lines: 0, fitness: 2, run: 0)]]
            for (target, breakpoint) in breakpoints.enumerated() {
                var reached: [State] = []
                // Walk back over earlier breakpoints (and the start) until a forced one.
                var source = target - 1
                while true {
                    let previousPosition = source >= 0 ? breakpoints[source].position : -1
                    let previousFlagged = source >= 0 ? breakpoints[source].flagged : false
                    let line = ReferenceLine(items, after: previousPosition, upTo: breakpoint.position)
                    for state in byBreakpoint[source] ?? [] {
                        guard let ratio = line.ratio(width: lineWidth(state.lines)) else { continue }
                        let badness = Self.badness(ratio)
                        guard badness <= tolerance else { continue }
                        let run = breakpoint.flagged ? state.run + 1 : 0
                        guard run <= parameters.maxConsecutiveHyphens else { continue }
                        let fitness = Self.fitness(ratio)
                        var demerits = (parameters.linePenalty + badness) * (parameters.linePenalty + badness)
                        if breakpoint.cost > 0 {
                            demerits += breakpoint.cost * breakpoint.cost
                        } else if breakpoint.cost < 0 && !breakpoint.forced {
                            demerits -= breakpoint.cost * breakpoint.cost
                        }
                        if previousFlagged && breakpoint.flagged { demerits += parameters.doubleHyphenDemerits }
                        if previousFlagged && !breakpoint.flagged && breakpoint.forced {
                            demerits += parameters.finalHyphenDemerits
                        }
                        if abs(fitness - state.fitness) > 1 { demerits += parameters.adjacentFitnessDemerits }
                        let next = State(breakpoint: target, lines: state.lines + 1, fitness: fitness, run: run)
                        let total = best[state]!.demerits + demerits
                        if let existing = best[next], existing.demerits <= total { continue }
                        if best[next] == nil { reached.append(next) }
                        best[next] = (total, best[state]!.positions + [breakpoint.position])
                    }
                    if source < 0 || breakpoints[source].forced { break }
                    source -= 1
                }
                byBreakpoint[target] = reached
            }
            var result: [Int: (demerits: Double, positions: [Int])] = [:]
            for state in byBreakpoint[breakpoints.count - 1] ?? [] {
                let solution = best[state]!
                if let known = result[state.lines], known.demerits <= solution.demerits { continue }
                result[state.lines] = solution
            }
            return result
        }
    }

    /// First fit: put as much on each line as fits (ratio ≥ -1), whatever the looseness, as a
    /// greedy word processor does; honours forced breaks.
    func firstFitBreaks(_ items: [LineItem], lineWidth: (Int) -> Double) -> [LineBreak] {
        var breakpoints: [(position: Int, flagged: Bool, forced: Bool)] = []
        for (index, item) in items.enumerated() {
            switch item {
            case .glue:
                if index > 0, case .box = items[index - 1] { breakpoints.append((index, false, false)) }
            case let .penalty(_, cost, flagged):
                if cost < 10_000 { breakpoints.append((index, flagged, cost <= -10_000)) }
            case .box:
                break
            }
        }
        var result: [LineBreak] = []
        var previous = -1
        var next = 0
        while next < breakpoints.count {
            let width = lineWidth(result.count)
            var chosen = next
            // Extend while the next candidate still fits and we are not at a forced break.
            while !breakpoints[chosen].forced && chosen + 1 < breakpoints.count
                && ReferenceLine(items, after: previous, upTo: breakpoints[chosen + 1].position).ratio(width: width) != nil
            {
                chosen += 1
            }
            let position = breakpoints[chosen].position
            let ratio = ReferenceLine(items, after: previous, upTo: position).ratio(width: width) ?? -.infinity
            result.append(LineBreak(position: position, ratio: ratio, flagged: breakpoints[chosen].flagged))
            previous = position
            next = chosen + 1
        }
        return result
    }

    /// A deterministic pseudo-random sequence (SplitMix64) for property tests.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func next(in range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
    }

    /// A random paragraph of short words, some with hyphenation points and the odd forced break.
    func randomParagraph(_ random: inout SplitMix64, words: Int, forcedBreaks: Bool) -> String {
        var text = ""
        for index in 0..<words {
            if index > 0 { text += forcedBreaks && random.next(in: 0...14) == 0 ? "\n" : " " }
            let length = random.next(in: 1...7)
            for letter in 0..<length {
                text += "x"
                if letter >= 1 && letter < length - 2 && random.next(in: 0...2) == 0 { text += "-" }
            }
        }
        return text
    }
}
