import ArtExportCore
/// A bulleted or numbered list. The items' text is indented by the list's label
/// column, and each label hangs in that column, ending a label gap before the
/// text edge (numbers align on their period), on the baseline of the item's
/// first line, drawn before it so it reads first. Tagged L › LI › Lbl + LBody. A nested list is laid out in
/// its item's measure, so each level is indented further and takes the next
/// level's bullet. In a right-to-left article the column is on the right.
struct ListUnit: LayoutUnit {
    var list: List

    /// Bullets by nesting level, repeating after the last.
    static let bullets = ["•", "–", "◦"]

    /// Task boxes (☐ ☑) from one font that draws both alike: the text faces lack
    /// one or both (Libertine's ☑ has no ink), and a fallback per box would mix
    /// two designs in one list. DejaVu Sans is in the Makefile's build packages.
    static func taskBoxFont(_ body: FontSpec) -> FontSpec {
        FontSpec(families: ["DejaVu Sans"] + body.families, size: body.size * 0.95)
    }

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let rtl = context.article.metadata.language.isRightToLeft
        let depth = context.listDepth
        context.listDepth += 1
        defer { context.listDepth -= 1 }
        let labels = list.items.enumerated().map { n, item in
            item.task.map { $0 == .done ? "☑" : "☐" } ?? (list.ordered ? "\(list.start + n)." : Self.bullets[depth % Self.bullets.count])
        }
        let gap = style.body.size * 0.5
        let options = ParagraphOptions(width: measure.width, justify: false, rtl: rtl, hyphenate: false)
        let set = list.items.indices.map { n -> SetLine? in
            var text = StyledText()
            let isTask = list.items[n].task != nil
            text.append(labels[n], font: isTask ? Self.taskBoxFont(style.body) : style.body)
            return context.setter.set(text, options: options).first
        }
        let widest = set.map { $0.map { ink($0) } ?? 0 }.max() ?? 0
        let column = max(style.theme.lists.indent * style.body.size / style.theme.bodySize, widest + gap)
        let inner = rtl ? measure.inset(left: 0, right: column) : measure.inset(left: column)

        var result = try context.grouped(.list) { () throws(ExportError) -> [FlowBlock] in
            var result: [FlowBlock] = []
            for (n, item) in list.items.enumerated() {
                result += try context.grouped(.listItem) { () throws(ExportError) -> [FlowBlock] in
                    let labelElement = context.nextElement(.label)
                    context.afterHeading = true
                    context.path.append(n)
                    defer { context.path.removeLast() }
                    var blocks = try context.grouped(.listBody) { () throws(ExportError) in try context.flow(item.blocks, in: inner) }
                    if let label = set[n], let b = blocks.firstIndex(where: { $0.lines.first?.text != nil }) {
                        // The label's end a gap before the text edge (its start a gap
                        // after it, right to left), on the line's baseline.
                        let labelStart = label.runs.map(\.origin.x).min() ?? 0
                        let shift = rtl ? (inner.left + inner.width + gap) - labelStart
                                        : (inner.left - gap - ink(label)) - labelStart
                        let baseline = blocks[b].lines[0].baseline
                        let runs = label.runs.map { r -> PageItem in
                            var r = r
                            r.origin = Point(x: r.origin.x + shift, y: baseline + r.origin.y)
                            return .glyphs(r, element: labelElement)
                        }
                        blocks[b].lines[0].items += runs
                    }
                    return blocks
                }
            }
            return result
        }
        context.afterHeading = true
        // Half a line above and below a list (not a nested one), a whole line in all.
        if depth == 0, !result.isEmpty, let lastLine = result[result.count - 1].lines.indices.last {
            let around = style.theme.lists.spaceAround * style.leading
            result[0].spaceBefore = max(result[0].spaceBefore, around)
            result[result.count - 1].lines[lastLine].height += around
        }
        return result
    }

    /// Width of a label's ink from its first run's start.
    private func ink(_ line: SetLine) -> Double {
        let start = line.runs.map(\.origin.x).min() ?? 0
        let end = line.runs.map { $0.origin.x + $0.width }.max() ?? 0
        return end - start
    }
}
