import ArtExportCore
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
package struct LineBreaker: Sendable {
    package var parameters: LineBreakParameters

    package init(parameters: LineBreakParameters = .default) {
        self.parameters = parameters
    }

    /// Chooses the breaks of a paragraph.
    ///
    /// - Parameters:
    ///   - items: the paragraph, normally ending with `LineItem.paragraphEnd()`.
    ///   - lineWidth: available width of line i (0-based), so indents and shaped paragraphs
    ///     work. It is called once for each i below the number of breakpoints.
    ///   - microtype: how far each line's end glyphs may hang outside its width, and how
    ///     much its boxes may be expanded (`Microtype`).
    /// - Returns: one `LineBreak` per line, in order; empty for an empty item list.
    ///   Never fails: see the type's documentation for the fallbacks.
    package func breakLines(_ items: [LineItem], lineWidth: (Int) -> Double, microtype: Microtype = .none) -> [LineBreak] {
        breakLines(items, lineWidth: lineWidth, microtype: microtype, starts: [Start()])
    }

    /// As `breakLines(_:lineWidth:)`, for a paragraph (or a window of one) whose first
    /// line follows a line ending in one of the states `starts`.
    func breakLines(_ items: [LineItem], lineWidth: (Int) -> Double, microtype: Microtype = .none, starts: [Start]) -> [LineBreak] {
        if items.isEmpty { return [] }
        var pass = Pass(paragraph: Paragraph(items, microtype: microtype), parameters: parameters, lineWidth: lineWidth, starts: starts)
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
        /// Demerits of the best way to this state, less those of the best state.
        var demerits = 0.0

        init(fitness: Fitness = .decent, flagged: Bool = false, run: Int = 0, isWindow: Bool = false, demerits: Double = 0) {
            self.fitness = fitness
            self.flagged = flagged
            self.run = run
            self.isWindow = isWindow
            self.demerits = demerits
        }
    }

    /// One window of a paragraph too long to break at once: the best breaks of the
    /// window as a paragraph, with the state after each line and the first item of the
    /// next; how many first lines every solution of the whole paragraph shares
    /// (`settled`), and the states, with their demerits, in which those lines may end.
    ///
    /// The algorithm reads items in order, so its nodes up to item `position` are those
    /// of the whole paragraph; any solution passes through a node active at `position`.
    /// Where the paths to all of those break at the same places, so does every
    /// solution; they may differ only in state (fitness, hyphen run), and the next
    /// window starts from each such state, as the whole paragraph would go on.
    func breakWindow(_ items: [LineItem], lineWidth: (Int) -> Double, microtype: Microtype = .none, starts: [Start], through position: Int)
        -> (breaks: [LineBreak], states: [Start], nextItems: [Int], settled: Int, settledStates: [Start])
    {
        if items.isEmpty { return ([], [], [], 0, []) }
        var pass = Pass(paragraph: Paragraph(items, microtype: microtype), parameters: parameters, lineWidth: lineWidth, starts: starts)
        pass.snapshotPosition = position
        let tolerance = parameters.tolerance.isNaN ? 200 : parameters.tolerance
        var tolerances = [tolerance]
        if tolerance < 1000 { tolerances.append(1000) }
        var finals: [Int] = []
        for passTolerance in tolerances {
            finals = pass.run(tolerance: passTolerance, emergency: false)
            if !finals.isEmpty { break }
        }
        if finals.isEmpty { finals = pass.run(tolerance: .infinity, emergency: true) }
        guard !finals.isEmpty else { return ([], [], [], 0, []) }
        let nodes = pass.nodes
        func chain(_ end: Int) -> [Int] {
            var path: [Int] = []
            var index = end
            while index >= 0 && nodes[index].position >= 0 {
                path.append(index)
                index = nodes[index].previous
            }
            return path.reversed()
        }
        let best = chain(choose(among: finals, in: nodes))
        func state(_ n: Int, demerits: Double = 0) -> Start {
            Start(fitness: nodes[n].fitness, flagged: nodes[n].flagged, run: nodes[n].run, isWindow: true, demerits: demerits)
        }
        // The longest run of first lines on which the paths to all snapshot nodes break
        // at the same items.
        let chains = pass.snapshot.map(chain)
        var settled = 0
        if !chains.isEmpty {
            let shortest = chains.map(\.count).min() ?? 0
            while settled < shortest && chains.allSatisfy({ nodes[$0[settled]].position == nodes[chains[0][settled]].position }) {
                settled += 1
            }
        }
        var settledStates: [Start] = []
        if settled > 0 {
            let ends = Set(chains.map { $0[settled - 1] }).sorted()
            let least = ends.map { nodes[$0].demerits }.min() ?? 0
            settledStates = ends.map { state($0, demerits: nodes[$0].demerits - least) }
        }
        return (best.map { LineBreak(position: nodes[$0].position, ratio: nodes[$0].ratio, flagged: nodes[$0].flagged) },
                best.map { state($0) }, best.map { nodes[$0].start }, settled, settledStates)
    }

    /// TeX's badness of a line with adjustment ratio `ratio`: 100·|r|³, at most 10 000
    /// ("infinitely bad"). Overfull lines (r < -1) are not feasible regardless.
    package static func badness(ratio: Double) -> Double {
        if ratio.isNaN { return 10_000 }
        let magnitude = abs(ratio)
        if magnitude >= 4.65 { return 10_000 }  // 100 · 4.65³ > 10 000; avoids overflow
        return min(100 * magnitude * magnitude * magnitude, 10_000)
    }

    /// Demerits of one line before the hyphen and fitness extras (TeX §859):
    /// (linePenalty + badness)² + cost² for a positive cost, − cost² for a negative cost
    /// that does not force the break.
    package static func lineDemerits(badness: Double, cost: Double, linePenalty: Double) -> Double {
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
        while index >= 0 && nodes[index].position >= 0 {
            let node = nodes[index]
            result.append(LineBreak(position: node.position, ratio: node.ratio, flagged: node.flagged))
            index = node.previous
        }
        result.reverse()
        return result
    }
}
