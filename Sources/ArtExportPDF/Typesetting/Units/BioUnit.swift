import ArtExportCore
/// The author bio, set apart: a short rule and a label at the start edge (kept
/// with what follows), then its paragraphs in the bio's font.
struct BioUnit: LayoutUnit {
    var blocks: [Block]

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let label = context.localization.aboutAuthors(count: context.article.metadata.authors.count)
        var text = StyledText()
        text.append(label, font: style.byline)
        // The short rule and the label sit at the start edge: the right one in right-to-left articles.
        let rtl = context.article.metadata.language.isRightToLeft
        let w = style.indent * 4
        let x = measure.left + (rtl ? measure.width - w : 0)
        let y = style.leading * 0.35
        var head = [FlowLine(items: [.rule(from: Point(x: x, y: y), to: Point(x: x + w, y: y), thickness: 0.5, color: Color(style.theme.colors.rules), element: UnitContext.artifact)],
                             height: style.leading, baseline: y)]
        head += context.lines(text, font: style.byline, leading: style.leading,
                              options: ParagraphOptions(width: measure.width, justify: false, rtl: rtl, hyphenate: false), x: measure.left)
        // A page that starts at the label starts at the bio (`TextPosition`: the bio, no leaf).
        for k in head.indices { head[k].source = TextPosition(inBio: true, path: [], offset: 0) }
        context.inBio = true
        defer { context.inBio = false; context.path = [] }
        var result = [FlowBlock(lines: head, spaceBefore: style.leading * 2, keepWithNext: true, breakable: false,
                                element: context.nextElement(.h2), destination: "about", outline: (label, 2))]
        for (i, block) in blocks.enumerated() {
            context.path = [i]
            guard case .paragraph(let content) = block else {
                context.afterHeading = true
                result += try Typesetter.unit(for: block).layout(in: measure, context)
                continue
            }
            let text = context.styled(content, base: style.bio)
            result.append(FlowBlock(lines: context.lines(text, font: style.bio, leading: style.leading,
                                                         options: ParagraphOptions(width: measure.width, justify: style.theme.paragraphs.justify, rtl: context.isRTL(text.text),
                                                                                   hyphenate: style.theme.paragraphs.hyphenate),
                                                         x: measure.left),
                                    element: context.nextElement(.p)))
        }
        return result
    }
}
