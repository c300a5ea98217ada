@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// Tables built in code, as the Markdown reader makes them.
enum TableSamples {
    static func row(_ cells: [String]) -> [[Inline]] { cells.map { [.text($0)] } }

    /// Short cells that fit: left, centre and right columns.
    static let short = Table(alignments: [.left, .center, .right], header: row(["Construct", "Markdown", "Aligned"]),
                             rows: [row(["emphasis", "*a*", "1"]), row(["strong", "**a**", "22"]), row(["code", "`a`", "333"])])

    /// A prose column that must wrap, between a label column and a column of numbers.
    static let wrapped = Table(alignments: [.none, .none, .right], header: row(["Region", "Summary of the season", "Visitors"]), rows: [
        row(["North Coast", "A wet spring kept the beaches empty until June, but a long warm autumn brought the campsites back to capacity and the ferry added a late sailing.", "128,400"]),
        row(["Highlands", "Walkers returned in numbers after the bridge reopened; the new hostel at the pass was full most weekends.", "57,210"]),
        row(["Lowlands", "Steady, with no surprises.", "301,955"]),
    ])

    /// `count` rows of numbers, right-aligned: long enough to cross pages.
    static func numbers(_ count: Int) -> Table {
        Table(alignments: [.right, .right, .right], header: row(["Year", "Passengers", "Share"]),
              rows: (1...count).map { row([String(1900 + $0), String($0 * 7919 % 99_991), "\($0 % 10).\($0 % 7)%"]) })
    }

    static func article(_ blocks: [Block], language: String = "en", title: String = "Tables") -> Article {
        Article(metadata: Metadata(title: title, language: LanguageTag(normalizing: language)!), blocks: blocks)
    }
}

/// The table unit laid out into a measure, inspected as frames (no Cairo).
@Suite struct TableUnitTests {
    let style = Theme.standard.pdf
    let measure = Measure(left: 0, width: Theme.standard.pdf.textWidth)

    typealias Cell = (line: SetLine, x: Double, baseline: Double, element: StructureElement)

    func layout(_ table: Table, article: Article? = nil) throws -> [FlowBlock] {
        try TableUnit(table: table).layout(in: measure, UnitSamples.context(article ?? TableSamples.article([.table(table)])))
    }

    /// The table block's slots, each a row (or a piece of one).
    func rows(_ blocks: [FlowBlock]) -> [[Cell]] {
        blocks.last!.lines.map(\.extraTexts)
    }

    /// Each column's left end and width, from the header's cells (one line each here).
    func columns(_ blocks: [FlowBlock]) -> [(x: Double, width: Double)] {
        var seen = Set<Int>()
        return rows(blocks)[0].filter { seen.insert($0.element.id).inserted }.map { ($0.x, $0.line.fit.measure) }
    }

    func ink(_ line: SetLine) -> (start: Double, end: Double) {
        (line.runs.map(\.origin.x).min() ?? 0, line.runs.map { $0.origin.x + $0.width }.max() ?? 0)
    }

    // MARK: column widths

