import ArtExportCore
/// Page furniture, applied after pagination: the page label of every page, and
/// on every page after the first the running head (the title on one line, in
/// small capitals, centred) and the folio.
struct PageComposer {
    let style: PDFStyle
    let title: String
    let rtlTitle: Bool
    let setter: ParagraphSetter

    func compose(_ pages: inout [Page]) {
        // Set once for the document, a long title cut to one line, when a page needs it.
        var runningHead: SetLine??
        for index in pages.indices {
            pages[index].label = String(index + 1)
            guard index > 0 else { continue }
            if runningHead == nil {
                runningHead = RunningHead.line(title: title, font: style.runningHead, width: style.textWidth, rtl: rtlTitle, setter: setter)
            }
            pages[index].items += furniture(page: index + 1, runningHead: runningHead ?? nil)
        }
    }

    func furniture(page: Int, runningHead: SetLine?) -> [PageItem] {
        var items: [PageItem] = []
        let artifact = UnitContext.artifact
        if let line = runningHead {
            let x = style.marginLeft + max(0, (style.textWidth - line.extent) / 2)
            let y = style.marginTop - style.leading * 1.2
            for run in line.runs {
                var r = run
                r.origin = Point(x: x + run.origin.x, y: y)
                items.append(.glyphs(r, element: artifact))
            }
        }
        var folio = StyledText()
        folio.append(String(page), font: style.folio)
        if let line = setter.set(folio, options: ParagraphOptions(width: style.textWidth, justify: false, hyphenate: false)).first {
            let x = style.marginLeft + (style.textWidth - line.extent) / 2
            let y = style.pageHeight - style.marginBottom + style.leading * 2
            for run in line.runs {
                var r = run
                r.origin = Point(x: x + run.origin.x, y: y)
                items.append(.glyphs(r, element: artifact))
            }
        }
        return items
    }
}
