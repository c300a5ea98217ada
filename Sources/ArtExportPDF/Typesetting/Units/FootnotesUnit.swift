import ArtExportCore
/// The footnotes, set at the foot of the page where each is first referenced
/// (the paginator's inserts, as in TeX): smaller type on a tighter leading,
/// the note's number hanging in a column before its text, linked back to the
/// reference. Each note is tagged Note › Lbl + its paragraphs.
struct FootnotesUnit {
    var notes: [Footnote]

    /// A line of a note with the element its items belong to.
    struct NoteLine {
        var line: FlowLine
        var element: StructureElement
    }

    /// A note's lines, and the names of its destination and of its reference's.
    struct Note {
        var id: String
        var lines: [NoteLine]
    }

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [Note] {
        let style = context.style
        let rtl = context.article.metadata.language.isRightToLeft
        let scale = style.theme.notes.scale
        let font = style.body.with(size: style.body.size * scale)
        let leading = (style.leading * scale * 2).rounded() / 2
        let column = font.size * 1.8
        let inner = rtl ? measure.inset(left: 0, right: column) : measure.inset(left: column)
        var result: [Note] = []
        for (n, note) in notes.enumerated() {
            let lines = try context.grouped(.note) { () throws(ExportError) -> [NoteLine] in
                let labelElement = context.nextElement(.label)
                var lines: [NoteLine] = []
                for block in note.blocks {
                    if case .paragraph(let content) = block {
                        let element = context.nextElement(.p)
                        let options = ParagraphOptions(width: inner.width, justify: style.theme.paragraphs.justify, rtl: rtl, hyphenate: style.theme.paragraphs.hyphenate)
                        lines += context.lines(context.styled(content, base: font), font: font, leading: leading, options: options, x: inner.left)
                            .map { NoteLine(line: $0, element: element) }
                    } else {
                        context.afterHeading = true
                        let blocks = try context.scaled(scale, leading: leading) { () throws(ExportError) in try context.flow([block], in: inner) }
                        for b in blocks {
                            // A block's space before goes below the note's line above it
                            // (slots grow downwards), none at the note's top.
                            if b.spaceBefore > 0, !lines.isEmpty { lines[lines.count - 1].line.height += b.spaceBefore }
                            lines += b.lines.map { NoteLine(line: $0, element: b.element) }
                        }
                    }
                }
                if lines.isEmpty { lines = [NoteLine(line: FlowLine(height: leading, baseline: 0), element: labelElement)] }
                // The number, ending a gap before the text (starting after it, right
                // to left), a link back to the reference.
                var label = StyledText()
                label.append("\(n + 1)", font: font)
                let options = ParagraphOptions(width: column, justify: false, rtl: rtl, hyphenate: false)
                if let set = context.setter.set(label, options: options).first {
                    let start = set.runs.map(\.origin.x).min() ?? 0
                    let width = (set.runs.map { $0.origin.x + $0.width }.max() ?? 0) - start
                    let gap = font.size * 0.5
                    let shift = (rtl ? inner.left + inner.width + gap : inner.left - gap - width) - start
                    let baseline = lines[0].line.text == nil ? leading * 0.75 : lines[0].line.baseline
                    lines[0].line.items += set.runs.map { run in
                        var r = run
                        r.origin = Point(x: shift + run.origin.x, y: baseline + run.origin.y)
                        return .glyphs(r, element: labelElement)
                    }
                    if let back = LinkTarget("#ref-\(note.id)") {
                        let rect = Rect(x: shift + start, y: baseline - font.size * 0.8, width: width, height: font.size * 1.05)
                        lines[0].line.items.append(.link(rects: [rect], target: back))
                    }
                }
                return lines
            }
            result.append(Note(id: note.id, lines: lines))
        }
        return result
    }
}
