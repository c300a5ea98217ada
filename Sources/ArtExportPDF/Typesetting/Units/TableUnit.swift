import ArtExportCore
/// A table, set as a book typographer sets one (booktabs): no vertical rules, a
/// heavy rule above the header and below the last row, a light one under the
/// header, the header in bold. Cells are ragged, a step smaller than the body,
/// with lining tabular figures so that numbers align digit under digit; each
/// column is aligned as the source says (no alignment: the start side). When a
/// row wraps, hairlines separate the rows, which the line spacing alone no
/// longer does.
///
/// Column widths come from the content: a column's natural width is its widest
/// cell on one line, its minimum its longest word. Natural widths that fit are
/// used as they are, and the table may be narrower than the measure (it starts
/// at the start edge). Else every column gets its minimum, and the room left goes
/// first to the columns that want little more than that (each then stands on
/// one line), then to the columns that wrap, in proportion to what each would
/// need to stand on one line. Cells are not hyphenated, since no word is wider
/// than its column; only when even the minimums do not fit are the columns too
/// narrow for a word hyphenated, rather than have the word broken with no mark.
///
/// A cell's lines are a little closer than body lines (`pitch`); each row is
/// one line slot of whole body lines, its lines centred in it (the header has
/// half a line more for the top rule, the last row a line more for the bottom
/// rule and the space below), so the baseline grid holds below the table and
/// the paginator never breaks a row; a row taller than a page is cut into slots
/// that fit. The header is drawn again at the top of every page the table
/// continues on (`repeatedHeader`), and the page the table starts on holds the
/// header and a row at least. A caption is set above the table in italic, at the
/// table's start edge, kept with it; it is not numbered ("Table 1"), which would
/// need a localized word and the same numbering in the EPUB.
///
/// Tagged Table › Caption, TR › TH / TD, row by row and cell by cell, which is
/// also the order of the text. The rules are drawn in the Table element: an
/// artifact between two rows would close the table's structure. In a
/// right-to-left article the first column is on the right.
///
/// pdftotext does not read the tags: it guesses the order from the geometry
/// (see `font` and `gap`). Its table detection needs neighbouring columns to
/// line up the same way (both left, both right, both centred, or cells of equal
/// width, as tabular figures of one length are); where they do not, it may read
/// part of a table column by column.
struct TableUnit: LayoutUnit {
    var table: Table

    /// Between wrapped rows: lighter than the rules the theme sets.
    static let hairlineColor = Color.gray(0.65)

    /// The cells' type: a step smaller than the body, lining tabular figures.
    /// Text extractors (poppler's pdftotext) join lines into one block when their
    /// baselines are at most 1.5 font sizes apart: at most a body line over 1.5,
    /// the rows, a body line apart or more, stay blocks of their own, which
    /// poppler orders as a table, row by row, while a cell's own lines (`pitch`)
    /// stay one block. Else the text would come out column by column.
    static func font(_ style: PDFStyle) -> FontSpec {
        style.body.with(size: min(style.body.size * style.theme.tables.scale, style.leading / 1.5 * 0.98), features: ["lnum", "tnum"])
    }

    /// Baseline to baseline within a cell.
    static func pitch(_ style: PDFStyle) -> Double { (font(style).size * 1.3 * 100).rounded() / 100 }

    /// Space between two columns: more than poppler's one font size, within
    /// which it would join two cells of a row into one block.
    static func gap(_ style: PDFStyle, columns: Int, width: Double) -> Double {
        max(font(style).size * 1.15, min(style.body.size * 1.2, width / Double(columns) * 0.2))
    }

    /// A cell to set: its text and how wide it wants to be.
    private struct Cell {
        var text: StyledText
        var rtl: Bool
        /// The widest of its lines unbroken (forced line breaks kept).
        var natural: Double
        var longestWord: Double
    }

