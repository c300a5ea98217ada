import ArtExportCore
/// The horizontal room a unit is set in: its left end, from the left edge of the
/// text area, and its width.
struct Measure: Equatable {
    var left: Double
    var width: Double

    /// The measure narrowed by `left` on the left and `right` on the right.
    func inset(left l: Double, right r: Double = 0) -> Measure { Measure(left: left + l, width: width - l - r) }
}

/// One line slot of a block, a small frame: its height, the baseline (or rule)
/// position below its top, a line of text and the items drawn with it.
struct FlowLine {
    /// A line of text with the left end of its measure, from the text area's left edge.
    var text: (line: SetLine, x: Double)?
    /// Items in slot coordinates (x from the text area's left edge, y from the
    /// slot's top), drawn before the text: rules, grounds, marks.
    var items: [PageItem] = []
    /// More lines of text in the slot, drawn after `text`, each with its own left
    /// end, baseline (from the slot's top) and element: a table row's cells, side
    /// by side and each several lines deep. Recorded as lines, links kept, as `text` is.
    var extraTexts: [(line: SetLine, x: Double, baseline: Double, element: StructureElement)] = []
    var height: Double
    var baseline: Double
    /// Furniture (a masthead): drawn as an artifact, outside the structure and the body's lines.
    var artifact = false
    /// Where in the article the slot's text starts (the page map); nil: no text of the author's.
    var source: TextPosition?

    init(text: (line: SetLine, x: Double)? = nil, items: [PageItem] = [], height: Double, baseline: Double) {
        self.text = text
        self.items = items
        self.height = height
        self.baseline = baseline
    }

    var endsWithHyphen: Bool { text?.line.endsWithHyphen ?? false }
}

/// What a unit hands the paginator: its line slots and how they may break.
struct FlowBlock {
    var lines: [FlowLine]
    var spaceBefore: Double
    var keepWithNext: Bool
    var breakable: Bool
    var element: StructureElement
    /// Named destination at the block's first line (headings, title, bio).
    var destination: String?
    var outline: (title: String, level: Int)?
    /// How many leading lines are drawn again at the top of each page the block
    /// continues on (a table's header row; `Paginator.Block.repeatedHeader`).
    var repeatedHeader = 0
    /// May wait for the top of the next page when it does not fit (a figure: Paginator).
    var float = false
    /// Runs across all columns of a page in columns (ColumnLayout): the title, a wide figure or table.
    var span = false

    init(lines: [FlowLine], spaceBefore: Double = 0, keepWithNext: Bool = false, breakable: Bool = true,
         element: StructureElement, destination: String? = nil, outline: (title: String, level: Int)? = nil) {
        self.lines = lines
        self.spaceBefore = spaceBefore
        self.keepWithNext = keepWithNext
        self.breakable = breakable
        self.element = element
        self.destination = destination
        self.outline = outline
    }
}

/// A construct of the article that lays itself out into a measure: one per file
/// in this folder. Units know nothing of pages; the paginator places their lines.
protocol LayoutUnit {
    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock]
}

/// What every unit shares: the style, the paragraph setter, structure element
/// numbering, link and footnote numbering, and the flow state (whether the last
/// block was a heading or a break, so the next paragraph is not indented).
final class UnitContext {
    /// The style units set with: the theme's, or a smaller one inside a footnote (`scaled`).
    private(set) var style: PDFStyle
    let article: Article
    let localization: Localization
    let setter: ParagraphSetter
    private var elementCounter = 0
    /// Footnote numbers by id (the first note of an id, as a search would find), so
    /// each reference is a lookup, not a walk through the notes.
    let footnoteNumbers: [String: Int]
    private var linkCounter = 0
    /// The next paragraph starts a run of text: no first-line indent.
    var afterHeading = true
    /// How many lists enclose the block being laid out (a nested list's bullet).
    var listDepth = 0
    /// The document's images, each once.
    let images = ImageTable()
    /// Section numbers by heading id, when the theme numbers headings.
    let headingNumbers: [String: String]
    /// The leaf of the article's block tree being laid out (`TextPosition.path`): text
    /// styled now records it, and lines set from that text where they start.
    var path: [Int] = []
    var inBio = false

    init(article: Article, style: PDFStyle, setter: ParagraphSetter) {
        self.article = article
        self.style = style
        self.localization = Localization(language: article.metadata.language)
        self.setter = setter
        var numbers: [String: Int] = [:]
        for (n, note) in article.footnotes.enumerated() where numbers[note.id] == nil { numbers[note.id] = n + 1 }
        self.footnoteNumbers = numbers
        self.headingNumbers = HeadingNumbers.of(article, theme: style.theme)
    }

