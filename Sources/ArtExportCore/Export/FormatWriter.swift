/// An output format's writer. The export job is handed the writers a program
/// links (`ExportOptions.writers`): an EPUB-only program then depends on the core
/// and the EPUB writer alone, and never loads the PDF typesetter's libraries.
package protocol FormatWriter: Sendable {
    var format: ExportJob.Format { get }

    /// The article as one output file. Errors and warnings name no file (the
    /// job that runs the writer knows its input and adds it, in one place).
    func write(_ article: Article, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput

    /// A whole issue as one output file, errors and warnings as `write`'s.
    func write(_ issue: Issue, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput

    /// As `write`, given where a paginated edition of the same run begins its pages
    /// (a reflowable format marks them); writers without a use for it ignore it.
    func write(_ article: Article, theme: Theme, modified: UTCTime, pageMap: PageMap?) throws(ExportError) -> WrittenOutput
    func write(_ issue: Issue, theme: Theme, modified: UTCTime, pageMap: PageMap?) throws(ExportError) -> WrittenOutput

    /// Whether this writer's output carries a page map for the others (a PDF's).
    var paginates: Bool { get }

    /// Loads what `write` will need (a shared library), so a program can do it
    /// while it reads its inputs. Optional: `write` loads it anyway. Thread-safe.
    func prepare()

    /// Refuses a theme this writer cannot honour (a font family no installed font
    /// provides), before any export starts; the error names the theme file and line.
    func check(_ theme: Theme) throws(ExportError)
}

extension FormatWriter {
    package func write(_ article: Article, theme: Theme, modified: UTCTime, pageMap: PageMap?) throws(ExportError) -> WrittenOutput {
        try write(article, theme: theme, modified: modified)
    }

    package func write(_ issue: Issue, theme: Theme, modified: UTCTime, pageMap: PageMap?) throws(ExportError) -> WrittenOutput {
        try write(issue, theme: theme, modified: modified)
    }

    package var paginates: Bool { false }

    package func write(_ issue: Issue, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput {
        throw ExportError(.unavailable, "the \(format.rawValue.uppercased()) writer cannot write a whole issue")
    }

    package func prepare() {}
    package func check(_ theme: Theme) throws(ExportError) {}
}

/// What a writer made of one article.
package struct WrittenOutput: Sendable {
    package var bytes: [UInt8]
    /// Such as characters no installed font can draw; `file` is empty.
    package var warnings: [Diagnostic]
    /// Where a paginated output's pages begin (a PDF's), for the other outputs of the run.
    package var pageMap: PageMap?
    /// How many pages the output has, for a paged format (PDF); nil for EPUB,
    /// which the reading system paginates.
    package var pages: Int?

    package init(bytes: [UInt8], warnings: [Diagnostic] = [], pageMap: PageMap? = nil, pages: Int? = nil) {
        self.bytes = bytes
        self.warnings = warnings
        self.pageMap = pageMap
        self.pages = pages
    }
}
