import ArtExportCore

/// Text with a font per byte range: what the shaper turns into glyphs.
package struct StyledText: Sendable, Equatable {
    package struct Span: Sendable, Equatable {
        /// UTF-8 byte range in `text`.
        package var range: Range<Int>
        package var font: FontSpec
        /// The link this span is part of, if any.
        package var link: LinkOccurrence?
        /// How far the baseline is raised, in points (a footnote reference).
        package var rise: Double = 0
        /// Struck through (a line drawn across it).
        package var strike: Bool = false
        /// An image in the line: the span is its one placeholder character.
        package var box: InlineBox? = nil
        /// Code within text: its spaces keep their width (they are characters of
        /// the code, not word spaces that justification stretches).
        package var literal: Bool = false
        /// nil: the text colour.
        package var color: Color? = nil
    }

    /// An image set within text: an unbreakable box of this size standing on the
    /// baseline, in place of its span's character (U+FFFC, never drawn).
    package struct InlineBox: Sendable, Equatable {
        package var image: ImageRef
        package var width: Double
        package var height: Double
        /// The alternative text, shaped, on the baseline from the box's left end.
        package var alt: [GlyphRun]

        package init(image: ImageRef, width: Double, height: Double, alt: [GlyphRun]) {
            self.image = image
            self.width = width
            self.height = height
            self.alt = alt
        }
    }

    /// What an inline box's span holds: the object replacement character.
    package static let boxCharacter = "\u{FFFC}"

    /// One link of the text: where it leads, and which link of the document it
    /// is, so the pieces of a link set on several lines make one annotation and
    /// two neighbouring links to the same place stay two.
    package struct LinkOccurrence: Sendable, Hashable {
        package var target: LinkTarget
        package var number: Int

        package init(target: LinkTarget, number: Int) {
            self.target = target
            self.number = number
        }
    }

    package var text: String
    package var spans: [Span]

    /// Where the text came from in the article (`TextPosition`): the leaf it sets, and
    /// for each piece of source text its bytes here and its first scalar there.
    /// Text the typesetter adds (a note's number, a heading's) has no mark.
    struct SourceMark: Sendable, Equatable {
        var bytes: Range<Int>
        var offset: Int
        /// The piece's scalars, counted once when it is marked.
        var scalars: Int
    }
    var leaf: (inBio: Bool, path: [Int])?
    /// In text order and disjoint: each is marked just before its text is appended.
    var marks: [SourceMark] = []

    /// Records that `s`, about to be appended, is source text starting at scalar `offset`.
    mutating func markSource(_ s: String, offset: Int) {
        let start = text.utf8.count
        marks.append(SourceMark(bytes: start..<start + s.utf8.count, offset: offset, scalars: s.unicodeScalars.count))
    }

    /// The place in the article of the character at byte `b`: in a piece of source
    /// text, that character; in added text, the next source character.
    ///
    /// Called for every line of a paragraph, so it neither rescans the pieces before
    /// `b` nor counts their scalars again: a binary search finds the last piece
    /// starting at or before `b`, and only that piece's bytes before `b` are counted.
    func position(atByte b: Int) -> TextPosition? {
        guard let leaf else { return nil }
        var low = 0, high = marks.count
        while low < high {
            let mid = (low + high) / 2
            if marks[mid].bytes.lowerBound <= b { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return TextPosition(inBio: leaf.inBio, path: leaf.path, offset: 0) }
        let mark = marks[low - 1]
        let offset = b < mark.bytes.upperBound ? mark.offset + Self.scalars(in: text.utf8, mark.bytes.lowerBound..<b) : mark.offset + mark.scalars
        return TextPosition(inBio: leaf.inBio, path: leaf.path, offset: offset)
    }

    /// The scalars that begin in a byte range of UTF-8: its bytes that are no continuation byte.
    private static func scalars(in utf8: String.UTF8View, _ bytes: Range<Int>) -> Int {
        let start = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        return utf8[start..<utf8.index(start, offsetBy: bytes.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    package init(text: String = "", spans: [Span] = []) {
        self.text = text
        self.spans = spans
    }

    package static func == (a: StyledText, b: StyledText) -> Bool { a.text == b.text && a.spans == b.spans }

    package mutating func append(_ s: String, font: FontSpec, link: LinkOccurrence? = nil, rise: Double = 0, strike: Bool = false,
                                literal: Bool = false, color: Color? = nil) {
        guard !s.isEmpty else { return }
        let start = text.utf8.count
        text += s
        let end = text.utf8.count
        if var last = spans.last, last.font == font, last.link == link, last.rise == rise, last.strike == strike,
           last.box == nil, last.literal == literal, last.color == color, last.range.upperBound == start {
            last.range = last.range.lowerBound..<end
            spans[spans.count - 1] = last
        } else {
            spans.append(Span(range: start..<end, font: font, link: link, rise: rise, strike: strike, literal: literal, color: color))
        }
    }

    /// `other` appended, its spans moved past this text.
    package mutating func append(_ other: StyledText) {
        let offset = text.utf8.count
        text += other.text
        spans += other.spans.map { var s = $0; s.range = (s.range.lowerBound + offset)..<(s.range.upperBound + offset); return s }
        if leaf == nil { leaf = other.leaf }
        marks += other.marks.map { SourceMark(bytes: ($0.bytes.lowerBound + offset)..<($0.bytes.upperBound + offset), offset: $0.offset, scalars: $0.scalars) }
    }

    /// An image within the text: a span of its own, never merged with its neighbours.
    package mutating func append(_ box: InlineBox, font: FontSpec, link: LinkOccurrence? = nil) {
        let start = text.utf8.count
        text += Self.boxCharacter
        spans.append(Span(range: start..<text.utf8.count, font: font, link: link, box: box))
    }
}
