import ArtExportCore
/// A paragraph of body text, justified or ragged and hyphenated or not as the
/// theme says; its first line indented (or space above it) unless it follows a
/// heading, a break or the start of a container.
struct ParagraphUnit: LayoutUnit {
    var content: [Inline]

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let text = context.styled(content, base: style.body)
        let p = style.theme.paragraphs
        let options = ParagraphOptions(width: measure.width, firstIndent: context.afterHeading ? 0 : style.indent,
                                       justify: p.justify, rtl: context.isRTL(text.text), hyphenate: p.hyphenate)
        let spaceBefore = context.afterHeading ? 0 : p.spaceBetween * style.leading
        context.afterHeading = false
        return [FlowBlock(lines: context.lines(text, font: style.body, leading: style.leading, options: options, x: measure.left),
                          spaceBefore: spaceBefore, element: context.nextElement(.p))]
    }
}
