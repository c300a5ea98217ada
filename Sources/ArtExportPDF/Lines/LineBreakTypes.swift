import ArtExportCore
/// Tuning knobs of the Knuth–Plass breaker, named and defaulted as in TeX / plain TeX.
package struct LineBreakParameters: Sendable, Equatable {
    /// Largest badness a line may have and still be feasible (TeX `\tolerance`).
    /// If no solution exists within it, the breaker retries with 1000 and finally with an
    /// emergency pass (see `LineBreaker.breakLines`).
    package var tolerance: Double
    /// Added to every line's badness before squaring (TeX `\linepenalty`); larger values
    /// favour fewer lines.
    package var linePenalty: Double
    /// The cost the setter gives a dictionary hyphenation point (TeX `\hyphenpenalty`).
    /// The breaker reads the cost from each penalty item.
    package var hyphenPenalty: Double
    /// The cost the setter gives a break after a word's own hyphen (well-|known), which
    /// adds no mark (TeX `\exhyphenpenalty`).
    package var explicitHyphenPenalty: Double
    /// Added when two consecutive lines both end at flagged breaks (TeX `\doublehyphendemerits`).
    package var doubleHyphenDemerits: Double
    /// Added when a flagged break is followed by a forced break — the line before the last
    /// line of a paragraph (or before any forced break) ends with a hyphen (TeX `\finalhyphendemerits`).
    package var finalHyphenDemerits: Double
    /// Added when adjacent lines' fitness classes differ by more than one (TeX `\adjdemerits`).
    package var adjacentFitnessDemerits: Double
    /// Hard limit on consecutive lines ending at flagged breaks: a break that would make
    /// line number `maxConsecutiveHyphens + 1` of a run is infeasible. 0 forbids flagged
    /// breaks altogether; `Int.max` means no limit. (Only the emergency fallback for an
    /// otherwise unbreakable stretch of text may exceed it.)
    package var maxConsecutiveHyphens: Int
    /// TeX `\looseness`: try to make the paragraph this many lines longer (positive) or
    /// shorter (negative) than optimal, among feasible solutions. 0 is the normal case.
    package var looseness: Int

    package init(
        tolerance: Double = 200,
        linePenalty: Double = 10,
        hyphenPenalty: Double = Self.hyphenCost,
        explicitHyphenPenalty: Double = 50,
        doubleHyphenDemerits: Double = Self.doubleHyphenCost,
        finalHyphenDemerits: Double = 5000,
        adjacentFitnessDemerits: Double = 3000,
        maxConsecutiveHyphens: Int = 2,
        looseness: Int = 0
    ) {
        self.tolerance = tolerance
        self.linePenalty = linePenalty
        self.hyphenPenalty = hyphenPenalty
        self.explicitHyphenPenalty = explicitHyphenPenalty
        self.doubleHyphenDemerits = doubleHyphenDemerits
        self.finalHyphenDemerits = finalHyphenDemerits
        self.adjacentFitnessDemerits = adjacentFitnessDemerits
        self.maxConsecutiveHyphens = maxConsecutiveHyphens
        self.looseness = looseness
    }

    /// A dictionary hyphen costs 100, twice TeX's 50: with protrusion and 2 % expansion
    /// (`Microtype`) a line has room enough that a hyphen is rarely worth it. Measured
    /// in-process on the seed article, long-form, de-artikel, fr-article, hostile and
    /// footnotes: at 50, 45 of 531 justified lines hyphenated (8.5 %), word-space spread
    /// 0.035–0.040 em; at 100, 22 (4.1 %), 0.034–0.044 em; at 150, 15, but de-artikel's
    /// spread 0.050 with 2 loose lines. (Before expansion, 50 gave 103 lines, 19 %.)
    package static let hyphenCost = 100.0
    /// Two hyphenated lines in a row cost plain TeX's 10 000 more: at TeX's 3000 a
    /// second hyphen would cost less than a hyphen's own 100² demerits.
    package static let doubleHyphenCost = 10_000.0

    /// TeX's defaults but for the hyphen costs above: tolerance 200, line penalty 10,
    /// explicit-hyphen penalty 50, final-hyphen demerits 5000, adjacent-fitness demerits
    /// 3000 (plain TeX uses 10000), at most 2 consecutive hyphenated lines.
    package static let `default` = LineBreakParameters()
}

/// One chosen break.
package struct LineBreak: Sendable, Equatable {
    /// Index into the items of the chosen break (a glue or penalty). The last line ends at
    /// `items.count - 1` (the final forced penalty); if the items do not end with a forced
    /// penalty, the breaker acts as if one followed them and the last position is `items.count`.
    package var position: Int
    /// Adjustment ratio r of the line ending here: r < 0 shrink, r > 0 stretch, 0 for a line
    /// with infinitely stretchable glue (the last line). r < -1 marks an overfull line (only
    /// produced when no feasible solution exists). When a line needs adjusting but has no
    /// stretch (or shrink) at all, r is `±Double.greatestFiniteMagnitude`, which is safe to
    /// multiply by the zero stretch/shrink of its glue.
    package var ratio: Double
    /// Whether the break is a flagged (hyphen) penalty.
    package var flagged: Bool

    package init(position: Int, ratio: Double, flagged: Bool) {
        self.position = position
        self.ratio = ratio
        self.flagged = flagged
    }
}

/// One set line, as computed by `LineBreaker.layout`.
package struct LineLayout: Sendable, Equatable {
    /// Items on the line: from the first item after the previous break (discardable glue and
    /// penalties after a break are skipped) up to, not including, the break item. Penalties
    /// inside the range are not painted; the break's own penalty material is counted in
    /// `naturalWidth` and signalled by `endsWithHyphen`.
    package var range: Range<Int>
    /// Adjustment ratio: set each glue in `range` to `width + ratio * stretch` (ratio ≥ 0) or
    /// `width + ratio * shrink` (ratio < 0; clamp to -1 if the line is overfull). With
    /// infinitely stretchable glue on the line the ratio is 0 and the remaining space
    /// (line width − natural width) goes to the infinite glue.
    package var ratio: Double
    /// The line ends at a penalty with nonzero width: paint that material (the hyphen) at the end.
    package var endsWithHyphen: Bool
    /// Sum of box and glue widths in `range`, plus the break penalty's width.
    package var naturalWidth: Double
    /// How far the line's first glyph hangs before its start edge, and its last glyph
    /// (or hyphen) past its end edge (`Microtype`); the ratio fills the width plus both.
    package var startHang: Double
    package var endHang: Double

    package init(range: Range<Int>, ratio: Double, endsWithHyphen: Bool, naturalWidth: Double,
                 startHang: Double = 0, endHang: Double = 0) {
        self.range = range
        self.ratio = ratio
        self.endsWithHyphen = endsWithHyphen
        self.naturalWidth = naturalWidth
        self.startHang = startHang
        self.endHang = endHang
    }
}
