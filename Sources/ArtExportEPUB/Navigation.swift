import ArtExportCore
/// The navigation document (`nav.xhtml`: toc and landmarks) and, for EPUB 2
/// reading systems that read no other table of contents, `toc.ncx`.
struct Navigation {
    let publication: Publication

    func navDocument() -> String {
        let p = publication
        var x = XMLBuilder()
        x.raw("<!DOCTYPE html>")
        x.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("xmlns:epub", "http://www.idpf.org/2007/ops"),
                        ("lang", p.language), ("xml:lang", p.language)] + (p.direction == .rightToLeft ? [("dir", "rtl")] : []))
        x.open("head")
        x.empty("meta", [("charset", "UTF-8")])
        x.element("title", text: p.localization.contents)
        x.empty("link", [("rel", "stylesheet"), ("type", "text/css"), ("href", Publication.styleFile)])
        x.close("head")
        x.open("body")
        x.open("nav", [("epub:type", "toc"), ("id", "toc"), ("role", "doc-toc"), ("aria-labelledby", "toc-heading")])
        x.element("h1", [("id", "toc-heading")], text: p.localization.contents)
        tocList(p.toc, &x)
        x.close("nav")
        x.open("nav", [("epub:type", "landmarks"), ("id", "landmarks"), ("hidden", "hidden")])
        x.element("h2", text: "Landmarks")
        x.open("ol")
        x.element("li", markup: "<a epub:type=\"titlepage\" href=\"\(Publication.titlePageFile)\">\(XML.text(p.localization.titlePage))</a>")
        x.element("li", markup: "<a epub:type=\"bodymatter\" href=\"\(Publication.contentFile)#body\">\(XML.text(p.localization.start))</a>")
        x.close("ol")
        x.close("nav")
        x.close("body")
        x.close("html")
        return x.output
    }

    private func tocList(_ entries: [Publication.TocEntry], _ x: inout XMLBuilder) {
        x.open("ol")
        for entry in entries {
            // A label in another direction or language is marked as in the text.
            let label = InlineMarkup([.text(entry.label)], surrounding: publication.article.metadata.language)
            let attributes = [("href", entry.href)] + label.blockAttributes(enclosing: publication.direction)
            let link = "<a\(XMLBuilder.attributes(attributes))>\(label.markup)</a>"
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
        let p = publication
        let toc = p.toc
        var x = XMLBuilder()
        x.open("ncx", [("xmlns", "http://www.daisy.org/z3986/2005/ncx/"), ("version", "2005-1"), ("xml:lang", p.language)])
        x.open("head")
        x.empty("meta", [("name", "dtb:uid"), ("content", p.identifier)])
        x.empty("meta", [("name", "dtb:depth"), ("content", String(Publication.depth(toc)))])
        x.empty("meta", [("name", "dtb:totalPageCount"), ("content", "0")])
        x.empty("meta", [("name", "dtb:maxPageNumber"), ("content", "0")])
        x.close("head")
        x.open("docTitle")
        x.element("text", text: p.article.metadata.title)
        x.close("docTitle")
        for author in p.article.metadata.authors {
            x.open("docAuthor")
            x.element("text", text: author)
            x.close("docAuthor")
        }
        x.open("navMap")
        var order = 0
        navPoints(toc, &order, &x)
        x.close("navMap")
        x.close("ncx")
        return x.output
    }

    private func navPoints(_ entries: [Publication.TocEntry], _ order: inout Int, _ x: inout XMLBuilder) {
        for entry in entries {
            order += 1
            x.open("navPoint", [("id", "nav-\(order)"), ("playOrder", String(order))])
            x.open("navLabel")
            x.element("text", text: entry.label)
            x.close("navLabel")
            x.empty("content", [("src", entry.href)])
            navPoints(entry.children, &order, &x)
            x.close("navPoint")
        }
    }
}
