import ArtExportCore
/// Renders the article's two content documents: the title page (title,
/// subtitle, standfirst, byline, date) and the body (nested sections, the bio
/// set apart, footnotes). Every block of text gets `dir` and `lang` where its
/// characters settle them (`InlineMarkup`), and the runs whose language stays
/// open are collected for the accessibility summary.
struct XHTMLWriter {
    let publication: Publication
    /// Title block and body in one document (an issue's article), else two.
    var combined = false

    private var article: Article { publication.article }
    private var localization: Localization { publication.localization }
    private var language: LanguageTag { article.metadata.language }

    struct Documents {
        var titlePage: String
        var body: String
        /// Runs in a script whose language the text leaves open, as written (unmarked).
        var unmarked: [(script: ScriptDetector.Script?, text: String)]
    }

    /// The ids the body document gives its own sections and headings.
    static let bodyIDs: Set<String> = ["body", "about", "about-heading", "notes", "notes-heading"]

    func documents() -> Documents {
        var state = State(anchors: FootnoteAnchors(article, reserved: Self.bodyIDs.union(Publication.titlePageIDs)),
                          direction: publication.direction)
        let titlePage = document(title: article.metadata.title, state: &state) { x, s in self.titlePage(&x, &s) }
        let body = document(title: article.metadata.title, state: &state) { x, s in self.body(&x, &s) }
        return Documents(titlePage: titlePage, body: body, unmarked: state.unmarked)
    }

    /// An issue's article as one document: its title block, body, bio and notes.
    func articleDocument() -> (document: String, unmarked: [(script: ScriptDetector.Script?, text: String)]) {
        var writer = self
        writer.combined = true
        var state = State(anchors: FootnoteAnchors(article, reserved: Self.bodyIDs.union(Publication.titlePageIDs)),
                          direction: publication.direction)
        let document = writer.document(title: article.metadata.title, state: &state) { x, s in
            writer.titlePage(&x, &s)
            writer.body(&x, &s)
        }
        return (document, state.unmarked)
    }

    /// What writing collects and counts as it goes.
    private struct State {
        let anchors: FootnoteAnchors
        /// The direction of the element being written into (the article's, or a note's).
        var direction: ScriptRuns.Direction
        var unmarked: [(script: ScriptDetector.Script?, text: String)] = []
        /// How many references to each note are written so far.
        var references: [String: Int] = [:]
        /// The leaf of the block tree being written (`TextPosition.path`), for the print
        /// edition's page breaks.
        var path: [Int] = []
        var inBio = false

        /// The next reference to note `id`: its number, its own id and the note's.
        mutating func reference(_ id: String) -> InlineMarkup.NoteReference? {
            guard let note = anchors.notes[id] else { return nil }
            let k = references[id, default: 0]
            references[id] = k + 1
            guard k < note.references.count else { return nil }
            return InlineMarkup.NoteReference(number: note.number, id: note.references[k], noteID: note.id)
        }
    }

    private func document(title: String, state: inout State, _ content: (inout XMLBuilder, inout State) -> Void) -> String {
        Self.shell(language: publication.language, direction: publication.direction, title: title,
                   styleSheet: "../\(Publication.styleFile)") { x in content(&x, &state) }
    }

