import ArtExportCore
/// The package document (`content.opf`): metadata, manifest, spine.
struct PackageDocument {
    let publication: Publication
    let accessibility: AccessibilityCheck
    /// The embedded fonts, in the order of the theme's faces.
    var fonts: [FontEmbedding.File] = []

    func document() -> String {
        let p = publication
        let m = p.article.metadata
        var x = XMLBuilder()
        // Apple Books sets a book in its own fonts unless told the book specifies
        // some (the reader can still pick another); the prefix is not a reserved one.
        let ibooks = fonts.isEmpty ? [] : [("prefix", "ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/")]
        x.open("package", [("xmlns", "http://www.idpf.org/2007/opf"), ("version", "3.0"),
                           ("unique-identifier", "uid"), ("xml:lang", p.language)] + ibooks)
        x.open("metadata", [("xmlns:dc", "http://purl.org/dc/elements/1.1/")])
        x.element("dc:identifier", [("id", "uid")], text: p.identifier)
        x.element("dc:title", [("id", "title")], text: m.title)
        x.element("meta", [("refines", "#title"), ("property", "title-type")], text: "main")
        if let subtitle = m.subtitle {
            x.element("dc:title", [("id", "subtitle")], text: subtitle)
            x.element("meta", [("refines", "#subtitle"), ("property", "title-type")], text: "subtitle")
        }
        for (i, author) in m.authors.enumerated() {
            x.element("dc:creator", [("id", "creator\(i + 1)")], text: author)
            x.element("meta", [("refines", "#creator\(i + 1)"), ("property", "role"), ("scheme", "marc:relators")], text: "aut")
            x.element("meta", [("refines", "#creator\(i + 1)"), ("property", "display-seq")], text: String(i + 1))
        }
        x.element("dc:language", text: p.language)
        if let date = m.date { x.element("dc:date", text: date.w3cdtf) }
        for keyword in m.keywords { x.element("dc:subject", text: keyword) }
        if let description = m.description { x.element("dc:description", text: description) }
        if let publisher = m.publisher { x.element("dc:publisher", text: publisher) }
        x.element("meta", [("property", "dcterms:modified")], text: p.modified.iso8601)

        Self.accessibilityMetadata(accessibility, localization: p.localization, certifier: m.publisher ?? p.generator,
                                   pageBreakSource: p.pageBreaks.pages.isEmpty ? nil : "\(m.title) (PDF)", &x)
        if !fonts.isEmpty { x.element("meta", [("property", "ibooks:specified-fonts")], text: "true") }
        x.empty("meta", [("name", "generator"), ("content", p.generator)])
        x.close("metadata")

        x.open("manifest")
        x.empty("item", [("id", "nav"), ("href", Publication.navFile), ("media-type", "application/xhtml+xml"), ("properties", "nav")])
        x.empty("item", [("id", "ncx"), ("href", Publication.ncxFile), ("media-type", "application/x-dtbncx+xml")])
        x.empty("item", [("id", "css"), ("href", Publication.styleFile), ("media-type", "text/css")])
        x.empty("item", [("id", "titlepage"), ("href", Publication.titlePageFile), ("media-type", "application/xhtml+xml")])
        x.empty("item", [("id", "article"), ("href", Publication.contentFile), ("media-type", "application/xhtml+xml")])
        for image in p.images {
            x.empty("item", [("id", image.id), ("href", image.href), ("media-type", image.resource.mediaType.rawValue)])
        }
        for font in fonts {
            x.empty("item", [("id", font.id), ("href", font.href), ("media-type", font.mediaType)])
        }
        x.close("manifest")
        x.open("spine", [("toc", "ncx")] + (m.language.isRightToLeft ? [("page-progression-direction", "rtl")] : []))
        x.empty("itemref", [("idref", "titlepage")])
        x.empty("itemref", [("idref", "article")])
        x.close("spine")
        x.close("package")
        return x.output
    }

    /// EPUB Accessibility 1.1 (schema.org) metadata, from what the content is.
    /// `pageBreakSource`: the paginated edition the page markers and page list follow, when they exist.
    static func accessibilityMetadata(_ accessibility: AccessibilityCheck, localization: Localization, certifier: String,
                                      pageBreakSource: String? = nil, _ x: inout XMLBuilder) {
        x.element("meta", [("property", "schema:accessMode")], text: "textual")
        if accessibility.hasImages { x.element("meta", [("property", "schema:accessMode")], text: "visual") }
        x.element("meta", [("property", "schema:accessModeSufficient")], text: "textual")
        var features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
        if pageBreakSource != nil { features += ["pageBreakMarkers", "pageNavigation"] }
        if accessibility.hasImages && accessibility.conforms { features.append("alternativeText") }
        for feature in features { x.element("meta", [("property", "schema:accessibilityFeature")], text: feature) }
        x.element("meta", [("property", "schema:accessibilityHazard")], text: "none")
        if let pageBreakSource { x.element("meta", [("property", "pageBreakSource")], text: pageBreakSource) }
        x.element("meta", [("property", "schema:accessibilitySummary")], text: accessibility.summary(localization: localization))
        if accessibility.conforms {
            x.element("meta", [("property", "dcterms:conformsTo")], text: "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
            x.element("meta", [("property", "a11y:certifiedBy")], text: certifier)
        }
    }
}