    /// The measure of the body: a column (the whole text area with one column).
    var fullMeasure: Measure { Measure(left: 0, width: style.columnWidth) }
    /// Across all columns, when the page has more than one.
    var spanMeasure: Measure? { style.columns > 1 ? Measure(left: 0, width: style.textWidth) : nil }

    /// The measure a figure or table `natural` points wide is set in: across the
    /// columns when the theme says so, or (`auto`) when it is wider than a column.
    func measure(forWide natural: Double, in measure: Measure) -> (measure: Measure, span: Bool) {
        guard let span = spanMeasure, measure == fullMeasure else { return (measure, false) }
        switch style.theme.figures.span {
        case .column: return (measure, false)
        case .all: return (span, true)
        case .auto: return natural > measure.width * 1.05 ? (span, true) : (measure, false)
        }
    }

    static let artifact = StructureElement(kind: .artifact, id: 0)
    /// A footnote reference's size and rise, in ems of the text around it.
    static let referenceScale = 0.65, referenceRise = 0.33

    /// Runs `body` with text, code and leading set smaller (a footnote's lists and
    /// code take the note's size, not the body's).
    func scaled<T>(_ factor: Double, leading: Double, _ body: () throws(ExportError) -> T) throws(ExportError) -> T {
        let saved = style
        style.body.size *= factor
        style.mono.size *= factor
        style.indent *= factor
        style.leading = leading
        defer { style = saved }
        return try body()
    }

    /// Runs `body` with the body text in italics when `on` (a theme's quotations).
    func italicized<T>(_ on: Bool, _ body: () throws(ExportError) -> T) throws(ExportError) -> T {
        guard on else { return try body() }
        let saved = style
        style.body.italic = true
        defer { style = saved }
        return try body()
    }

    /// The grouping elements around the blocks being laid out (`grouped`).
    private var enclosing: [StructureElement.Tag] = []

    /// A new element inside the groups open now.
    func nextElement(_ kind: StructureElement.Kind) -> StructureElement {
        elementCounter += 1
        return StructureElement(kind: kind, id: elementCounter, ancestors: enclosing)
    }

    /// The innermost group open now, as an element to draw in (a table's rules).
    var group: StructureElement? {
        enclosing.last.map { StructureElement(kind: $0.kind, id: $0.id, ancestors: Array(enclosing.dropLast())) }
    }

    /// Runs `body` with a new grouping element (a list, a quotation, a table row)
    /// around every element it makes.
    func grouped<T>(_ kind: StructureElement.Kind, _ body: () throws(ExportError) -> T) throws(ExportError) -> T {
        elementCounter += 1
        enclosing.append(StructureElement.Tag(kind: kind, id: elementCounter))
        defer { enclosing.removeLast() }
        return try body()
    }

    /// Lines of one paragraph as flow lines of `leading` height each, the measure starting at `x`.
    func lines(_ text: StyledText, font: FontSpec, leading: Double, options: ParagraphOptions, x: Double = 0) -> [FlowLine] {
        let baseline = (leading - font.size) / 2 + font.size * 0.8
        return setter.set(text, options: options).map { line in
            let strikes = line.strikes.map { r in
                PageItem.fill(Rect(x: x + r.x, y: baseline + r.y, width: r.width, height: r.height), color: setter.textColor, element: Self.artifact)
            }
            var flow = FlowLine(text: (line, x), items: strikes, height: leading, baseline: baseline)
            flow.source = text.position(atByte: line.startByte)
            return flow
        }
    }

    /// Rounds a block's height up to whole body lines by growing its last slot.
    func snap(_ lines: inout [FlowLine]) {
        guard !lines.isEmpty else { return }
        let total = lines.reduce(0) { $0 + $1.height }
        let snapped = (total / style.leading).rounded(.up) * style.leading
        lines[lines.count - 1].height += snapped - total
    }

