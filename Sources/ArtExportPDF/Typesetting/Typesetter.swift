import ArtExportCore
/// Article + PDF style → pages of positioned items. An assembler: each construct
/// lays itself out into a measure (`Units/`), the paginator places their lines,
/// the lines' frames are put on their pages, and the page composer adds the
/// furniture (running head, folio, page label).
///
/// Vertical rhythm: every block's height is rounded up to a whole number of body
/// lines (`leading`), so body baselines fall on one grid on every page.
final class Typesetter {
    let style: PDFStyle
    let article: Article
    private let setter: ParagraphSetter
    let context: UnitContext

    init(article: Article, style: PDFStyle, shaper: TextShaper, hyphenator: Hyphenator?) {
        self.article = article
        self.style = style
        self.setter = ParagraphSetter(shaper: shaper, hyphenator: hyphenator, language: article.metadata.language)
        self.context = UnitContext(article: article, style: style, setter: setter)
    }

    /// The unit that lays out a body block.
    static func unit(for block: Block) throws(ExportError) -> any LayoutUnit {
        switch block {
        case .heading(let h): return HeadingUnit(heading: h)
        case .paragraph(let content): return ParagraphUnit(content: content)
        case .blockQuote(let inner): return BlockQuoteUnit(blocks: inner)
        case .list(let list): return ListUnit(list: list)
        case .codeBlock(_, let code): return CodeBlockUnit(code: code)
        case .thematicBreak: return RuleUnit()
        case .table:
            throw ExportError(.badInput, "tables cannot be set in PDF yet; export this article as EPUB")
        case .figure(let figure): return FigureUnit(figure: figure)
        }
    }

    /// Every block of the document, in reading order.
    func flow() throws(ExportError) -> [FlowBlock] {
        let measure = context.fullMeasure
        var blocks = try TitleBlockUnit().layout(in: measure, context)
        context.afterHeading = true
        blocks += try context.flow(article.blocks, in: measure)
        if !article.bio.isEmpty { blocks += try BioUnit(blocks: article.bio).layout(in: measure, context) }
        if !article.footnotes.isEmpty { blocks += try NotesUnit(notes: article.footnotes).layout(in: measure, context) }
        return blocks
    }

    func typeset() throws(ExportError) -> TypesetDocument {
        let blocks = try flow()
        if let failure = context.images.failure { throw failure }
        let placements = Paginator(pageHeight: style.textHeight).paginate(blocks.map(\.paginatorBlock))
        var (pages, outline) = Self.assemble(blocks, placements, style: style)
        PageComposer(style: style, title: article.metadata.title, rtlTitle: context.isRTL(article.metadata.title), setter: setter)
            .compose(&pages)
        var document = TypesetDocument(pages: pages, outline: outline, fontNames: [], missingCharacters: setter.missing)
        document.images = context.images.images
        return document
    }

    /// Puts each placed line's frame on its page: text lines, their runs and links,
    /// the items drawn with them, destinations and outline entries.
    static func assemble(_ blocks: [FlowBlock], _ placements: [[Paginator.Placement]], style: PDFStyle) -> ([Page], [OutlineEntry]) {
        var pages: [Page] = []
        var outline: [OutlineEntry] = []
        for placed in placements {
            var items: [PageItem] = []
            var lines: [TypesetLine] = []
            var seenDestination = Set<Int>()
            var linkItems: [StyledText.LinkOccurrence: Int] = [:]
            for p in placed {
                let block = blocks[p.block]
                let line = block.lines[p.line]
                let top = style.marginTop + p.top
                if p.line == 0, let name = block.destination, !seenDestination.contains(p.block) {
                    seenDestination.insert(p.block)
                    items.append(.destination(name: name, at: Point(x: style.marginLeft, y: top)))
                    if let o = block.outline { outline.append(OutlineEntry(title: o.title, destination: name, level: o.level)) }
                }
                items += line.items.map { $0.offset(dx: style.marginLeft, dy: top) }
                guard let (set, x) = line.text else { continue }
                let origin = Point(x: style.marginLeft + x, y: top + line.baseline)
                lines.append(TypesetLine(element: block.element, origin: origin, fit: set.fit))
                // Images within the line go among its runs, where they stand in the text.
                var boxes = set.boxes[...]
                func placeBoxes(before run: Int) {
                    while let b = boxes.first, b.beforeRun <= run {
                        boxes.removeFirst()
                        let rect = Rect(x: origin.x + b.rect.x, y: origin.y + b.rect.y, width: b.rect.width, height: b.rect.height)
                        let alt = b.box.alt.map { var r = $0; r.origin = Point(x: rect.x + r.origin.x, y: origin.y + r.origin.y); return r }
                        items.append(.image(b.box.image, rect, alt: alt, element: block.element))
                    }
                }
                for (k, run) in set.runs.enumerated() {
                    placeBoxes(before: k)
                    var r = run
                    r.origin = Point(x: origin.x + run.origin.x, y: origin.y + run.origin.y)
                    items.append(.glyphs(r, element: block.element))
                }
                placeBoxes(before: .max)
                for piece in set.links {
                    let rect = Rect(x: origin.x + piece.rect.x, y: origin.y + piece.rect.y, width: piece.rect.width, height: piece.rect.height)
                    // A link set on several lines of this page is one annotation with a rectangle per line.
                    if let i = linkItems[piece.link], case .link(let rects, let target) = items[i] {
                        items[i] = .link(rects: rects + [rect], target: target)
                    } else {
                        linkItems[piece.link] = items.count
                        items.append(.link(rects: [rect], target: piece.link.target))
                    }
                }
            }
            pages.append(Page(width: style.pageWidth, height: style.pageHeight, label: "", items: items, lines: lines))
        }
        return (pages, outline)
    }

    /// Inlines to styled text (`UnitContext.styled`).
    func styled(_ inlines: [Inline], base: FontSpec) -> StyledText { context.styled(inlines, base: base) }
}

extension FlowBlock {
    var paginatorBlock: Paginator.Block {
        var block = Paginator.Block(lines: lines.map(\.height), hyphenated: lines.map(\.endsWithHyphen),
                                    spaceBefore: spaceBefore, keepWithNext: keepWithNext, breakable: breakable)
        block.float = float
        return block
    }
}
