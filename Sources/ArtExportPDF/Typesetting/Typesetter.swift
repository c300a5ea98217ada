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
        case .table(let table): return TableUnit(table: table)
        case .figure:
            throw ExportError(.badInput, "images cannot be set in PDF yet; export this article as EPUB")
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
        if article.holdsImages { throw ExportError(.badInput, "images cannot be set in PDF yet; export this article as EPUB") }
        let blocks = try flow()
        let placements = Paginator(pageHeight: style.textHeight).paginate(blocks.map(\.paginatorBlock))
        var (pages, outline) = Self.assemble(blocks, placements, style: style)
        PageComposer(style: style, title: article.metadata.title, rtlTitle: context.isRTL(article.metadata.title), setter: setter)
            .compose(&pages)
        return TypesetDocument(pages: pages, outline: outline, fontNames: [], missingCharacters: setter.missing)
    }

    /// Puts each placed line's frame on its page: text lines, their runs and links,
    /// the items drawn with them, destinations and outline entries. A repeated line
    /// (a table's header on a continuation page) is drawn again as an artifact, a
    /// pagination artifact like a running head: not text lines, no links, no tags.
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
                if p.line == 0, !p.repeated, let name = block.destination, !seenDestination.contains(p.block) {
                    seenDestination.insert(p.block)
                    items.append(.destination(name: name, at: Point(x: style.marginLeft, y: top)))
                    if let o = block.outline { outline.append(OutlineEntry(title: o.title, destination: name, level: o.level)) }
                }
                /// A line of text: its runs, its record and its links; a repeated one its runs only.
                func place(_ set: SetLine, x: Double, baseline: Double, element: StructureElement) {
                    let origin = Point(x: style.marginLeft + x, y: top + baseline)
                    for run in set.runs {
                        var r = run
                        r.origin = Point(x: origin.x + run.origin.x, y: origin.y + run.origin.y)
                        items.append(.glyphs(r, element: p.repeated ? UnitContext.artifact : element))
                    }
                    guard !p.repeated else { return }
                    lines.append(TypesetLine(element: element, origin: origin, fit: set.fit))
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
                items += line.items.map { item in
                    let moved = item.offset(dx: style.marginLeft, dy: top)
                    return p.repeated ? moved.artifact : moved
                }
                if let (set, x) = line.text { place(set, x: x, baseline: line.baseline, element: block.element) }
                for extra in line.extraTexts { place(extra.line, x: extra.x, baseline: extra.baseline, element: extra.element) }
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
        Paginator.Block(lines: lines.map(\.height), hyphenated: lines.map(\.endsWithHyphen),
                        spaceBefore: spaceBefore, keepWithNext: keepWithNext, breakable: breakable, repeatedHeader: repeatedHeader)
    }
}

extension PageItem {
    /// The same drawing outside the structure tree.
    var artifact: PageItem {
        switch self {
        case .glyphs(let run, _): return .glyphs(run, element: UnitContext.artifact)
        case .rule(let from, let to, let thickness, let color, _):
            return .rule(from: from, to: to, thickness: thickness, color: color, element: UnitContext.artifact)
        case .fill(let rect, let color, _): return .fill(rect, color: color, element: UnitContext.artifact)
        case .link, .destination: return self
        }
    }
}
