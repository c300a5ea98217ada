import ArtExportCore
/// Article + PDF style → pages of positioned items. Builds each block's lines
/// (ParagraphSetter), gives the paginator their heights, then places lines,
/// furniture (running head, folio), links, destinations and the outline.
///
/// Vertical rhythm: every block's height is rounded up to a whole number of body
/// lines (`leading`), so body baselines fall on one grid on every page.
final class Typesetter {
    let style: PDFStyle
    let article: Article
    let localization: Localization
    private let setter: ParagraphSetter
    private var elementCounter = 0
    /// Footnote numbers by id (the first note of an id, as a search would find), so
    /// each reference is a lookup, not a walk through the notes.
    private let footnoteNumbers: [String: Int]
    private var linkCounter = 0

    init(article: Article, style: PDFStyle, shaper: TextShaper, hyphenator: Hyphenator?) {
        self.article = article
        self.style = style
        self.localization = Localization(language: article.metadata.language)
        self.setter = ParagraphSetter(shaper: shaper, hyphenator: hyphenator, language: article.metadata.language)
        var numbers: [String: Int] = [:]
        for (n, note) in article.footnotes.enumerated() where numbers[note.id] == nil { numbers[note.id] = n + 1 }
        self.footnoteNumbers = numbers
    }

    /// One line of a block: what to draw relative to the slot, and the slot height.
    struct FlowLine {
        enum Content {
            case text(SetLine, x: Double)
            case rule(x: Double, width: Double)
            case empty
        }
        var content: Content
        var height: Double
        /// Baseline (or rule) position below the slot's top.
        var baseline: Double

        var endsWithHyphen: Bool {
            if case .text(let line, _) = content { return line.endsWithHyphen }
            return false
        }
    }

    struct FlowBlock {
        var lines: [FlowLine]
        var spaceBefore: Double
        var keepWithNext: Bool
        var breakable: Bool
        var element: StructureElement
        /// Named destination at the block's first line (headings, title, bio).
        var destination: String?
        var outline: (title: String, level: Int)?
    }

