import ArtExportCore
/// Issue → one typeset document: a cover (the issue file's image over the whole
/// page, or the masthead, number, date, title and articles), the contents with
/// each article's page number linked to it, then every article as `Typesetter`
/// sets it alone — its own title block, language, hyphenation, notes and running
/// head — on pages numbered on from the contents.
///
/// Each article's destinations and links get the prefix `aN-`, so two articles
/// may both have a heading "Background"; its structure elements and images are
/// renumbered after the ones before it.
final class IssueTypesetter {
    let issue: Issue
    let style: PDFStyle
    let shaper: TextShaper

    init(issue: Issue, style: PDFStyle, shaper: TextShaper) {
        self.issue = issue
        self.style = style
        self.shaper = shaper
    }

    /// A part of the document as its own typesetter made it, before renumbering.
    private struct Part {
        var document: TypesetDocument
        var prefix: String
        var outlineShift: Int
        /// The section this article opens: an outline entry above it.
        var section: String? = nil
        /// An article's language (the front matter is in the issue's).
        var language: LanguageTag? = nil
    }

    func typeset() throws(ExportError) -> TypesetDocument {
        // In an issue the cover carries the masthead; articles open with their title.
        var articleTheme = style.theme
        articleTheme.titleBlock.order.removeAll { $0 == .masthead }
        let articleStyle = PDFStyle(theme: articleTheme)
        let p = style.theme.paragraphs
        // An article of a titled section nests under it in the outline.
        let titled = issue.sections.flatMap { section in section.articles.map { _ in section.title != nil } }

        // Each article laid out once: its page count does not depend on its numbers.
        let laid = try issue.articles.map { (article) throws(ExportError) -> (Typesetter, TypesetDocument) in
            let language = article.metadata.language
            let hyphenator = p.hyphenate ? Hyphenator(language: language, leftMin: p.hyphenMinBefore, rightMin: p.hyphenMinAfter) : nil
            let typesetter = Typesetter(article: article.carriable, style: articleStyle, shaper: shaper, hyphenator: hyphenator)
            return (typesetter, try typesetter.unnumbered())
        }
        // Each article's first page number, after the cover and `contentsPages` pages of contents.
        func firstPages(after contentsPages: Int) -> [Int] {
            var next = 1 + contentsPages + 1
            return laid.map { _, document in
                defer { next += document.pages.count }
                return next
            }
        }
        // The contents' page count does not depend on the numbers in it: they sit in a
        // slot as wide as the largest page number the issue can reach (the cover, a
        // contents page per entry and every article page), the same in every setting.
        // So a first setting without them says where articles start; only the contents
        // are set again when that was wrong, and the articles are renumbered.
        let entries = issue.sections.reduce(0) { $0 + $1.articles.count + ($1.title == nil ? 0 : 1) }
        let widest = 1 + (entries + 1) + laid.reduce(0) { $0 + $1.1.pages.count }
        var contentsPages = try front(starts: nil, widest: widest).document.pages.count - 1
        var starts = firstPages(after: contentsPages)
        var setFront = try front(starts: starts, widest: widest)
        // Up to three settings with numbers while the contents' length keeps changing.
        var settings = 1
        while setFront.document.pages.count - 1 != contentsPages && settings < 3 {
            contentsPages = setFront.document.pages.count - 1
            starts = firstPages(after: contentsPages)
            setFront = try front(starts: starts, widest: widest)
            settings += 1
        }
        let opening = issue.sections.flatMap { section in section.articles.indices.map { $0 == 0 ? section.title : nil } }
        let articles = laid.enumerated().map { n, article in
            Part(document: article.0.numbered(article.1, firstPage: starts[n]), prefix: Self.prefix(n), outlineShift: titled[n] ? 1 : 0,
                 section: opening[n], language: issue.articles[n].metadata.language)
        }
        return Self.merge([setFront] + articles)
    }

    static func prefix(_ article: Int) -> String { "a\(article + 1)-" }

    // MARK: Cover and contents

