/// Total-fit paragraph line breaking (Knuth & Plass 1981, as in TeX §813–890) over
/// boxes, glue and penalties.
///
/// Breaking is tried in up to three passes:
/// 1. at `parameters.tolerance`;
/// 2. if that finds nothing and the tolerance is below 1000, at 1000;
/// 3. an emergency pass that accepts any line that is not overfull, ranks loose lines as if
///    each had extra stretch of a tenth of its width (TeX's `\emergencystretch`), and, where
///    no line can avoid being overfull, breaks at the first breakpoint after the overflow
///    (TeX's artificial demerits) — such lines have `ratio < -1`.
public struct LineBreaker: Sendable {
    public var parameters: LineBreakParameters

    public init(parameters: LineBreakParameters = .default) {
        self.parameters = parameters
    }

    /// Chooses the breaks of a paragraph.
    ///
    /// - Parameters:
    ///   - items: the paragraph, normally ending with `LineItem.paragraphEnd()`.
    ///   - lineWidth: available width of line i (0-based), so indents and shaped paragraphs
    ///     work. It is called once for each i below the number of breakpoints.
    /// - Returns: one `LineBreak` per line, in order; empty for an empty item list.
    ///   Never fails: see the type's documentation for the fallbacks.
    public func breakLines(_ items: [LineItem], lineWidth: (Int) -> Double) -> [LineBreak] {
        breakLines(items, lineWidth: lineWidth, start: Start())
    }

    /// As `breakLines(_:lineWidth:)`, for a paragraph (or a window of one) whose first
    /// line follows a line in state `start`.
    func breakLines(_ items: [LineItem], lineWidth: (Int) -> Double, start: Start) -> [LineBreak] {
        if items.isEmpty { return [] }
        var pass = Pass(paragraph: Paragraph(items), parameters: parameters, lineWidth: lineWidth, start: start)
        let tolerance = parameters.tolerance.isNaN ? 200 : parameters.tolerance
        var tolerances = [tolerance]
        if tolerance < 1000 { tolerances.append(1000) }

        // Looseness is honoured within the first pass that finds any solution, so it never
        // buys a longer or shorter paragraph with lines worse than the caller's tolerance.
        for passTolerance in tolerances {
            let finals = pass.run(tolerance: passTolerance, emergency: false)
            if finals.isEmpty { continue }
            return breaks(endingAt: choose(among: finals, in: pass.nodes), in: pass.nodes)
        }

        let finals = pass.run(tolerance: .infinity, emergency: true)
        // The emergency pass cannot come back empty; guard anyway rather than trap.
        guard !finals.isEmpty else { return [] }
        return breaks(endingAt: choose(among: finals, in: pass.nodes), in: pass.nodes)
    }

    /// Where a window of a longer paragraph starts (see `breakPrefix`): the state of
    /// the line that ends before it, which the first line's demerits depend on.
    struct Start: Sendable {
        var fitness: Fitness = .decent
        var flagged = false
        /// Consecutive lines ending at flagged breaks, ending before the window.
        var run = 0
        var isWindow = false

        init(fitness: Fitness = .decent, flagged: Bool = false, run: Int = 0, isWindow: Bool = false) {
            self.fitness = fitness
            self.flagged = flagged
            self.run = run
            self.isWindow = isWindow
        }

        /// The state after the lines ending at `breaks`, which followed `previous`.
        init(after breaks: ArraySlice<LineBreak>, before previous: Start) {
            guard let last = breaks.last else { self = previous; return }
            var run = 0
            for b in breaks.reversed() {
                guard b.flagged else { break }
                run += 1
            }
            if run == breaks.count, previous.flagged { run += previous.run }
            self.init(fitness: Fitness(ratio: last.ratio), flagged: last.flagged, run: run, isWindow: true)
        }
    }

