import ArtExportCore
/// The title block on page 1: title, subtitle, standfirst, byline and date, ragged
/// and never hyphenated, closed by a rule; one unbreakable block, the H1.
struct TitleBlockUnit: LayoutUnit {
    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let m = context.article.metadata
        let ragged = ParagraphOptions(width: measure.width, justify: false, rtl: context.isRTL(m.title), hyphenate: false)
        var flow: [FlowLine] = []
        var title = StyledText()
        title.append(m.title, font: style.title)
        flow += context.lines(title, font: style.title, leading: style.titleLeading, options: ragged, x: measure.left)
        if let subtitle = m.subtitle {
            var s = StyledText()
            s.append(subtitle, font: style.standfirst.with(size: style.standfirst.size * 1.1))
            flow[flow.count - 1].height += style.leading * 0.3
            flow += context.lines(s, font: style.standfirst, leading: style.standfirstLeading, options: ragged, x: measure.left)
        }
        if let standfirst = m.description {
            var s = StyledText()
            s.append(standfirst, font: style.standfirst)
            flow[flow.count - 1].height += style.leading * 0.6
            var options = ragged
            options.rtl = context.isRTL(standfirst)
            flow += context.lines(s, font: style.standfirst, leading: style.standfirstLeading, options: options, x: measure.left)
        }
        flow[flow.count - 1].height += style.leading * 0.6
        // Byline and date follow the article's direction, whatever script the names are in.
        var meta = ragged
        meta.rtl = m.language.isRightToLeft
        if !m.authors.isEmpty {
            var s = StyledText()
            s.append(context.localization.byline(m.authors), font: style.byline)
            flow += context.lines(s, font: style.byline, leading: style.leading, options: meta, x: measure.left)
        }
        if let date = m.date {
            var s = StyledText()
            s.append(context.localization.format(date), font: style.byline)
            flow += context.lines(s, font: style.byline, leading: style.leading, options: meta, x: measure.left)
        }
        let y = style.leading * 0.7
        let rule = PageItem.rule(from: Point(x: measure.left, y: y), to: Point(x: measure.left + measure.width, y: y),
                                 thickness: 0.5, element: UnitContext.artifact)
        flow.append(FlowLine(items: [rule], height: style.leading * 2, baseline: y))
        context.snap(&flow)
        return [FlowBlock(lines: flow, breakable: false, element: context.nextElement(.h1), destination: "title", outline: (m.title, 1))]
    }
}
