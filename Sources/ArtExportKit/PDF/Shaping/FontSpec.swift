/// A font request in the theme's terms; Pango resolves it (with fallback for
/// characters the first family lacks) to concrete fonts.
public struct FontSpec: Sendable, Hashable {
    public enum Weight: Int, Sendable, Hashable { case regular = 400, medium = 500, semibold = 600, bold = 700 }

    /// Families in order of preference, the fallback families last.
    public var families: [String]
    /// Size in points.
    public var size: Double
    public var weight: Weight
    public var italic: Bool
    /// OpenType features, e.g. `smcp` for small capitals, `onum` for old-style figures.
    public var features: [String]

    public init(families: [String], size: Double, weight: Weight = .regular, italic: Bool = false, features: [String] = []) {
        self.families = families
        self.size = size
        self.weight = weight
        self.italic = italic
        self.features = features
    }

    public func with(size: Double? = nil, weight: Weight? = nil, italic: Bool? = nil, features: [String]? = nil) -> FontSpec {
        FontSpec(families: families, size: size ?? self.size, weight: weight ?? self.weight,
                 italic: italic ?? self.italic, features: features ?? self.features)
    }
}

/// Text with a font per byte range: what the shaper turns into glyphs.
public struct StyledText: Sendable, Equatable {
    public struct Span: Sendable, Equatable {
        /// UTF-8 byte range in `text`.
        public var range: Range<Int>
        public var font: FontSpec
        /// The link this span is part of, if any.
        public var link: LinkOccurrence?
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

    public mutating func append(_ s: String, font: FontSpec, link: LinkOccurrence? = nil) {
        guard !s.isEmpty else { return }
        let start = text.utf8.count
        text += s
        let end = text.utf8.count
        if var last = spans.last, last.font == font, last.link == link, last.range.upperBound == start {
            last.range = last.range.lowerBound..<end
            spans[spans.count - 1] = last
        } else {
            spans.append(Span(range: start..<end, font: font, link: link))
        }
    }
}
