@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import Testing

/// Code blocks and quotations laid out into a measure, inspected as frames (no Cairo).
@Suite struct CodeAndQuoteUnitTests {
    let style = Theme.standard.pdf
    let measure = Measure(left: 0, width: Theme.standard.pdf.textWidth)

    static let longCode = """
    func f() {
    \tlet value = compute(alpha: 1, beta: "a long string argument that goes well past the right margin of the page", gamma: true)
        let path = "/a/very/long/path/without/any/spaces/at/all/that/cannot/fit/on/one/line/of/the/page/anywhere.txt"
    }
    """

    func marks(_ line: FlowLine) -> [PageItem] {
        line.items.filter { if case .rule = $0 { return true } else { return false } }
    }

    @Test func codeLinesStayInTheMeasureAndAreNeverHyphenatedOrJustified() throws {
        let blocks = try CodeBlockUnit(code: Self.longCode).layout(in: measure, UnitSamples.context())
        #expect(blocks.count == 1)
        let lines = blocks[0].lines.compactMap(\.text)
        #expect(lines.count > 4, "the long lines wrap")
        for (line, x) in lines {
            #expect(x + line.extent <= measure.left + measure.width + 0.01)
            #expect(!line.endsWithHyphen)
            #expect(!line.fit.justified)
            #expect(line.runs.allSatisfy { $0.font == lines[0].line.runs[0].font }, "monospace throughout")
            #expect(!line.runs.contains { $0.text.contains("\u{2010}") || $0.text.contains("\u{AD}") })
        }
    }

    @Test func continuationLinesCarryADrawnMarkAndHang() throws {
        let blocks = try CodeBlockUnit(code: Self.longCode).layout(in: measure, UnitSamples.context())
        let lines = blocks[0].lines
        // Line 0 "func f() {" fits; line 1 (a tab, then a long call) wraps.
        #expect(marks(lines[0]).isEmpty && marks(lines[1]).isEmpty)
        #expect(!marks(lines[2]).isEmpty)
        let first = try #require(lines[1].text), next = try #require(lines[2].text)
        // The tab became four columns; the continuation hangs two columns further in.
        let start = first.x + first.line.runs.first { $0.text.trimmingCharacters(in: .whitespaces) != "" }!.origin.x
        let continued = next.x + next.line.runs[0].origin.x
        #expect(continued > start)
        for item in marks(lines[2]) {
            guard case .rule(let from, let to, _, _, let element) = item else { continue }
            #expect(element.kind == .artifact)
            #expect(max(from.x, to.x) < first.x, "the mark sits in the gutter, before the code")
        }
        // The text layer holds the code only: no mark among the glyphs.
        let text = lines.compactMap(\.text).flatMap(\.line.runs).map(\.text).joined()
        #expect(!text.contains("↪"))
        #expect(text.contains("\"a long string"))
    }

    @Test func aCodeBlockSplitAcrossPagesKeepsTwoLinesEachSide() throws {
        let code = (1...12).map { "line \($0)" }.joined(separator: "\n")
        let context = UnitSamples.context()
        let block = try CodeBlockUnit(code: code).layout(in: measure, context)[0]
        for before in 0..<30 {
            let filler = Paginator.Block(lines: Array(repeating: style.leading, count: before), breakable: true)
            let pages = Paginator(pageHeight: style.leading * 20).paginate([filler, block.paginatorBlock])
            for page in pages {
                let count = page.filter { $0.block == 1 }.count
                #expect(count == 0 || count >= 2 || block.lines.count < 2, "\(before) lines before: \(count) code lines on a page")
            }
        }
    }

    @Test func aQuotationTakesWholeLines() throws {
        let blocks = try BlockQuoteUnit(blocks: [UnitSamples.paragraph("One line.")]).layout(in: measure, UnitSamples.context())
        let total = blocks[0].spaceBefore + blocks[0].lines.map(\.height).reduce(0, +)
        #expect(abs(total - 2 * style.leading) < 1e-9)
    }

    @Test func codeBlockHeightIsWholeLines() throws {
        let block = try CodeBlockUnit(code: "a\nb\n\nc").layout(in: measure, UnitSamples.context())[0]
        let total = block.spaceBefore + block.lines.map(\.height).reduce(0, +)
        #expect(abs((total / style.leading).rounded() - total / style.leading) < 1e-9)
    }

    @Test func quotationsAreIndentedWithABar() throws {
        let quote = BlockQuoteUnit(blocks: [UnitSamples.paragraph(UnitSamples.words + ". " + UnitSamples.words), UnitSamples.paragraph("Second.")])
        let blocks = try quote.layout(in: measure, UnitSamples.context())
        #expect(blocks.count == 2)
        for (b, block) in blocks.enumerated() {
            for (l, line) in block.lines.enumerated() {
                let (set, x) = try #require(line.text)
                #expect(x >= measure.left + style.indent * 1.5 - 0.01)
                #expect(x + set.extent <= measure.left + measure.width - style.indent + 0.01)
                let bars = line.items.compactMap { item -> Rect? in if case .fill(let r, _, _) = item { return r } else { return nil } }
                #expect(bars.count == 1)
                #expect(bars[0].x + bars[0].width < x && bars[0].x >= measure.left)
                let isLast = b == blocks.count - 1 && l == block.lines.count - 1
                #expect(bars[0].y == 0 && bars[0].height == line.height - (isLast ? style.leading * 0.5 : 0), "bars join from line to line")
            }
        }
    }

    @Test func theStructuredSampleHasNoOverfullLinesWidowsOrOrphans() throws {
        let document = try PDFExporter().typeset(UnitSamples.structured)
        let quality = LineQuality(document)
        #expect(quality.overfullLines == 0, "\(quality.findings)")
        #expect(quality.widows == 0 && quality.orphans == 0)
        #expect(document.pages.count >= 2)
    }
}
