import ArtExportCore
/// A bulleted or numbered list: each item's blocks indented, its marker on the
/// item's first line.
struct ListUnit: LayoutUnit {
    var list: List

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        var result: [FlowBlock] = []
        for (n, item) in list.items.enumerated() {
            let marker = list.ordered ? "\(list.start + n)." : "•"
            context.afterHeading = true
            var itemBlocks = try context.flow(item, in: measure.inset(left: style.indent * 1.5))
            if var first = itemBlocks.first, let (set, x) = first.lines.first?.text {
                var line = set
                var m = StyledText()
                m.append(marker, font: style.body)
                if let markerLine = context.setter.set(m, options: ParagraphOptions(width: style.indent * 1.5, justify: false, hyphenate: false)).first {
                    let shift = x - style.indent * 1.2
                    line.runs += markerLine.runs.map { var r = $0; r.origin.x += shift - x; return r }
                    first.lines[0].text = (line, x)
                    itemBlocks[0] = first
                }
            }
            result += itemBlocks
        }
        context.afterHeading = true
        return result
    }
}
