import ArtExportCore
/// Compact storage for the glyphs and clusters of a `GlyphRun`. A typeset document
/// keeps every glyph of the article until it is painted, so these are what its
/// memory is made of: 12 bytes a glyph instead of 24, and clusters run-length coded
/// (most are one byte drawn by one glyph), instead of 16 bytes each.

extension GlyphRun {
    /// The glyphs of a run, in visual order, as a collection of `Glyph` values.
    package struct Glyphs: RandomAccessCollection, Sendable, Equatable {
        private var ids: [UInt32] = []
        private var xs: [Double] = []
        /// Empty while every glyph sits on the baseline, as nearly all do.
        private var ys: [Double] = []

        package init() {}

        package init<S: Sequence>(_ glyphs: S) where S.Element == Glyph {
            for glyph in glyphs { append(glyph) }
        }

        package var startIndex: Int { 0 }
        package var endIndex: Int { ids.count }

        package subscript(i: Int) -> Glyph {
            Glyph(id: ids[i], x: xs[i], y: ys.isEmpty ? 0 : ys[i])
        }

        package mutating func reserveCapacity(_ n: Int) {
            ids.reserveCapacity(n)
            xs.reserveCapacity(n)
        }

        package mutating func append(_ glyph: Glyph) {
            if glyph.y != 0 && ys.isEmpty { ys = Array(repeating: 0, count: ids.count) }
            ids.append(glyph.id)
            xs.append(glyph.x)
            // (With no glyph before, `ys` is still empty here: the first y starts it.)
            if !ys.isEmpty || glyph.y != 0 { ys.append(glyph.y) }
        }

        /// Appends `other`'s glyphs moved right by `dx`.
        package mutating func append(_ other: Glyphs, shiftedBy dx: Double) {
            if !other.ys.isEmpty && ys.isEmpty { ys = Array(repeating: 0, count: ids.count) }
            ids.append(contentsOf: other.ids)
            xs.append(contentsOf: other.xs.lazy.map { $0 + dx })
            if !ys.isEmpty || !other.ys.isEmpty { ys.append(contentsOf: other.ys.isEmpty ? Array(repeating: 0, count: other.count) : other.ys) }
        }

        /// The same glyphs with their x positions multiplied by `factor`.
        package func scaled(by factor: Double) -> Glyphs {
            var copy = self
            copy.xs = xs.map { $0 * factor }
            return copy
        }

        package static func == (a: Glyphs, b: Glyphs) -> Bool {
            a.ids == b.ids && a.xs == b.xs && a.elementsEqual(b)
        }
    }

    /// (bytes of text, number of glyphs) per cluster, in text order, stored as runs
    /// of equal clusters.
    package struct Clusters: Sequence, Sendable, Equatable {
        fileprivate struct Run: Sendable, Equatable {
            var bytes: UInt32
            var glyphs: UInt32
            var count: UInt32
        }

        private var runs: [Run] = []
        /// Number of clusters.
        package private(set) var count = 0

        package init() {}

        package init<S: Sequence>(_ clusters: S) where S.Element == (bytes: Int, glyphs: Int) {
            for c in clusters { append(bytes: c.bytes, glyphs: c.glyphs) }
        }

        package mutating func append(bytes: Int, glyphs: Int) {
            count += 1
            let b = UInt32(bytes), g = UInt32(glyphs)
            if let last = runs.last, last.bytes == b, last.glyphs == g, last.count < .max {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(Run(bytes: b, glyphs: g, count: 1))
            }
        }

        package mutating func append(_ other: Clusters) {
            for run in other.runs {
                for _ in 0..<run.count { append(bytes: Int(run.bytes), glyphs: Int(run.glyphs)) }
            }
        }

        package struct Iterator: IteratorProtocol {
            fileprivate let runs: [Run]
            fileprivate var run = 0
            fileprivate var left: UInt32 = 0

            package mutating func next() -> (bytes: Int, glyphs: Int)? {
                while left == 0 {
                    guard run < runs.count else { return nil }
                    left = runs[run].count
                    run += 1
                }
                left -= 1
                return (Int(runs[run - 1].bytes), Int(runs[run - 1].glyphs))
            }
        }

        package func makeIterator() -> Iterator { Iterator(runs: runs) }

        package var underestimatedCount: Int { count }
    }
}

extension GlyphRun {
    /// A run from plain lists of glyphs and clusters (for tests and tools).
    package init(font: FontID, size: Double, origin: Point, glyphs: [Glyph], text: String,
                clusters: [(bytes: Int, glyphs: Int)], backward: Bool, width: Double) {
        self.init(font: font, size: size, origin: origin, glyphs: Glyphs(glyphs), text: text,
                  clusters: Clusters(clusters), backward: backward, width: width)
    }
}
