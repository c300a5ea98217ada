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
        public init(forFile path: LocalPath) {
            let name = path.lastComponent.bytes
            let ext = name.lastIndex(of: UInt8(ascii: ".")).map { String(decoding: name[($0 + 1)...], as: UTF8.self).lowercased() }
            self = ext == "md" || ext == "markdown" ? .markdown : .articleText
        }
    }

    /// Reads an article from its bytes and applies the language's typography.
    /// `file` names the input in messages; `imageFolder` is where a Markdown
    /// article's images are read from (its own folder), nil when it has none.
    public static func read(_ bytes: [UInt8], file: String, format: InputFormat = .articleText,
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
    public static func timestamp(for article: Article, sourceDateEpoch: Int64?, now: () -> Int64) -> UTCTime {
        timestamp(for: article.metadata.date, sourceDateEpoch: sourceDateEpoch, now: now)
    }

    /// The same for a date of its own (an issue's).
    public static func timestamp(for date: ArticleDate?, sourceDateEpoch: Int64?, now: () -> Int64) -> UTCTime {
        let seconds = sourceDateEpoch ?? date?.secondsSinceEpoch ?? now()
        return UTCTime(secondsSinceEpoch: min(max(seconds, timestampRange.lowerBound), timestampRange.upperBound))
    }

    /// 1000-01-01T00:00:00Z … 9999-12-31T23:59:59Z.
    public static let timestampRange: ClosedRange<Int64> = -30_610_224_000...253_402_300_799
}