    /// The cover page, then the contents; `starts` holds each article's first page
    /// number (nil: a first setting, with blank numbers of the same width); `widest`,
    /// the largest page number the issue can have, sets the numbers' slot.
    private func front(starts: [Int]?, widest: Int) throws(ExportError) -> Part {
        let m = issue.metadata
        let frontArticle = Article(metadata: Metadata(title: m.displayTitle, date: m.date, description: m.description,
                                                      language: m.language, publisher: m.publisher), blocks: [])
        let setter = ParagraphSetter(shaper: shaper, hyphenator: nil, language: m.language, textColor: Color(style.theme.colors.text),
                                     hyphenMinimums: nil)
        let context = UnitContext(article: frontArticle, style: style, setter: setter)
        let cover = try coverBlocks(context)
        var blocks = cover
        let (contents, entries) = contentsBlocks(context, starts: starts, widest: widest)
        blocks += contents
        // The cover is a page of its own: the contents start the next.
        var placements: [[Paginator.Placement]] = [cover.indices.flatMap { b in blocks[b].lines.indices.map { Paginator.Placement(block: b, line: $0, top: 0) } }]
        var top = 0.0
        for k in placements[0].indices {
            placements[0][k].top = top
            top += blocks[placements[0][k].block].lines[placements[0][k].line].height
        }
        let rest = contents.map(\.paginatorBlock)
        let (contentPlacements, _) = Paginator(pageHeight: style.textHeight).paginate(rest, inserts: [], separator: 0)
        placements += contentPlacements.map { page in page.map { var q = $0; q.block += cover.count; return q } }
        var (pages, outline) = Typesetter.assemble(blocks, placements, style: style)
        // No running head or folio on the cover; the contents' pages count from 2.
        var inner = Array(pages.dropFirst())
        PageComposer(style: style, fields: ThemeFields(metadata: frontArticle.metadata, theme: style.theme), setter: setter,
                     isRTL: { context.isRTL($0) })
            .compose(&inner, firstNumber: 2)
        pages = Array(pages.prefix(1)) + inner
        if !pages.isEmpty { pages[0].label = "1" }
        var document = TypesetDocument(pages: pages, outline: outline, fontNames: [], missingCharacters: setter.missing)
        document.images = context.images.images
        // Each contents page by the entry it starts with, where the EPUB's contents mark it.
        let firstEntries = contentPlacements.map { page in page.first.flatMap { entries[$0.block] } }
        document.pageMap = PageMap(pages: pages.indices.map { n in
            PageMap.Page(label: pages[n].label, start: n == 0 ? .cover : .contents(entry: n - 1 < firstEntries.count ? firstEntries[n - 1] : nil))
        })
        return Part(document: document, prefix: "", outlineShift: 0)
    }

    private func coverBlocks(_ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let m = issue.metadata
        if let image = m.cover {
            // The page's full size, kept in proportion and centred.
            let ref = context.images.register(image)
            let natural = context.images[ref]
            let scale = min(style.pageWidth / max(natural.width, 1), style.pageHeight / max(natural.height, 1))
            let w = natural.width * scale, h = natural.height * scale
            let rect = Rect(x: (style.pageWidth - w) / 2 - style.marginLeft, y: (style.pageHeight - h) / 2 - style.marginTop, width: w, height: h)
            let alt = context.altText(m.coverDescription, font: style.body)
            let element = context.nextElement(.figure)
            return [FlowBlock(lines: [FlowLine(items: [.image(ref, rect, alt: alt.map { var r = $0; r.origin.x += rect.x; r.origin.y = rect.y + rect.height / 2; return r },
                                                               element: element)],
                                               height: style.textHeight, baseline: 0)],
                              breakable: false, element: element, destination: "cover")]
        }
        let measure = Measure(left: 0, width: style.textWidth)
        let accent = Color(style.theme.colors.accent)
        let rtl = m.language.isRightToLeft
        var flow: [FlowLine] = []
        func add(_ text: String, font: FontSpec, leading: Double, centred: Bool = true, color: Color? = nil, rtl r: Bool? = nil) {
            var s = StyledText()
            s.append(text, font: font, color: color)
            let options = ParagraphOptions(width: measure.width, justify: false, rtl: r ?? context.isRTL(text), hyphenate: false)
            var lines = context.lines(s, font: font, leading: leading, options: options, x: measure.left)
            if centred { for k in lines.indices { lines[k].text = FigureUnit.centred(lines[k].text, in: measure) } }
            flow += lines
        }
        func gap(_ lines: Double) { flow.append(FlowLine(height: style.leading * lines, baseline: 0)) }
        if let logo = style.theme.logo { flow += context.logoLines(logo, height: style.leading * 4, in: measure, centered: true) }
        let name = style.title.with(size: style.title.size * 1.6)
        add(m.newsletter, font: name, leading: name.size * 1.2, color: accent)
        let y = style.leading * 0.6
        flow.append(FlowLine(items: [.rule(from: Point(x: measure.left, y: y), to: Point(x: measure.left + measure.width, y: y),
                                           thickness: 1.2, color: accent, element: UnitContext.artifact)],
                             height: style.leading * 1.5, baseline: y))
        let issueLine = [m.number.map(context.localization.issue), m.date.map(context.localization.format)].compactMap { $0 }.joined(separator: " · ")
        if !issueLine.isEmpty { add(issueLine, font: style.byline, leading: style.leading * 1.2, rtl: rtl) }
        if let title = m.title {
            gap(1)
            add(title, font: style.title.with(italic: true), leading: style.titleLeading)
        }
        gap(2)
        let head = FlowBlock(lines: flow, breakable: false, element: context.nextElement(.p), destination: "cover")
        // The articles, as many as the page holds; the rest are counted.
        var blocks = [head]
        var used = flow.reduce(0) { $0 + $1.height }
        let articles = issue.articles
        let reserve = style.leading * 2
        for (n, article) in articles.enumerated() {
            flow = []
            add(article.metadata.title, font: style.body.with(size: style.body.size * 1.15, weight: .bold), leading: style.leading * 1.15, centred: false)
            if !article.metadata.authors.isEmpty {
                add(Localization(language: article.metadata.language).list(article.metadata.authors), font: style.body.with(italic: true),
                    leading: style.leading, centred: false, rtl: article.metadata.language.isRightToLeft)
            }
            gap(0.5)
            let height = flow.reduce(0) { $0 + $1.height }
            if used + height + reserve > style.textHeight, n < articles.count {
                flow = []
                add("+ \(articles.count - n)", font: style.body, leading: style.leading, centred: false, rtl: rtl)
                blocks.append(FlowBlock(lines: flow, breakable: false, element: context.nextElement(.p)))
                break
            }
            used += height
            blocks.append(FlowBlock(lines: flow, breakable: false, element: context.nextElement(.p)))
        }
        return blocks
    }

