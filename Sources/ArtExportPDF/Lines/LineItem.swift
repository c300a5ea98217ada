import ArtExportCore
/// One element of a paragraph's item list, in the box/glue/penalty model of
/// Knuth & Plass (1981). Widths are in points.
///
/// Legal breakpoints are
/// - a `glue` immediately preceded by a `box` (the glue is dropped at the break), and
/// - a `penalty` whose cost is below `LineItem.forbiddenCost` (its `width` is added to the
///   line that ends there — a hyphen's width — and is otherwise invisible).
///
/// After a break, every glue and penalty up to the next box is discarded (it belongs to
/// neither line), as TeX does.
package enum LineItem: Sendable, Equatable {
    /// Unbreakable material (a word, a word fragment, an inline run). `tag` lets the caller
    /// map back to its content; the breaker never reads it.
    case box(width: Double, tag: Int)
    /// Breakable space: natural width, stretchability, shrinkability.
    /// A stretch of `Double.infinity` is "infinitely stretchable" (TeX's `fil`): a line
    /// containing such glue has badness 0 whenever it is short, and reports a ratio of 0 —
    /// the caller gives the whole shortfall to the infinite glue.
    case glue(width: Double, stretch: Double, shrink: Double)
    /// A possible break. `width` is material added at the end of the line if broken here
    /// (a hyphen's width, or 0). `cost` is the penalty (≥ 10_000 forbids, ≤ -10_000 forces).
    /// `flagged` marks hyphen breaks (for consecutive-hyphen and final-hyphen demerits).
    case penalty(width: Double, cost: Double, flagged: Bool)

    /// A penalty cost at or above this is not a breakpoint (TeX's `inf_penalty`).
    package static let forbiddenCost: Double = 10_000
    /// A penalty cost at or below this is a forced break (TeX's `eject_penalty`).
    package static let forcedCost: Double = -10_000

    /// The usual paragraph ending (TeX's `\parfillskip` sequence): a penalty that forbids
    /// breaking before the fill, glue that can stretch without limit, and a forced break.
    /// The final `LineBreak` of a paragraph built this way is at `items.count - 1`.
    package static func paragraphEnd() -> [LineItem] {
        [
            .penalty(width: 0, cost: forbiddenCost, flagged: false),
            .glue(width: 0, stretch: .infinity, shrink: 0),
            .penalty(width: 0, cost: forcedCost, flagged: false),
        ]
    }

    /// A forced line break inside a paragraph (like `\hfil\break`): infinitely stretchable
    /// glue so the line ending here is set ragged, then a forced break.
    package static func forcedLineBreak() -> [LineItem] {
        [
            .penalty(width: 0, cost: forbiddenCost, flagged: false),
            .glue(width: 0, stretch: .infinity, shrink: 0),
            .penalty(width: 0, cost: forcedCost, flagged: false),
        ]
    }

    /// A discretionary-hyphen break opportunity inside a word: `hyphenWidth` is the width
    /// of the hyphen glyph painted if the line breaks here.
    package static func hyphenationPoint(hyphenWidth: Double, cost: Double = 50) -> LineItem {
        .penalty(width: hyphenWidth, cost: cost, flagged: true)
    }
}
