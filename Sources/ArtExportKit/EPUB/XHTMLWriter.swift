/// Renders the article as one XHTML content document: a title page (title,
/// subtitle, standfirst, byline, date), the body in nested sections, the bio set
/// apart, then footnotes.
struct XHTMLWriter {
    let publication: Publication

    private var article: Article { publication.article }
    private var localization: Localization { publication.localization }

    func document() -> String {
        let lang = publication.language
        var x = XMLBuilder()
        x.raw("<!DOCTYPE html>")
        x.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("xmlns:epub", "http://www.idpf.org/2007/ops"),
                        ("lang", lang), ("xml:lang", lang)] + (article.metadata.language.isRightToLeft ? [("dir", "rtl")] : []))
        x.open("head")
        x.empty("meta", [("charset", "UTF-8")])
        x.element("title", text: article.metadata.title)
        x.empty("link", [("rel", "stylesheet"), ("type", "text/css"), ("href", "../\(Publication.styleFile)")])
        x.close("head")
        x.open("body")
        titlePage(&x)
        x.open("section", [("id", "body"), ("epub:type", "bodymatter"), ("aria-label", article.metadata.title)])
        sections(article.blocks, &x)
        x.close("section")
        if !article.bio.isEmpty {
            x.open("section", [("id", "about"), ("class", "bio"), ("aria-labelledby", "about-heading")])
            x.element("h2", [("id", "about-heading")], text: localization.aboutAuthors(count: article.metadata.authors.count))
            for block in article.bio { self.block(block, &x) }
            x.close("section")
        }
        footnotes(&x)
        x.close("body")
        x.close("html")
        return x.output
    }

    private func titlePage(_ x: inout XMLBuilder) {
        let m = article.metadata
        x.open("header", [("id", "titlepage"), ("class", "titlepage"), ("epub:type", "titlepage")])
        x.element("h1", [("id", "title"), ("class", "title")], text: m.title)
        if let subtitle = m.subtitle { x.element("p", [("class", "subtitle")], text: subtitle) }
        if let standfirst = m.description { x.element("p", [("class", "standfirst")], text: standfirst) }
        if !m.authors.isEmpty {
            // The connecting words hold no markup characters; names are escaped.
            let names = m.authors.map { "<span class=\"author\">\(XML.text($0))</span>" }
            x.element("p", [("class", "byline")], markup: "\(XML.text(localization.by)) \(localization.list(names))")
        }
        if let date = m.date {
            x.element("p", [("class", "dateline")],
                      markup: "<time datetime=\"\(XML.attribute(date.w3cdtf))\">\(XML.text(localization.format(date)))</time>")
        }
        x.close("header")
    }

    /// Blocks, with each heading opening a `<section>` that runs until the next
    /// heading of the same or a higher level.
    private func sections(_ blocks: [Block], _ x: inout XMLBuilder) {
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
            self.block(block, &x)
        }
        for _ in open { x.close("section") }
    }

    private func block(_ block: Block, _ x: inout XMLBuilder) {
        switch block {
        case .heading(let h):
            let level = min(max(h.level, 2), 6)
            x.element("h\(level)", [("id", h.id)], markup: inlines(h.content))
        case .paragraph(let content):
            x.element("p", markup: inlines(content))
        case .blockQuote(let blocks):
            x.open("blockquote")
            for b in blocks { self.block(b, &x) }
            x.close("blockquote")
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            x.open(tag, list.ordered && list.start != 1 ? [("start", String(list.start))] : [])
            for item in list.items {
                // A one-paragraph item is written tight, as Markdown renderers do.
                if item.count == 1, case .paragraph(let content) = item[0] {
                    x.element("li", markup: inlines(content))
                } else {
                    x.open("li")
                    for b in item { self.block(b, &x) }
                    x.close("li")
                }
            }
            x.close(tag)
        case .codeBlock(let language, let code):
            let attrs: [(String, String)] = language.map { [("class", "language-\($0)")] } ?? []
            x.raw("<pre><code\(XMLBuilder.attributes(attrs))>\(XML.text(code))</code></pre>")
        case .table(let table):
            x.open("table")
            x.open("thead")
            x.open("tr")
            for (i, cell) in table.header.enumerated() { x.element("th", align(table, i) + [("scope", "col")], markup: inlines(cell)) }
            x.close("tr")
            x.close("thead")
            x.open("tbody")
            for row in table.rows {
                x.open("tr")
                for (i, cell) in row.enumerated() { x.element("td", align(table, i), markup: inlines(cell)) }
                x.close("tr")
            }
            x.close("tbody")
            x.close("table")
        case .image(let image):
            x.open("div", [("class", "figure")])
            x.empty("img", [("src", image.source), ("alt", image.alt)])
            if let title = image.title { x.element("p", [("class", "caption")], text: title) }
            x.close("div")
        case .thematicBreak:
            x.empty("hr")
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

    func inlines(_ content: [Inline]) -> String {
        var out = ""
        for inline in content {
            switch inline {
            case .text(let s): out += XML.text(s)
            case .emphasis(let c): out += "<em>\(inlines(c))</em>"
            case .strong(let c): out += "<strong>\(inlines(c))</strong>"
            case .strikethrough(let c): out += "<s>\(inlines(c))</s>"
            case .code(let s): out += "<code>\(XML.text(s))</code>"
            case .link(let link):
                // A target LinkTarget refuses (javascript:, file:, data:…) is no link: its text stays.
                guard let target = LinkTarget(link.url) else { out += inlines(link.content); continue }
                let cls = link.isAutolink ? " class=\"url\"" : ""
                out += "<a href=\"\(XML.attribute(target.href))\"\(cls)>\(inlines(link.content))</a>"
            case .lineBreak: out += "<br/>"
            case .footnoteReference(let id):
                let number = (article.footnotes.firstIndex { $0.id == id } ?? 0) + 1
                out += "<sup><a id=\"ref-\(XML.attribute(id))\" href=\"#note-\(XML.attribute(id))\" epub:type=\"noteref\" role=\"doc-noteref\">\(number)</a></sup>"
            }
        }
        return out
    }

    private func footnotes(_ x: inout XMLBuilder) {
        guard !article.footnotes.isEmpty else { return }
        x.open("section", [("id", "notes"), ("class", "footnotes"), ("aria-labelledby", "notes-heading")])
        x.element("h2", [("id", "notes-heading")], text: localization.notes)
        for (i, note) in article.footnotes.enumerated() {
            x.open("aside", [("id", "note-\(note.id)"), ("epub:type", "footnote"), ("role", "doc-footnote")])
            x.raw("<p class=\"note-number\"><a href=\"#ref-\(XML.attribute(note.id))\" role=\"doc-backlink\" aria-label=\"\(XML.attribute(localization.backToText))\">\(i + 1).</a></p>")
            for b in note.blocks { block(b, &x) }
            x.close("aside")
        }
        x.close("section")
    }
}
