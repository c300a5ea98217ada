/// What the article says about itself: the front matter, interpreted.
package struct Metadata: Sendable, Equatable {
    package var title: String
    package var subtitle: String?
    package var authors: [String]
    package var date: ArticleDate?
    package var keywords: [String]
    /// The standfirst (dek): one or two sentences under the title.
    package var description: String?
    package var language: LanguageTag
    /// An identifier the source gives (ISBN, URN, UUID…); else writers derive one.
    package var identifier: String?
    package var publisher: String?
    /// Every field as written, known or not, in source order, so nothing the author
    /// wrote is dropped.
    package var fields: [Field]

    package struct Field: Sendable, Equatable {
        /// The name as written (case kept).
        package var name: String
        package var value: String
        /// 1-based line of the value row in the source.
        package var line: Int
        /// The values one by one when the source gave a list (YAML `authors: [A, B]`);
        /// `value` then holds them joined by `, `.
        package var items: [String]?

        package init(name: String, value: String, line: Int, items: [String]? = nil) {
            self.name = name
            self.value = value
            self.line = line
            self.items = items
        }

        package var key: String { name.lowercased() }
    }

    package init(
        title: String, subtitle: String? = nil, authors: [String] = [], date: ArticleDate? = nil,
        keywords: [String] = [], description: String? = nil, language: LanguageTag = .english,
        identifier: String? = nil, publisher: String? = nil, fields: [Field] = []
    ) {
        self.title = title
        self.subtitle = subtitle
        self.authors = authors
        self.date = date
        self.keywords = keywords
        self.description = description
        self.language = language
        self.identifier = identifier
        self.publisher = publisher
        self.fields = fields
    }

    /// The value of a field by case-insensitive name, known or unknown.
    package subscript(field name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.key == key }?.value
    }
}
