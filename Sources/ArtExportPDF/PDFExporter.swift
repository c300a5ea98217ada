import ArtExportCore
import Dispatch

/// Article → PDF bytes: shape and set the text (Pango/HarfBuzz and our own line
/// breaker and paginator), then paint the pages with Cairo. One call is one
/// synchronous job that creates and frees its own font map and surface, so
/// calls can run in parallel.
package struct PDFExporter: Sendable {
    package var theme: Theme

    package init(theme: Theme = .standard) {
        self.theme = theme
    }

    /// The typeset pages without drawing them, for tests and tools.
    package func typeset(_ article: Article) throws(ExportError) -> TypesetDocument {
        let shaper = TextShaper(language: article.metadata.language)
        return try typeset(article.carriable, shaper: shaper)
    }

    /// `article` must be `carriable` already (both public entry points make it so, once).
    private func typeset(_ article: Article, shaper: TextShaper) throws(ExportError) -> TypesetDocument {
        let p = theme.paragraphs
        let hyphenator = p.hyphenate ? Hyphenator(language: article.metadata.language, leftMin: p.hyphenMinBefore, rightMin: p.hyphenMinAfter) : nil
        var document = try Typesetter(article: article, style: theme.pdf, shaper: shaper, hyphenator: hyphenator).typeset()
        document.fontNames = (0..<shaper.fontCount).map(shaper.describe)
        return document
    }

    /// - Parameter modified: the document's creation and modification date.
    package func export(_ article: Article, modified: UTCTime) throws(ExportError) -> [UInt8] {
        var warnings: [Diagnostic] = []
        return try export(article, modified: modified, warnings: &warnings)
    }

    /// As `export(_:modified:)`, adding a warning (naming no file) for characters
    /// no installed font can draw.
    package func export(_ article: Article, modified: UTCTime, warnings: inout [Diagnostic]) throws(ExportError) -> [UInt8] {
        var pageMap = PageMap(pages: [])
        return try export(article, modified: modified, warnings: &warnings, pageMap: &pageMap)
    }

    /// As `export(_:modified:warnings:)`, giving where each page begins in the article.
    package func export(_ article: Article, modified: UTCTime, warnings: inout [Diagnostic], pageMap: inout PageMap) throws(ExportError) -> [UInt8] {
        // An Article a program built may hold a NUL (Pango aborts) or a noncharacter (cairo refuses).
        let article = article.carriable
        // The hyphenation dictionary loads on another core while fontconfig and Pango
        // start (German: 12 ms from its cache, fontconfig 6-9 ms); `typeset` then finds
        // it loaded, or waits for it (HyphenDictionary.shared loads a file once).
        let p = theme.paragraphs
        if p.hyphenate {
            let language = article.metadata.language
            DispatchQueue.global().async { _ = Hyphenator(language: language, leftMin: p.hyphenMinBefore, rightMin: p.hyphenMinAfter) }
        }
        let shaper = TextShaper(language: article.metadata.language)
        let document = try typeset(article, shaper: shaper)
        pageMap = document.pageMap
        Self.warnMissing(document, &warnings)
        let m = article.metadata
        let metadata = CairoPainter.Metadata(
            title: m.title, authors: m.authors,
            subject: m.description, keywords: m.keywords.isEmpty ? nil : m.keywords.joined(separator: ", "),
            creator: "artexport \(ArtExport.version)", date: modified.iso8601, language: m.language)
        return try CairoPainter.paint(document, shaper: shaper, metadata: metadata)
    }
}

extension PDFExporter {
    /// An issue's pages, typeset: cover, contents, articles.
    package func typeset(_ issue: Issue) throws(ExportError) -> TypesetDocument {
        let shaper = TextShaper(language: issue.metadata.language)
        var document = try IssueTypesetter(issue: issue, style: theme.pdf, shaper: shaper).typeset()
        document.fontNames = (0..<shaper.fontCount).map(shaper.describe)
        return document
    }

    /// An issue as one PDF; a warning (naming no file) for characters no installed font can draw.
    package func export(_ issue: Issue, modified: UTCTime, warnings: inout [Diagnostic]) throws(ExportError) -> [UInt8] {
        var pageMap = PageMap(pages: [])
        return try export(issue, modified: modified, warnings: &warnings, pageMap: &pageMap)
    }

    package func export(_ issue: Issue, modified: UTCTime, warnings: inout [Diagnostic], pageMap: inout PageMap) throws(ExportError) -> [UInt8] {
        let shaper = TextShaper(language: issue.metadata.language)
        let document = try IssueTypesetter(issue: issue, style: theme.pdf, shaper: shaper).typeset()
        pageMap = document.pageMap
        Self.warnMissing(document, &warnings)
        let m = issue.metadata
        let metadata = CairoPainter.Metadata(
            title: m.displayTitle, authors: issue.authors,
            subject: m.description, keywords: nil, creator: "artexport \(ArtExport.version)", date: modified.iso8601,
            language: m.language)
        return try CairoPainter.paint(document, shaper: shaper, metadata: metadata)
    }

    private static func warnMissing(_ document: TypesetDocument, _ warnings: inout [Diagnostic]) {
        guard !document.missingCharacters.isEmpty else { return }
        let list = document.missingCharacters.prefix(8).map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: ", ")
        warnings.append(Diagnostic(file: "", line: nil, severity: .warning,
                                   message: "no installed font has \(list)\(document.missingCharacters.count > 8 ? ", …" : ""); the PDF shows a blank there (install a font that covers it, e.g. a fonts-noto-* package)"))
    }
}

extension PDFExporter: FormatWriter {
    package var format: ExportJob.Format { .pdf }

    /// Every family the theme names must be installed: fontconfig would put
    /// another font in its place without a word.
    package func check(_ theme: Theme) throws(ExportError) {
        let f = theme.fonts
        for (key, families) in [("fonts.body", f.body), ("fonts.headings", f.headings), ("fonts.captions", f.captions),
                                ("fonts.code", f.code), ("fonts.furniture", f.furniture), ("fonts.fallback", f.fallback)] {
            for family in Theme.Fonts.installed(families) where !FontConfiguration.hasFamily(family) {
                let origin = theme.origins[key]
                throw ExportError(.badInput, file: origin?.file ?? theme.name, line: origin?.line,
                                  "`\(key)`: no installed font provides the family `\(family)` (`fc-list : family` lists them; Debian's fonts-* packages add more)")
            }
        }
    }

    package var paginates: Bool { true }

    /// fontconfig's configuration, read while the inputs are: its files and font
    /// cache took 6-9 ms of a one-article export.
    package func prepare() {
        FontConfiguration.prepare()
    }

    package func write(_ article: Article, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput {
        var warnings: [Diagnostic] = []
        var pageMap = PageMap(pages: [])
        let bytes = try PDFExporter(theme: theme).export(article, modified: modified, warnings: &warnings, pageMap: &pageMap)
        return WrittenOutput(bytes: bytes, warnings: warnings, pageMap: pageMap, pages: pageMap.pageCount)
    }

    package func write(_ issue: Issue, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput {
        var warnings: [Diagnostic] = []
        var pageMap = PageMap(pages: [])
        let bytes = try PDFExporter(theme: theme).export(issue, modified: modified, warnings: &warnings, pageMap: &pageMap)
        return WrittenOutput(bytes: bytes, warnings: warnings, pageMap: pageMap, pages: pageMap.pageCount)
    }
}
