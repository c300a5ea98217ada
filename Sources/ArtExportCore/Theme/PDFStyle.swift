/// The theme resolved for the typesetter: fonts as requests, every length in
/// points. Made from a `Theme` and nothing else, so the PDF takes its look from
/// the same value as the EPUB's style sheet.
public struct PDFStyle: Sendable, Equatable {
    public var theme: Theme

    public var pageWidth: Double
    public var pageHeight: Double
    public var marginTop: Double
    public var marginBottom: Double
    public var marginLeft: Double
    public var marginRight: Double
    public var columns: Int
    public var gutter: Double

    public var body: FontSpec
    /// Baseline-to-baseline distance of body text: every vertical space is a
    /// multiple of it, so baselines sit on one grid on every page.
    public var leading: Double
    /// First-line indent of a paragraph that follows a paragraph.
    public var indent: Double

    public var title: FontSpec
    public var titleLeading: Double
    public var standfirst: FontSpec
    public var standfirstLeading: Double
    public var byline: FontSpec
    public var masthead: FontSpec
    /// Levels 2…6 at index level − 2.
    public var headings: [FontSpec]
    public var mono: FontSpec
    public var caption: FontSpec
    public var runningHead: FontSpec
    public var folio: FontSpec
    public var bio: FontSpec

    public var textWidth: Double { pageWidth - marginLeft - marginRight }
    public var textHeight: Double { pageHeight - marginTop - marginBottom }
    /// The width of one column (the text width with one column).
    public var columnWidth: Double { (textWidth - Double(columns - 1) * gutter) / Double(columns) }

    public init(theme: Theme) {
        self.theme = theme
        let p = theme.page
        (pageWidth, pageHeight) = (p.width, p.height)
        (marginTop, marginBottom, marginLeft, marginRight) = (p.marginTop, p.marginBottom, p.marginLeft, p.marginRight)
        (columns, gutter) = (p.columns, p.gutter)
        let f = theme.fonts
        func families(_ list: [String]) -> [String] { Theme.Fonts.installed(list) + Theme.Fonts.installed(f.fallback) }
        let bodyFamilies = families(f.body)
        body = FontSpec(families: bodyFamilies, size: theme.bodySize)
        leading = theme.leading
        indent = theme.paragraphs.indent
        let t = theme.titleBlock
        title = FontSpec(families: families(f.headings), size: t.titleSize, weight: t.titleWeight)
        titleLeading = t.titleLeading
        standfirst = body.with(size: t.standfirstSize, italic: t.standfirstItalic)
        standfirstLeading = t.standfirstLeading
        byline = body.with(size: t.bylineSize, features: t.bylineSmallCaps ? Self.smallCaps : [])
        masthead = FontSpec(families: families(f.headings), size: t.mastheadSize, weight: .semibold, features: Self.smallCaps)
        headings = theme.headings.map { h in
            FontSpec(families: families(f.headings), size: h.size, weight: h.weight, italic: h.italic, features: Self.features(h.letterCase))
        }
        mono = FontSpec(families: families(f.code), size: theme.bodySize * theme.code.scale)
        caption = FontSpec(families: families(f.captions), size: theme.bodySize * theme.figures.captionScale)
        let furniture = families(f.furniture)
        runningHead = FontSpec(families: furniture, size: theme.runningHead.size, features: theme.runningHead.smallCaps ? Self.smallCaps : [])
        folio = FontSpec(families: furniture, size: theme.runningFoot.size, features: theme.runningFoot.smallCaps ? Self.smallCaps : [])
        bio = body.with(size: theme.bodySize * theme.bio.scale, italic: theme.bio.italic)
    }

    /// The font of a heading level (2…6).
    public func heading(_ level: Int) -> FontSpec { headings[min(max(level, 2), 6) - 2] }

    /// Small capitals, capitals made small too (`c2sc`): the text keeps its letters,
    /// so it extracts as written.
    static let smallCaps = ["smcp", "c2sc"]
    static func features(_ c: Theme.LetterCase) -> [String] {
        switch c { case .normal: []; case .smallCaps: ["smcp"]; case .allSmallCaps: smallCaps }
    }
}
