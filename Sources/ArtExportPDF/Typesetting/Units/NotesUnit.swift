import ArtExportCore
/// The footnotes, set today as end notes: a "Notes" label, then each note's
/// paragraphs numbered in the order of their first reference.
struct NotesUnit: LayoutUnit {
    var notes: [Footnote]

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        var label = StyledText()
        label.append(context.localization.notes, font: style.byline)
        var result = [FlowBlock(lines: context.lines(label, font: style.byline, leading: style.leading,
                                                     options: ParagraphOptions(width: measure.width, justify: false,
                                                                               rtl: context.article.metadata.language.isRightToLeft, hyphenate: false),
                                                     x: measure.left),
                                spaceBefore: style.leading * 2, keepWithNext: true, breakable: false,
                                element: context.nextElement(.h2), destination: "notes", outline: (context.localization.notes, 2))]
        let font = style.body.with(size: style.body.size * 0.9)
        for (n, note) in notes.enumerated() {
            for (k, block) in note.blocks.enumerated() {
                guard case .paragraph(let content) = block else {
                    context.afterHeading = true
                    result += try context.flow([block], in: measure)
                    continue
                }
                var text = StyledText()
                if k == 0 { text.append("\(n + 1). ", font: font) }
                let body = context.styled(content, base: font)
                let offset = text.text.utf8.count
                text.text += body.text
                text.spans += body.spans.map { var s = $0; s.range = (s.range.lowerBound + offset)..<(s.range.upperBound + offset); return s }
                var block = FlowBlock(lines: context.lines(text, font: font, leading: style.leading,
                                                           options: ParagraphOptions(width: measure.width, justify: true), x: measure.left),
                                      element: context.nextElement(.p))
                if k == 0 { block.destination = "note-\(note.id)" }
                result.append(block)
            }
        }
        return result
    }
}