    /// The contents: a heading, then per section its title and per article its
    /// title (linked) with the page number at the end edge of its last line (linked
    /// too), and its authors below. `entries`: each block's entry (`PageMap.Start.contents`), nil for the heading.
    private func contentsBlocks(_ context: UnitContext, starts: [Int]?, widest: Int) -> (blocks: [FlowBlock], entries: [Int?]) {
        let measure = Measure(left: 0, width: style.textWidth)
        let rtl = issue.metadata.language.isRightToLeft
        var blocks: [FlowBlock] = []
        var entries: [Int?] = []
        func lines(_ inlines: [Inline], font: FontSpec, leading: Double, width: Double, color: Color? = nil, rtl r: Bool) -> [FlowLine] {
            let text = context.styled(inlines, base: font, color: color)
            let options = ParagraphOptions(width: width, justify: false, rtl: r, hyphenate: false)
            return context.lines(text, font: font, leading: leading, options: options, x: rtl ? measure.width - width : 0)
        }
        let heading = lines([.text(context.localization.contents)], font: style.title, leading: style.titleLeading, width: measure.width,
                            color: Color(style.theme.titleBlock.titleColor), rtl: rtl)
        var headingLines = heading
        headingLines.append(FlowLine(height: style.leading, baseline: 0))
        context.snap(&headingLines)
        blocks.append(FlowBlock(lines: headingLines, keepWithNext: true, breakable: false, element: context.nextElement(.h1),
                                destination: "contents", outline: (context.localization.contents, 1)))
        entries.append(nil)
        // The widest number any page of the issue can have, so the titles' measure never changes.
        let numberFont = style.body
        let slot = numberWidth(String(repeating: "0", count: String(widest).count), context, font: numberFont) + style.body.size
        var index = 0
        for section in issue.sections {
            if let title = section.title {
                var l = lines([.text(title)], font: style.heading(2), leading: style.leading * 1.5, width: measure.width,
                              color: Color(style.theme.colors.accent), rtl: context.isRTL(title))
                context.snap(&l)
                var block = FlowBlock(lines: l, spaceBefore: style.leading, keepWithNext: true, breakable: false, element: context.nextElement(.h2))
                block.keepWithNext = true
                blocks.append(block)
                entries.append(entries.count - 1)
            }
            for article in section.articles {
                let target = "#\(Self.prefix(index))title"
                let m = article.metadata
                let titleRTL = context.isRTL(m.title)
                let element = context.nextElement(.p)
                var flow = lines([.link(Link(url: target, content: [.text(m.title)]))], font: style.body.with(weight: .bold),
                                 leading: style.leading, width: measure.width - slot, rtl: titleRTL)
                if let starts, !flow.isEmpty {
                    let number = lines([.link(Link(url: target, content: [.text(String(starts[index]))]))], font: numberFont,
                                       leading: style.leading, width: slot, rtl: false)
                    if let set = number.first?.text?.line {
                        // At the end edge: the right for left-to-right contents, the left for right-to-left.
                        let x = rtl ? 0 : measure.width - set.extent
                        flow[flow.count - 1].extraTexts.append((set, x, flow[flow.count - 1].baseline, element))
                    }
                }
                if !m.authors.isEmpty {
                    flow += lines([.text(Localization(language: m.language).list(m.authors))], font: style.body.with(italic: true),
                                  leading: style.leading, width: measure.width - slot, rtl: m.language.isRightToLeft)
                }
                blocks.append(FlowBlock(lines: flow, spaceBefore: style.leading * 0.5, breakable: false, element: element))
                entries.append(entries.count - 1)
                index += 1
            }
        }
        return (blocks, entries)
    }

