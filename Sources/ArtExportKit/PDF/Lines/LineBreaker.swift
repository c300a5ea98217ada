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
        if items.isEmpty { return [] }
        var pass = Pass(paragraph: Paragraph(items), parameters: parameters, lineWidth: lineWidth)
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