    /// For one window of a paragraph too long to break at once: the breaks every
    /// solution of the whole paragraph shares, up to a point before item `position`,
    /// with the state there and the first item of the next line.
    ///
    /// The algorithm reads items in order, so its nodes up to `position` are those of
    /// the whole paragraph; any solution passes through a node active at `position`,
    /// and all of those descend from their common ancestor, so the path to it is
    /// settled, whatever follows the window. Nil when that ancestor is the start (the
    /// window is too short to settle a line).
    func breakPrefix(_ items: [LineItem], lineWidth: (Int) -> Double, start: Start, through position: Int)
        -> (breaks: [LineBreak], end: Start, nextItem: Int)?
    {
        if items.isEmpty { return nil }
        var pass = Pass(paragraph: Paragraph(items), parameters: parameters, lineWidth: lineWidth, start: start)
        pass.snapshotPosition = position
        let tolerance = parameters.tolerance.isNaN ? 200 : parameters.tolerance
        var tolerances = [tolerance]
        if tolerance < 1000 { tolerances.append(1000) }
        var solved = false
        for passTolerance in tolerances {
            if !pass.run(tolerance: passTolerance, emergency: false).isEmpty {
                solved = true
                break
            }
        }
        if !solved && pass.run(tolerance: .infinity, emergency: true).isEmpty { return nil }
        guard let first = pass.snapshot.first else { return nil }
        // Deepest node on every snapshot node's path to the start: bring all to the
        // same depth (a node's line count), then step up together until they meet.
        let nodes = pass.nodes
        var group = Set(pass.snapshot)
        let depth = group.map { nodes[$0].line }.min() ?? nodes[first].line
        group = Set(group.map { var n = $0; while nodes[n].line > depth { n = nodes[n].previous }; return n })
        while group.count > 1 { group = Set(group.map { nodes[$0].previous }) }
        guard let ancestor = group.first, ancestor > 0 else { return nil }
        let node = nodes[ancestor]
        return (breaks(endingAt: ancestor, in: nodes),
                Start(fitness: node.fitness, flagged: node.flagged, run: node.run, isWindow: true), node.start)
    }

    /// TeX's badness of a line with adjustment ratio `ratio`: 100·|r|³, at most 10 000
    /// ("infinitely bad"). Overfull lines (r < -1) are not feasible regardless.
    public static func badness(ratio: Double) -> Double {
        if ratio.isNaN { return 10_000 }
        let magnitude = abs(ratio)
        if magnitude >= 4.65 { return 10_000 }  // 100 · 4.65³ > 10 000; avoids overflow
        return min(100 * magnitude * magnitude * magnitude, 10_000)
    }

    /// Demerits of one line before the hyphen and fitness extras (TeX §859):
    /// (linePenalty + badness)² + cost² for a positive cost, − cost² for a negative cost
    /// that does not force the break.
    public static func lineDemerits(badness: Double, cost: Double, linePenalty: Double) -> Double {
        var demerits = linePenalty + badness
        demerits *= demerits
        if cost > 0 {
            demerits += cost * cost
        } else if cost < 0 && cost > LineItem.forcedCost {
            demerits -= cost * cost
        }
        return demerits
    }

    /// Picks the final node: least demerits or, with `looseness`, the line count nearest the
    /// optimum plus `looseness` in that direction, then least demerits (TeX §873–875).
    private func choose(among finals: [Int], in nodes: [Node]) -> Int {
        var best = finals[0]
        for index in finals where nodes[index].demerits < nodes[best].demerits { best = index }
        let looseness = parameters.looseness
        if looseness == 0 { return best }
        let bestLines = nodes[best].line
        let target = bestLines + looseness
        var chosen = best
        for index in finals {
            let lines = nodes[index].line
            let change = lines - bestLines
            guard change == 0 || (change > 0) == (looseness > 0) else { continue }
            let distance = abs(target - lines)
            let chosenDistance = abs(target - nodes[chosen].line)
            if distance < chosenDistance
                || (distance == chosenDistance && nodes[index].demerits < nodes[chosen].demerits)
            {
                chosen = index
            }
        }
        return chosen
    }

    private func breaks(endingAt final: Int, in nodes: [Node]) -> [LineBreak] {
        var result: [LineBreak] = []
        result.reserveCapacity(nodes[final].line)
        var index = final
        while index > 0 {
            let node = nodes[index]
            result.append(LineBreak(position: node.position, ratio: node.ratio, flagged: node.flagged))
            index = node.previous
        }
        result.reverse()
        return result
    }
}
