/// One issue of a newsletter: its articles in sections, and what the issue says
/// about itself. Writers make one EPUB and one PDF of it, each article keeping
/// its own title block, authors, notes and language.
public struct Issue: Sendable, Equatable {
    package var metadata: IssueMetadata
    /// In reading order; a section without a title holds articles listed without one.
    package var sections: [IssueSection]

    package init(metadata: IssueMetadata, sections: [IssueSection]) {
        self.metadata = metadata
        self.sections = sections
    }

    /// Every article, in reading order.
    public var articles: [Article] { sections.flatMap(\.articles) }
    /// The issue's title, or the newsletter's name and the issue's number.
    public var title: String { metadata.displayTitle }
    /// The issue's number; nil when the issue file gives none.
    public var number: Int? { metadata.number }

    /// Every article's authors, in order of first appearance, each once: the
    /// issue's creators in the package, the navigation and the PDF's metadata.
    package var authors: [String] {
        var seen = Set<String>()
        return articles.flatMap(\.metadata.authors).filter { seen.insert($0).inserted }
    }
}

package struct IssueSection: Sendable, Equatable {
    /// The section's heading in the contents, the outline and the navigation; nil: none.
    package var title: String?
    package var articles: [Article]

    package init(title: String? = nil, articles: [Article]) {
        self.title = title
        self.articles = articles
    }
}

/// The issue's own metadata, as the issue file gives it.
package struct IssueMetadata: Sendable, Equatable {
    /// The newsletter's name: the series every issue belongs to.
    package var newsletter: String
    /// The issue's title; writers fall back to "newsletter, issue N".
    package var title: String?
    /// The issue number, the issue's position in its series.
    package var number: Int?
    package var date: ArticleDate?
    package var publisher: String?
    package var language: LanguageTag
    /// An identifier the issue file gives; else writers derive one.
    package var identifier: String?
    /// The newsletter's ISSN, `NNNN-NNNC`, check digit verified.
    package var issn: String?
    package var description: String?
    /// A cover image the issue file names; nil: the theme composes one.
    package var cover: Image?

    package init(newsletter: String, title: String? = nil, number: Int? = nil, date: ArticleDate? = nil, publisher: String? = nil,
                language: LanguageTag = .english, identifier: String? = nil, issn: String? = nil, description: String? = nil,
                cover: Image? = nil) {
        self.newsletter = newsletter
        self.title = title
        self.number = number
        self.date = date
        self.publisher = publisher
        self.language = language
        self.identifier = identifier
        self.issn = issn
        self.description = description
        self.cover = cover
    }

    /// The title readers see: the issue file's, else the newsletter's name and number.
    package var displayTitle: String {
        if let title { return title }
        return number.map { "\(newsletter), \(Localization(language: language).issue($0))" } ?? newsletter
    }

    /// "Cover: The Harbour Letter, Issue 42, Summer on the Coast, 27 June 2025": the
    /// cover's text alternative, the same for a given image and a composed one, in
    /// the EPUB (the cover page's `alt`, the SVG's title) and the PDF (the figure's alt).
    package var coverDescription: String {
        let l = Localization(language: language)
        return [l.cover + ": " + newsletter, number.map(l.issue), title, date.map(l.format)].compactMap { $0 }.joined(separator: ", ")
    }
}
