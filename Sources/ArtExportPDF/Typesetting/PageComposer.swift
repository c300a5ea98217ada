import ArtExportCore
/// Page furniture, applied after pagination: the page label of every page, and
/// the running head and foot on the pages the theme shows them on, each with
/// its left, centre and right slot filled from the article (`ThemeFields`), on
/// one line each (a long title cut with an ellipsis), with a rule if the theme
/// draws one. Every piece is an artifact: outside the structure tree.
struct PageComposer {
    let style: PDFStyle
    let fields: ThemeFields
    let setter: ParagraphSetter
    /// The direction of the text a slot holds.
    let isRTL: (String) -> Bool

    /// `firstNumber`: the first page's number (an issue's article numbers on from the pages before it).
    func compose(_ pages: inout [Page], firstNumber: Int = 1) {
        let theme = style.theme
        // Slots without {page} are the same on every page: set once.
        var cache: [String: SetLine?] = [:]
        for index in pages.indices {
            let label = String(firstNumber + index)
            pages[index].label = label
            for (furniture, isHead) in [(theme.runningHead, true), (theme.runningFoot, false)] where !furniture.isEmpty && furniture.shows(onPage: index) {
                pages[index].items += items(furniture, head: isHead, page: label, cache: &cache)
            }
        }
    }

    private func items(_ f: Theme.Furniture, head: Bool, page: String, cache: inout [String: SetLine?]) -> [PageItem] {
        var items: [PageItem] = []
        let font = head ? style.runningHead : style.folio
        let width = style.textWidth
        let baseline = head ? style.marginTop - style.leading * 1.2 : style.pageHeight - style.marginBottom + style.leading * 2
        let sides = f.center.isEmpty ? width * 0.48 : width * 0.22
        let centre = f.left.isEmpty && f.right.isEmpty ? width : width * 0.5
        for (template, slot) in [(f.left, 0), (f.center, 1), (f.right, 2)] where !template.isEmpty {
            let text = fields.fill(template, page: page)
            guard !text.isEmpty else { continue }
            let room = slot == 1 ? centre : sides
            let key = "\(head)|\(slot)|\(text)"
            let line: SetLine?
            if let known = cache[key] { line = known } else {
                line = RunningHead.line(title: text, font: font, width: room, rtl: isRTL(text), setter: setter)
                cache[key] = line
            }
            guard let line else { continue }
            let x = switch slot {
            case 0: style.marginLeft
            case 1: style.marginLeft + max(0, (width - line.extent) / 2)
            default: style.marginLeft + width - line.extent
            }
            for run in line.runs {
                var r = run
                r.origin = Point(x: x + run.origin.x, y: baseline)
                items.append(.glyphs(r, element: UnitContext.artifact))
            }
        }
        if f.rule {
            let y = head ? style.marginTop - style.leading * 0.75 : style.pageHeight - style.marginBottom + style.leading * 1.1
            items.append(.rule(from: Point(x: style.marginLeft, y: y), to: Point(x: style.marginLeft + width, y: y), thickness: 0.4,
                               color: Color(style.theme.colors.rules), element: UnitContext.artifact))
        }
        return items
    }
}
