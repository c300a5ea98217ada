import ArtExportCore
/// A section heading (levels 2…6): ragged, never hyphenated, kept with what
/// follows, a named destination and an outline entry.
struct HeadingUnit: LayoutUnit {
    var heading: Heading

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let level = min(max(heading.level, 2), 6)
        let size = level == 2 ? style.heading.size : max(style.body.size, style.heading.size * 0.87)
        let font = style.heading.with(size: size)
        let text = context.styled(heading.content, base: font)
        let options = ParagraphOptions(width: measure.width, justify: false, rtl: context.isRTL(text.text), hyphenate: false)
        var flow = context.lines(text, font: font, leading: size * 1.25, options: options, x: measure.left)
        context.snap(&flow)
        context.afterHeading = true
        let kind: StructureElement.Kind = [.h2, .h3, .h4, .h5, .h6][level - 2]
        return [FlowBlock(lines: flow, spaceBefore: style.leading, keepWithNext: true, breakable: false,
                          element: context.nextElement(kind), destination: heading.id, outline: (heading.content.plainText, level))]
    }
}
