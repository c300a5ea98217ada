/// The library's front door: read an article, export it.
public enum ArtExport {
    public static let version = "0.1.0"

    /// The input formats artexport reads.
    public enum InputFormat: String, Sendable, CaseIterable {
        /// The newsletter article format (FORMAT.md).
        case articleText = "article"
        /// CommonMark with GitHub's extensions and YAML front matter.
        case markdown

        /// By the file's extension: `.md` and `.markdown` are Markdown, anything
        /// else (`.txt`, none) the article format.
        package init(forFile path: LocalPath) {
            let name = path.lastComponent.bytes
            let ext = name.lastIndex(of: UInt8(ascii: ".")).map { String(decoding: name[($0 + 1)...], as: UTF8.self).lowercased() }
            self = ext == "md" || ext == "markdown" ? .markdown : .articleText
        }
    }

    /// The largest input read unless a caller gives its own limit, in bytes (64 MiB):
    /// far beyond any article, small enough that a wrong input fails at once.
    public static let defaultInputLimit = FileIO.defaultInputLimit

    /// An article from its text. `name` names it in messages (`name:line: …`).
    public static func article(from text: String, name: String = "article", format: InputFormat = .articleText,
                               limit: Int = defaultInputLimit) throws(ExportError) -> (article: Article, warnings: [Diagnostic]) {
        try article(from: Array(text.utf8), name: name, format: format, limit: limit)
    }

    /// An article from its bytes (strict UTF-8), such as a newsletter system's store holds.
    public static func article(from bytes: [UInt8], name: String = "article", format: InputFormat = .articleText,
                               limit: Int = defaultInputLimit) throws(ExportError) -> (article: Article, warnings: [Diagnostic]) {
        guard bytes.count <= limit else {
            throw ExportError(.badInput, file: name, "is \(ByteCount.describe(bytes.count)), over the limit of \(ByteCount.describe(limit)) for one article")
        }
        let (article, warnings) = try read(bytes, file: name, format: format)
        return (article, warnings)
    }

    /// An article from a file: its format by its extension (`.md`, `.markdown`: Markdown),
    /// a Markdown article's images from its folder.
    public static func article(contentsOf path: String, limit: Int = defaultInputLimit) throws(ExportError) -> (article: Article, warnings: [Diagnostic]) {
        let file = LocalPath(path)
        let bytes = try FileIO.read(path: file, limit: limit)
        let (article, warnings) = try read(bytes, file: file.description, format: InputFormat(forFile: file), imageFolder: file.directory)
        return (article, warnings)
    }

    /// An issue from its issue file (YAML, docs/issues.md) and the articles it lists,
    /// then `moreArticles` in a section of their own. `theme` gives the newsletter's
    /// name when the issue file does not.
    public static func issue(contentsOf path: String, moreArticles: [String] = [], theme: Theme = .standard,
                             limit: Int = defaultInputLimit) throws(ExportError) -> (issue: Issue, warnings: [Diagnostic]) {
        var file = try IssueFile(path: LocalPath(path), fallbackNewsletter: theme.newsletter, limit: limit)
        file.append(moreArticles.map { LocalPath($0) })
        let (issue, warnings) = try file.read(limit: limit)
        return (issue, warnings)
    }

    /// The article files an issue file lists, in reading order, as paths from here:
    /// for a program that also exports each of an issue's articles on its own.
    public static func articles(listedIn issuePath: String) throws(ExportError) -> [String] {
        try IssueFile(path: LocalPath(issuePath)).entries.map(\.path.description)
    }

    /// Reads an article from its bytes and applies the language's typography.
    /// `file` names the input in messages; `imageFolder` is where a Markdown
    /// article's images are read from (its own folder), nil when it has none.
    package static func read(_ bytes: [UInt8], file: String, format: InputFormat = .articleText,
                            imageFolder: LocalPath? = nil) throws(ExportError) -> (Article, [Diagnostic]) {
        let (raw, warnings): (Article, [Diagnostic])
        switch format {
        case .articleText: (raw, warnings) = try ArticleFormatReader.read(bytes, file: file)
        case .markdown: (raw, warnings) = try MarkdownReader.read(bytes, file: file, imageFolder: imageFolder)
        }
        let article = SmartPunctuation(language: raw.metadata.language).apply(to: raw)
        return (article, warnings)
    }

    /// The time stamped into outputs: SOURCE_DATE_EPOCH when set (reproducible
    /// builds), else the article's date, else now.
    /// Every time is clamped to years 1000–9999, the four-digit years that EPUB's
    /// W3CDTF dates and PDF's date strings can hold (an article dated
    /// 9999-12-31T23:00-05:00 would otherwise be stamped in the year 10000).
    package static func timestamp(for article: Article, sourceDateEpoch: Int64?, now: () -> Int64 = Machine.unixTime) -> UTCTime {
        timestamp(for: article.metadata.date, sourceDateEpoch: sourceDateEpoch, now: now)
    }

    /// The same for a date of its own (an issue's).
    package static func timestamp(for date: ArticleDate?, sourceDateEpoch: Int64?, now: () -> Int64 = Machine.unixTime) -> UTCTime {
        let seconds = sourceDateEpoch ?? date?.secondsSinceEpoch ?? now()
        return UTCTime(secondsSinceEpoch: min(max(seconds, timestampRange.lowerBound), timestampRange.upperBound))
    }

    /// 1000-01-01T00:00:00Z … 9999-12-31T23:59:59Z.
    package static let timestampRange: ClosedRange<Int64> = -30_610_224_000...253_402_300_799
}
