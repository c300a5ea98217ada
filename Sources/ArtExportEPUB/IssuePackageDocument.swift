import ArtExportCore
/// An issue's package document: the metadata of a periodical issue — the issue's
/// title, the newsletter as a series it belongs to (`belongs-to-collection`, of
/// `collection-type` series, at `group-position` the issue number, refined by its
/// ISSN) —, every article's authors, every language; then the cover, the
/// contents and one spine document per article.
struct IssuePackageDocument {
    let publication: IssuePublication
    let accessibility: AccessibilityCheck
    var fonts: [FontEmbedding.File] = []
    var pageBreakSource: String? = nil

    func document() -> String {
        let p = publication
        let m = p.issue.metadata
        var x = XMLBuilder()
        let ibooks = fonts.isEmpty ? [] : [("prefix", "ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/")]
        x.open("package", [("xmlns", "http://www.idpf.org/2007/opf"), ("version", "3.0"),
                           ("unique-identifier", "uid"), ("xml:lang", p.language.value)] + ibooks)
        x.open("metadata", [("xmlns:dc", "http://purl.org/dc/elements/1.1/")])
        x.element("dc:identifier", [("id", "uid")], text: p.identifier)
        x.element("dc:title", [("id", "title")], text: m.displayTitle)
        x.element("meta", [("refines", "#title"), ("property", "title-type")], text: "main")
        x.element("meta", [("property", "belongs-to-collection"), ("id", "series")], text: m.newsletter)
        x.element("meta", [("refines", "#series"), ("property", "collection-type")], text: "series")
        if let number = m.number { x.element("meta", [("refines", "#series"), ("property", "group-position")], text: String(number)) }
        if let issn = m.issn { x.element("meta", [("refines", "#series"), ("property", "dcterms:identifier")], text: "urn:issn:\(issn)") }
        for (i, author) in p.issue.authors.enumerated() {
            x.element("dc:creator", [("id", "creator\(i + 1)")], text: author)
            x.element("meta", [("refines", "#creator\(i + 1)"), ("property", "role"), ("scheme", "marc:relators")], text: "aut")
            x.element("meta", [("refines", "#creator\(i + 1)"), ("property", "display-seq")], text: String(i + 1))
        }
        var languages = [p.language.value]
        for article in p.issue.articles where !languages.contains(article.metadata.language.value) { languages.append(article.metadata.language.value) }
        for language in languages { x.element("dc:language", text: language) }
        if let date = m.date { x.element("dc:date", text: date.w3cdtf) }
        if let description = m.description { x.element("dc:description", text: description) }
        if let publisher = m.publisher { x.element("dc:publisher", text: publisher) }
        x.element("meta", [("property", "dcterms:modified")], text: p.modified.iso8601)
        PackageDocument.accessibilityMetadata(accessibility, localization: p.localization, certifier: m.publisher ?? p.generator,
                                              pageBreakSource: pageBreakSource, &x)
        if !fonts.isEmpty { x.element("meta", [("property", "ibooks:specified-fonts")], text: "true") }
        x.empty("meta", [("name", "cover"), ("content", p.cover.id)])
        x.empty("meta", [("name", "generator"), ("content", p.generator)])
        x.close("metadata")

        x.open("manifest")
        x.empty("item", [("id", "nav"), ("href", Publication.navFile), ("media-type", "application/xhtml+xml"), ("properties", "nav")])
        x.empty("item", [("id", "ncx"), ("href", Publication.ncxFile), ("media-type", "application/x-dtbncx+xml")])
        x.empty("item", [("id", "css"), ("href", Publication.styleFile), ("media-type", "text/css")])
        x.empty("item", [("id", "cover-page"), ("href", IssuePublication.coverFile), ("media-type", "application/xhtml+xml")])
        for (n, article) in p.articles.enumerated() {
            x.empty("item", [("id", "article-\(n + 1)"), ("href", article.file), ("media-type", "application/xhtml+xml")])
        }
        for image in p.images {
            x.empty("item", [("id", image.id), ("href", image.href), ("media-type", image.resource.mediaType.rawValue)]
                    + (image.id == p.cover.id ? [("properties", "cover-image")] : []))
        }
        for font in fonts {
            x.empty("item", [("id", font.id), ("href", font.href), ("media-type", font.mediaType)])
        }
        x.close("manifest")
        x.open("spine", [("toc", "ncx")] + (p.language.isRightToLeft ? [("page-progression-direction", "rtl")] : []))
        x.empty("itemref", [("idref", "cover-page")])
        x.empty("itemref", [("idref", "nav")])
        for n in p.articles.indices { x.empty("itemref", [("idref", "article-\(n + 1)")]) }
        x.close("spine")
        x.close("package")
        return x.output
    }
}
