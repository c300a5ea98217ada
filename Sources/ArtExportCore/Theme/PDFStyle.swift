/// The theme resolved for the typesetter: fonts as requests, every length in
/// points. Made from a `Theme` and nothing else, so the PDF takes its look from
/// the same value as the EPUB's style sheet.
package struct PDFStyle: Sendable, Equatable {
    package var theme: Theme

    package var pageWidth: Double
    package var pageHeight: Double
    package var marginTop: Double
    package var marginBottom: Double
    package var marginLeft: Double
    package var marginRight: Double
    package var columns: Int
    package var gutter: Double

    package var body: FontSpec
    /// Baseline-to-baseline distance of body text: every vertical space is a
    /// multiple of it, so baselines sit on one grid on every page.
    package var leading: Double
    /// First-line indent of a paragraph that follows a paragraph.
    package var indent: Double

    package var title: FontSpec
    package var titleLeading: Double
    package var standfirst: FontSpec
    package var standfirstLeading: Double
    package var byline: FontSpec
    package var masthead: FontSpec
    /// Levels 2…6 at index level − 2.
    package var headings: [FontSpec]
    package var mono: FontSpec
    package var caption: FontSpec
    package var runningHead: FontSpec
    package var folio: FontSpec
    package var bio: FontSpec

    package var textWidth: Double { pageWidth - marginLeft - marginRight }
    package var textHeight: Double { pageHeight - marginTop - marginBottom }
    /// The width of one column (the text width with one column).
    package var columnWidth: Double { (textWidth - Double(columns - 1) * gutter) / Double(columns) }

    package init(theme: Theme) {
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
    package func heading(_ level: Int) -> FontSpec { headings[min(max(level, 2), 6) - 2] }

    /// Small capitals, capitals made small too (`c2sc`): the text keeps its letters,
    /// so it extracts as written.
    static let smallCaps = ["smcp", "c2sc"]
    static func features(_ c: Theme.LetterCase) -> [String] {
        switch c { case .normal: []; case .smallCaps: ["smcp"]; case .allSmallCaps: smallCaps }
    }
}
