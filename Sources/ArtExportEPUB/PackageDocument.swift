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
        Self.opening(language: p.language, identifier: p.identifier, title: m.title, fonts: !fonts.isEmpty, &x)
        if let subtitle = m.subtitle {
            x.element("dc:title", [("id", "subtitle")], text: subtitle)
            x.element("meta", [("refines", "#subtitle"), ("property", "title-type")], text: "subtitle")
        }
        Self.creators(m.authors, &x)
        Self.dublinCore(languages: [p.language], date: m.date, subjects: m.keywords, description: m.description, publisher: m.publisher,
                        modified: p.modified, &x)
        Self.accessibilityMetadata(accessibility, localization: p.localization, certifier: m.publisher ?? p.generator,
                                   pageBreakSource: p.pageBreaks.pages.isEmpty ? nil : "\(m.title) (PDF)", &x)
        Self.closingMetadata(fonts: !fonts.isEmpty, coverImage: nil, generator: p.generator, &x)
        Self.manifest(documents: [("titlepage", Publication.titlePageFile), ("article", Publication.contentFile)],
                      images: p.images, coverImage: nil, fonts: fonts, &x)
        Self.spine(["titlepage", "article"], rightToLeft: m.language.isRightToLeft, &x)
        return x.output
    }

    // MARK: What an article's and an issue's package documents share

    /// The package element, the metadata's opening, the identifier and the main title.
    static func opening(language: String, identifier: String, title: String, fonts: Bool, _ x: inout XMLBuilder) {
        // Apple Books sets a book in its own fonts unless told the book specifies
        // some (the reader can still pick another); the prefix is not a reserved one.
        let ibooks = fonts ? [("prefix", "ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/")] : []
        x.open("package", [("xmlns", "http://www.idpf.org/2007/opf"), ("version", "3.0"),
                           ("unique-identifier", "uid"), ("xml:lang", language)] + ibooks)
        x.open("metadata", [("xmlns:dc", "http://purl.org/dc/elements/1.1/")])
        x.element("dc:identifier", [("id", "uid")], text: identifier)
        x.element("dc:title", [("id", "title")], text: title)
        x.element("meta", [("refines", "#title"), ("property", "title-type")], text: "main")
    }

    /// One `dc:creator` per author, in order, each an author (`aut`) at its place.
    static func creators(_ authors: [String], _ x: inout XMLBuilder) {
        for (i, author) in authors.enumerated() {
            x.element("dc:creator", [("id", "creator\(i + 1)")], text: author)
            x.element("meta", [("refines", "#creator\(i + 1)"), ("property", "role"), ("scheme", "marc:relators")], text: "aut")
            x.element("meta", [("refines", "#creator\(i + 1)"), ("property", "display-seq")], text: String(i + 1))
        }
    }

    /// The languages, date, subjects, description, publisher and the modification time.
    static func dublinCore(languages: [String], date: ArticleDate?, subjects: [String], description: String?, publisher: String?,
                           modified: UTCTime, _ x: inout XMLBuilder) {
        for language in languages { x.element("dc:language", text: language) }
        if let date { x.element("dc:date", text: date.w3cdtf) }
        for subject in subjects { x.element("dc:subject", text: subject) }
        if let description { x.element("dc:description", text: description) }
        if let publisher { x.element("dc:publisher", text: publisher) }
        x.element("meta", [("property", "dcterms:modified")], text: modified.iso8601)
    }

    /// The metadata's end: the fonts flag, the EPUB 2 cover pointer (`coverImage`, an image's id), the generator.
    static func closingMetadata(fonts: Bool, coverImage: String?, generator: String, _ x: inout XMLBuilder) {
        if fonts { x.element("meta", [("property", "ibooks:specified-fonts")], text: "true") }
        if let coverImage { x.empty("meta", [("name", "cover"), ("content", coverImage)]) }
        x.empty("meta", [("name", "generator"), ("content", generator)])
        x.close("metadata")
    }

    /// The navigation, NCX and style sheet, then the content documents, the images
    /// (the one whose id is `coverImage` marked as the cover) and the fonts.
    static func manifest(documents: [(id: String, href: String)], images: [PackagedImage], coverImage: String?, fonts: [FontEmbedding.File],
                         _ x: inout XMLBuilder) {
        x.open("manifest")
        x.empty("item", [("id", "nav"), ("href", Publication.navFile), ("media-type", "application/xhtml+xml"), ("properties", "nav")])
        x.empty("item", [("id", "ncx"), ("href", Publication.ncxFile), ("media-type", "application/x-dtbncx+xml")])
        x.empty("item", [("id", "css"), ("href", Publication.styleFile), ("media-type", "text/css")])
        for document in documents {
            x.empty("item", [("id", document.id), ("href", document.href), ("media-type", "application/xhtml+xml")])
        }
        for image in images {
            x.empty("item", [("id", image.id), ("href", image.href), ("media-type", image.resource.mediaType.rawValue)]
                    + (image.id == coverImage ? [("properties", "cover-image")] : []))
        }
        for font in fonts {
            x.empty("item", [("id", font.id), ("href", font.href), ("media-type", font.mediaType)])
        }
        x.close("manifest")
    }

    /// The reading order, by manifest id, then the package's end.
    static func spine(_ ids: [String], rightToLeft: Bool, _ x: inout XMLBuilder) {
        x.open("spine", [("toc", "ncx")] + (rightToLeft ? [("page-progression-direction", "rtl")] : []))
        for id in ids { x.empty("itemref", [("idref", id)]) }
        x.close("spine")
        x.close("package")
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
