/// Turns front-matter fields (from the pipe table, later from YAML) into
/// `Metadata`. Names are case-insensitive; every field is also kept as written.
enum MetadataFields {
    /// How to add a title, for the error when there is none (the article format's table by default).
    static let titleColumnHint = "add a title column (the headline)"

    static func interpret(_ fields: [Metadata.Field], file: String, fallbackLine: Int,
                          titleHint: String = titleColumnHint) throws(ExportError) -> (Metadata, [Diagnostic]) {
        var warnings: [Diagnostic] = []
        var seen: [String: Metadata.Field] = [:]
        for field in fields {
            let key = canonical(field.key)
            if seen[key] != nil {
                warnings.append(Diagnostic(file: file, line: field.line, severity: .warning,
                                           message: "the field `\(field.name)` appears twice; the first value is used"))
            } else {
                seen[key] = field
            }
        }
        func value(_ key: String) -> String? {
            guard let v = seen[key]?.value.trimmingSpaces, !v.isEmpty else { return nil }
            return v
        }

        guard let titleField = seen["title"] else {
            throw ExportError(.badInput, file: file, line: fallbackLine,
                              "the metadata has no `title` field; \(titleHint)")
        }
        guard let title = value("title") else {
            throw ExportError(.badInput, file: file, line: titleField.line, "the title is empty; write the headline in the title column")
        }

        var metadata = Metadata(title: title, fields: fields)
        metadata.subtitle = value("subtitle")
        metadata.description = value("description")
        metadata.publisher = value("publisher")
        metadata.identifier = value("identifier")
        // A list (YAML) is taken item by item: a name may hold a comma.
        func items(_ key: String) -> [String]? { seen[key]?.items?.map(\.trimmingSpaces).filter { !$0.isEmpty } }
        metadata.authors = items("author") ?? value("author").map(splitAuthors) ?? []
        metadata.keywords = items("keywords") ?? value("keywords").map {
            $0.split(separator: ",").map(\.trimmingSpaces).filter { !$0.isEmpty }
        } ?? []
        if let written = value("created") {
            guard let date = DateParser.parse(written) else {
                throw ExportError(.badInput, file: file, line: seen["created"]!.line,
                                  "cannot read the date `\(written)`; write it as 2024-07-08, 2024-07-08 10:30 or 2024-07-08T10:30:00Z")
            }
            metadata.date = date
        }
        if let lang = value("lang") {
            guard let tag = LanguageTag(normalizing: lang) else {
                throw ExportError(.badInput, file: file, line: seen["lang"]!.line,
                                  "`\(lang)` is not a language tag; write a code such as en, en-GB, de or fr")
            }
            metadata.language = tag
        }
        return (metadata, warnings)
    }

    /// Synonyms newsletter systems use for the documented field names.
    static func canonical(_ key: String) -> String {
        switch key {
        case "authors", "by", "byline": return "author"
        case "date", "published", "pubdate": return "created"
        case "language": return "lang"
        case "tags": return "keywords"
        case "standfirst", "dek", "summary": return "description"
        case "id", "uuid", "isbn": return "identifier"
        case "headline": return "title"
        default: return key
        }
    }

    /// `A and B`, `A; B`, `A, B and C`, `A & B`.
    static func splitAuthors(_ value: String) -> [String] {
        var parts = [value]
        for separator in [";", " and ", " & ", " und ", " et "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        // "A, B and C": the commas list names too, but only alongside "and"/";"
        // (a lone comma may be "Surname, Given").
        if parts.count > 1 { parts = parts.flatMap { $0.components(separatedBy: ",") } }
        return parts.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }
}

extension String {
    func components(separatedBy separator: String) -> [String] {
        split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