    /// Every XHTML document's shell — the XML declaration, the html element with the
    /// namespaces, language and direction, the head with the title and the style
    /// sheet (`styleSheet`, relative to the document) — around what `body` writes.
    static func shell(language: String, direction: ScriptRuns.Direction, title: String, styleSheet: String,
                      _ body: (inout XMLBuilder) -> Void) -> String {
        var x = XMLBuilder()
        x.raw("<!DOCTYPE html>")
        x.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("xmlns:epub", "http://www.idpf.org/2007/ops"),
                        ("lang", language), ("xml:lang", language)] + (direction == .rightToLeft ? [("dir", "rtl")] : []))
        x.open("head")
        x.empty("meta", [("charset", "UTF-8")])
        x.element("title", text: title)
        x.empty("link", [("rel", "stylesheet"), ("type", "text/css"), ("href", styleSheet)])
        x.close("head")
        x.open("body")
        body(&x)
        x.close("body")
        x.close("html")
        return x.output
    }

    private func body(_ x: inout XMLBuilder, _ state: inout State) {
        x.open("section", [("id", "body"), ("epub:type", "bodymatter"), ("aria-label", article.metadata.title)])
        sections(article.blocks, &x, &state)
        x.close("section")
        if !article.bio.isEmpty {
            x.open("section", [("id", "about"), ("class", "bio"), ("aria-labelledby", "about-heading")])
            for markup in publication.pageBreaks.bioStart { x.raw(markup) }
            x.element("h2", [("id", "about-heading")], text: localization.aboutAuthors(count: article.metadata.authors.count))
            state.inBio = true
            for (i, block) in article.bio.enumerated() {
                state.path = [i]
                self.block(block, &x, &state)
            }
            state.inBio = false
            state.path = []
            x.close("section")
        }
        footnotes(&x, &state)
    }

    private func titlePage(_ x: inout XMLBuilder, _ state: inout State) {
        let m = article.metadata
        // In an issue the article's header is no title page of the publication.
        x.open("header", [("id", "titlepage"), ("class", "titlepage")] + (combined ? [] : [("epub:type", "titlepage")]))
        for markup in publication.pageBreaks.title { x.raw(markup) }
        // The theme's order, as in the PDF; in an issue the cover carries the masthead.
        for part in publication.theme.titleBlock.order where !(combined && part == .masthead) {
            switch part {
            case .masthead: masthead(&x, &state)
            case .title: text("h1", [("id", "title"), ("class", "title")], [.text(m.title)], &x, &state)
            case .subtitle: if let subtitle = m.subtitle { text("p", [("class", "subtitle")], [.text(subtitle)], &x, &state) }
            case .standfirst: if let standfirst = m.description { text("p", [("class", "standfirst")], [.text(standfirst)], &x, &state) }
            case .byline: byline(&x, &state)
            case .date: dateline(&x)
            }
        }
        x.close("header")
    }

    /// The newsletter's name (and logo) above the title, when the theme has a masthead.
    private func masthead(_ x: inout XMLBuilder, _ state: inout State) {
        let name = ThemeFields(metadata: article.metadata, theme: publication.theme).fill(publication.theme.titleBlock.mastheadName)
        guard !name.isEmpty || publication.logo != nil else { return }
        var nodes: [InlineMarkup.Node] = []
        if let logo = publication.logo {
            // The name beside it says what the logo says: the image itself is decoration.
            let alt = name.isEmpty ? (publication.theme.logo?.alt ?? "") : ""
            nodes.append(.atom(markup: "<img\(XMLBuilder.attributes([("class", "logo"), ("src", "../\(logo.href)"), ("alt", alt)])) />", text: "\u{FFFC}"))
            if !name.isEmpty { nodes.append(.text(" ")) }
        }
        if !name.isEmpty { nodes.append(.text(name)) }
        text("p", [("class", "masthead")], nodes, &x, &state)
    }

    private func byline(_ x: inout XMLBuilder, _ state: inout State) {
        let m = article.metadata
        if !m.authors.isEmpty {
            // Each name is a span of its own, isolated and tagged as a whole when
            // its script says so; to the byline around it, an isolate is a neutral
            // (U+FFFC stands for it), as in UAX #9.
            let line = localization.byline(m.authors)
            let direction = ScriptRuns(line, surrounding: language).direction
            let pieces: [InlineMarkup.Node] = localization.bylinePieces(m.authors).map { piece in
                guard piece.isItem else { return .text(piece.text) }
                let name = InlineMarkup([.text(piece.text)], surrounding: language)
                collect(name.runs, name.scalars, &state)
                let attributes = [("class", "author")] + name.blockAttributes(enclosing: direction)
                return .atom(markup: "<span\(XMLBuilder.attributes(attributes))>\(name.markup)</span>", text: "\u{FFFC}")
            }
            let byline = InlineMarkup(pieces, surrounding: language, direction: direction)
            x.element("p", [("class", "byline")] + byline.blockAttributes(enclosing: publication.direction), markup: byline.markup)
        }
    }

    private func dateline(_ x: inout XMLBuilder) {
        if let date = article.metadata.date {
            // artexport's own words, in the article's language and direction.
            x.element("p", [("class", "dateline")],
                      markup: "<time datetime=\"\(XML.attribute(date.w3cdtf))\">\(XML.text(localization.format(date)))</time>")
        }
    }

    /// Blocks, with each heading opening a `<section>` that runs until the next
    /// heading of the same or a higher level.
    private func sections(_ blocks: [Block], _ x: inout XMLBuilder, _ state: inout State) {
        var open: [Int] = []
        for (i, block) in blocks.enumerated() {
            state.path = [i]
            defer { state.path = [] }
            if case .heading(let h) = block {
                while let level = open.last, level >= h.level {
                    x.close("section")
                    open.removeLast()
                }
                x.open("section", [("aria-labelledby", h.id)])
                open.append(h.level)
            }
            self.block(block, &x, &state)
        }
        for _ in open { x.close("section") }
    }

    private func block(_ block: Block, _ x: inout XMLBuilder, _ state: inout State) {
        switch block {
        case .heading(let h):
            let level = min(max(h.level, 2), 6)
            var nodes = inlines(h.content, &state)
            if let number = publication.headingNumbers[h.id] {
                // After a page break that starts the heading, as the PDF's page starts with the number.
                let breaks = nodes.prefix { if case .atom(_, let text) = $0 { text.isEmpty } else { false } }.count
                nodes.insert(.atom(markup: "<span class=\"heading-number\">\(number)</span> ", text: number + " "), at: breaks)
            }
            text("h\(level)", [("id", h.id)], nodes, &x, &state)
        case .paragraph(let content):
            text("p", [], inlines(content, &state), &x, &state)
        case .blockQuote(let blocks):
            container("blockquote", [], blocks, &x, &state) { x, state in
                for (i, b) in blocks.enumerated() {
                    state.path.append(i)
                    self.block(b, &x, &state)
                    state.path.removeLast()
                }
            }
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            container(tag, list.ordered && list.start != 1 ? [("start", String(list.start))] : [], list.items.first?.blocks ?? [], &x, &state) { x, state in
                for (n, item) in list.items.enumerated() {
                    state.path.append(n)
                    defer { state.path.removeLast() }
                    // A task item's box is a character before its text.
                    let box: [Inline] = item.task.map { [.text($0 == .done ? "☑ " : "☐ ")] } ?? []
                    // A one-paragraph item of a tight list is written without <p>, as Markdown renderers do.
                    if list.tight, item.blocks.count == 1, case .paragraph(let content) = item.blocks[0] {
                        state.path.append(0)
                        text("li", [], inlines(box + content, &state, shift: box.reduce(0) { $0 + $1.sourceScalarCount }), &x, &state)
                        state.path.removeLast()
                    } else {
                        var blocks = item.blocks
                        if !box.isEmpty {
                            if case .paragraph(let content)? = blocks.first { blocks[0] = .paragraph(box + content) } else { blocks.insert(.paragraph(box), at: 0) }
                        }
                        container("li", [], blocks, &x, &state) { x, state in
                            for (j, b) in blocks.enumerated() {
                                state.path.append(j)
                                self.block(b, &x, &state)
                                state.path.removeLast()
                            }
                        }
                    }
                }
            }
        case .codeBlock(let language, let code):
            // Code reads left to right in any article, right-to-left runs inside
            // isolated; it wraps long lines where it must, never with a hyphen
            // (`pre` in the style sheet).
            let attrs: [(String, String)] = language.map { [("class", "language-\($0)")] } ?? []
            let children = InlineMarkup.nodes([.text(code)], fragmentHref: { $0.href }, note: { _ in nil }, marks: marks(state))
            let markup = InlineMarkup([.element(open: "<code\(XMLBuilder.attributes(attrs))>", close: "</code>", children: children, breaks: true)],
                                      surrounding: self.language, direction: .leftToRight)
            collect(markup.runs, Array(code.unicodeScalars), &state)
            x.raw("<pre\(XMLBuilder.attributes(markup.blockAttributes(enclosing: state.direction)))>\(markup.markup)</pre>")
        case .table(let table):
            // The wrapper scrolls sideways when the table is wider than the screen,
            // so the page itself never does.
            container("div", [("class", "table-scroll")], [block], &x, &state) { x, state in
                x.open("table")
                if !table.caption.isEmpty { text("caption", [], inlines(table.caption, &state), &x, &state) }
                if !table.header.isEmpty {
                    x.open("thead")
                    x.open("tr")
                    for (i, cell) in table.header.enumerated() {
                        state.path += [0, i]
                        text("th", [("scope", "col")] + align(table, i), inlines(cell, &state), &x, &state)
                        state.path.removeLast(2)
                    }
                    x.close("tr")
                    x.close("thead")
                }
                if !table.rows.isEmpty {
                    x.open("tbody")
                    for (r, row) in table.rows.enumerated() {
                        x.open("tr")
                        for (i, cell) in row.enumerated() {
                            state.path += [r + 1, i]
                            text("td", align(table, i), inlines(cell, &state), &x, &state)
                            state.path.removeLast(2)
                        }
                        x.close("tr")
                    }
                    x.close("tbody")
                }
                x.close("table")
            }
        case .figure(let figure):
            // `export` refuses an image whose bytes are not packaged (`PackagedImage`).
            x.open("figure")
            // A page that starts at a figure starts before its image (a figure is never split).
            for mark in marks(state) { x.raw(mark.markup) }
            x.empty("img", [("src", imageSource(figure.image)), ("alt", figure.image.alt)])
            if !figure.caption.isEmpty { text("figcaption", [], inlines(figure.caption, &state, marked: false), &x, &state) }
            x.close("figure")
        case .thematicBreak:
            x.empty("hr")
        }
    }

    /// A block holding blocks (a quotation, a list, an item, a table's wrapper, a
    /// note): it takes the direction of the first text in it, so its markers,
    /// rules and indents are at the side where that text starts, and each block
    /// inside gets a `dir` of its own where it differs from the container's.
    private func container(_ tag: String, _ attributes: [(String, String)], _ blocks: [Block],
                           _ x: inout XMLBuilder, _ state: inout State, _ content: (inout XMLBuilder, inout State) -> Void) {
        let outer = state.direction
        let inner = leadingDirection(blocks) ?? outer
        x.open(tag, attributes + (inner != outer ? [("dir", inner.attribute)] : []))
        state.direction = inner
        content(&x, &state)
        state.direction = outer
        x.close(tag)
    }

    /// The direction of the first text in `blocks` (code reads left to right); nil when none has text.
    private func leadingDirection(_ blocks: [Block]) -> ScriptRuns.Direction? {
        func of(_ content: [Inline]) -> ScriptRuns.Direction { ScriptRuns(content.plainText, surrounding: language).direction }
        for block in blocks {
            switch block {
            case .heading(let h): return of(h.content)
            case .paragraph(let content): return of(content)
            case .list(let list): if let d = leadingDirection(list.items.first?.blocks ?? []) { return d }
            case .blockQuote(let inner): if let d = leadingDirection(inner) { return d }
            case .codeBlock: return .leftToRight
            case .table(let t): if let cell = t.header.first ?? t.rows.first?.first { return of(cell) }
            case .figure(let f): if !f.caption.isEmpty { return of(f.caption) }
            case .thematicBreak: continue
            }
        }
        return nil
    }

    /// A block of running text: its own `dir` and `lang` where they differ from
    /// the article's (its direction from the element it is in's), runs inside marked.
    private func text(_ tag: String, _ attributes: [(String, String)], _ nodes: [InlineMarkup.Node],
                      _ x: inout XMLBuilder, _ state: inout State) {
        let markup = InlineMarkup(nodes, surrounding: language)
        collect(markup.runs, markup.scalars, &state)
        var attributes = attributes
        if markup.holdsTokens {
            if let i = attributes.firstIndex(where: { $0.0 == "class" }) { attributes[i].1 += " tokens" } else { attributes.append(("class", "tokens")) }
        }
        x.element(tag, attributes + markup.blockAttributes(enclosing: state.direction), markup: markup.markup)
    }

    private func collect(_ runs: ScriptRuns, _ scalars: [Unicode.Scalar], _ state: inout State) {
        for run in runs.runs {
            guard case .unsettled(let script) = run.language else { continue }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[run.range])
            state.unmarked.append((script, String(text)))
        }
    }

    /// A column's alignment as a class of the style sheet (EPUB style sheets,
    /// not `style` attributes, carry the look).
    private func align(_ table: Table, _ column: Int) -> [(String, String)] {
        guard column < table.alignments.count else { return [] }
        switch table.alignments[column] {
        case .none: return []
        case .left: return [("class", "align-left")]
        case .center: return [("class", "align-center")]
        case .right: return [("class", "align-right")]
        }
    }

    /// `shift`: scalars written before the leaf's own text (a task item's box).
    /// `marked`: false where the leaf's page breaks are written elsewhere (a figure's).
    private func inlines(_ content: [Inline], _ state: inout State, shift: Int = 0, marked: Bool = true) -> [InlineMarkup.Node] {
        InlineMarkup.nodes(content, fragmentHref: fragmentHref, note: { id in state.reference(id) }, imageSource: imageSource,
                           marks: marked ? marks(state).map { ($0.offset + shift, $0.markup) } : [])
    }

    /// The page breaks of the print edition in the leaf being written.
    private func marks(_ state: State) -> [(offset: Int, markup: String)] {
        publication.pageBreaks.leaves[PageBreaks.Leaf(inBio: state.inBio, path: state.path)] ?? []
    }

    /// An image's file in the package, from the content document.
    private func imageSource(_ image: Image) -> String {
        publication.image(image.source).map { "../" + $0.href } ?? image.source
    }

    /// A `#name` link from the body: a name on the title page is in the title page's file.
    private func fragmentHref(_ target: LinkTarget) -> String {
        !combined && Publication.titlePageIDs.contains(target.value) ? "titlepage.xhtml" + target.href : target.href
    }

    /// The notes after the body and the bio, under a heading of their own (and in
    /// the table of contents): reading systems with footnote pop-ups (Apple Books,
    /// calibre's viewer) show a note where its reference is tapped, and those
    /// without (FBReader, MuPDF) show the notes as text, which after the body
    /// interrupts nothing. Each note starts with its number and ends with a back
    /// link to every reference to it.
    private func footnotes(_ x: inout XMLBuilder, _ state: inout State) {
        guard !article.footnotes.isEmpty else { return }
        x.open("section", [("id", "notes"), ("class", "footnotes"), ("aria-labelledby", "notes-heading")])
        x.element("h2", [("id", "notes-heading")], text: localization.notes)
        var written: Set<String> = []
        for note in article.footnotes where written.insert(note.id).inserted {
            guard let anchor = state.anchors.notes[note.id] else { continue }
            // A note takes the direction of its first block, so its number hangs at the
            // side where that block starts (`container`).
            container("aside", [("id", anchor.id), ("epub:type", "footnote"), ("role", "doc-footnote")], note.blocks, &x, &state) { x, state in
                let numberMarkup = "<span class=\"note-number\">\(anchor.number).</span>"
                let number: InlineMarkup.Node = .atom(markup: numberMarkup, text: "\(anchor.number).")
                let links = anchor.references.enumerated().map { k, id in
                    let label = localization.backToText + (anchor.references.count > 1 ? " (\(k + 1))" : "")
                    let mark = k == 0 ? "\u{21A9}" : "\u{21A9}<sup>\(k + 1)</sup>"
                    return "<a href=\"#\(XML.attribute(id))\" role=\"doc-backlink\" aria-label=\"\(XML.attribute(label))\">\(mark)</a>"
                }
                let backLinks: [InlineMarkup.Node] = links.flatMap { [.text(" "), .atom(markup: $0, text: "\u{21A9}")] }
                // The number opens the first paragraph and the back links close the last;
                // a note that starts or ends otherwise (a list, code) gets a line of its own.
                let blocks = note.blocks.isEmpty ? [.paragraph([])] : note.blocks
                var opening: [InlineMarkup.Node] = [number, .text(" ")]
                if case .paragraph = blocks.first {} else {
                    // No letters: the line takes the note's direction.
                    x.element("p", [("class", "note-number")], markup: numberMarkup)
                    opening = []
                }
                var closing = backLinks
                for (i, block) in blocks.enumerated() {
                    if case .paragraph(let content) = block, i == 0 || i == blocks.count - 1 {
                        let nodes = (i == 0 ? opening : []) + inlines(content, &state) + (i == blocks.count - 1 ? closing : [])
                        text("p", [], nodes, &x, &state)
                        if i == blocks.count - 1 { closing = [] }
                    } else {
                        self.block(block, &x, &state)
                    }
                }
                if !closing.isEmpty, !links.isEmpty {
                    x.element("p", [("class", "note-back")], markup: links.joined(separator: " "))
                }
            }
        }
        x.close("section")
    }
}