    private func numberWidth(_ digits: String, _ context: UnitContext, font: FontSpec) -> Double {
        var text = StyledText()
        text.append(digits, font: font)
        return context.setter.set(text, options: ParagraphOptions(width: 10_000, justify: false, hyphenate: false)).first?.extent ?? 0
    }

    // MARK: Merging

    /// The parts one after another: pages in order, every structure element and
    /// image renumbered after the part before, every destination and fragment link
    /// of an article prefixed, its outline nested under its section.
    private static func merge(_ parts: [Part]) -> TypesetDocument {
        var result = TypesetDocument(pages: [])
        var map: [PageMap.Page] = []
        var elementBase = 0
        var missing: [Unicode.Scalar] = []
        for (n, part) in parts.enumerated() {
            let d = part.document
            // The front part's map is its own (`front`): the cover, then the contents by entry.
            map += n == 0 ? d.pageMap.pages : TypesetDocument.pageMap(of: d.pages[...], article: n - 1)
            let imageBase = result.images.count
            let base = elementBase
            var highest = 0
            func element(_ e: StructureElement) -> StructureElement {
                guard e.kind != .artifact else { return e }
                highest = max(highest, e.id, e.ancestors.map(\.id).max() ?? 0)
                if let language = part.language { result.elementLanguages[(e.ancestors.first?.id ?? e.id) + base] = language }
                return StructureElement(kind: e.kind, id: e.id + base,
                                        ancestors: e.ancestors.map { StructureElement.Tag(kind: $0.kind, id: $0.id + base) })
            }
            func name(_ n: String) -> String { part.prefix + n }
            for page in d.pages {
                var page = page
                page.items = page.items.map { item in
                    switch item {
                    case .glyphs(let run, let e): return .glyphs(run, element: element(e))
                    case .rule(let from, let to, let thickness, let color, let e):
                        return .rule(from: from, to: to, thickness: thickness, color: color, element: element(e))
                    case .fill(let rect, let color, let e): return .fill(rect, color: color, element: element(e))
                    case .image(let ref, let rect, let alt, let e):
                        return .image(ImageRef(index: ref.index + imageBase), rect, alt: alt, element: element(e))
                    case .destination(let n, let at): return .destination(name: name(n), at: at)
                    case .link(let rects, let target):
                        guard target.kind == .fragment, !part.prefix.isEmpty, let moved = LinkTarget("#" + name(target.value)) else { return item }
                        return .link(rects: rects, target: moved)
                    }
                }
                page.lines = page.lines.map { var l = $0; l.element = element(l.element); return l }
                page.repeatedLines = page.repeatedLines.map { var l = $0; l.element = element(l.element); return l }
                result.pages.append(page)
            }
            if let section = part.section, let first = d.outline.first {
                result.outline.append(OutlineEntry(title: section, destination: name(first.destination), level: 1))
            }
            result.outline += d.outline.map { OutlineEntry(title: $0.title, destination: name($0.destination), level: $0.level + part.outlineShift) }
            for (destination, description) in d.linkDescriptions { result.linkDescriptions[name(destination)] = description }
            result.images += d.images
            for s in d.missingCharacters where !missing.contains(s) { missing.append(s) }
            elementBase += highest
        }
        result.missingCharacters = missing
        result.pageMap = PageMap(pages: map, pageCount: result.pages.count)
        return result
    }
}
