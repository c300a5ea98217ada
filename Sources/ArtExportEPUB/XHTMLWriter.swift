import ArtExportCore
/// Renders the article's two content documents: the title page (title,
/// subtitle, standfirst, byline, date) and the body (nested sections, the bio
/// set apart, footnotes). Every block of text gets `dir` and `lang` where its
/// characters settle them (`InlineMarkup`), and the runs whose language stays
/// open are collected for the accessibility summary.
struct XHTMLWriter {
    let publication: Publication

    private var article: Article { publication.article }
    private var localization: Localization { publication.localization }
    private var language: LanguageTag { article.metadata.language }

    struct Documents {
        var titlePage: String
        var body: String
        /// Runs in a script whose language the text leaves open, as written (unmarked).
        var unmarked: [(script: ScriptDetector.Script?, text: String)]
    }

    func documents() -> Documents {
        var unmarked: [(script: ScriptDetector.Script?, text: String)] = []
        let titlePage = document(title: article.metadata.title, unmarked: &unmarked) { x, u in self.titlePage(&x, &u) }
        let body = document(title: article.metadata.title, unmarked: &unmarked) { x, u in self.body(&x, &u) }
        return Documents(titlePage: titlePage, body: body, unmarked: unmarked)
    }

    private typealias Unmarked = [(script: ScriptDetector.Script?, text: String)]