    func layout(in measure: Measure, _ context: UnitContext) throws(ExportError) -> [FlowBlock] {
        let style = context.style
        let leading = style.leading
        let rtl = context.article.metadata.language.isRightToLeft
        let font = Self.font(style)
        let count = max(table.alignments.count, table.header.count, table.rows.map(\.count).max() ?? 0)
        context.afterHeading = true
        guard count > 0 else { return [] }

        var spansColumns = false
        var blocks = try context.grouped(.table) { () throws(ExportError) -> [FlowBlock] in
            guard let tableElement = context.group else { return [] }
            // The caption's links come first: text is styled in reading order.
            let captionText = table.caption.isEmpty ? nil : context.styled(table.caption, base: style.body.with(size: font.size, italic: true))
            let captionElement = captionText.map { _ in context.nextElement(.caption) }
            let rows = ([table.header] + table.rows).enumerated().map { r, row in
                (0..<count).map { c in cell(c < row.count ? row[c] : [], font: r == 0 ? font.with(weight: .bold) : font, context) }
            }

            // Gaps give way when there are many columns.
            let natural = (0..<count).map { c in rows.map { $0[c].natural }.max() ?? 0 }
            let (measure, span) = context.measure(forWide: natural.reduce(0, +) + Self.gap(style, columns: count, width: measure.width) * Double(count - 1),
                                                  in: measure)
            spansColumns = span
            let gap = Self.gap(style, columns: count, width: measure.width)
            let available = max(measure.width - gap * Double(count - 1), Double(count))
            let longest = (0..<count).map { c in rows.map { $0[c].longestWord }.max() ?? 0 }
            // A word wider than a third of the room (a URL) breaks at its seams rather than starve the other columns.
            let minimum = zip(natural, longest).map { min($0, $1, available / 3) }
            let widths = Self.widths(natural: natural, minimum: minimum, available: available)
            let tableWidth = widths.reduce(0, +) + gap * Double(count - 1)
            let tableLeft = rtl ? measure.left + measure.width - tableWidth : measure.left
            // Each column's left end, in logical order; right to left the first is on the right.
            var xs: [Double] = []
            var edge = 0.0
            for w in widths {
                xs.append(rtl ? measure.left + measure.width - edge - w : measure.left + edge)
                edge += w + gap
            }
            let alignments = (0..<count).map { c -> Table.Alignment in
                let a = c < table.alignments.count ? table.alignments[c] : .none
                return a == .none ? (rtl ? .right : .left) : a
            }

            // Set every cell in its column.
            let set = rows.map { row in
                row.enumerated().map { c, cell -> [SetLine] in
                    let options = ParagraphOptions(width: widths[c], justify: false, rtl: cell.rtl,
                                                   hyphenate: widths[c] < longest[c] - 0.01)
                    return context.setter.set(cell.text, options: options).map { Self.align($0, alignments[c], in: widths[c]) }
                }
            }
            let wraps = set.dropFirst().contains { $0.contains { $0.count > 1 } }

            // A cell's lines are `pitch` apart; a row of them takes whole body lines,
            // at least one more than its lines' span, its lines centred in it.
            let pitch = Self.pitch(style)
            let ascent = (leading - font.size) / 2 + font.size * 0.8
            func height(_ lines: Int) -> Double { ((Double(lines - 1) * pitch + leading) / leading - 1e-9).rounded(.up) * leading }
            func inset(_ lines: Int) -> Double { (height(lines) - Double(lines - 1) * pitch - leading) / 2 }
            // The header slot: half a line above it holds the top rule; the light rule ends it.
            let headerTop = leading / 2 - 1
            let headerDepth = max(1, set[0].map(\.count).max() ?? 0)
            let headerHeight = height(headerDepth) + leading / 2
            // Rows deeper than a page less the repeated header and the bottom rule's line are cut.
            let room = style.textHeight - headerHeight - leading
            let pageLines = max(1, Int(((room - leading) / pitch).rounded(.down)) + 1)
            let tables = style.theme.tables
            let ruleColor = Color(style.theme.colors.tableRules)
            func rule(_ y: Double, _ thickness: Double, _ color: Color? = nil) -> PageItem {
                let color = color ?? ruleColor
                return .rule(from: Point(x: tableLeft, y: y), to: Point(x: tableLeft + tableWidth, y: y), thickness: thickness, color: color, element: tableElement)
            }

            var slots: [FlowLine] = []
            for (r, row) in set.enumerated() {
                try context.grouped(.tableRow) { () throws(ExportError) in
                    let elements = row.map { _ in context.nextElement(r == 0 ? .tableHeader : .tableCell) }
                    let depth = max(1, row.map(\.count).max() ?? 0)
                    var start = 0
                    repeat {
                        let lines = r == 0 ? depth : min(depth - start, pageLines)
                        let top = (r == 0 ? headerTop : 0) + inset(lines)
                        var slot = FlowLine(height: height(lines) + (r == 0 ? leading / 2 : 0), baseline: top + ascent)
                        // A page that starts in the table starts at a row's first cell (row 0: the header).
                        slot.source = TextPosition(inBio: context.inBio, path: context.path + [r, 0], offset: 0)
                        for (c, cellLines) in row.enumerated() where start < cellLines.count {
                            for j in start..<min(cellLines.count, start + lines) {
                                slot.extraTexts.append((cellLines[j], xs[c], top + Double(j - start) * pitch + ascent, elements[c]))
                            }
                        }
                        if r == 0 {
                            // A table of a header alone has the bottom rule only under it.
                            slot.items = [rule(headerTop - 1 - tables.heavyRule / 2, tables.heavyRule)]
                                + (set.count > 1 ? [rule(slot.height - tables.heavyRule, tables.lightRule)] : [])
                            if let ground = style.theme.colors.tableHeaderBackground {
                                let top = headerTop - 1, bottom = slot.height - tables.heavyRule
                                slot.items.insert(.fill(Rect(x: tableLeft, y: top, width: tableWidth, height: bottom - top), color: Color(ground),
                                                        element: UnitContext.artifact), at: 0)
                            }
                        } else if wraps && r < set.count - 1 && start + lines == depth {
                            slot.items = [rule(slot.height - tables.hairline / 2, tables.hairline, Self.hairlineColor)]
                        }
                        slots.append(slot)
                        start += lines
                    } while start < depth
                }
            }
            // The last slot grows by a line: the bottom rule and the space below
            // the table, as much as the space before it and the top rule's half line.
            let last = slots.count - 1
            let end = slots[last].height
            slots[last].height += leading
            slots[last].items.append(rule(end + 1.8, tables.heavyRule))

            // The caption at the table's start edge, at least 3/5 of the measure wide.
            var captionLines: [FlowLine] = []
            if let captionText {
                let width = min(measure.width, max(tableWidth, measure.width * 0.6))
                let options = ParagraphOptions(width: width, justify: false, rtl: context.isRTL(captionText.text), hyphenate: false)
                captionLines = context.lines(captionText, font: font, leading: leading, options: options,
                                             x: rtl ? measure.left + measure.width - width : tableLeft)
            }
            // The space before the table goes before its caption, which the header then follows closely.
            var body = FlowBlock(lines: slots, spaceBefore: captionLines.isEmpty ? leading / 2 : 0, element: tableElement)
            // A header taller than a quarter page is not worth its room on every page.
            body.repeatedHeader = headerHeight <= style.textHeight / 4 ? 1 : 0
            guard let captionElement, !captionLines.isEmpty else { return [body] }
            return [FlowBlock(lines: captionLines, spaceBefore: leading / 2, keepWithNext: true, breakable: false, element: captionElement), body]
        }
        context.afterHeading = true
        for k in blocks.indices { blocks[k].span = spansColumns }
        return blocks
    }

