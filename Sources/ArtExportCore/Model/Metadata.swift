/// What the article says about itself: the front matter, interpreted.
public struct Metadata: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var authors: [String]
    public var date: ArticleDate?
    public var keywords: [String]
    /// The standfirst (dek): one or two sentences under the title.
    public var description: String?
    public var language: LanguageTag
    /// An identifier the source gives (ISBN, URN, UUID…); else writers derive one.
    public var identifier: String?
    public var publisher: String?
    /// Every field as written, known or not, in source order, so nothing the author
    /// wrote is dropped.
    public var fields: [Field]

    public struct Field: Sendable, Equatable {
        /// The name as written (case kept).
        public var name: String
        public var value: String
        /// 1-based line of the value row in the source.
        public var line: Int
        /// The values one by one when the source gave a list (YAML `authors: [A, B]`);
        /// `value` then holds them joined by `, `.
        public var items: [String]?

        public init(name: String, value: String, line: Int, items: [String]? = nil) {
            self.name = name
            self.value = value
            self.line = line
            self.items = items
        }

        public var key: String { name.lowercased() }
    }

    public init(
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
    public subscript(field name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.key == key }?.value
    }
}
