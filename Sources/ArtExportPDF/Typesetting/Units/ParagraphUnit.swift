import ArtExportCore
/// A paragraph of body text: justified, hyphenated, its first line indented
/// unless it follows a heading, a break or the start of a container.
struct ParagraphUnit: LayoutUnit {
    var content: [Inline]

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let text = context.styled(content, base: style.body)
        let options = ParagraphOptions(width: measure.width, firstIndent: context.afterHeading ? 0 : style.indent,
                                       justify: true, rtl: context.isRTL(text.text), hyphenate: true)
        context.afterHeading = false
        return [FlowBlock(lines: context.lines(text, font: style.body, leading: style.leading, options: options, x: measure.left),
                          element: context.nextElement(.p))]
    }
}
