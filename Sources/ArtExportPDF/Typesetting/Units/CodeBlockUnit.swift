import ArtExportCore
/// A code block: monospace on the theme's ground (or framed by its border) the width of the measure, ragged, never justified or
/// hyphenated, indentation kept (tabs to the next multiple of four columns).
/// A source line too long for the measure is wrapped at its spaces (or where
/// a long token may break): its continuation lines are indented to its own
/// indentation plus two columns, and a small hooked arrow in the gutter marks
/// each, drawn as strokes, not text, so copied code has no stray characters.
/// The paginator keeps at least two lines on each side of a page break.
struct CodeBlockUnit: LayoutUnit {
    var code: String

    static let markColor = Color.gray(0.45)

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let font = style.mono
        let inner = measure.inset(left: style.indent)
        let column = columnWidth(context)
        var flowLines: [FlowLine] = []
        // Scalars of the code before this line (`TextPosition.offset`); after a tab the
        // expanded line's offsets run ahead of the source's, which a page map tolerates.
        var offset = 0
        for source in code.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { offset += source.unicodeScalars.count + 1 }
            let line = Self.expandTabs(String(source))
            let indentation = line.prefix { $0 == " " }.count
            // Continuation lines hang from the line's own indentation plus two columns,
            // unless that leaves too little room.
            let hang = min(Double(indentation + 2) * column, inner.width / 2)
            var t = StyledText()
            t.leaf = (context.inBio, context.path)
            t.markSource(line, offset: offset)
            t.append(line, font: font)
            let options = ParagraphOptions(width: inner.width - hang, firstIndent: -hang, justify: false, hyphenate: false)
            var set = context.lines(t, font: font, leading: style.leading, options: options, x: inner.left + hang)
            // The first line's measure is the whole width (it was set with a negative indent).
            if let (first, x) = set.first?.text {
                var line = first
                line.runs = line.runs.map { var r = $0; r.origin.x += hang; return r }
                line.links = line.links.map { (Rect(x: $0.rect.x + hang, y: $0.rect.y, width: $0.rect.width, height: $0.rect.height), $0.link) }
                line.extent += hang
                line.fit.measure += hang
                set[0].text = (line, x - hang)
            }
            for k in set.indices.dropFirst() { set[k].items = mark(at: inner.left, baseline: set[k].baseline, size: font.size) }
            if set.isEmpty {
                var blank = FlowLine(height: style.leading, baseline: 0)
                blank.source = TextPosition(inBio: context.inBio, path: context.path, offset: offset)
                flowLines.append(blank)
            } else {
                flowLines += set
            }
        }
        // Half a line above (the space before) and below (the last slot), a whole line in all.
        let around = style.theme.code.spaceAround * style.leading
        let pad = min(around / 2, style.leading * 0.25)
        flowLines[flowLines.count - 1].height += around
        let colors = style.theme.colors
        for k in flowLines.indices {
            var top = 0.0, bottom = flowLines[k].height
            if k == 0 { top = -pad }
            if k == flowLines.count - 1 { bottom -= around - pad }
            let rect = Rect(x: measure.left, y: top, width: measure.width, height: bottom - top)
            if let ground = colors.codeBackground {
                flowLines[k].items.insert(.fill(rect, color: Color(ground), element: UnitContext.artifact), at: 0)
            }
            if let border = colors.codeBorder.map(Color.init) {
                // Sides on every slot, top and bottom on the first and last: the frame follows a page break.
                let w = 0.5
                var edges = [PageItem.fill(Rect(x: rect.x, y: rect.y, width: w, height: rect.height), color: border, element: UnitContext.artifact),
                             .fill(Rect(x: rect.x + rect.width - w, y: rect.y, width: w, height: rect.height), color: border, element: UnitContext.artifact)]
                if k == 0 { edges.append(.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: w), color: border, element: UnitContext.artifact)) }
                if k == flowLines.count - 1 {
                    edges.append(.fill(Rect(x: rect.x, y: rect.y + rect.height - w, width: rect.width, height: w), color: border, element: UnitContext.artifact))
                }
                flowLines[k].items.insert(contentsOf: edges, at: 0)
            }
        }
        context.afterHeading = true
        return [FlowBlock(lines: flowLines, spaceBefore: around, element: context.nextElement(.code))]
    }

    /// The advance of one column of the monospace font.
    private func columnWidth(_ context: UnitContext) -> Double {
        var space = StyledText()
        space.append("0", font: context.style.mono)
        let shaped = context.setter.shaper.shape(space)
        return shaped.width(of: 0..<shaped.clusters.count)
    }

    /// A hooked arrow (↪) ending a small gap before `x`, on the baseline: three strokes.
    func mark(at x: Double, baseline: Double, size: Double) -> [PageItem] {
        let w = size * 0.55, h = size * 0.45, a = size * 0.16
        let right = x - size * 0.25, left = right - w
        let y = baseline - size * 0.2
        let stroke = size * 0.06
        func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> PageItem {
            .rule(from: Point(x: x0, y: y0), to: Point(x: x1, y: y1), thickness: stroke, color: Self.markColor, element: UnitContext.artifact)
        }
        return [line(left, y - h, left, y), line(left, y, right, y),
                line(right - a, y - a, right, y), line(right - a, y + a, right, y)]
    }

    /// Tabs to spaces, to the next multiple of four columns.
    static func expandTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        var column = 0
        for c in line {
            if c == "\t" {
                let n = 4 - column % 4
                out += String(repeating: " ", count: n)
                column += n
            } else {
                out.append(c)
                column += 1
            }
        }
        return out
    }
}