    func typeset() throws(ExportError) -> TypesetDocument {
        if article.holdsImages { throw ExportError(.badInput, "images cannot be set in PDF yet; export this article as EPUB") }
        var blocks: [FlowBlock] = [titleBlock()]
        var afterHeading = true
        for block in article.blocks {
            blocks += try flow(block, afterHeading: &afterHeading)
        }
        if !article.bio.isEmpty { blocks += try bioBlocks() }
        if !article.footnotes.isEmpty { blocks += try noteBlocks() }

        let paginator = Paginator(pageHeight: style.textHeight)
        let placements = paginator.paginate(blocks.map {
            Paginator.Block(lines: $0.lines.map(\.height), hyphenated: $0.lines.map(\.endsWithHyphen),
                            spaceBefore: $0.spaceBefore, keepWithNext: $0.keepWithNext, breakable: $0.breakable)
        })

        var pages: [Page] = []
        var outline: [OutlineEntry] = []
        for (index, placed) in placements.enumerated() {
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
                switch line.content {
                case .text(let set, let x):
                    let origin = Point(x: style.marginLeft + x, y: top + line.baseline)
                    lines.append(TypesetLine(element: block.element, origin: origin, fit: set.fit))
                    for run in set.runs {
                        var r = run
                        r.origin = Point(x: origin.x + run.origin.x, y: origin.y + run.origin.y)
                        items.append(.glyphs(r, element: block.element))
                    }
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
                case .rule(let x, let width):
                    let y = top + line.baseline
                    items.append(.rule(from: Point(x: style.marginLeft + x, y: y), to: Point(x: style.marginLeft + x + width, y: y),
                                       thickness: 0.5, element: StructureElement(kind: .artifact, id: 0)))
                case .empty:
                    break
                }
            }
            if index > 0 { items += furniture(page: index + 1) }
            pages.append(Page(width: style.pageWidth, height: style.pageHeight, label: String(index + 1), items: items, lines: lines))
        }
        return TypesetDocument(pages: pages, outline: outline, fontNames: [], missingCharacters: setter.missing)
    }

    // MARK: blocks

    private func nextElement(_ kind: StructureElement.Kind) -> StructureElement {
        elementCounter += 1
        return StructureElement(kind: kind, id: elementCounter)
    }

    /// Lines of one paragraph as flow lines of `leading` height each.
    private func lines(_ text: StyledText, font: FontSpec, leading: Double, options: ParagraphOptions, x: Double = 0) -> [FlowLine] {
        let baseline = (leading - font.size) / 2 + font.size * 0.8
        return setter.set(text, options: options).map { FlowLine(content: .text($0, x: x), height: leading, baseline: baseline) }
    }

    /// Rounds a block's height up to whole body lines by growing its last slot.
    private func snap(_ lines: inout [FlowLine]) {
        guard !lines.isEmpty else { return }
        let total = lines.reduce(0) { $0 + $1.height }
        let snapped = (total / style.leading).rounded(.up) * style.leading
        lines[lines.count - 1].height += snapped - total
    }

    private func titleBlock() -> FlowBlock {
        let m = article.metadata
        let ragged = ParagraphOptions(width: style.textWidth, justify: false, rtl: isRTL(m.title), hyphenate: false)
        var flow: [FlowLine] = []
        var title = StyledText()
        title.append(m.title, font: style.title)
        flow += lines(title, font: style.title, leading: style.titleLeading, options: ragged)
        if let subtitle = m.subtitle {
            var s = StyledText()
            s.append(subtitle, font: style.standfirst.with(size: style.standfirst.size * 1.1))
            flow[flow.count - 1].height += style.leading * 0.3
            flow += lines(s, font: style.standfirst, leading: style.standfirstLeading, options: ragged)
        }
        if let standfirst = m.description {
            var s = StyledText()
            s.append(standfirst, font: style.standfirst)
            flow[flow.count - 1].height += style.leading * 0.6
            var options = ragged
            options.rtl = isRTL(standfirst)
            flow += lines(s, font: style.standfirst, leading: style.standfirstLeading, options: options)
        }
        flow[flow.count - 1].height += style.leading * 0.6
        // Byline and date follow the article's direction, whatever script the names are in.
        var meta = ragged
        meta.rtl = m.language.isRightToLeft
        if !m.authors.isEmpty {
            var s = StyledText()
            s.append(localization.byline(m.authors), font: style.byline)
            flow += lines(s, font: style.byline, leading: style.leading, options: meta)
        }
        if let date = m.date {
            var s = StyledText()
            s.append(localization.format(date), font: style.byline)
            flow += lines(s, font: style.byline, leading: style.leading, options: meta)
        }
        flow.append(FlowLine(content: .rule(x: 0, width: style.textWidth), height: style.leading * 2, baseline: style.leading * 0.7))
        snap(&flow)
        return FlowBlock(lines: flow, spaceBefore: 0, keepWithNext: false, breakable: false, element: nextElement(.h1),
                         destination: "title", outline: (m.title, 1))
    }

    private func flow(_ block: Block, afterHeading: inout Bool, indentLeft: Double = 0) throws(ExportError) -> [FlowBlock] {
        switch block {
        case .heading(let h):
            let level = min(max(h.level, 2), 6)
            let size = level == 2 ? style.heading.size : max(style.body.size, style.heading.size * 0.87)
            let font = style.heading.with(size: size)
            let text = styled(h.content, base: font)
            let options = ParagraphOptions(width: style.textWidth, justify: false, rtl: isRTL(text.text), hyphenate: false)
            var flow = lines(text, font: font, leading: size * 1.25, options: options)
            snap(&flow)
            afterHeading = true
            let kind: StructureElement.Kind = [.h2, .h3, .h4, .h5, .h6][level - 2]
            return [FlowBlock(lines: flow, spaceBefore: style.leading, keepWithNext: true, breakable: false,
                              element: nextElement(kind), destination: h.id, outline: (h.content.plainText, level))]
        case .paragraph(let content):
            let text = styled(content, base: style.body)
            let rtl = isRTL(text.text)
            let options = ParagraphOptions(width: style.textWidth - indentLeft, firstIndent: afterHeading ? 0 : style.indent,
                                           justify: true, rtl: rtl, hyphenate: true)
            afterHeading = false
            return [FlowBlock(lines: lines(text, font: style.body, leading: style.leading, options: options, x: indentLeft),
                              spaceBefore: 0, keepWithNext: false, breakable: true, element: nextElement(.p))]
        case .blockQuote(let inner):
            var result: [FlowBlock] = []
            var after = true
            for b in inner { result += try flow(b, afterHeading: &after, indentLeft: indentLeft + style.indent * 1.5) }
            if !result.isEmpty { result[0].spaceBefore = style.leading * 0.5 }
            afterHeading = true
            return result
        case .list(let list):
            var result: [FlowBlock] = []
            for (n, item) in list.items.enumerated() {
                let marker = item.task.map { $0 == .done ? "☑" : "☐" } ?? (list.ordered ? "\(list.start + n)." : "•")
                var after = true
                var itemBlocks: [FlowBlock] = []
                for b in item.blocks { itemBlocks += try flow(b, afterHeading: &after, indentLeft: indentLeft + style.indent * 1.5) }
                if var first = itemBlocks.first, case .text(var set, let x) = first.lines.first?.content {
                    var m = StyledText()
                    m.append(marker, font: style.body)
                    if let markerLine = setter.set(m, options: ParagraphOptions(width: style.indent * 1.5, justify: false, hyphenate: false)).first {
                        let shift = x - style.indent * 1.2
                        set.runs += markerLine.runs.map { var r = $0; r.origin.x += shift - x; return r }
                        first.lines[0].content = .text(set, x: x)
                        itemBlocks[0] = first
                    }
                }
                result += itemBlocks
            }
            afterHeading = true
            return result
        case .codeBlock(_, let code):
            var flowLines: [FlowLine] = []
            for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
                var t = StyledText()
                t.append(String(line), font: style.mono)
                let set = lines(t, font: style.mono, leading: style.leading,
                                options: ParagraphOptions(width: style.textWidth - indentLeft - style.indent, justify: false, hyphenate: false),
                                x: indentLeft + style.indent)
                flowLines += set.isEmpty ? [FlowLine(content: .empty, height: style.leading, baseline: 0)] : set
            }
            afterHeading = true
            return [FlowBlock(lines: flowLines, spaceBefore: style.leading * 0.5, keepWithNext: false, breakable: true, element: nextElement(.p))]
        case .thematicBreak:
            afterHeading = true
            let w = style.textWidth / 5
            return [FlowBlock(lines: [FlowLine(content: .rule(x: (style.textWidth - w) / 2, width: w), height: style.leading * 2, baseline: style.leading)],
                              spaceBefore: 0, keepWithNext: false, breakable: false, element: StructureElement(kind: .artifact, id: 0))]
        case .table:
            throw ExportError(.badInput, "tables cannot be set in PDF yet; export this article as EPUB")
        case .figure:
            throw ExportError(.badInput, "images cannot be set in PDF yet; export this article as EPUB")
        }
    }

    private func bioBlocks() throws(ExportError) -> [FlowBlock] {
        var label = StyledText()
        label.append(localization.aboutAuthors(count: article.metadata.authors.count), font: style.byline)
        // The short rule and the label sit at the start edge: the right one in right-to-left articles.
        let rtl = article.metadata.language.isRightToLeft
        var head = [FlowLine(content: .rule(x: rtl ? style.textWidth - style.indent * 4 : 0, width: style.indent * 4),
                             height: style.leading, baseline: style.leading * 0.35)]
        head += lines(label, font: style.byline, leading: style.leading,
                      options: ParagraphOptions(width: style.textWidth, justify: false, rtl: rtl, hyphenate: false))
        var result = [FlowBlock(lines: head, spaceBefore: style.leading * 2, keepWithNext: true, breakable: false,
                                element: nextElement(.h2), destination: "about",
                                outline: (localization.aboutAuthors(count: article.metadata.authors.count), 2))]
        for block in article.bio {
            guard case .paragraph(let content) = block else {
                var after = true
                result += try flow(block, afterHeading: &after)
                continue
            }
            let text = styled(content, base: style.bio)
            result.append(FlowBlock(lines: lines(text, font: style.bio, leading: style.leading,
                                                 options: ParagraphOptions(width: style.textWidth, justify: true, rtl: isRTL(text.text))),
                                    spaceBefore: 0, keepWithNext: false, breakable: true, element: nextElement(.p)))
        }
        return result
    }

    private func noteBlocks() throws(ExportError) -> [FlowBlock] {
        var label = StyledText()
        label.append(localization.notes, font: style.byline)
        var result = [FlowBlock(lines: lines(label, font: style.byline, leading: style.leading,
                                             options: ParagraphOptions(width: style.textWidth, justify: false,
                                                                       rtl: article.metadata.language.isRightToLeft, hyphenate: false)),
                                spaceBefore: style.leading * 2, keepWithNext: true, breakable: false,
                                element: nextElement(.h2), destination: "notes", outline: (localization.notes, 2))]
        let font = style.body.with(size: style.body.size * 0.9)
        for (n, note) in article.footnotes.enumerated() {
            for (k, block) in note.blocks.enumerated() {
                guard case .paragraph(let content) = block else {
                    var after = true
                    result += try flow(block, afterHeading: &after)
                    continue
                }
                var text = StyledText()
                if k == 0 { text.append("\(n + 1). ", font: font) }
                let body = styled(content, base: font)
                let offset = text.text.utf8.count
                text.text += body.text
                text.spans += body.spans.map { var s = $0; s.range = (s.range.lowerBound + offset)..<(s.range.upperBound + offset); return s }
                var block = FlowBlock(lines: lines(text, font: font, leading: style.leading,
                                                   options: ParagraphOptions(width: style.textWidth, justify: true)),
                                      spaceBefore: 0, keepWithNext: false, breakable: true, element: nextElement(.p))
                if k == 0 { block.destination = "note-\(note.id)" }
                result.append(block)
            }
        }
        return result
    }

    // MARK: furniture

    /// The title on one line, in the title's direction, as the title page sets it.
    private lazy var runningHead: SetLine? = RunningHead.line(
        title: article.metadata.title, font: style.runningHead, width: style.textWidth,
        rtl: isRTL(article.metadata.title), setter: setter)

    private func furniture(page: Int) -> [PageItem] {
        var items: [PageItem] = []
        let artifact = StructureElement(kind: .artifact, id: 0)
        let ragged = ParagraphOptions(width: style.textWidth, justify: false, hyphenate: false)
        if let line = runningHead {
            // Centred; set once for the document, a long title cut to one line.
            let x = style.marginLeft + max(0, (style.textWidth - line.extent) / 2)
            let y = style.marginTop - style.leading * 1.2
            for run in line.runs {
                var r = run
                r.origin = Point(x: x + run.origin.x, y: y)
                items.append(.glyphs(r, element: artifact))
            }
        }
        var folio = StyledText()
        folio.append(String(page), font: style.folio)
        if let line = setter.set(folio, options: ragged).first {
            let x = style.marginLeft + (style.textWidth - line.extent) / 2
            let y = style.pageHeight - style.marginBottom + style.leading * 2
            for run in line.runs {
                var r = run
                r.origin = Point(x: x + run.origin.x, y: y)
                items.append(.glyphs(r, element: artifact))
            }
        }
        return items
    }

    // MARK: text

    /// Inlines to styled text: emphasis italic, strong bold, code monospace,
    /// links with their targets, footnote references as small numbers. A link
    /// LinkTarget refuses (a javascript: or file: URL…) is set as plain text.
    func styled(_ inlines: [Inline], base: FontSpec) -> StyledText {
        var text = StyledText()
        func occurrence(_ url: String) -> StyledText.LinkOccurrence? {
            guard let target = LinkTarget(url) else { return nil }
            linkCounter += 1
            return StyledText.LinkOccurrence(target: target, number: linkCounter)
        }
        func walk(_ inlines: [Inline], _ font: FontSpec, _ link: StyledText.LinkOccurrence?) {
            for inline in inlines {
                switch inline {
                case .text(let s): text.append(s, font: font, link: link)
                case .emphasis(let c): walk(c, font.with(italic: !font.italic), link)
                case .strong(let c): walk(c, font.with(weight: .bold), link)
                case .strikethrough(let c): walk(c, font, link)
                case .code(let s): text.append(s, font: style.mono.with(size: font.size * style.mono.size / style.body.size), link: link)
                case .link(let l): walk(l.content, font, occurrence(l.url) ?? link)
                case .lineBreak: text.append("\n", font: font, link: link)
                case .footnoteReference(let id):
                    let n = footnoteNumbers[id] ?? 1
                    text.append(String(n), font: font.with(size: font.size * 0.7), link: occurrence("#note-\(id)"))
                case .image(let i): text.append(i.alt, font: font, link: link)   // typeset() refuses images first
                }
            }
        }
        walk(inlines, base, nil)
        return text
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
}
