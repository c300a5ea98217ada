/// An output format's writer. The export job is handed the writers a program
/// links (`ExportOptions.writers`): an EPUB-only program then depends on the core
/// and the EPUB writer alone, and never loads the PDF typesetter's libraries.
public protocol FormatWriter: Sendable {
    var format: ExportJob.Format { get }

    /// The article as one output file. Errors and warnings name no file (the
    /// job that runs the writer knows its input and adds it, in one place).
    func write(_ article: Article, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput

    /// Loads what `write` will need (a shared library), so a program can do it
    /// while it reads its inputs. Optional: `write` loads it anyway. Thread-safe.
    func prepare()

    /// Refuses a theme this writer cannot honour (a font family no installed font
    /// provides), before any export starts; the error names the theme file and line.
    func check(_ theme: Theme) throws(ExportError)
}

extension FormatWriter {
    public func prepare() {}
    public func check(_ theme: Theme) throws(ExportError) {}
}

/// What a writer made of one article.
public struct WrittenOutput: Sendable {
    public var bytes: [UInt8]
    /// Such as characters no installed font can draw; `file` is empty.
    public var warnings: [Diagnostic]
    /// How many pages the output has, for a paged format (PDF); nil for EPUB,
    /// which the reading system paginates.
    public var pages: Int?

    public init(bytes: [UInt8], warnings: [Diagnostic] = [], pages: Int? = nil) {
        self.bytes = bytes
        self.warnings = warnings
        self.pages = pages
    }
}