    private func document(title: String, unmarked: inout Unmarked, _ content: (inout XMLBuilder, inout Unmarked) -> Void) -> String {
        let lang = publication.language
        var x = XMLBuilder()
        x.raw("<!DOCTYPE html>")
        x.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("xmlns:epub", "http://www.idpf.org/2007/ops"),
                        ("lang", lang), ("xml:lang", lang)] + (publication.direction == .rightToLeft ? [("dir", "rtl")] : []))
        x.open("head")
        x.empty("meta", [("charset", "UTF-8")])
        x.element("title", text: title)
        x.empty("link", [("rel", "stylesheet"), ("type", "text/css"), ("href", "../\(Publication.styleFile)")])
        x.close("head")
        x.open("body")
        content(&x, &unmarked)
        x.close("body")
        x.close("html")
        return x.output
    }

    private func body(_ x: inout XMLBuilder, _ unmarked: inout Unmarked) {
        x.open("section", [("id", "body"), ("epub:type", "bodymatter"), ("aria-label", article.metadata.title)])
        sections(article.blocks, &x, &unmarked)
        x.close("section")
        if !article.bio.isEmpty {
            x.open("section", [("id", "about"), ("class", "bio"), ("aria-labelledby", "about-heading")])
            x.element("h2", [("id", "about-heading")], text: localization.aboutAuthors(count: article.metadata.authors.count))
            for block in article.bio { self.block(block, &x, &unmarked) }
            x.close("section")
        }
        footnotes(&x, &unmarked)
    }

    private func titlePage(_ x: inout XMLBuilder, _ unmarked: inout Unmarked) {
        let m = article.metadata
        x.open("header", [("id", "titlepage"), ("class", "titlepage"), ("epub:type", "titlepage")])
        text("h1", [("id", "title"), ("class", "title")], [.text(m.title)], &x, &unmarked)
        if let subtitle = m.subtitle { text("p", [("class", "subtitle")], [.text(subtitle)], &x, &unmarked) }
        if let standfirst = m.description { text("p", [("class", "standfirst")], [.text(standfirst)], &x, &unmarked) }
        if !m.authors.isEmpty {
            // Each name is a span of its own, isolated and tagged as a whole when
            // its script says so; to the byline around it, an isolate is a neutral
            // (U+FFFC stands for it), as in UAX #9.
            let line = localization.byline(m.authors)
            let direction = ScriptRuns(line, surrounding: language).direction
            let pieces: [InlineMarkup.Node] = localization.bylinePieces(m.authors).map { piece in
                guard piece.isItem else { return .text(piece.text) }
                let name = InlineMarkup([.text(piece.text)], surrounding: language)
                collect(name.runs, name.scalars, &unmarked)
                let attributes = [("class", "author")] + name.blockAttributes(enclosing: direction)
                return .atom(markup: "<span\(XMLBuilder.attributes(attributes))>\(name.markup)</span>", text: "\u{FFFC}")
            }
            let byline = InlineMarkup(pieces, surrounding: language, direction: direction)
            x.element("p", [("class", "byline")] + byline.blockAttributes(enclosing: publication.direction), markup: byline.markup)
        }
        if let date = m.date {
            // artexport's own words, in the article's language and direction.
            x.element("p", [("class", "dateline")],
                      markup: "<time datetime=\"\(XML.attribute(date.w3cdtf))\">\(XML.text(localization.format(date)))</time>")
        }
        x.close("header")
    }

    /// Blocks, with each heading opening a `<section>` that runs until the next
    /// heading of the same or a higher level.
    private func sections(_ blocks: [Block], _ x: inout XMLBuilder, _ unmarked: inout Unmarked) {
        var open: [Int] = []
        for block in blocks {
            if case .heading(let h) = block {
                while let level = open.last, level >= h.level {
                    x.close("section")
                    open.removeLast()
                }
                x.open("section", [("aria-labelledby", h.id)])
                open.append(h.level)
            }
            self.block(block, &x, &unmarked)
        }
        for _ in open { x.close("section") }
    }

    private func block(_ block: Block, _ x: inout XMLBuilder, _ unmarked: inout Unmarked) {
        switch block {
        case .heading(let h):
            let level = min(max(h.level, 2), 6)
            text("h\(level)", [("id", h.id)], inlines(h.content), &x, &unmarked)
        case .paragraph(let content):
            text("p", [], inlines(content), &x, &unmarked)
        case .blockQuote(let blocks):
            x.open("blockquote")
            for b in blocks { self.block(b, &x, &unmarked) }
            x.close("blockquote")
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            x.open(tag, list.ordered && list.start != 1 ? [("start", String(list.start))] : [])
            for item in list.items {
                // A task item's box is a character before its text.
                let box: [Inline] = item.task.map { [.text($0 == .done ? "☑ " : "☐ ")] } ?? []
                // A one-paragraph item of a tight list is written without <p>, as Markdown renderers do.
                if list.tight, item.blocks.count == 1, case .paragraph(let content) = item.blocks[0] {
                    text("li", [], inlines(box + content), &x, &unmarked)
                } else {
                    x.open("li")
                    var blocks = item.blocks
                    if !box.isEmpty {
                        if case .paragraph(let content)? = blocks.first { blocks[0] = .paragraph(box + content) } else { blocks.insert(.paragraph(box), at: 0) }
                    }
                    for b in blocks { self.block(b, &x, &unmarked) }
                    x.close("li")
                }
            }
            x.close(tag)
        case .codeBlock(let language, let code):
            // Code takes its own direction (usually left to right, in any article);
            // its text breaks where it must, never with a hyphen.
            let attrs: [(String, String)] = language.map { [("class", "language-\($0)")] } ?? []
            let markup = InlineMarkup([.element(open: "<code\(XMLBuilder.attributes(attrs))>", close: "</code>", children: [.text(code)], breaks: true)],
                                      surrounding: self.language)
            collect(markup.runs, Array(code.unicodeScalars), &unmarked)
            x.raw("<pre\(XMLBuilder.attributes(markup.blockAttributes(enclosing: publication.direction)))>\(markup.markup)</pre>")
        case .table(let table):
            x.open("table")
            x.open("thead")
            x.open("tr")
            for (i, cell) in table.header.enumerated() { text("th", align(table, i) + [("scope", "col")], inlines(cell), &x, &unmarked) }
            x.close("tr")
            x.close("thead")
            x.open("tbody")
            for row in table.rows {
                x.open("tr")
                for (i, cell) in row.enumerated() { text("td", align(table, i), inlines(cell), &x, &unmarked) }
                x.close("tr")
            }
            x.close("tbody")
            x.close("table")
        case .figure(let figure):
            x.open("figure")
            x.empty("img", [("src", figure.image.source), ("alt", figure.image.alt)])
            if !figure.caption.isEmpty { text("figcaption", [], inlines(figure.caption), &x, &unmarked) }
            x.close("figure")
        case .thematicBreak:
            x.empty("hr")
        }
    }

    /// A block of running text: its own `dir` and `lang` where they differ from
    /// the article's, runs inside marked.
    private func text(_ tag: String, _ attributes: [(String, String)], _ nodes: [InlineMarkup.Node],
                      _ x: inout XMLBuilder, _ unmarked: inout Unmarked) {
        let markup = InlineMarkup(nodes, surrounding: language)
        collect(markup.runs, markup.scalars, &unmarked)
        var attributes = attributes
        if markup.holdsTokens {
            if let i = attributes.firstIndex(where: { $0.0 == "class" }) { attributes[i].1 += " tokens" } else { attributes.append(("class", "tokens")) }
        }
        x.element(tag, attributes + markup.blockAttributes(enclosing: publication.direction), markup: markup.markup)
    }

    private func collect(_ runs: ScriptRuns, _ scalars: [Unicode.Scalar], _ unmarked: inout Unmarked) {
        for run in runs.runs {
            guard case .unsettled(let script) = run.language else { continue }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[run.range])
            unmarked.append((script, String(text)))
        }
    }

    private func align(_ table: Table, _ column: Int) -> [(String, String)] {
        guard column < table.alignments.count else { return [] }
        switch table.alignments[column] {
        case .none: return []
        case .left: return [("style", "text-align: left")]
        case .center: return [("style", "text-align: center")]
        case .right: return [("style", "text-align: right")]
        }
    }

    private func inlines(_ content: [Inline]) -> [InlineMarkup.Node] {
        InlineMarkup.nodes(content, fragmentHref: fragmentHref) { id in (article.footnotes.firstIndex { $0.id == id } ?? 0) + 1 }
    }

    /// A `#name` link from the body: a name on the title page is in the title page's file.
    private func fragmentHref(_ target: LinkTarget) -> String {
        Publication.titlePageIDs.contains(target.value) ? "titlepage.xhtml" + target.href : target.href
    }

    private func footnotes(_ x: inout XMLBuilder, _ unmarked: inout Unmarked) {
        guard !article.footnotes.isEmpty else { return }
        x.open("section", [("id", "notes"), ("class", "footnotes"), ("aria-labelledby", "notes-heading")])
        x.element("h2", [("id", "notes-heading")], text: localization.notes)
        for (i, note) in article.footnotes.enumerated() {
            x.open("aside", [("id", "note-\(note.id)"), ("epub:type", "footnote"), ("role", "doc-footnote")])
            x.raw("<p class=\"note-number\"><a href=\"#ref-\(XML.attribute(note.id))\" role=\"doc-backlink\" aria-label=\"\(XML.attribute(localization.backToText))\">\(i + 1).</a></p>")
            for b in note.blocks { block(b, &x, &unmarked) }
            x.close("aside")
        }
        x.close("section")
    }
}