    /// A cell's text, with its natural width and longest word measured from its shaping.
    private func cell(_ inlines: [Inline], font: FontSpec, _ context: UnitContext) -> Cell {
        let text = context.styled(inlines, base: font)
        let rtl = context.isRTL(text.text)
        let shaped = context.setter.shaper.shape(text, rtl: rtl)
        var natural = 0.0, longest = 0.0, line = 0.0, word = 0.0
        for c in shaped.clusters {
            let first = c.bytes.count == 1 ? shaped.text[c.bytes.lowerBound] : 0
            if first == 0x0A {
                line = 0
                word = 0
            } else if first == 0x20 {
                line += c.advance
                word = 0
            } else {
                line += c.advance
                word += c.advance
            }
            natural = max(natural, line)
            longest = max(longest, word)
        }
        // A hair more, so that the breaker, adding the same widths in another order, still finds the line fits.
        return Cell(text: text, rtl: rtl, natural: natural > 0 ? natural + 0.01 : 0, longestWord: longest)
    }

    /// Column widths in `available` points: the natural widths if they fit; else
    /// the minimums, the room left going first, in equal shares, to the columns
    /// whose wish (natural less minimum) is within a share, then to the others
    /// in proportion to their wishes. Minimums that do not fit are scaled down.
    static func widths(natural: [Double], minimum: [Double], available: Double) -> [Double] {
        let minimum = zip(natural, minimum).map { Swift.min($0, $1) }
        guard natural.reduce(0, +) > available else { return natural }
        let least = minimum.reduce(0, +)
        guard least < available else { return minimum.map { least > 0 ? $0 * available / least : available / Double(minimum.count) } }
        var widths = minimum
        var spare = available - least
        var open = natural.indices.filter { natural[$0] > minimum[$0] }
        while !open.isEmpty {
            let share = spare / Double(open.count)
            let granted = open.filter { natural[$0] - minimum[$0] <= share }
            if granted.isEmpty { break }
            for c in granted {
                widths[c] = natural[c]
                spare -= natural[c] - minimum[c]
            }
            open.removeAll { granted.contains($0) }
        }
        let wishes = open.reduce(0) { $0 + natural[$1] - minimum[$1] }
        for c in open { widths[c] += spare * (natural[c] - minimum[c]) / wishes }
        return widths
    }

    /// A ragged line moved within its column's measure: to its left or right
    /// end, or centred.
    static func align(_ line: SetLine, _ alignment: Table.Alignment, in width: Double) -> SetLine {
        let start = line.runs.map(\.origin.x).min() ?? 0
        let end = line.runs.map { $0.origin.x + $0.width }.max() ?? 0
        let shift = switch alignment {
        case .right: width - end
        case .center: (width - (end - start)) / 2 - start
        case .left, .none: -start
        }
        var moved = line
        moved.runs = line.runs.map { var r = $0; r.origin.x += shift; return r }
        moved.links = line.links.map { (Rect(x: $0.rect.x + shift, y: $0.rect.y, width: $0.rect.width, height: $0.rect.height), $0.link) }
        moved.extent = end + shift
        return moved
    }
}
