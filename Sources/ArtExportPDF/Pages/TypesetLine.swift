import ArtExportCore
/// What the line breaker chose for one line: kept with the page so line quality
/// is measured from the typeset document (`LineQuality`), not guessed back from
/// a finished PDF.
package struct LineFit: Sendable, Equatable {
    /// Width of the measure the line is set in, from its left end.
    package var measure: Double
    /// Justified (spaces adjusted to fill the measure) rather than ragged.
    package var justified: Bool
    /// Knuth–Plass adjustment ratio: > 0 spaces stretched, < 0 shrunk, < -1 overfull;
    /// 0 for a line with infinite glue (a paragraph's last). `±Double.greatestFiniteMagnitude`
    /// when the line needed adjusting but had no glue to do it with (a URL piece alone).
    package var ratio: Double
    /// Ends at a flagged break: a hyphen the breaker added, or a word's own hyphen (well-|known).
    package var hyphenated: Bool
    /// Each word space on the line as set, in points (zero-width glue between CJK
    /// characters is not a word space).
    package var spaces: [Double]
    /// How far the line's glyphs hang past the left and the right end of the measure
    /// by design (optical margin alignment), in points: not an overflow.
    package var leftHang: Double
    package var rightHang: Double

    package init(measure: Double, justified: Bool, ratio: Double, hyphenated: Bool, spaces: [Double],
                 leftHang: Double = 0, rightHang: Double = 0) {
        self.measure = measure
        self.justified = justified
        self.ratio = ratio
        self.hyphenated = hyphenated
        self.spaces = spaces
        self.leftHang = leftHang
        self.rightHang = rightHang
    }
}

/// One line of text on a page: which block it belongs to, where its measure is,
/// and how it was fitted. Its glyphs are the page's glyph runs with the same
/// element on the same baseline.
package struct TypesetLine: Sendable, Equatable {
    /// The block's structure element (`id` is unique per block, across pages).
    package var element: StructureElement
    /// Left end of the measure, on the baseline, in page coordinates.
    package var origin: Point
    package var fit: LineFit

    package init(element: StructureElement, origin: Point, fit: LineFit) {
        self.element = element
        self.origin = origin
        self.fit = fit
    }
}
