import ArtExportCore
/// What the EPUB's parts share: file names, the identifier, the table of
/// contents. Built once per export; the writers only render it.
struct Publication {
    static let packageDirectory = "EPUB"
    /// The title page is a document of its own: FBReader and MuPDF ignore
    /// `break-after`, and would run the title page straight into the body.
    static let titlePageFile = "text/titlepage.xhtml"
    static let contentFile = "text/article.xhtml"
    static let styleFile = "styles/article.css"
    static let navFile = "nav.xhtml"
    static let ncxFile = "toc.ncx"
    static let packageFile = "content.opf"

    struct TocEntry: Equatable {
        var label: String
        /// Relative to the package directory.
        var href: String
        var children: [TocEntry] = []
        /// The label's language when it is not the publication's (an article's own, in an issue).
        var language: LanguageTag? = nil
        /// The print edition's page markers at this entry, in its link before the label
        /// (the navigation document allows nothing else in an entry): an issue's contents pages.
        var pageBreaks: [String] = []
    }

    let article: Article
    let localization: Localization
    /// `urn:uuid:…` derived from the article, or the identifier its metadata gives.
    let identifier: String
    /// `dcterms:modified`, `CCYY-MM-DDThh:mm:ssZ`.
    let modified: UTCTime
    let generator: String
    /// The image files in the package, in the order of their first `<img>`.
    let images: [PackagedImage]

    /// The look: the title page's order and masthead, section numbers.
    let theme: Theme
    /// Section numbers by heading id (`HeadingNumbers`), the same as the PDF's.
    let headingNumbers: [String: String]
    /// The theme's masthead logo as a packaged image.
    let logo: PackagedImage?
    /// Where the print edition's pages start in this article, when a run makes both.
    var pageBreaks = PageBreaks()

    /// - Parameters:
    ///   - imagePrefix: starts the names of the article's image files (an issue's `a2-`).
    ///   - withLogo: false in an issue, whose cover carries the masthead.
    init(article: Article, modified: UTCTime, generator: String, theme: Theme = .standard, imagePrefix: String = "", withLogo: Bool = true) {
        self.article = article
        var images = PackagedImage.all(in: article, prefix: imagePrefix)
        if withLogo, let logo = theme.logo, let resource = logo.resource {
            let packaged = PackagedImage(source: PackagedImage.logoSource, number: images.count + 1, resource: resource)
            images.append(packaged)
            self.logo = packaged
        } else {
            self.logo = nil
        }
        self.images = images
        self.theme = theme
        self.headingNumbers = HeadingNumbers.of(article, theme: theme)
        self.localization = Localization(language: article.metadata.language)
        self.identifier = Self.identifier(for: article.metadata)
        self.modified = modified
        self.generator = generator
    }

    var language: String { article.metadata.language.value }

    /// The packaged file of an image, by the model's source.
    func image(_ source: String) -> PackagedImage? {
        images.first { $0.source == source }
    }

    /// The article's direction: every block without a `dir` of its own has it.
    var direction: ScriptRuns.Direction { article.metadata.language.isRightToLeft ? .rightToLeft : .leftToRight }

    /// The ids the title page holds: a `#fragment` link to one of them from the
    /// body must name the title page's file.
    static let titlePageIDs: Set<String> = ["titlepage", "title"]

    /// The title, then the headings nested by level, then bio and notes.
    var toc: [TocEntry] { toc(titleHref: Self.titlePageFile, contentFile: Self.contentFile) }

    /// The same with the title page and the body in the files given (an issue's
    /// article has both in one).
    func toc(titleHref: String, contentFile: String) -> [TocEntry] {
        var entries = [TocEntry(label: article.metadata.title, href: titleHref)]
        // A stack of open entries by level; a deeper heading nests under the last shallower one.
        var stack: [(level: Int, entry: TocEntry)] = []
        func pop(to level: Int) {
            while let top = stack.last, top.level >= level {
                stack.removeLast()
                if stack.isEmpty { entries.append(top.entry) } else { stack[stack.count - 1].entry.children.append(top.entry) }
            }
        }
        for heading in article.headings {
            pop(to: heading.level)
            let label = heading.content.plainText
            stack.append((heading.level, TocEntry(label: label.isEmpty ? heading.id : label, href: "\(contentFile)#\(heading.id)")))
        }
        pop(to: Int.min)
        if !article.bio.isEmpty {
            entries.append(TocEntry(label: localization.aboutAuthors(count: article.metadata.authors.count), href: "\(contentFile)#about"))
        }
        if !article.footnotes.isEmpty {
            entries.append(TocEntry(label: localization.notes, href: "\(contentFile)#notes"))
        }
        return entries
    }

    /// Deepest nesting of the table of contents (NCX `dtb:depth`).
    static func depth(_ entries: [TocEntry]) -> Int {
        entries.map { 1 + depth($0.children) }.max() ?? 0
    }

    /// The metadata's identifier as written (a bare UUID gains `urn:uuid:`), else
    /// a name-based UUID (version 5) of the article's identity — title, authors and
    /// date — so re-exporting a corrected article keeps its identifier, and two
    /// different articles do not share one.
    static func identifier(for metadata: Metadata) -> String {
        if let given = metadata.identifier {
            return UUID.isUUID(given) ? "urn:uuid:\(given.lowercased())" : given
        }
        var name = metadata.title
        name += "\u{1F}" + metadata.authors.joined(separator: "\u{1E}")
        name += "\u{1F}" + (metadata.date?.w3cdtf ?? "")
        return "urn:uuid:" + UUID.version5(namespace: UUID.urlNamespace, name: "artexport:" + name)
    }
}

/// The print edition's page breaks in one article, where its documents mark them:
/// an empty `<span epub:type="pagebreak">` with the page's label, at the start of
/// the title block, of the bio, or before the character of a leaf's text where
/// the PDF page begins.
struct PageBreaks {
    struct Leaf: Hashable {
        var inBio: Bool
        var path: [Int]
    }

    var title: [String] = []
    var bioStart: [String] = []
    var leaves: [Leaf: [(offset: Int, markup: String)]] = [:]
    /// The page list: each page's label and its marker's id, in page order.
    var pages: [(label: String, id: String)] = []

    init() {}

    /// The pages of `map` that start in article `article` (0 for an article alone).
    init(_ map: PageMap, article: Int) {
        for (n, page) in map.pages.enumerated() {
            let id = Self.id(page.label, n)
            let markup = Self.marker(label: page.label, id: id)
            switch page.start {
            case .title(let a) where a == article: title.append(markup)
            case .text(let a, let position) where a == article:
                if position.inBio && position.path.isEmpty { bioStart.append(markup) } else {
                    leaves[Leaf(inBio: position.inBio, path: position.path), default: []].append((position.offset, markup))
                }
            default: continue
            }
            pages.append((page.label, id))
        }
    }

    /// The marker of one page: empty, its label for assistive technology.
    static func marker(label: String, id: String) -> String {
        "<span\(XMLBuilder.attributes([("id", id), ("epub:type", "pagebreak"), ("role", "doc-pagebreak"), ("aria-label", label)]))></span>"
    }

    /// `page-LABEL` for a label of letters and digits (roman numerals too), else the page's place.
    static func id(_ label: String, _ index: Int) -> String {
        !label.isEmpty && label.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
            ? "page-\(label)" : "page-\(index + 1)"
    }
}
