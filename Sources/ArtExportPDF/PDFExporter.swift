import ArtExportCore

/// Article → PDF bytes: shape and set the text (Pango/HarfBuzz and our own line
/// breaker and paginator), then paint the pages with Cairo. One call is one
/// synchronous job that creates and frees its own font map and surface, so
/// calls can run in parallel.
public struct PDFExporter: Sendable {
    public var theme: Theme

    public init(theme: Theme = .standard) {
        self.theme = theme
    }

    /// The typeset pages without drawing them, for tests and tools.
    public func typeset(_ article: Article) throws(ExportError) -> TypesetDocument {
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
    public func export(_ article: Article, modified: UTCTime) throws(ExportError) -> [UInt8] {
        var warnings: [Diagnostic] = []
        return try export(article, modified: modified, warnings: &warnings)
    }

    /// As `export(_:modified:)`, adding a warning (naming no file) for characters
    /// no installed font can draw.
    public func export(_ article: Article, modified: UTCTime, warnings: inout [Diagnostic]) throws(ExportError) -> [UInt8] {
        try render(article, modified: modified, warnings: &warnings).bytes
    }

    /// The PDF and how many pages it has.
    private func render(_ article: Article, modified: UTCTime, warnings: inout [Diagnostic]) throws(ExportError) -> (bytes: [UInt8], pages: Int) {
        // An Article a program built may hold a NUL (Pango aborts) or a noncharacter (cairo refuses).
        let article = article.carriable
        let shaper = TextShaper(language: article.metadata.language)
        let document = try typeset(article, shaper: shaper)
        if !document.missingCharacters.isEmpty {
            let list = document.missingCharacters.prefix(8).map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: ", ")
            warnings.append(Diagnostic(file: "", line: nil, severity: .warning,
                                       message: "no installed font has \(list)\(document.missingCharacters.count > 8 ? ", …" : ""); the PDF shows a blank there (install a font that covers it, e.g. a fonts-noto-* package)"))
        }
        let m = article.metadata
        let metadata = CairoPainter.Metadata(
            title: m.title, author: m.authors.isEmpty ? nil : Localization(language: m.language).list(m.authors),
            subject: m.description, keywords: m.keywords.isEmpty ? nil : m.keywords.joined(separator: ", "),
            creator: "artexport \(ArtExport.version)", date: modified.iso8601)
        return (try CairoPainter.paint(document, shaper: shaper, metadata: metadata), document.pages.count)
    }
}

extension PDFExporter: FormatWriter {
    public var format: ExportJob.Format { .pdf }

    /// Every family the theme names must be installed: fontconfig would put
    /// another font in its place without a word.
    public func check(_ theme: Theme) throws(ExportError) {
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

    public func write(_ article: Article, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput {
        var warnings: [Diagnostic] = []
        let pdf = try PDFExporter(theme: theme).render(article, modified: modified, warnings: &warnings)
        return WrittenOutput(bytes: pdf.bytes, warnings: warnings, pages: pdf.pages)
    }
}
