import ArtExportCore
/// Index of a concrete font in a document's font table (see `TextShaper`).
public typealias FontID = Int

/// A paragraph after shaping: glyphs with advances, grouped in clusters in
/// logical (reading) order, so the breaker can measure any byte range by adding
/// numbers, and the painter can draw any cluster-aligned slice.
public struct ShapedText: Sendable {
    public struct Glyph: Sendable, Equatable {
        public var id: UInt32
        /// Advance width in points.
        public var advance: Double
        public var xOffset: Double
        public var yOffset: Double
    }

    /// The smallest unit that cannot be split: one or more characters drawn by
    /// one or more glyphs (a ligature, a base letter with its marks).
    public struct Cluster: Sendable, Equatable {
        /// UTF-8 byte range in `text`.
        public var bytes: Range<Int>
        /// Range in `glyphs`, in visual order (right to left for RTL clusters).
        public var glyphs: Range<Int>
        public var advance: Double
        public var font: FontID
        /// Bidi embedding level: even is left-to-right, odd right-to-left.
        public var level: UInt8
        /// Index into the source `StyledText.spans`.
        public var span: Int
    }

    public var text: [UInt8]
    public var glyphs: [Glyph]
    public var clusters: [Cluster]
    /// Characters no installed font could draw (each would print as a box).
    public var missing: [UInt32]

    /// Width of the clusters in `range` (indices into `clusters`).
    public func width(of range: Range<Int>) -> Double {
        var w = 0.0
        for i in range { w += clusters[i].advance }
        return w
    }
}
