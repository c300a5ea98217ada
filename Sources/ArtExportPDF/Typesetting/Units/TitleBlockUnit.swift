import ArtExportCore
/// The title block on page 1, its parts in the theme's order (masthead, title,
/// subtitle, standfirst, byline, date), at the start edge or centred, ragged and
/// never hyphenated, closed by a rule when the theme draws one; one unbreakable
/// block, the H1 (the masthead, furniture, is an artifact).
struct TitleBlockUnit: LayoutUnit {
    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let look = style.theme.titleBlock
        let m = context.article.metadata
        let accent = Color(style.theme.colors.accent)
        var flow: [FlowLine] = []
        var mastheadLines = 0
        func add(_ text: String, font: FontSpec, leading: Double, rtl: Bool, color: Color? = nil, gap: Double = 0) {
            var s = StyledText()
            s.append(text, font: font, color: color)
            if gap > 0, !flow.isEmpty { flow[flow.count - 1].height += style.leading * gap }
            let options = ParagraphOptions(width: measure.width, justify: false, rtl: rtl, hyphenate: false)
            var lines = context.lines(s, font: font, leading: leading, options: options, x: measure.left)
            if look.centered { for k in lines.indices { lines[k].text = FigureUnit.centred(lines[k].text, in: measure) } }
            flow += lines
        }
        // Byline and date follow the article's direction, whatever script the names are in.
        let articleRTL = m.language.isRightToLeft
        for part in look.order {
            switch part {
            case .masthead:
                let name = ThemeFields(metadata: m, theme: style.theme).fill(look.mastheadName)
                let before = flow.count
                if let logo = style.theme.logo { flow += context.logoLines(logo, height: style.leading * 3, in: measure, centered: look.centered) }
                if !name.isEmpty { add(name, font: style.masthead, leading: style.leading * 1.5, rtl: articleRTL, color: accent) }
                if flow.count > before {
                    // A rule in the accent colour under the masthead, a line above the title.
                    let y = style.leading * 0.5
                    flow.append(FlowLine(items: [.rule(from: Point(x: measure.left, y: y), to: Point(x: measure.left + measure.width, y: y),
                                                       thickness: 1.2, color: accent, element: UnitContext.artifact)],
                                         height: style.leading * 1.5, baseline: y))
                    mastheadLines = flow.count - before
                }
            case .title:
                add(m.title, font: style.title, leading: style.titleLeading, rtl: context.isRTL(m.title), color: Color(look.titleColor))
            case .subtitle:
                if let subtitle = m.subtitle {
                    add(subtitle, font: style.standfirst.with(size: style.standfirst.size * 1.1), leading: style.standfirstLeading,
                        rtl: context.isRTL(subtitle), gap: 0.3)
                }
            case .standfirst:
                if let standfirst = m.description {
                    add(standfirst, font: style.standfirst, leading: style.standfirstLeading, rtl: context.isRTL(standfirst), gap: 0.6)
                }
            case .byline:
                if !m.authors.isEmpty {
                    add(context.localization.byline(m.authors), font: style.byline, leading: style.leading, rtl: articleRTL, gap: 0.6)
                }
            case .date:
                if let date = m.date {
                    let afterByline = look.order.firstIndex(of: .byline).map { $0 < look.order.firstIndex(of: .date)! } ?? false
                    add(context.localization.format(date), font: style.byline, leading: style.leading, rtl: articleRTL,
                        gap: afterByline && !m.authors.isEmpty ? 0 : 0.6)
                }
            }
        }
        if look.rule {
            let y = style.leading * 0.7
            let rule = PageItem.rule(from: Point(x: measure.left, y: y), to: Point(x: measure.left + measure.width, y: y),
                                     thickness: 0.5, color: accent, element: UnitContext.artifact)
            flow.append(FlowLine(items: [rule], height: style.leading * 2, baseline: y))
        } else {
            flow[flow.count - 1].height += style.leading
        }
        context.snap(&flow)
        // The masthead's words are furniture: drawn, not part of the H1.
        for k in 0..<mastheadLines { flow[k].artifact = true }
        return [FlowBlock(lines: flow, breakable: false, element: context.nextElement(.h1), destination: "title", outline: (m.title, 1))]
    }
}
