import ArtExportCore
/// A block quotation: its blocks indented on both sides (the start side more),
/// with a grey bar in the start indent beside every line, so the bar follows the
/// quotation across a page break. Tagged BlockQuote around its blocks.
struct BlockQuoteUnit: LayoutUnit {
    var blocks: [Block]

    static let barWidth = 1.5
    static let barColor = Color.gray(0.6)

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let rtl = context.article.metadata.language.isRightToLeft
        let start = style.indent * 1.5, end = style.indent
        let inner = rtl ? measure.inset(left: end, right: start) : measure.inset(left: start, right: end)
        context.afterHeading = true
        var result = try context.grouped(.blockQuote) { () throws(ExportError) in try context.flow(blocks, in: inner) }
        context.afterHeading = true
        guard !result.isEmpty, !result[result.count - 1].lines.isEmpty else { return result }
        // Half a line above (the space before) and below (the last slot): a whole line in all.
        result[0].spaceBefore = style.leading * 0.5
        let last = result.count - 1
        result[last].lines[result[last].lines.count - 1].height += style.leading * 0.5
        // Midway between the measure's start edge and the quotation's.
        let x = rtl ? measure.left + measure.width - start / 2 : measure.left + start / 2 - Self.barWidth
        for b in result.indices {
            for l in result[b].lines.indices {
                let isLast = b == last && l == result[b].lines.count - 1
                let height = result[b].lines[l].height - (isLast ? style.leading * 0.5 : 0)
                let bar = PageItem.fill(Rect(x: x, y: 0, width: Self.barWidth, height: height),
                                        color: Self.barColor, element: UnitContext.artifact)
                result[b].lines[l].items.insert(bar, at: 0)
            }
        }
        return result
    }
}
