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
        PackageDocument.opening(language: p.language.value, identifier: p.identifier, title: m.displayTitle, fonts: !fonts.isEmpty, &x)
        x.element("meta", [("property", "belongs-to-collection"), ("id", "series")], text: m.newsletter)
        x.element("meta", [("refines", "#series"), ("property", "collection-type")], text: "series")
        if let number = m.number { x.element("meta", [("refines", "#series"), ("property", "group-position")], text: String(number)) }
        if let issn = m.issn { x.element("meta", [("refines", "#series"), ("property", "dcterms:identifier")], text: "urn:issn:\(issn)") }
        PackageDocument.creators(p.issue.authors, &x)
        var languages = [p.language.value]
        for article in p.issue.articles where !languages.contains(article.metadata.language.value) { languages.append(article.metadata.language.value) }
        PackageDocument.dublinCore(languages: languages, date: m.date, subjects: [], description: m.description, publisher: m.publisher,
                                   modified: p.modified, &x)
        PackageDocument.accessibilityMetadata(accessibility, localization: p.localization, certifier: m.publisher ?? p.generator,
                                              pageBreakSource: pageBreakSource, &x)
        PackageDocument.closingMetadata(fonts: !fonts.isEmpty, coverImage: p.cover.id, generator: p.generator, &x)
        let articles = p.articles.indices.map { "article-\($0 + 1)" }
        PackageDocument.manifest(documents: [("cover-page", IssuePublication.coverFile)] + zip(articles, p.articles.map(\.file)).map { ($0, $1) },
                                 images: p.images, coverImage: p.cover.id, fonts: fonts, &x)
        PackageDocument.spine(["cover-page", "nav"] + articles, rightToLeft: p.language.isRightToLeft, &x)
        return x.output
    }
}
