import ArtExportCore
/// A block quotation: its blocks indented on both sides (the start side more),
/// with a bar in the start indent beside every line (the theme's width and
/// colour, on the theme's ground if it has one), so the bar follows the quotation
/// across a page break. Tagged BlockQuote around its blocks.
struct BlockQuoteUnit: LayoutUnit {
    var blocks: [Block]

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let rtl = context.article.metadata.language.isRightToLeft
        let q = style.theme.quotes
        let start = q.indentStart, end = q.indentEnd
        let barWidth = q.barWidth
        let inner = rtl ? measure.inset(left: end, right: start) : measure.inset(left: start, right: end)
        context.afterHeading = true
        var result = try context.italicized(q.italic) { () throws(ExportError) in
            try context.grouped(.blockQuote) { () throws(ExportError) in try context.flow(blocks, in: inner) }
        }
        context.afterHeading = true
        guard !result.isEmpty, !result[result.count - 1].lines.isEmpty else { return result }
        // Half a line above (the space before) and below (the last slot): a whole line in all.
        let around = q.spaceAround * style.leading
        result[0].spaceBefore = around
        let last = result.count - 1
        result[last].lines[result[last].lines.count - 1].height += around
        // Midway between the measure's start edge and the quotation's.
        let x = rtl ? measure.left + measure.width - start / 2 : measure.left + start / 2 - barWidth
        let ground = style.theme.colors.quoteBackground.map(Color.init)
        for b in result.indices {
            for l in result[b].lines.indices {
                let isLast = b == last && l == result[b].lines.count - 1
                let height = result[b].lines[l].height - (isLast ? around : 0)
                let bar = PageItem.fill(Rect(x: x, y: 0, width: barWidth, height: height),
                                        color: Color(style.theme.colors.quoteBar), element: UnitContext.artifact)
                result[b].lines[l].items.insert(bar, at: 0)
                if let ground {
                    let left = rtl ? measure.left : x + barWidth, right = rtl ? x : measure.left + measure.width
                    result[b].lines[l].items.insert(.fill(Rect(x: left, y: 0, width: right - left, height: height), color: ground,
                                                          element: UnitContext.artifact), at: 0)
                }
            }
        }
        return result
    }
}
