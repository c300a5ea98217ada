/// The library's front door: read an article, export it.
public enum ArtExport {
    public static let version = "0.1.0"

    /// The input formats artexport reads.
    public enum InputFormat: Sendable {
        case articleText
    }

    /// Reads an article from its bytes and applies the language's typography.
    /// `file` names the input in messages.
    public static func read(_ bytes: [UInt8], file: String, format: InputFormat = .articleText) throws(ExportError) -> (Article, [Diagnostic]) {
        let (raw, warnings) = try ArticleFormatReader.read(bytes, file: file)
        let article = SmartPunctuation(language: raw.metadata.language).apply(to: raw)
        return (article, warnings)
    }

    /// The time stamped into outputs: SOURCE_DATE_EPOCH when set (reproducible
    /// builds), else the article's date, else now.
    public static func timestamp(for article: Article, sourceDateEpoch: Int64?, now: () -> Int64) -> UTCTime {
        if let epoch = sourceDateEpoch { return UTCTime(secondsSinceEpoch: epoch) }
        if let date = article.metadata.date { return UTCTime(secondsSinceEpoch: date.secondsSinceEpoch) }
        return UTCTime(secondsSinceEpoch: now())
    }
}
