/// A theme's templates (running heads, the masthead) filled from the article:
/// `{title}`, `{author}`, `{date}`, `{publisher}`, `{newsletter}` (the theme's
/// newsletter name, else the article's publisher) and `{page}`. An unknown
/// field stays as written, so a typo shows on the page rather than vanishing.
package struct ThemeFields: Sendable {
    package var values: [String: String]

    package init(metadata: Metadata, theme: Theme) {
        let localization = Localization(language: metadata.language)
        let newsletter = theme.newsletter.isEmpty ? (metadata.publisher ?? "") : theme.newsletter
        values = [
            "title": metadata.title,
            "author": localization.list(metadata.authors),
            "date": metadata.date.map(localization.format) ?? "",
            "publisher": metadata.publisher ?? "",
            "newsletter": newsletter,
        ]
    }

    /// `template` with its fields filled; `page` fills `{page}`.
    package func fill(_ template: String, page: String = "") -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { out += rest[open...]; rest = rest[rest.endIndex...]; break }
            let name = String(rest[rest.index(after: open)..<close])
            if name == "page" { out += page } else if let v = values[name] { out += v } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return (out + rest).trimmingSpaces
    }
}
