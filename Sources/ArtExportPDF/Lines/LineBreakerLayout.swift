import ArtExportCore
// Turning chosen breaks back into lines, and scoring any set of breaks.

extension LineBreaker {
    /// Per line: the items it holds, its natural width and its adjustment ratio.
    ///
    /// Discardable items (glue and penalties) after a break, up to the next box, belong to no
    /// line; the break item itself is not part of either line (a glue break vanishes, a penalty
    /// break contributes its width as `naturalWidth` and `endsWithHyphen`). Breaks that are out
    /// of order or out of range are clamped rather than trapped on.
    package func layout(
        _ items: [LineItem], breaks: [LineBreak], lineWidth: (Int) -> Double, microtype: Microtype = .none
    ) -> [LineLayout] {
        var lines: [LineLayout] = []
        lines.reserveCapacity(breaks.count)
        var start = 0
        for (line, lineBreak) in breaks.enumerated() {
            let end = min(max(lineBreak.position, start), items.count)
            var natural = 0.0
            var stretch = 0.0
            var shrink = 0.0
            var fil = 0.0
            var lastBox = -1
            for (k, item) in zip(start..<end, items[start..<end]) {
                switch item {
                case let .box(width, _):
                    natural += Paragraph.finite(width)
                    let flex = microtype.expansion(at: k)
                    stretch += flex
                    shrink += flex
                    lastBox = k
                case let .glue(width, glueStretch, glueShrink):
                    natural += Paragraph.finite(width)
                    if glueStretch == .infinity { fil += 1 } else { stretch += Paragraph.finite(glueStretch) }
                    shrink += Paragraph.finite(glueShrink)
                case .penalty:
                    break
                }
            }
            var endsWithHyphen = false
            if end < items.count, case let .penalty(width, _, _) = items[end] {
                let material = Paragraph.finite(width)
                natural += material
                endsWithHyphen = material != 0
            }
            // The hangs as the breaker counted them (LineBreakerParagraph).
            var startHang = 0.0
            var endHang = 0.0
            if lastBox >= 0 {
                if start < items.count, case .box = items[start] { startHang = microtype.start(at: start) }
                endHang = endsWithHyphen ? microtype.end(at: end) : microtype.end(at: lastBox)
            }
            let available = Paragraph.finite(lineWidth(line)) + startHang + endHang
            let ratio = LineBreaker.adjustmentRatio(
                lineWidth: available, natural: natural, stretch: stretch, shrink: shrink, fil: fil)
            lines.append(LineLayout(
                range: start..<end, ratio: ratio, endsWithHyphen: endsWithHyphen, naturalWidth: natural,
                startHang: startHang, endHang: endHang))
            // The next line starts at the next box; if none comes before the following break,
            // that line is empty and starts (and ends) at that break.
            var next = end + 1
            while next < items.count {
                if case .box = items[next] { break }
                next += 1
            }
            let following = line + 1 < breaks.count ? min(max(breaks[line + 1].position, 0), items.count) : items.count
            start = min(next, max(following, end))
        }
        return lines
    }

    /// Total demerits of an arbitrary set of breaks, scored exactly as `breakLines` scores
    /// lines in a normal pass (badness uncapped by tolerance; an overfull line scores
    /// `.infinity`). For comparing against other breakers in tests and diagnostics.
    func totalDemerits(
        _ items: [LineItem], breaks: [LineBreak], lineWidth: (Int) -> Double
    ) -> Double {
        let lines = layout(items, breaks: breaks, lineWidth: lineWidth)
        var total = 0.0
        var previousFitness = Fitness.decent
        var previousFlagged = false
        for (index, line) in lines.enumerated() {
            let position = breaks[index].position
            var cost = LineItem.forcedCost
            var flagged = false
            var forced = true
            if position < items.count {
                switch items[position] {
                case let .penalty(_, penaltyCost, penaltyFlagged):
                    cost = penaltyCost
                    flagged = penaltyFlagged
                    forced = penaltyCost <= LineItem.forcedCost
                case .glue:
                    cost = 0
                    forced = false
                case .box:
                    return .infinity
                }
            }
            if line.ratio < -1 - LineBreaker.epsilon { return .infinity }
            let badness = LineBreaker.badness(ratio: line.ratio)
            let fitness = Fitness(ratio: line.ratio)
            var demerits = LineBreaker.lineDemerits(
                badness: badness, cost: cost, linePenalty: parameters.linePenalty)
            if previousFlagged {
                if flagged {
                    demerits += parameters.doubleHyphenDemerits
                } else if forced {
                    demerits += parameters.finalHyphenDemerits
                }
            }
            if !fitness.isAdjacent(to: previousFitness) { demerits += parameters.adjacentFitnessDemerits }
            total += demerits
            previousFitness = fitness
            previousFlagged = flagged
        }
        return total
    }
}
