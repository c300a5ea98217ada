import ArtExportCore

/// Article → EPUB 3 bytes: renders the package's parts and zips them in a fixed
/// order with fixed timestamps, so equal inputs give equal bytes.
///
/// The EPUB writer on its own, for a program that writes no PDF and so links no
/// graphics library (the `ArtExportEPUB` product); `Exporter` in ArtExportKit
/// writes both editions.
public struct EPUBExporter: Sendable {
    package var theme: Theme

    public init(theme: Theme = .standard) {
        self.theme = theme
    }

    /// The article as an EPUB 3 package. `sourceDateEpoch`: seconds since 1970 stamped
    /// into the file (reproducible builds); nil: the article's date, else now.
    public func export(_ article: Article, sourceDateEpoch: Int64? = nil) throws(ExportError) -> [UInt8] {
        try export(article, modified: ArtExport.timestamp(for: article.metadata.date, sourceDateEpoch: sourceDateEpoch))
    }

    /// A whole issue as one EPUB: its cover, contents and one document per article.
    public func export(_ issue: Issue, sourceDateEpoch: Int64? = nil) throws(ExportError) -> [UInt8] {
        try export(issue, modified: ArtExport.timestamp(for: issue.metadata.date, sourceDateEpoch: sourceDateEpoch))
    }

    /// - Parameter modified: the `dcterms:modified` time, also every ZIP entry's timestamp.
    /// - Parameter pageMap: where the PDF edition's pages begin (`PDFExporter`), for page
    ///   markers and a page list; nil: none.
    package func export(_ article: Article, modified: UTCTime, pageMap: PageMap? = nil) throws(ExportError) -> [UInt8] {
        var publication = Publication(article: article.carriable, modified: modified, generator: Self.generator, theme: theme)
        if let pageMap { publication.pageBreaks = PageBreaks(pageMap, article: 0) }
        return try package(publication)
    }

    static let generator = "artexport \(ArtExport.version)"

    /// The publication's parts and image files, zipped.
    func package(_ publication: Publication) throws(ExportError) -> [UInt8] {
        try Self.check(publication.article, images: publication.images)
        let content = render(content: publication)
        // The subsets keep what the documents show, and the manifest lists them:
        // documents, then fonts, then the package document.
        let fonts = try theme.embeddedFaces.isEmpty ? nil : FontEmbedding(
            faces: theme.embeddedFaces,
            scalars: FontEmbedding.scalars(shownIn: [content.documents.titlePage, content.documents.body, content.nav],
                                           article: publication.article))
        let parts = render(publication, content, fonts: fonts?.files ?? [])
        let styleSheet = fonts.map { $0.styleSheet(theme.epubCSS) } ?? theme.epubCSS
        return try Self.archive(opf: parts.opf, nav: parts.nav, ncx: parts.ncx, styleSheet: styleSheet,
                                documents: [(Publication.titlePageFile, parts.titlePage), (Publication.contentFile, parts.xhtml)],
                                images: publication.images, fonts: fonts?.files ?? [], modified: publication.modified)
    }

    /// An issue as one EPUB: the cover, the contents (the navigation document, in
    /// the spine), then one document per article.
    package func export(_ issue: Issue, modified: UTCTime, pageMap: PageMap? = nil) throws(ExportError) -> [UInt8] {
        let publication = IssuePublication(issue: issue, modified: modified, generator: Self.generator, theme: theme, pageMap: pageMap)
        var documents: [(String, String)] = [(IssuePublication.coverFile, IssueCover.page(publication))]
        var checks: [AccessibilityCheck] = []
        for (article, file) in publication.articles {
            do {
                try Self.check(article.article, images: article.images)
            } catch {
                throw ExportError(error.kind, "the article “\(article.article.metadata.title)”: \(error.diagnostic.message)")
            }
            let (document, unmarked) = XHTMLWriter(publication: article).articleDocument()
            documents.append((file, document))
            checks.append(AccessibilityCheck(article: article.article, unmarked: unmarked))
        }
        let navigation = Navigation(content: publication.navigation)
        let nav = navigation.navDocument()
        let fonts = try theme.embeddedFaces.isEmpty ? nil : FontEmbedding(
            faces: theme.embeddedFaces,
            scalars: FontEmbedding.scalars(shownIn: documents.map(\.1) + [nav], articles: publication.articles.map(\.publication.article)))
        let opf = IssuePackageDocument(publication: publication, accessibility: AccessibilityCheck(merging: checks), fonts: fonts?.files ?? [],
                                       pageBreakSource: pageMap.map { _ in "\(issue.metadata.displayTitle) (PDF)" }).document()
        let styleSheet = fonts.map { $0.styleSheet(theme.epubCSS) } ?? theme.epubCSS
        return try Self.archive(opf: opf, nav: nav, ncx: navigation.ncxDocument(), styleSheet: styleSheet, documents: documents,
                                images: publication.images, fonts: fonts?.files ?? [], modified: modified)
    }

