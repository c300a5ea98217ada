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
        let p = style.theme.paragraphs
        self.setter = ParagraphSetter(shaper: shaper, hyphenator: hyphenator, language: article.metadata.language,
                                      textColor: Color(style.theme.colors.text),
                                      hyphenMinimums: p.hyphenate ? (p.hyphenMinBefore, p.hyphenMinAfter) : nil)
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
        case .figure(let figure): return FigureUnit(figure: figure)
        }
    }

    /// Every block of the document, in reading order.
    func flow() throws(ExportError) -> [FlowBlock] {
        let measure = context.fullMeasure
        // The title block runs across the columns.
        var blocks = try TitleBlockUnit().layout(in: context.spanMeasure ?? measure, context).map { var b = $0; b.span = context.spanMeasure != nil; return b }
        context.afterHeading = true
        blocks += try context.flow(article.blocks, in: measure)
        if !article.bio.isEmpty { blocks += try BioUnit(blocks: article.bio).layout(in: measure, context) }
        return blocks
    }

    /// Space above a page's first footnote: the separator rule in its middle.
    var noteSeparator: Double { style.leading }

    /// - Parameter firstPage: the number of the first page (in an issue, after the pages before the article).
    func typeset(firstPage: Int = 1) throws(ExportError) -> TypesetDocument {
        numbered(try unnumbered(), firstPage: firstPage)
    }

    /// The pages as the paginator fills them, without labels or furniture: where
    /// they break does not depend on their numbers, so an issue lays an article out
    /// once and numbers it (`numbered`) when the contents before it are settled.
    func unnumbered() throws(ExportError) -> TypesetDocument {
        let blocks = try flow()
        if let failure = context.images.failure { throw failure }
        let notes = try FootnotesUnit(notes: article.footnotes).layout(in: context.fullMeasure, context)
        let paginatorBlocks = Self.referencing(blocks, notes: notes)
        let inserts = notes.map { Paginator.Insert(lines: $0.lines.map(\.line.height)) }
        var pages: [Page], outline: [OutlineEntry]
        if style.columns > 1 {
            let (frames, placements, feet) = ColumnLayout(pageHeight: style.textHeight, columns: style.columns)
                .paginate(paginatorBlocks, spans: blocks.map(\.span), inserts: inserts, separator: noteSeparator)
            let origins = frames.map { f in
                FrameOrigin(page: f.page, dx: f.spansColumns ? 0 : Double(f.column) * (style.columnWidth + style.gutter), dy: f.top,
                            width: f.spansColumns ? style.textWidth : style.columnWidth, height: f.height)
            }
            (pages, outline) = Self.assemble(blocks, placements, frames: origins, notes: notes, feet: feet, separator: noteSeparator,
                                             rtl: article.metadata.language.isRightToLeft, style: style)
        } else {
            let (placements, feet) = Paginator(pageHeight: style.textHeight).paginate(paginatorBlocks, inserts: inserts, separator: noteSeparator)
            (pages, outline) = Self.assemble(blocks, placements, notes: notes, feet: feet, separator: noteSeparator,
                                             rtl: article.metadata.language.isRightToLeft, style: style)
        }
        var document = TypesetDocument(pages: pages, outline: outline)
        // A note's links say which note, and its link back where it goes.
        for note in article.footnotes {
            guard let n = context.footnoteNumbers[note.id] else { continue }
            document.linkDescriptions["note-\(note.id)"] = "\(context.localization.notes) \(n)"
            document.linkDescriptions["ref-\(note.id)"] = context.localization.backToText
        }
        return document
    }

    /// `document` (as `unnumbered` made it) with its labels, running heads and folios,
    /// its first page numbered `firstPage`.
    func numbered(_ document: TypesetDocument, firstPage: Int) -> TypesetDocument {
        var document = document
        let context = self.context
        PageComposer(style: style, fields: ThemeFields(metadata: article.metadata, theme: style.theme), setter: setter,
                     isRTL: { context.isRTL($0) })
            .compose(&document.pages, firstNumber: firstPage)
        // After composing: a running head's characters count as missing too.
        document.missingCharacters = setter.missing
        document.images = context.images.images
        document.pageMap = PageMap(pages: TypesetDocument.pageMap(of: document.pages[...], article: 0), pageCount: document.pages.count)
        return document
    }

    /// The paginator's blocks, each line with the notes it references first (the
    /// `#note-` links in its text). A note no line references (a library caller's
    /// article may hold one) goes with the last line, so none is lost.
    static func referencing(_ blocks: [FlowBlock], notes: [FootnotesUnit.Note]) -> [Paginator.Block] {
        let index = Dictionary(notes.enumerated().map { ("note-\($1.id)", $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<Int>()
        var result = blocks.map { block in
            var b = block.paginatorBlock
            guard !notes.isEmpty else { return b }
            b.inserts = block.lines.map { line in
                // A table row's cells are its slot's other lines of text.
                let links = (line.text?.line.links ?? []) + line.extraTexts.flatMap(\.line.links)
                var ids: [Int] = []
                for piece in links where piece.link.target.kind == .fragment {
                    if let n = index[piece.link.target.value], seen.insert(n).inserted { ids.append(n) }
                }
                return ids
            }
            return b
        }
        let unreferenced = notes.indices.filter { !seen.contains($0) }
        if !unreferenced.isEmpty, let last = result.lastIndex(where: { !$0.lines.isEmpty }) {
            let l = result[last].lines.count - 1
            if result[last].inserts.isEmpty { result[last].inserts = Array(repeating: [], count: result[last].lines.count) }
            result[last].inserts[l] += unreferenced
        }
        return result
    }

    /// Puts each placed line's frame on its page: text lines, their runs and links,
    /// the items drawn with them, destinations and outline entries; then the page's
    /// footnotes at its foot, below a short rule. A repeated line (a table's header on
    /// a continuation page) is drawn again as an artifact, like a running head: not
    /// text lines, no links, no tags.
    static func assemble(_ blocks: [FlowBlock], _ placements: [[Paginator.Placement]], frames: [FrameOrigin]? = nil,
                         notes: [FootnotesUnit.Note] = [], feet: [[Paginator.InsertPlacement]] = [], separator: Double = 0,
                         rtl: Bool = false, style: PDFStyle) -> ([Page], [OutlineEntry]) {
        var pages: [Page] = []
        var outline: [OutlineEntry] = []
        var referenced = Set<String>()
        // Without columns, each frame is a page.
        let origins = frames ?? placements.indices.map { FrameOrigin(page: $0, dx: 0, dy: 0, width: style.textWidth, height: style.textHeight) }
        var regions: [Rect] = []
        var frame = PageFrame(style: style)
        var seenDestination = Set<Int>()
        for (frameIndex, placed) in placements.enumerated() {
            let origin = origins[frameIndex]
            // A new page: the one filled so far is done.
            while pages.count < origin.page {
                pages.append(Page(width: style.pageWidth, height: style.pageHeight, label: "", items: frame.items, lines: frame.lines))
                pages[pages.count - 1].regions = regions
                pages[pages.count - 1].repeatedLines = frame.repeatedLines
                pages[pages.count - 1].start = frame.start ?? frame.floatStart?.source
                pages[pages.count - 1].startLine = frame.firstLine
                frame = PageFrame(style: style)
                regions = []
            }
            frame.dx = origin.dx
            regions.append(Rect(x: style.marginLeft + origin.dx, y: style.marginTop + origin.dy, width: origin.width, height: origin.height))
            let marginTop = style.marginTop + origin.dy
            let marginLeft = style.marginLeft + origin.dx
            for p in placed {
                let block = blocks[p.block]
                let top = marginTop + p.top
                if p.line == 0, !p.repeated, let name = block.destination, !seenDestination.contains(p.block) {
                    seenDestination.insert(p.block)
                    frame.items.append(.destination(name: name, at: Point(x: marginLeft, y: top)))
                    if let o = block.outline { outline.append(OutlineEntry(title: o.title, destination: name, level: o.level)) }
                }
                let line = block.lines[p.line]
                if frame.start == nil, !p.repeated, !line.artifact, let source = line.source {
                    // A figure floated here from before the page's text does not start the page,
                    // unless the page holds nothing else.
                    if !block.float {
                        frame.start = source
                        frame.startLine = frame.lines.count
                    } else if frame.floatStart == nil {
                        frame.floatStart = (source, frame.lines.count)
                    }
                }
                frame.place(line, element: block.element, top: top, repeated: p.repeated, artifact: line.artifact, referenced: &referenced)
            }
            let foot = frameIndex < feet.count ? feet[frameIndex] : []
            if let first = foot.first {
                // The separator: a fifth of the measure, from the start edge, in the middle of its space.
                let y = marginTop + first.top - separator / 2
                let width = origin.width / 5
                let x = rtl ? marginLeft + origin.width - width : marginLeft
                frame.items.append(.rule(from: Point(x: x, y: y), to: Point(x: x + width, y: y), thickness: 0.4,
                                         element: UnitContext.artifact))
            }
            for p in foot {
                let note = notes[p.insert]
                let top = marginTop + p.top
                if p.line == 0 { frame.items.append(.destination(name: "note-\(note.id)", at: Point(x: marginLeft, y: top))) }
                frame.place(note.lines[p.line].line, element: note.lines[p.line].element, top: top, referenced: &referenced)
            }
        }
        if !placements.isEmpty {
            pages.append(Page(width: style.pageWidth, height: style.pageHeight, label: "", items: frame.items, lines: frame.lines))
            pages[pages.count - 1].regions = regions
            pages[pages.count - 1].repeatedLines = frame.repeatedLines
            pages[pages.count - 1].start = frame.start ?? frame.floatStart?.source
            pages[pages.count - 1].startLine = frame.firstLine
        }
        // A note whose reference no line holds (it went with the last line) links back nowhere.
        for p in pages.indices {
            pages[p].items.removeAll { item in
                guard case .link(_, let target) = item, target.kind == .fragment, target.value.hasPrefix("ref-") else { return false }
                return !referenced.contains(target.value)
            }
        }
        return (pages, outline)
    }

    /// Inlines to styled text (`UnitContext.styled`).
    func styled(_ inlines: [Inline], base: FontSpec) -> StyledText { context.styled(inlines, base: base) }
}

extension FlowBlock {
    var paginatorBlock: Paginator.Block {
        var block = Paginator.Block(lines: lines.map(\.height), hyphenated: lines.map(\.endsWithHyphen),
                                    spaceBefore: spaceBefore, keepWithNext: keepWithNext, breakable: breakable, repeatedHeader: repeatedHeader)
        block.float = float
        if lines.contains(where: { $0.text == nil && $0.extraTexts.isEmpty }) {
            block.blank = lines.map { $0.text == nil && $0.extraTexts.isEmpty }
        }
        return block
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
        case .image(let image, let rect, let alt, _): return .image(image, rect, alt: alt, element: UnitContext.artifact)
        case .link, .destination: return self
        }
    }
}

/// Where a frame of the paginator goes: its page and its offset in the text area.
struct FrameOrigin {
    var page: Int
    var dx: Double
    var dy: Double
    var width: Double
    var height: Double
}

/// One page's items and text lines while the assembler fills it.
private struct PageFrame {
    let style: PDFStyle
    /// The left edge of the frame being placed, from the text area's left edge (a column's).
    var dx = 0.0
    var items: [PageItem] = []
    var lines: [TypesetLine] = []
    var repeatedLines: [TypesetLine] = []
    /// A link set on several lines of this page is one annotation with a rectangle per line.
    var linkItems: [StyledText.LinkOccurrence: Int] = [:]
    var start: TextPosition?
    var startLine: Int?
    var floatStart: (source: TextPosition, line: Int)?

    /// The page's start line in `lines`, when the start has text (an image alone has none).
    var firstLine: Int? {
        let line = start == nil ? floatStart?.line : startLine
        return line.flatMap { $0 < lines.count ? $0 : nil }
    }

    init(style: PDFStyle) { self.style = style }

    /// A line slot whose top is at `top` (page coordinates): its items, its lines
    /// of text (the slot's and a table row's other cells) with their runs and links.
    /// An artifact slot is drawn as an artifact only; so is a repeated slot (a table's
    /// header on a page it continues on) but for its header cells' text, which heads
    /// the table's part on this page (PDF/UA: a table has its header cells).
    mutating func place(_ line: FlowLine, element: StructureElement, top: Double, repeated: Bool = false, artifact: Bool = false,
                        referenced: inout Set<String>) {
        items += line.items.map { item in
            let moved = item.offset(dx: style.marginLeft + dx, dy: top)
            return repeated || artifact ? moved.artifact : moved
        }
        if let (set, x) = line.text {
            place(set, origin: Point(x: style.marginLeft + dx + x, y: top + line.baseline), element: element, repeated: repeated,
                  artifact: artifact, referenced: &referenced)
        }
        for extra in line.extraTexts {
            place(extra.line, origin: Point(x: style.marginLeft + dx + extra.x, y: top + extra.baseline), element: extra.element,
                  repeated: repeated, artifact: artifact, referenced: &referenced)
        }
    }

    /// A line of text at `origin`: its runs, its record and its links; a footnote
    /// reference met for the first time also gets the destination its note links back to.
    private mutating func place(_ set: SetLine, origin: Point, element: StructureElement, repeated: Bool, artifact: Bool,
                                referenced: inout Set<String>) {
        let header = repeated && !artifact && element.kind == .tableHeader
        let drawn = artifact || (repeated && !header) ? UnitContext.artifact : element
        // Images within the line go among its runs, where they stand in the text.
        var boxes = set.boxes[...]
        func placeBoxes(before run: Int) {
            while let b = boxes.first, b.beforeRun <= run {
                boxes.removeFirst()
                let rect = Rect(x: origin.x + b.rect.x, y: origin.y + b.rect.y, width: b.rect.width, height: b.rect.height)
                let alt = b.box.alt.map { var r = $0; r.origin = Point(x: rect.x + r.origin.x, y: origin.y + r.origin.y); return r }
                items.append(.image(b.box.image, rect, alt: alt, element: drawn))
            }
        }
        for (k, run) in set.runs.enumerated() {
            placeBoxes(before: k)
            var r = run
            r.origin = Point(x: origin.x + run.origin.x, y: origin.y + run.origin.y)
            items.append(.glyphs(r, element: drawn))
        }
        placeBoxes(before: .max)
        if header { repeatedLines.append(TypesetLine(element: element, origin: origin, fit: set.fit)) }
        guard !repeated && !artifact else { return }
        lines.append(TypesetLine(element: element, origin: origin, fit: set.fit))
        for piece in set.links {
            let rect = Rect(x: origin.x + piece.rect.x, y: origin.y + piece.rect.y, width: piece.rect.width, height: piece.rect.height)
            let target = piece.link.target
            if target.kind == .fragment, target.value.hasPrefix("note-") {
                let name = "ref-" + target.value.dropFirst("note-".count)
                if referenced.insert(name).inserted { items.append(.destination(name: name, at: Point(x: rect.x, y: rect.y))) }
            }
            if let i = linkItems[piece.link], case .link(let rects, let target) = items[i] {
                items[i] = .link(rects: rects + [rect], target: target)
            } else {
                linkItems[piece.link] = items.count
                items.append(.link(rects: [rect], target: target))
            }
        }
    }
}
