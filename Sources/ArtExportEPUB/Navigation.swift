import ArtExportCore
/// What the navigation documents list: one article's or one issue's.
struct NavigationContent {
    var language: LanguageTag
    var direction: ScriptRuns.Direction
    var localization: Localization
    var identifier: String
    var title: String
    var authors: [String]
    var toc: [Publication.TocEntry]
    /// `epub:type`, href and label of each landmark.
    var landmarks: [(type: String, href: String, label: String)]
    /// The print edition's pages: label and href of each marker; empty without one.
    var pageList: [(label: String, href: String)] = []
    /// Markers of pages that start at the contents' heading (an issue's, whose contents
    /// are this document); a later contents page's marker is at its entry (`TocEntry.pageBreaks`).
    var contentsBreaks: [String] = []
}

/// The navigation document (`nav.xhtml`: toc and landmarks) and, for EPUB 2
/// reading systems that read no other table of contents, `toc.ncx`.
struct Navigation {
    let content: NavigationContent

    init(publication: Publication) {
        let p = publication
        content = NavigationContent(
            language: p.article.metadata.language, direction: p.direction, localization: p.localization, identifier: p.identifier,
            title: p.article.metadata.title, authors: p.article.metadata.authors, toc: p.toc,
            landmarks: [("titlepage", Publication.titlePageFile, p.localization.titlePage),
                        ("bodymatter", "\(Publication.contentFile)#body", p.localization.start)],
            pageList: p.pageBreaks.pages.enumerated().map { n, page in
                (page.label, (n == 0 && !p.pageBreaks.title.isEmpty ? Publication.titlePageFile : Publication.contentFile) + "#" + page.id)
            })
    }

    init(content: NavigationContent) {
        self.content = content
    }

    func navDocument() -> String {
        let p = content
        return XHTMLWriter.shell(language: p.language.value, direction: p.direction, title: p.localization.contents,
                                 styleSheet: Publication.styleFile) { x in
            for markup in p.contentsBreaks { x.raw(markup) }
            x.open("nav", [("epub:type", "toc"), ("id", "toc"), ("role", "doc-toc"), ("aria-labelledby", "toc-heading")])
            x.element("h1", [("id", "toc-heading")], text: p.localization.contents)
            tocList(p.toc, &x)
            x.close("nav")
            x.open("nav", [("epub:type", "landmarks"), ("id", "landmarks"), ("hidden", "hidden")])
            x.element("h2", text: "Landmarks")
            x.open("ol")
            for landmark in p.landmarks {
                x.element("li", markup: "<a\(XMLBuilder.attributes([("epub:type", landmark.type), ("href", landmark.href)]))>\(XML.text(landmark.label))</a>")
            }
            x.close("ol")
            x.close("nav")
            if !p.pageList.isEmpty {
                // The print edition's page numbers, for a reader's "go to page".
                x.open("nav", [("epub:type", "page-list"), ("id", "page-list"), ("role", "doc-pagelist"), ("hidden", "hidden")])
                x.open("ol")
                for page in p.pageList { x.element("li", markup: "<a\(XMLBuilder.attributes([("href", page.href)]))>\(XML.text(page.label))</a>") }
                x.close("ol")
                x.close("nav")
            }
        }
    }

    private func tocList(_ entries: [Publication.TocEntry], _ x: inout XMLBuilder) {
        x.open("ol")
        for entry in entries {
            // A label in another direction or language is marked as in the text.
            let label = InlineMarkup([.text(entry.label)], surrounding: entry.language ?? content.language)
            var attributes = [("href", entry.href)] + label.blockAttributes(enclosing: content.direction)
            if let own = entry.language, own != content.language, !attributes.contains(where: { $0.0 == "lang" }) {
                attributes += [("lang", own.value), ("xml:lang", own.value)]
            }
            let link = "<a\(XMLBuilder.attributes(attributes))>\(entry.pageBreaks.joined())\(label.markup)</a>"
            if entry.children.isEmpty {
                x.element("li", markup: link)
            } else {
                x.open("li")
                x.raw(link)
                tocList(entry.children, &x)
                x.close("li")
            }
        }
        x.close("ol")
    }

    func ncxDocument() -> String {
        let p = content
        let toc = p.toc
        var x = XMLBuilder()
        x.open("ncx", [("xmlns", "http://www.daisy.org/z3986/2005/ncx/"), ("version", "2005-1"), ("xml:lang", p.language.value)])
        x.open("head")
        x.empty("meta", [("name", "dtb:uid"), ("content", p.identifier)])
        x.empty("meta", [("name", "dtb:depth"), ("content", String(Publication.depth(toc)))])
        x.empty("meta", [("name", "dtb:totalPageCount"), ("content", "0")])
        x.empty("meta", [("name", "dtb:maxPageNumber"), ("content", "0")])
        x.close("head")
        x.open("docTitle")
        x.element("text", text: p.title)
        x.close("docTitle")
        for author in p.authors {
            x.open("docAuthor")
            x.element("text", text: author)
            x.close("docAuthor")
        }
        x.open("navMap")
        var order: [String: Int] = [:]
        var point = 0
        navPoints(toc, &order, &point, &x)
        x.close("navMap")
        x.close("ncx")
        return x.output
    }

    /// Entries with the same target share their `playOrder` (an issue's section and
    /// its first article), as the NCX requires.
    private func navPoints(_ entries: [Publication.TocEntry], _ order: inout [String: Int], _ point: inout Int, _ x: inout XMLBuilder) {
        for entry in entries {
            point += 1
            let play = order[entry.href] ?? (order.count + 1)
            order[entry.href] = play
            x.open("navPoint", [("id", "nav-\(point)"), ("playOrder", String(play))])
            x.open("navLabel")
            x.element("text", text: entry.label)
            x.close("navLabel")
            x.empty("content", [("src", entry.href)])
            navPoints(entry.children, &order, &point, &x)
            x.close("navPoint")
        }
    }
}
