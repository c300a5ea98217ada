/// A newsletter system's way into artexport: read an article or an issue, export
/// it as EPUB and PDF to bytes or to files, or run a batch with progress.
///
/// One `Exporter` holds the settings every export shares — the theme and the
/// time stamped into the files — and is a plain value: copy it, send it to other
/// tasks, use it from several at once. Each call is one synchronous job that
/// creates and frees its own C objects.
///
/// ```swift
/// let exporter = try Exporter(themeNamed: "newsletter", sourceDateEpoch: 1_700_000_000)
/// let (article, warnings) = try exporter.article(contentsOf: "story.md")
/// let editions = try exporter.editions(of: article)   // the EPUB lists the PDF's pages
/// ```
public struct Exporter: Sendable {
    /// The look of both editions.
    public var theme: Theme
    /// Seconds since 1970 stamped into every output (reproducible builds); nil: the
    /// article's or issue's date, else the current time.
    public var sourceDateEpoch: Int64?
    /// The largest input read, in bytes (an issue's articles together).
    public var inputLimit: Int = ArtExport.defaultInputLimit

    public init(theme: Theme = .standard, sourceDateEpoch: Int64? = nil) {
        self.theme = theme
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// With a shipped theme by name (`ThemeLoader.catalog()`) or a theme folder,
    /// checked against the installed fonts before anything is exported.
    public init(themeNamed name: String, sourceDateEpoch: Int64? = nil) throws(ExportError) {
        self.init(theme: try ThemeLoader.load(name), sourceDateEpoch: sourceDateEpoch)
        for writer in ExportOptions.allWriters { try writer.check(theme) }
    }

    // MARK: Reading

    /// An article from its text. `name` names it in messages (`name:line: …`).
    public func article(from text: String, name: String = "article", format: ArtExport.InputFormat = .articleText)
        throws(ExportError) -> (article: Article, warnings: [Diagnostic]) {
        try ArtExport.article(from: text, name: name, format: format, limit: inputLimit)
    }

    /// An article from its bytes (strict UTF-8), such as a newsletter system's store holds.
    public func article(from bytes: [UInt8], name: String = "article", format: ArtExport.InputFormat = .articleText)
        throws(ExportError) -> (article: Article, warnings: [Diagnostic]) {
        try ArtExport.article(from: bytes, name: name, format: format, limit: inputLimit)
    }

    /// An article from a file: its format by its extension, a Markdown article's images from its folder.
    public func article(contentsOf path: String) throws(ExportError) -> (article: Article, warnings: [Diagnostic]) {
        try ArtExport.article(contentsOf: path, limit: inputLimit)
    }

    /// An issue from its issue file (YAML, docs/issues.md) and the articles it lists,
    /// then `moreArticles` in a section of their own.
    public func issue(contentsOf path: String, moreArticles: [String] = []) throws(ExportError) -> (issue: Issue, warnings: [Diagnostic]) {
        try ArtExport.issue(contentsOf: path, moreArticles: moreArticles, theme: theme, limit: inputLimit)
    }

    // MARK: Exporting to bytes

    /// The article as an EPUB 3 package.
    public func epub(of article: Article) throws(ExportError) -> [UInt8] {
        try EPUBExporter(theme: theme).export(article, modified: time(article.metadata.date))
    }

    /// The article as a typeset PDF; `warnings` gets characters no installed font has.
    public func pdf(of article: Article, warnings: inout [Diagnostic]) throws(ExportError) -> [UInt8] {
        try PDFExporter(theme: theme).export(article, modified: time(article.metadata.date), warnings: &warnings)
    }

    /// A whole issue as one EPUB: its cover, contents and one document per article.
    public func epub(of issue: Issue) throws(ExportError) -> [UInt8] {
        try EPUBExporter(theme: theme).export(issue, modified: time(issue.metadata.date))
    }

    /// A whole issue as one PDF: cover, contents, each article's pages numbered on.
    public func pdf(of issue: Issue, warnings: inout [Diagnostic]) throws(ExportError) -> [UInt8] {
        try PDFExporter(theme: theme).export(issue, modified: time(issue.metadata.date), warnings: &warnings)
    }

    /// Both editions, the EPUB marking where each PDF page begins and listing the pages.
    public func editions(of article: Article) throws(ExportError) -> Editions {
        var warnings: [Diagnostic] = []
        var map = PageMap(pages: [])
        let modified = time(article.metadata.date)
        let pdf = try PDFExporter(theme: theme).export(article, modified: modified, warnings: &warnings, pageMap: &map)
        let epub = try EPUBExporter(theme: theme).export(article, modified: modified, pageMap: map)
        return Editions(epub: epub, pdf: pdf, pages: map.pageCount, warnings: warnings)
    }

    /// Both editions of a whole issue: cover, contents, one document (or run of pages) per article.
    public func editions(of issue: Issue) throws(ExportError) -> Editions {
        var warnings: [Diagnostic] = []
        var map = PageMap(pages: [])
        let modified = time(issue.metadata.date)
        let pdf = try PDFExporter(theme: theme).export(issue, modified: modified, warnings: &warnings, pageMap: &map)
        let epub = try EPUBExporter(theme: theme).export(issue, modified: modified, pageMap: map)
        return Editions(epub: epub, pdf: pdf, pages: map.pageCount, warnings: warnings)
    }

    /// An EPUB and a PDF made together.
    public struct Editions: Sendable {
        public var epub: [UInt8]
        public var pdf: [UInt8]
        /// The PDF's page count.
        public var pages: Int
        /// Such as characters no installed font has; they name no file.
        public var warnings: [Diagnostic]
    }

    // MARK: Exporting to files

    /// Exports one article file, or an issue file (`.yaml`, `.yml`), to its outputs,
    /// named by `naming` (beside the input by default). Nothing is left behind on failure.
    public func export(_ path: String, formats: [ExportJob.Format], naming: OutputNaming? = nil) -> ExportJob.Result {
        batch([path], formats: formats, naming: naming, jobs: 1).first!
    }

    /// Exports many inputs, `jobs` at once, each to its outputs: a bad input fails
    /// alone, the others are written; results come back in input order, and the
    /// files are the same for any number of jobs. `progress` hears each input start
    /// and finish, from the threads that run them.
    ///
    /// Before anything is written, every output is checked against every input and
    /// every other output: a clash fails the whole batch with a usage error (64).
    public func batch(_ paths: [String], formats: [ExportJob.Format], naming: OutputNaming? = nil, jobs: Int = Machine.cores,
                      progress: Batch.ProgressHandler? = nil) -> [ExportJob.Result] {
        var naming = naming ?? OutputNaming(formats: formats)
        naming.formats = formats
        var exportJobs: [ExportJob] = []
        var failures: [Int: ExportError] = [:]
        for (n, path) in paths.enumerated() {
            let file = LocalPath(path)
            let outputs = naming.outputs(for: file)
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                do {
                    let issue = try IssueFile(path: file, fallbackNewsletter: theme.newsletter, limit: inputLimit)
                    exportJobs.append(ExportJob(input: .issue(issue), outputs: outputs))
                } catch {
                    failures[n] = error
                    exportJobs.append(ExportJob(input: .file(file), outputs: []))
                }
            } else {
                exportJobs.append(ExportJob(input: .file(file), outputs: outputs))
            }
        }
        let clashes = OutputPlan.clashes(in: exportJobs, otherInputs: theme.files.map { LocalPath($0) })
        if !clashes.isEmpty {
            let error = ExportError(.usage, clashes.joined(separator: "\n"))
            return exportJobs.map { ExportJob.Result(input: $0.input.name, failure: error) }
        }
        if let folder = naming.folder, !FileIO.isDirectory(folder) {
            do { try FileIO.makeDirectory(folder) } catch {
                return exportJobs.map { ExportJob.Result(input: $0.input.name, failure: error) }
            }
        }
        let options = ExportOptions(writers: ExportOptions.allWriters, theme: theme, sourceDateEpoch: sourceDateEpoch, inputLimit: inputLimit)
        let runnable = exportJobs.indices.filter { failures[$0] == nil }
        var results = Batch.runSynchronously(runnable.map { exportJobs[$0] }, options: options, parallelism: jobs, progress: progress)[...]
        return exportJobs.indices.map { n in
            if let error = failures[n] { return ExportJob.Result(input: exportJobs[n].input.name, failure: error) }
            return results.removeFirst()
        }
    }

    private func time(_ date: ArticleDate?) -> UTCTime {
        ArtExport.timestamp(for: date, sourceDateEpoch: sourceDateEpoch)
    }
}
