import ArtExportCore
/// A section heading (levels 2…6) in its level's style from the theme: ragged,
/// never hyphenated, kept with what follows, a named destination and an outline
/// entry; its section number first when the theme numbers the level.
struct HeadingUnit: LayoutUnit {
    var heading: Heading

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let level = min(max(heading.level, 2), 6)
        let look = style.theme.heading(level)
        let font = style.heading(level)
        let color = Color(look.color)
        var text = StyledText()
        let number = context.headingNumbers[heading.id]
        if let number { text.append(number + "\u{2002}", font: font, color: color) }
        text.append(context.styled(heading.content, base: font, color: color))
        let options = ParagraphOptions(width: measure.width, justify: false, rtl: context.isRTL(text.text), hyphenate: false)
        var flow = context.lines(text, font: font, leading: font.size * 1.25, options: options, x: measure.left)
        if look.spaceAfter > 0 { flow[flow.count - 1].height += look.spaceAfter * style.leading }
        context.snap(&flow)
        context.afterHeading = true
        let kind: StructureElement.Kind = [.h2, .h3, .h4, .h5, .h6][level - 2]
        let title = (number.map { $0 + " " } ?? "") + heading.content.plainText
        return [FlowBlock(lines: flow, spaceBefore: look.spaceBefore * style.leading, keepWithNext: true, breakable: false,
                          element: context.nextElement(kind), destination: heading.id, outline: (title, level))]
    }
}
