import ArtExportCore

/// Text with a font per byte range: what the shaper turns into glyphs.
public struct StyledText: Sendable, Equatable {
    public struct Span: Sendable, Equatable {
        /// UTF-8 byte range in `text`.
        public var range: Range<Int>
        public var font: FontSpec
        /// The link this span is part of, if any.
        public var link: LinkOccurrence?
        /// How far the baseline is raised, in points (a footnote reference).
        public var rise: Double = 0
        /// Struck through (a line drawn across it).
        public var strike: Bool = false
    }

    /// One link of the text: where it leads, and which link of the document it
    /// is, so the pieces of a link set on several lines make one annotation and
    /// two neighbouring links to the same place stay two.
    public struct LinkOccurrence: Sendable, Hashable {
        public var target: LinkTarget
        public var number: Int

        public init(target: LinkTarget, number: Int) {
            self.target = target
            self.number = number
        }
    }

    public var text: String
    public var spans: [Span]

    public init(text: String = "", spans: [Span] = []) {
        self.text = text
        self.spans = spans
    }

    public mutating func append(_ s: String, font: FontSpec, link: LinkOccurrence? = nil, rise: Double = 0, strike: Bool = false) {
        guard !s.isEmpty else { return }
        let start = text.utf8.count
        text += s
        let end = text.utf8.count
        if var last = spans.last, last.font == font, last.link == link, last.rise == rise, last.strike == strike,
           last.range.upperBound == start {
            last.range = last.range.lowerBound..<end
            spans[spans.count - 1] = last
        } else {
            spans.append(Span(range: start..<end, font: font, link: link, rise: rise, strike: strike))
        }
    }

    /// `other` appended, its spans moved past this text.
    public mutating func append(_ other: StyledText) {
        let offset = text.utf8.count
        text += other.text
        spans += other.spans.map { var s = $0; s.range = (s.range.lowerBound + offset)..<(s.range.upperBound + offset); return s }
    }
}