    @Test func naturalWidthsThatFitAreUsedAndTheTableStartsAtTheStartEdge() throws {
        let blocks = try layout(TableSamples.short)
        let cols = columns(blocks)
        #expect(cols.count == 3)
        #expect(abs(cols[0].x - measure.left) < 0.01)
        let gap = TableUnit.gap(style, columns: 3, width: measure.width)
        for k in 1..<cols.count { #expect(abs(cols[k].x - (cols[k - 1].x + cols[k - 1].width + gap)) < 0.01) }
        let right = cols[2].x + cols[2].width
        #expect(right < measure.width / 2, "a table of short cells is narrower than the measure")
        // Every cell on one line, and each column as wide as its widest cell.
        for row in rows(blocks) { #expect(Set(row.map(\.element.id)).count == row.count) }
        for (c, col) in cols.enumerated() {
            let widest = rows(blocks).map { ink($0[c].line).end - ink($0[c].line).start }.max()!
            #expect(abs(widest - col.width) < 0.05, "column \(c): widest cell \(widest), column \(col.width)")
        }
    }

    @Test func aLongCellWrapsAndTheTableFillsTheMeasureWithoutPassingIt() throws {
        let blocks = try layout(TableSamples.wrapped)
        let cols = columns(blocks)
        let right = cols[2].x + cols[2].width
        #expect(right <= measure.width + 0.01 && right > measure.width - 0.5)
        // The label and number columns keep one line per cell; the prose column wraps.
        let body = rows(blocks).dropFirst()
        for row in body {
            let byCell = Dictionary(grouping: row, by: { $0.element.id }).values.sorted { $0[0].x < $1[0].x }
            #expect(byCell[0].count == 1 && byCell[2].count == 1)
        }
        #expect(body.contains { row in row.filter { abs($0.x - cols[1].x) < 0.01 }.count >= 2 })
        for row in rows(blocks) {
            for cell in row {
                let (start, end) = ink(cell.line)
                #expect(start >= -0.01 && end <= cell.line.fit.measure + 0.5, "ink within the column")
                #expect(!cell.line.fit.justified && !cell.line.fit.hyphenated, "ragged, and no word needs a hyphen")
            }
        }
    }

    @Test func widthsHoldMinimumsAndGiveTheRestToColumnsThatWrap() {
        // Fits: natural widths.
        #expect(TableUnit.widths(natural: [50, 80], minimum: [30, 40], available: 200) == [50, 80])
        // A narrow column keeps its natural width; the prose column takes the rest.
        let two = TableUnit.widths(natural: [60, 1000], minimum: [30, 60], available: 400)
        #expect(abs(two[0] - 60) < 1e-9 && abs(two[1] - 340) < 1e-9)
        // Two prose columns share what is left over their minimums, in proportion to what each wants more.
        let three = TableUnit.widths(natural: [500, 300, 40], minimum: [60, 60, 40], available: 400)
        #expect(abs(three.reduce(0, +) - 400) < 1e-9)
        #expect(three[2] == 40 && three[0] > three[1] && three[1] > 60)
        #expect(abs((three[0] - 60) / (three[1] - 60) - 440.0 / 240.0) < 1e-9)
        // Minimums that do not fit are scaled into the room.
        let tight = TableUnit.widths(natural: [300, 300], minimum: [200, 100], available: 150)
        #expect(abs(tight[0] - 100) < 1e-9 && abs(tight[1] - 50) < 1e-9)
        // Never past the room, never under a minimum that fits.
        var rng = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let n = Int(rng.next() % 6 + 1)
            let minimum = (0..<n).map { _ in Double(rng.next() % 80 + 1) }
            let natural = minimum.map { $0 + Double(rng.next() % 400) }
            let available = Double(rng.next() % 500 + 50)
            let w = TableUnit.widths(natural: natural, minimum: minimum, available: available)
            #expect(w.reduce(0, +) <= max(available, 0) + 1e-6 || natural.reduce(0, +) <= available)
            if minimum.reduce(0, +) <= available {
                for c in 0..<n { #expect(w[c] >= minimum[c] - 1e-9 && w[c] <= natural[c] + 1e-9) }
            }
        }
    }

    @Test func manyColumnsAndLongWordsStayWithinTheMeasure() throws {
        let words = ["Donaudampfschifffahrtsgesellschaft", "https://example.com/a/very/long/path/that/goes/on", "Kraftfahrzeughaftpflichtversicherung"]
        let table = Table(alignments: Array(repeating: .none, count: 7), header: TableSamples.row((1...7).map { "Column \($0)" }),
                          rows: (0..<3).map { r in TableSamples.row((0..<7).map { words[($0 + r) % 3] + " and more words here" }) })
        let blocks = try layout(table)
        for row in rows(blocks) {
            for cell in row {
                let (start, end) = ink(cell.line)
                #expect(cell.x + start >= measure.left - 0.5 && cell.x + end <= measure.left + measure.width + 0.5)
                #expect(end <= cell.line.fit.measure + 0.5, "a word too long for its column is broken, not set past it: \(cell.line.runs.map(\.text))")
            }
        }
    }

    // MARK: alignment

    @Test func columnsAlignAsTheSourceSays() throws {
        let blocks = try layout(TableSamples.short)
        let cols = columns(blocks)
        for row in rows(blocks).dropFirst() {
            let (ls, _) = ink(row[0].line), (cs, ce) = ink(row[1].line), (_, re) = ink(row[2].line)
            #expect(abs(ls) < 0.01, "left: at the column's left end")
            #expect(abs((cs + ce) / 2 - cols[1].width / 2) < 0.05, "centre: in the middle")
            #expect(abs(re - cols[2].width) < 0.01, "right: numbers end at the column's right end")
        }
        // No alignment is the start side: left here.
        let plain = try layout(Table(alignments: [.none, .none], header: TableSamples.row(["A long header", "B"]),
                                     rows: [TableSamples.row(["x", "y"])]))
        for cell in rows(plain)[1] { #expect(abs(ink(cell.line).start) < 0.01) }
    }

    @Test func rightToLeftArticlesMirrorTheColumns() throws {
        let article = TableSamples.article([], language: "he", title: "טבלה")
        let table = Table(alignments: [.none, .right], header: TableSamples.row(["עיר", "תושבים"]),
                          rows: [TableSamples.row(["ירושלים", "971,800"]), TableSamples.row(["חיפה", "285,300"])])
        let blocks = try layout(table, article: article)
        let cols = columns(blocks)
        #expect(cols[0].x > cols[1].x, "the first column is on the right")
        #expect(abs(cols[0].x + cols[0].width - measure.width) < 0.01, "and the table starts at the right edge")
        for row in rows(blocks).dropFirst() {
            #expect(abs(ink(row[0].line).end - cols[0].width) < 0.01, "no alignment: the start side, right")
            #expect(abs(ink(row[1].line).end - cols[1].width) < 0.01)
        }
        // Reading order stays logical: the first column's cell comes first.
        #expect(Set(rows(blocks)[1][0].line.runs.map(\.text).joined()) == Set("ירושלים"))
    }

    // MARK: structure

    @Test func tagsAreTableRowsAndCellsInReadingOrder() throws {
        var table = TableSamples.short
        table.caption = [.text("Markdown constructs, counted")]
        let blocks = try layout(table)
        #expect(blocks.count == 2)
        let caption = blocks[0], body = blocks[1]
        #expect(caption.element.path.map(\.kind) == [.table, .caption])
        #expect(caption.keepWithNext && !caption.breakable)
        #expect(abs(caption.lines[0].text!.x - columns(blocks)[0].x) < 0.01, "the caption starts where the table does")
        #expect(body.element.kind == .table && body.element.id == caption.element.ancestors[0].id)
        var lastID = 0
        var rowsSeen = Set<Int>()
        for (r, row) in rows(blocks).enumerated() {
            for cell in row {
                #expect(cell.element.path.map(\.kind) == [.table, .tableRow, r == 0 ? .tableHeader : .tableCell])
                #expect(cell.element.ancestors[0] == body.element.tag)
                #expect(cell.element.id >= lastID, "cells in reading order")
                lastID = cell.element.id
            }
            #expect(Set(row.map(\.element.ancestors[1])).count == 1, "one TR per row")
            #expect(rowsSeen.insert(row[0].element.ancestors[1].id).inserted)
        }
        // The rules are drawn in the Table element, not as artifacts that would close it.
        for line in body.lines {
            for item in line.items {
                guard case .rule(_, _, _, _, let element) = item else { continue }
                #expect(element == body.element)
            }
        }
        #expect(body.lines.first!.items.count == 2 && body.lines.last!.items.count >= 1, "top and middle rules, bottom rule")
    }

    @Test func theHeaderIsBoldAndTheBlockKeepsTheBaselineGrid() throws {
        let context = UnitSamples.context(TableSamples.article([.table(TableSamples.wrapped)]))
        let blocks = try TableUnit(table: TableSamples.wrapped).layout(in: measure, context)
        let block = blocks[0]
        let total = block.spaceBefore + block.lines.map(\.height).reduce(0, +)
        #expect(abs((total / style.leading).rounded() - total / style.leading) < 1e-9, "whole body lines")
        #expect(block.repeatedHeader == 1 && block.breakable)
        #expect(context.afterHeading, "the paragraph after a table is not indented")
        // Header runs are in another font than body runs (bold).
        let header = Set(block.lines[0].extraTexts.flatMap { $0.line.runs.map(\.font) })
        let bodyFonts = Set(block.lines[1].extraTexts.flatMap { $0.line.runs.map(\.font) })
        #expect(header.isDisjoint(with: bodyFonts))
    }

    @Test func aHeaderAloneIsOneSlotBetweenTheTopAndBottomRules() throws {
        let blocks = try layout(Table(alignments: [.none, .none], header: TableSamples.row(["Only", "Header"]), rows: []))
        #expect(blocks.count == 1 && blocks[0].lines.count == 1)
        let rules = blocks[0].lines[0].items.compactMap { item -> Double? in
            if case .rule(let from, _, let thickness, _, _) = item { return thickness == Theme.standard.tables.heavyRule ? from.y : nil } else { return nil }
        }
        #expect(rules.count == 2 && blocks[0].lines[0].items.count == 2, "top and bottom rules, no middle one")
        #expect(blocks[0].lines[0].extraTexts.count == 2)
    }

    @Test func aRowTallerThanAPageIsCutIntoSlotsThatFit() throws {
        let long = String(repeating: "A sentence that goes on and on in a narrow column. ", count: 120)
        let table = Table(alignments: [.none, .none], header: TableSamples.row(["Key", "Value"]), rows: [TableSamples.row(["k", long])])
        let blocks = try layout(table)
        let slots = blocks[0].lines
        #expect(slots.count > 2, "the row is cut")
        let header = slots[0].height
        for slot in slots.dropFirst() { #expect(header + slot.height <= style.textHeight + 0.01) }
    }
}

/// Tables through the whole typesetter: pages, repeated headers, links, quality.
@Suite struct TableTypesetTests {
    init() { TestCache.isolate() }
    let style = Theme.standard.pdf

    static let lead = UnitSamples.paragraph(UnitSamples.words + ". " + UnitSamples.words + ".")

    /// The header's text, as drawn on a page: artifact runs at the text area's top on continuation pages.
    func texts(_ page: Page, _ keep: (StructureElement) -> Bool) -> [String] {
        page.items.compactMap { item in
            guard case .glyphs(let run, let element) = item, keep(element) else { return nil }
            return run.text
        }
    }

    @Test func aLongTableRepeatsItsHeaderOnEveryContinuationPageAndNeverSplitsARow() throws {
        let article = TableSamples.article([Self.lead, .table(TableSamples.numbers(120)), Self.lead])
        let document = try PDFExporter().typeset(article)
        let pages = document.pages
        #expect(pages.count >= 3)
        // Pages the table is on: those with TD lines.
        let tablePages = pages.indices.filter { pages[$0].lines.contains { $0.element.kind == .tableCell } }
        #expect(tablePages.count >= 3)
        for p in tablePages.dropFirst() {
            // The header again, as the header cells of the table's part on this page
            // (PDF/UA), but no new text lines.
            let repeated = texts(pages[p]) { $0.kind == .tableHeader }.joined()
            #expect(repeated.contains("Year") && repeated.contains("Passengers") && repeated.contains("Share"), "page \(p + 1): repeated header")
            #expect(!pages[p].lines.contains { $0.element.kind == .tableHeader }, "a repeated header is not text of the page")
            #expect(pages[p].repeatedLines.count == 3 && pages[p].repeatedLines.allSatisfy { $0.element.kind == .tableHeader })
            // The repeated header sits above the page's first row.
            let firstRow = pages[p].lines.filter { $0.element.kind == .tableCell }.map(\.origin.y).min()!
            let header = pages[p].items.compactMap { item -> Double? in
                guard case .glyphs(let run, let element) = item, element.kind == .tableHeader, run.text.contains("Passengers") else { return nil }
                return run.origin.y
            }
            #expect(header.count == 1 && header[0] < firstRow && header[0] < style.marginTop + style.leading * 1.5)
        }
        let own = pages.flatMap(\.lines).filter { $0.element.kind == .tableHeader }
        #expect(own.count == 3 && Set(own.map(\.element.id)).count == 3, "the header's own lines once, on the first page")
        // Each row's cells on one page.
        var rowPages: [Int: Set<Int>] = [:]
        for (p, page) in pages.enumerated() {
            for line in page.lines where line.element.kind == .tableCell { rowPages[line.element.ancestors[1].id, default: []].insert(p) }
        }
        #expect(rowPages.count == 120)
        #expect(rowPages.values.allSatisfy { $0.count == 1 })
        // Every row once, in order.
        var order: [Int] = []
        for line in pages.flatMap(\.lines) where line.element.kind == .tableCell {
            let row = line.element.ancestors[1].id
            if order.last != row { order.append(row) }
        }
        #expect(order.count == 120 && order == order.sorted())
    }

    @Test func theStartPageHoldsTheHeaderAndARow() throws {
        // Enough text to leave a line or two at the foot of page 1.
        var blocks: [Block] = (0..<11).map { _ in Self.lead }
        blocks.append(.table(TableSamples.numbers(6)))
        let document = try PDFExporter().typeset(TableSamples.article(blocks))
        for page in document.pages {
            let headers = page.lines.filter { $0.element.kind == .tableHeader }
            if !headers.isEmpty { #expect(page.lines.contains { $0.element.kind == .tableCell }, "a header is never alone at a page foot") }
        }
    }

    @Test func linksInCellsAreAnnotations() throws {
        let table = Table(alignments: [.none, .none], header: TableSamples.row(["Site", "Note"]),
                          rows: [[[.link(Link(url: "https://example.com/report", content: [.text("the report")]))], [.text("read it")]]])
        let document = try PDFExporter().typeset(TableSamples.article([.table(table)]))
        let page = document.pages[0]
        let links = page.items.compactMap { item -> (Rect, LinkTarget)? in
            if case .link(let rects, let target) = item { return (rects[0], target) } else { return nil }
        }
        #expect(links.count == 1 && links[0].1.value == "https://example.com/report")
        let cell = try #require(page.lines.first { $0.element.kind == .tableCell })
        #expect(links[0].0.x >= cell.origin.x - 0.01 && links[0].0.x + links[0].0.width <= cell.origin.x + cell.fit.measure + 0.5)
        #expect(abs(links[0].0.y + links[0].0.height / 2 - cell.origin.y) < 8, "on the cell's line")
    }

    @Test func everyGlyphOfATableLiesOnARecordedLineAndNoneOverflows() throws {
        let article = TableSamples.article([Self.lead, .table(TableSamples.short), Self.lead, .table(TableSamples.wrapped), .table(TableSamples.numbers(70))])
        let quality = LineQuality(try PDFExporter().typeset(article))
        #expect(quality.runsOffLines == 0)
        #expect(quality.overfullLines == 0, "\(quality.findings)")
        #expect(quality.widows == 0 && quality.orphans == 0, "\(quality.findings)")
    }

    /// pdftotext reads the cells row by row, cell by cell: each word of the source in order.
    /// Poppler guesses a table from blocks that line up; the columns here line up
    /// alike (all left, all right), or differ at one edge (the wrapped table's
    /// numbers). Columns aligned three ways (`short`) it reads in part column by
    /// column, depending on where the table falls (TableUnit).
    @Test(arguments: ["words", "wrapped", "numbers"])
    func pdftotextReadsRowByRow(_ name: String) throws {
        let words = Table(alignments: [.left, .none, .left], header: TableSamples.row(["Name", "Town", "Note"]),
                          rows: (1...12).map { TableSamples.row(["Name \($0)", "Town \($0 * 3)", "a note on \($0)"]) })
        let table = name == "words" ? words : name == "wrapped" ? TableSamples.wrapped : TableSamples.numbers(50)
        let article = TableSamples.article([Self.lead, .table(table), Self.lead])
        let bytes = try PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("t.pdf", bytes)
        let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
        let cells = ([table.header] + table.rows).flatMap { $0.map(\.plainText) }
        let source = Words.of(([article.metadata.title, Self.lead.plainText] + cells + [Self.lead.plainText]).joined(separator: " "))
        let result = PDFWords.match(source, in: text)
        #expect(result.ok, "\(name): \(result.missing ?? "")")
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0)
    }

    /// `ARTEXPORT_TABLES_PDF=/tmp/t.pdf swift test --filter TableTypesetTests` writes a sample, to look at.
    @Test func writesTheTableSampleWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["ARTEXPORT_TABLES_PDF"] else { return }
        var captioned = TableSamples.wrapped
        captioned.caption = [.text("Visitors by region, with a word on each season")]
        let article = TableSamples.article([Self.lead, .table(TableSamples.short), Self.lead, .table(captioned), Self.lead,
                                            .table(TableSamples.numbers(70)), Self.lead])
        try Data(PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))).write(to: URL(fileURLWithPath: path))
        let hebrew = TableSamples.article([UnitSamples.paragraph("זהו משפט בעברית שנועד למלא שורה שלמה של טקסט."),
                                           .table(Table(alignments: [.none, .right], header: TableSamples.row(["עיר", "תושבים"]),
                                                        rows: [TableSamples.row(["ירושלים", "971,800"]), TableSamples.row(["חיפה", "285,300"])],
                                                        caption: [.text("ערים גדולות")]))],
                                          language: "he", title: "טבלה")
        try Data(PDFExporter().export(hebrew, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))).write(to: URL(fileURLWithPath: path + ".he.pdf"))
    }
}