    /// Inlines to styled text: emphasis italic, strong bold, code monospace,
    /// links with their targets, footnote references as small numbers. A link
    /// LinkTarget refuses (a javascript: or file: URL…) is set as plain text.
    /// `color` colours the text (a heading's); links take the theme's link colour.
    func styled(_ inlines: [Inline], base: FontSpec, color: Color? = nil) -> StyledText {
        var text = StyledText()
        text.leaf = (inBio, path)
        // Scalars of source text so far (`TextPosition.offset`, `Inline.sourceScalarCount`).
        var offset = 0
        func source(_ s: String) {
            text.markSource(s, offset: offset)
            offset += s.unicodeScalars.count
        }
        let linkColor = style.theme.colors.links == style.theme.colors.text ? color : Color(style.theme.colors.links)
        var struck = 0
        func occurrence(_ url: String) -> StyledText.LinkOccurrence? {
            guard let target = LinkTarget(url) else { return nil }
            linkCounter += 1
            return StyledText.LinkOccurrence(target: target, number: linkCounter)
        }
        func walk(_ inlines: [Inline], _ font: FontSpec, _ link: StyledText.LinkOccurrence?) {
            for inline in inlines {
                switch inline {
                case .text(let s):
                    source(s)
                    text.append(s, font: font, link: link, strike: struck > 0, color: link == nil ? color : linkColor)
                case .emphasis(let c): walk(c, font.with(italic: !font.italic), link)
                case .strong(let c): walk(c, font.with(weight: .bold), link)
                case .strikethrough(let c):
                    struck += 1
                    walk(c, font, link)
                    struck -= 1
                case .code(let s):
                    source(s)
                    text.append(s, font: style.mono.with(size: font.size * style.mono.size / style.body.size), link: link, strike: struck > 0,
                                literal: true, color: link == nil ? color : linkColor)
                case .link(let l): walk(l.content, font, occurrence(l.url) ?? link)
                case .lineBreak:
                    source("\n")
                    text.append("\n", font: font, link: link, color: color)
                case .footnoteReference(let id):
                    // A superior figure: smaller, its baseline a third of an em up.
                    let n = footnoteNumbers[id] ?? 1
                    text.append(String(n), font: font.with(size: font.size * Self.referenceScale), link: occurrence("#note-\(id)"),
                                rise: font.size * Self.referenceRise, color: color)
                case .image(let i): text.append(inlineBox(i, font: font), font: font, link: link)
                }
            }
        }
        walk(inlines, base, nil)
        return text
    }

    /// An image within text: standing on the baseline as tall as the font's ascenders
    /// (0.8 em), a raster never enlarged past its natural size, never wider than the text.
    func inlineBox(_ image: Image, font: FontSpec) -> StyledText.InlineBox {
        let ref = images.register(image)
        let natural = images[ref]
        var height = font.size * 0.8
        if image.resource?.mediaType != .svg { height = min(height, natural.height) }
        var width = height * natural.width / natural.height
        if width > style.columnWidth {
            height *= style.columnWidth / width
            width = style.columnWidth
        }
        return StyledText.InlineBox(image: ref, width: width, height: height, alt: altText(image.alt, font: font))
    }

    /// A theme's logo, `height` tall (narrower when the measure is), in a slot of its own.
    func logoLines(_ logo: Image, height: Double, in measure: Measure, centered: Bool) -> [FlowLine] {
        let ref = images.register(logo)
        let natural = images[ref]
        var h = height, w = height * natural.width / max(natural.height, 1)
        if w > measure.width { h *= measure.width / w; w = measure.width }
        let x = centered ? measure.left + (measure.width - w) / 2 : measure.left
        return [FlowLine(items: [.image(ref, Rect(x: x, y: 0, width: w, height: h), alt: [], element: Self.artifact)],
                         height: (h / style.leading).rounded(.up) * style.leading, baseline: 0)]
    }

    /// Alternative text shaped on one line in `font`, on a baseline from x = 0: the
    /// painter draws it invisibly with its image, for the text layer.
    func altText(_ alt: String, font: FontSpec) -> [GlyphRun] {
        let flat = alt.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard !flat.isEmpty else { return [] }
        var text = StyledText()
        text.append(flat, font: font)
        let options = ParagraphOptions(width: 100_000, justify: false, rtl: isRTL(flat), hyphenate: false)
        guard let line = setter.set(text, options: options).first else { return [] }
        let left = line.runs.map(\.origin.x).min() ?? 0
        return line.runs.map { var r = $0; r.origin.x -= left; return r }
    }

    /// A paragraph runs right to left when its first strong character does.
    func isRTL(_ text: String) -> Bool {
        for s in text.unicodeScalars where s.properties.isAlphabetic {
            switch ScriptDetector.script(of: s) {
            case .hebrew?, .arabic?: return true
            default: return false
            }
        }
        return false
    }

    /// The blocks of a sequence of body blocks (a quotation's, a list item's), each
    /// laid out by its unit (`Typesetter.unit(for:)`).
    func flow(_ blocks: [Block], in measure: Measure) throws(ExportError) -> [FlowBlock] {
        var result: [FlowBlock] = []
        for (i, block) in blocks.enumerated() {
            path.append(i)
            defer { path.removeLast() }
            result += try Typesetter.unit(for: block).layout(in: measure, self)
        }
        return result
    }
}
