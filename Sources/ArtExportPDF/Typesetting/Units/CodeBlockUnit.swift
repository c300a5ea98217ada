import ArtExportCore
/// A code block: monospace, ragged, never hyphenated, each source line set on its own.
struct CodeBlockUnit: LayoutUnit {
    var code: String

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let inner = measure.inset(left: style.indent)
        var flowLines: [FlowLine] = []
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            var t = StyledText()
            t.append(String(line), font: style.mono)
            let set = context.lines(t, font: style.mono, leading: style.leading,
                                    options: ParagraphOptions(width: inner.width, justify: false, hyphenate: false), x: inner.left)
            flowLines += set.isEmpty ? [FlowLine(height: style.leading, baseline: 0)] : set
        }
        context.afterHeading = true
        return [FlowBlock(lines: flowLines, spaceBefore: style.leading * 0.5, element: context.nextElement(.p))]
    }
}
