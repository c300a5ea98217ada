import ArtExportCore
/// A block quotation: its blocks indented.
struct BlockQuoteUnit: LayoutUnit {
    var blocks: [Block]

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        context.afterHeading = true
        var result = try context.flow(blocks, in: measure.inset(left: style.indent * 1.5))
        if !result.isEmpty { result[0].spaceBefore = style.leading * 0.5 }
        context.afterHeading = true
        return result
    }
}
