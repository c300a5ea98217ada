import ArtExportCore
/// A thematic break: a short centred rule in a slot of two body lines.
struct RuleUnit: LayoutUnit {
    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        context.afterHeading = true
        let w = measure.width / 5
        let x = measure.left + (measure.width - w) / 2
        let y = style.leading
        let rule = PageItem.rule(from: Point(x: x, y: y), to: Point(x: x + w, y: y), thickness: 0.5, color: Color(style.theme.colors.rules), element: UnitContext.artifact)
        return [FlowBlock(lines: [FlowLine(items: [rule], height: style.leading * 2, baseline: y)],
                          breakable: false, element: UnitContext.artifact)]
    }
}