    /// The package's files zipped in a fixed order: documents, then images, then fonts.
    private static func archive(opf: String, nav: String, ncx: String, styleSheet: String, documents: [(String, String)],
                                images: [PackagedImage], fonts: [FontEmbedding.File], modified: UTCTime) throws(ExportError) -> [UInt8] {
        let dir = Publication.packageDirectory
        let entries: [ZipArchive.Entry] = [
            .init(name: "mimetype", bytes: Array("application/epub+zip".utf8), compression: .store),
            .init(name: "META-INF/container.xml", bytes: Array(Self.container.utf8), compression: .deflate),
            .init(name: "\(dir)/\(Publication.packageFile)", bytes: Array(opf.utf8), compression: .deflate),
            .init(name: "\(dir)/\(Publication.navFile)", bytes: Array(nav.utf8), compression: .deflate),
            .init(name: "\(dir)/\(Publication.ncxFile)", bytes: Array(ncx.utf8), compression: .deflate),
            .init(name: "\(dir)/\(Publication.styleFile)", bytes: Array(styleSheet.utf8), compression: .deflate),
        ] + documents.map { .init(name: "\(dir)/\($0.0)", bytes: Array($0.1.utf8), compression: .deflate) }
          + images.map { .init(name: "\(dir)/\($0.href)", bytes: $0.resource.bytes, compression: $0.resource.mediaType.compression) }
          + fonts.map { .init(name: "\(dir)/\($0.href)", bytes: $0.bytes, compression: FontEmbedding.compression) }
        do {
            return try ZipArchive.build(entries, time: ZipArchive.Timestamp(modified))
        } catch {
            throw ExportError(.internalError, "packaging the EPUB failed: \(error.message)")
        }
    }

    /// What the model can hold but an EPUB cannot carry yet, as an error that says so.
    static func check(_ article: Article, images packaged: [PackagedImage]) throws(ExportError) {
        var images: [Image] = []
        var references: [String] = []
        InlineWalk.visit(article.blocks + article.bio + article.footnotes.flatMap(\.blocks)) { inline in
            switch inline {
            case .image(let image) where !packaged.contains(where: { $0.source == image.source }): images.append(image)
            case .footnoteReference(let id): references.append(id)
            default: break
            }
        }
        // An <img> needs its file in the package (a remote or absent one is an EPUBCheck
        // error): an image whose bytes the reader did not supply cannot be packaged.
        if let first = images.first {
            let more = images.count > 1 ? " (and \(images.count - 1) more)" : ""
            throw ExportError(.badInput, "images cannot be packaged in EPUB without their bytes: `\(first.source)`\(more) would be a link to a file the EPUB does not hold; give the image its ImageResource (the Markdown reader reads it from the file), or remove it")
        }
        let defined = Set(article.footnotes.map(\.id))
        if let missing = references.first(where: { !defined.contains($0) }) {
            throw ExportError(.badInput, "a footnote reference names `\(missing)`, which no footnote defines; add the footnote or remove the reference")
        }
    }

    /// The text files of the package, for tests and golden files.
    package struct Parts: Sendable, Equatable {
        package var opf: String
        package var nav: String
        package var ncx: String
        /// `text/titlepage.xhtml`, the first spine document.
        package var titlePage: String
        /// `text/article.xhtml`, the body: the second spine document.
        package var xhtml: String
    }

    package func parts(of article: Article, modified: UTCTime, pageMap: PageMap? = nil) -> Parts {
        var publication = Publication(article: article.carriable, modified: modified, generator: Self.generator, theme: theme)
        if let pageMap { publication.pageBreaks = PageBreaks(pageMap, article: 0) }
        return render(publication)
    }

    private func render(_ publication: Publication) -> Parts {
        render(publication, render(content: publication))
    }

    /// The documents a reader sees, and what the package document needs of them.
    private struct Content {
        var documents: XHTMLWriter.Documents
        var accessibility: AccessibilityCheck
        var nav: String
        var ncx: String
    }

    private func render(content publication: Publication) -> Content {
        let documents = XHTMLWriter(publication: publication).documents()
        let navigation = Navigation(publication: publication)
        return Content(documents: documents,
                       accessibility: AccessibilityCheck(article: publication.article, unmarked: documents.unmarked),
                       nav: navigation.navDocument(), ncx: navigation.ncxDocument())
    }

    private func render(_ publication: Publication, _ content: Content, fonts: [FontEmbedding.File] = []) -> Parts {
        Parts(
            opf: PackageDocument(publication: publication, accessibility: content.accessibility, fonts: fonts).document(),
            nav: content.nav,
            ncx: content.ncx,
            titlePage: content.documents.titlePage,
            xhtml: content.documents.body
        )
    }

    static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
          <rootfiles>
            <rootfile full-path="\(Publication.packageDirectory)/\(Publication.packageFile)" media-type="application/oebps-package+xml"/>
          </rootfiles>
        </container>

        """

    /// The entries of an EPUB (or any ZIP), for tests and tools that look inside.
    package static func entries(of epub: [UInt8]) throws(ExportError) -> [(name: String, bytes: [UInt8])] {
        do {
            return try ZipArchive.read(epub)
        } catch {
            throw ExportError(.badInput, "not a readable ZIP archive: \(error.message)")
        }
    }
}

extension EPUBExporter: FormatWriter {
    package var format: ExportJob.Format { .epub }

    package func write(_ article: Article, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput {
        try write(article, theme: theme, modified: modified, pageMap: nil)
    }

    package func write(_ issue: Issue, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput {
        try write(issue, theme: theme, modified: modified, pageMap: nil)
    }

    /// With the PDF's page map: page markers and a page list.
    package func write(_ article: Article, theme: Theme, modified: UTCTime, pageMap: PageMap?) throws(ExportError) -> WrittenOutput {
        WrittenOutput(bytes: try EPUBExporter(theme: theme).export(article, modified: modified, pageMap: pageMap))
    }

    package func write(_ issue: Issue, theme: Theme, modified: UTCTime, pageMap: PageMap?) throws(ExportError) -> WrittenOutput {
        WrittenOutput(bytes: try EPUBExporter(theme: theme).export(issue, modified: modified, pageMap: pageMap))
    }

    /// The faces a theme embeds must be installed and licensed for embedding.
    package func check(_ theme: Theme) throws(ExportError) {
        try FontEmbedding.check(theme)
    }

    /// Opens libzip (about 2 ms with what it brings).
    package func prepare() {
        ZipArchive.prepare()
    }
}
