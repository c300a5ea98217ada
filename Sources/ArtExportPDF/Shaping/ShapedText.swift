import ArtExportCore
/// Index of a concrete font in a document's font table (see `TextShaper`).
package typealias FontID = Int

/// A paragraph after shaping: glyphs with advances, grouped in clusters in
/// logical (reading) order, so the breaker can measure any byte range by adding
/// numbers, and the painter can draw any cluster-aligned slice.
package struct ShapedText: Sendable {
    package struct Glyph: Sendable, Equatable {
        package var id: UInt32
        /// Advance width in points.
        package var advance: Double
        package var xOffset: Double
        package var yOffset: Double
    }

    /// The smallest unit that cannot be split: one or more characters drawn by
    /// one or more glyphs (a ligature, a base letter with its marks).
    package struct Cluster: Sendable, Equatable {
        /// UTF-8 byte range in `text`.
        package var bytes: Range<Int>
        /// Range in `glyphs`, in visual order (right to left for RTL clusters).
        package var glyphs: Range<Int>
        package var advance: Double
        package var font: FontID
        /// Bidi embedding level: even is left-to-right, odd right-to-left.
        package var level: UInt8
        /// Index into the source `StyledText.spans`.
        package var span: Int
    }

    package var text: [UInt8]
    package var glyphs: [Glyph]
    package var clusters: [Cluster]
    /// Characters no installed font could draw (each would print as a box).
    package var missing: [UInt32]
    /// Clusters that are emoji sequences drawn as one colour picture (`EmojiFont`),
    /// by cluster index: such a cluster keeps one glyph of its text font, for the text.
    package var colorGlyphs: [Int: ColorGlyph] = [:]

    /// Width of the clusters in `range` (indices into `clusters`).
    package func width(of range: Range<Int>) -> Double {
        var w = 0.0
        for i in range { w += clusters[i].advance }
        return w
    }
}
