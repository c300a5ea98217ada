import ArtExportCore
/// What an issue's EPUB parts share: the cover, one content document per article
/// (`text/article-N.xhtml`: reading systems and phones cope badly with one huge
/// file), each article's own publication (its language, images, notes), and the
/// table of contents of sections, articles and their headings.
///
/// Ids never collide across articles: each article's ids live in its own
/// document, and its image files are named `aN-image-M`.
struct IssuePublication {
    static let coverFile = "text/cover.xhtml"

    let issue: Issue
    /// One per article, in reading order, with the file holding it.
    let articles: [(publication: Publication, file: String)]
    let localization: Localization
    let identifier: String
    let modified: UTCTime
    let generator: String
    let theme: Theme
    /// The cover image: the issue file's, or one composed from the theme (SVG).
    let cover: PackagedImage
    /// The theme's logo, which a composed cover shows.
    let logo: PackagedImage?

    /// The print edition's page markers on the cover and the contents, and the page list.
    var coverBreaks: [String] = []
    /// At the contents' heading, and by contents entry (`PageMap.Start.contents`).
    var contentsBreaks: [String] = []
    var entryBreaks: [Int: [String]] = [:]
    var pageList: [(label: String, href: String)] = []

    init(issue: Issue, modified: UTCTime, generator: String, theme: Theme, pageMap: PageMap? = nil) {
        self.issue = issue
        self.modified = modified
        self.generator = generator
        self.theme = theme
        localization = Localization(language: issue.metadata.language)
        var articleTheme = theme
        articleTheme.titleBlock.order.removeAll { $0 == .masthead }
        articles = issue.articles.enumerated().map { n, article in
            var publication = Publication(article: article.carriable, modified: modified, generator: generator, theme: articleTheme,
                                          imagePrefix: "a\(n + 1)-", withLogo: false)
            if let pageMap { publication.pageBreaks = PageBreaks(pageMap, article: n) }
            return (publication, "text/article-\(n + 1).xhtml")
        }
        if let pageMap {
            let linked = Self.linkedEntries(issue)
            for (n, page) in pageMap.pages.enumerated() {
                let id = PageBreaks.id(page.label, n)
                let markup = PageBreaks.marker(label: page.label, id: id)
                switch page.start {
                case .cover: coverBreaks.append(markup); pageList.append((page.label, Self.coverFile + "#" + id))
                case .contents(let entry):
                    // An entry the navigation lists no link for (a titled section without articles) has its marker at the top.
                    if let entry, linked.contains(entry) { entryBreaks[entry, default: []].append(markup) } else { contentsBreaks.append(markup) }
                    pageList.append((page.label, Publication.navFile + "#" + id))
                case .title(let a), .text(let a, _): pageList.append((page.label, "text/article-\(a + 1).xhtml#" + id))
                }
            }
        }
        identifier = Self.identifier(for: issue.metadata, articles: issue.articles)
        let logo = theme.logo.flatMap { logo in logo.resource.map { PackagedImage(source: PackagedImage.logoSource, name: "logo", resource: $0) } }
        if let given = issue.metadata.cover, let resource = given.resource {
            cover = PackagedImage(source: given.source, name: "cover", resource: resource)
            self.logo = nil
        } else {
            self.logo = logo
            let svg = IssueCover(issue: issue, theme: theme, logoHref: logo.map { String($0.href.dropFirst(PackagedImage.directory.count + 1)) }).svg()
            cover = PackagedImage(source: "\u{1}cover", name: "cover",
                                  resource: ImageResource(bytes: Array(svg.utf8), mediaType: .svg, width: IssueCover.width, height: IssueCover.height))
        }
    }

    var language: LanguageTag { issue.metadata.language }
    var direction: ScriptRuns.Direction { language.isRightToLeft ? .rightToLeft : .leftToRight }

    /// Every image file: the cover, the logo it shows, then each article's.
    var images: [PackagedImage] { [cover] + (logo.map { [$0] } ?? []) + articles.flatMap(\.publication.images) }

    /// Sections (when titled) → articles, each labelled with its title and authors → their headings.
    var toc: [Publication.TocEntry] {
        var entries: [Publication.TocEntry] = []
        var index = 0
        // The contents' entries as `PageMap.Start.contents` counts them.
        var entry = 0
        for section in issue.sections {
            let sectionEntry = entry
            if section.title != nil { entry += 1 }
            var children: [Publication.TocEntry] = []
            for _ in section.articles {
                let (publication, file) = articles[index]
                index += 1
                var own = publication.toc(titleHref: file, contentFile: file)
                let title = own.removeFirst()
                let m = publication.article.metadata
                let label = m.authors.isEmpty ? title.label : "\(title.label) – \(publication.localization.list(m.authors))"
                children.append(Publication.TocEntry(label: label, href: file, children: own,
                                                     language: m.language == language ? nil : m.language, pageBreaks: entryBreaks[entry] ?? []))
                entry += 1
            }
            if let title = section.title, let first = children.first {
                entries.append(Publication.TocEntry(label: title, href: first.href, children: children, pageBreaks: entryBreaks[sectionEntry] ?? []))
            } else {
                entries += children
            }
        }
        return entries
    }

    /// The contents' entries (`PageMap.Start.contents`) the navigation has a link for:
    /// every article's, and a titled section's when it holds any.
    static func linkedEntries(_ issue: Issue) -> Set<Int> {
        var linked = Set<Int>()
        var entry = 0
        for section in issue.sections {
            if section.title != nil {
                if !section.articles.isEmpty { linked.insert(entry) }
                entry += 1
            }
            linked.formUnion(entry..<entry + section.articles.count)
            entry += section.articles.count
        }
        return linked
    }

    var navigation: NavigationContent {
        NavigationContent(
            language: language, direction: direction, localization: localization, identifier: identifier,
            title: issue.metadata.displayTitle, authors: issue.authors, toc: toc,
            landmarks: [("cover", Self.coverFile, localization.cover), ("toc", "\(Publication.navFile)#toc", localization.contents)]
                + (articles.first.map { [("bodymatter", $0.file, localization.start)] } ?? []),
            pageList: pageList, contentsBreaks: contentsBreaks)
    }

    /// The identifier the issue file gives, else a name-based UUID of the series,
    /// the number and the date, and the articles' identities: re-exporting the same
    /// issue keeps it, another issue gets another.
    static func identifier(for metadata: IssueMetadata, articles: [Article]) -> String {
        if let given = metadata.identifier {
            return UUID.isUUID(given) ? "urn:uuid:\(given.lowercased())" : given
        }
        var name = metadata.newsletter + "\u{1F}" + (metadata.number.map(String.init) ?? "") + "\u{1F}" + (metadata.date?.w3cdtf ?? "")
        for article in articles { name += "\u{1D}" + Publication.identifier(for: article.metadata) }
        return "urn:uuid:" + UUID.version5(namespace: UUID.urlNamespace, name: "artexport-issue:" + name)
    }
}
