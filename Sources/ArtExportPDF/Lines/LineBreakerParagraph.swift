import ArtExportCore
// The numbers the breaker works on: cumulative sums over the items (so measuring any line
// is O(1), as in typst's linebreak.rs) and the list of legal breakpoints.

extension LineBreaker {
    /// Running totals of `items[0..<i]`: box and glue widths, finite stretch, shrink, and
    /// the number of infinitely stretchable glues (TeX's `fil` order).
    struct Totals: Sendable {
        var width = 0.0
        var stretch = 0.0
        var shrink = 0.0
        var fil = 0.0
    }

    /// A legal place to break.
    struct Breakpoint: Sendable {
        /// Index of the glue or penalty (`items.count` for the implicit final break).
        var position: Int
        /// Width of penalty material added to a line that ends here.
        var penaltyWidth: Double
        var cost: Double
        /// First item of the next line: the first box after `position` (discardable glue and
        /// penalties after a break belong to no line), or `items.count`.
        var nextStart: Int
        var flagged: Bool
        var forced: Bool
        /// How far the material ending a line here may hang past the end edge.
        var endHang = 0.0
        /// How far the first glyph of the next line may hang before the start edge.
        var nextStartHang = 0.0
    }

    /// Sizes below this (in points) are rounding noise from the cumulative sums.
    static let epsilon = 1e-7
    /// The ratio reported for a line that must stretch (shrink) but has no stretch (shrink).
    static let unadjustable = Double.greatestFiniteMagnitude

    /// An item list turned into totals and breakpoints; built once per `breakLines` call.
    struct Paragraph: Sendable {
        /// `totals[i]` covers `items[0..<i]`; `totals.count == items.count + 1`.
        var totals: [Totals]
        /// In item order; the last one is always forced (real or implicit).
        var breakpoints: [Breakpoint]
        /// Number of flagged breakpoints, to know whether the hyphen limit can ever bind.
        var flaggedCount: Int
        /// The start hang of the paragraph's first line.
        var firstStartHang = 0.0

        init(_ items: [LineItem], microtype: Microtype = .none) {
            let count = items.count
            var totals = [Totals]()
            totals.reserveCapacity(count + 1)
            var breakpoints = [Breakpoint]()
            breakpoints.reserveCapacity(count / 2 + 1)
            var running = Totals()
            var flaggedCount = 0
            var previousIsBox = false
            var lastBox = -1
            var firstBox = -1
            for (index, item) in items.enumerated() {
                totals.append(running)
                switch item {
                case let .box(width, _):
                    running.width += Paragraph.finite(width)
                    // A box set wider or narrower is stretch and shrink of its line.
                    let flex = microtype.expansion(at: index)
                    running.stretch += flex
                    running.shrink += flex
                    previousIsBox = true
                    lastBox = index
                    if firstBox < 0 { firstBox = index }
                case let .glue(width, stretch, shrink):
                    if previousIsBox {
                        breakpoints.append(Breakpoint(
                            position: index, penaltyWidth: 0, cost: 0, nextStart: count,
                            flagged: false, forced: false, endHang: microtype.end(at: lastBox)))
                    }
                    running.width += Paragraph.finite(width)
                    if stretch == .infinity {
                        running.fil += 1
                    } else {
                        running.stretch += Paragraph.finite(stretch)
                    }
                    running.shrink += Paragraph.finite(shrink)
                    previousIsBox = false
                case let .penalty(width, cost, flagged):
                    if cost < LineItem.forbiddenCost {  // false for NaN: not a breakpoint
                        let forced = cost <= LineItem.forcedCost
                        let material = Paragraph.finite(width)
                        breakpoints.append(Breakpoint(
                            position: index, penaltyWidth: material,
                            cost: forced ? LineItem.forcedCost : cost, nextStart: count,
                            flagged: flagged, forced: forced,
                            endHang: material != 0 ? microtype.end(at: index) : microtype.end(at: lastBox)))
                        if flagged { flaggedCount += 1 }
                    }
                    previousIsBox = false
                }
            }
            totals.append(running)
            // Every paragraph ends with a forced break; supply one if the caller did not.
            if breakpoints.last?.position != count - 1 || breakpoints.last?.forced != true {
                breakpoints.append(Breakpoint(
                    position: count, penaltyWidth: 0, cost: LineItem.forcedCost, nextStart: count,
                    flagged: false, forced: true, endHang: microtype.end(at: lastBox)))
            }
            // Where does the line after each break start? Walk backwards remembering the next box.
            var nextBox = count
            var bp = breakpoints.count - 1
            if breakpoints[bp].position == count { bp -= 1 }
            var index = count - 1
            while index >= 0 && bp >= 0 {
                if breakpoints[bp].position == index {
                    breakpoints[bp].nextStart = nextBox
                    breakpoints[bp].nextStartHang = microtype.start(at: nextBox)
                    bp -= 1
                }
                if case .box = items[index] { nextBox = index }
                index -= 1
            }
            self.totals = totals
            self.breakpoints = breakpoints
            self.flaggedCount = flaggedCount
            if microtype.hasHangs {
                // A first line that starts with spaces has them, not a glyph, at its edge.
                if firstBox == 0 { firstStartHang = microtype.start(at: 0) }
            }
        }

        static func finite(_ value: Double) -> Double { value.isFinite ? value : 0 }
    }

    /// Adjustment ratio of a line with the given natural width and flexibility.
    static func adjustmentRatio(
        lineWidth: Double, natural: Double, stretch: Double, shrink: Double, fil: Double
    ) -> Double {
        let shortfall = lineWidth - natural
        if shortfall > epsilon {
            if fil > 0 { return 0 }
            return stretch > epsilon ? shortfall / stretch : unadjustable
        }
        if shortfall < -epsilon {
            return shrink > epsilon ? shortfall / shrink : -unadjustable
        }
        return 0
    }
}
