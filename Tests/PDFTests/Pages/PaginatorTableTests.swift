import ArtExportCore
import ArtExportPDF
import TestSupport
import Testing

/// Tables in the paginator, on plain numbers: a table is a block whose first
/// `repeatedHeader` lines (its header row) are placed again at the top of every
/// page it continues on; each other line is a row. Pages of 100 pt, 10 pt lines.
@Suite struct PaginatorTableTests {
    let paginator = Paginator(pageHeight: 100)

    func paragraph(_ n: Int) -> Paginator.Block { Paginator.Block(lines: Array(repeating: 10, count: n)) }

    /// A header of `header` points and `rows` rows of `row` points each.
    func table(rows: Int, row: Double = 10, header: Double = 10, space: Double = 0) -> Paginator.Block {
        Paginator.Block(lines: [header] + Array(repeating: row, count: rows), spaceBefore: space, repeatedHeader: 1)
    }

    /// Lines per page as "block.line", a repeated one marked "*".
    func layout(_ blocks: [Paginator.Block]) -> [[String]] {
        paginator.paginate(blocks).map { $0.map { "\($0.block).\($0.line)\($0.repeated ? "*" : "")" } }
    }

    @Test func aTableThatFitsIsPlacedOnceWithNoRepeat() {
        let pages = layout([paragraph(2), table(rows: 5)])
        #expect(pages == [["0.0", "0.1", "1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]])
    }

    @Test func theHeaderIsRepeatedAtTheTopOfEveryContinuationPage() {
        // 1 header + 25 rows: 10 on page 1, then 9 rows under the repeated header, then the rest.
        let pages = paginator.paginate([table(rows: 25)])
        #expect(pages.count == 3)
        for page in pages.dropFirst() {
            #expect(page[0].line == 0 && page[0].repeated && page[0].top == 0)
            #expect(page.dropFirst().allSatisfy { !$0.repeated && $0.line > 0 })
            #expect(page[1].top == 10, "the first row sits below the repeated header")
        }
        #expect(pages[0].map(\.line) == Array(0...9))
        #expect(!pages[0].contains { $0.repeated })
        // Every row once, in order; the header once as itself.
        let own = pages.flatMap { $0 }.filter { !$0.repeated }.map(\.line)
        #expect(own == Array(0...25))
        #expect(pages.flatMap { $0 }.filter(\.repeated).count == pages.count - 1)
    }

    @Test func aTallHeaderLeavesLessRoomOnContinuationPages() {
        // A 30 pt header: page 1 holds it and 7 rows; each later page the header and 7 rows.
        let pages = paginator.paginate([table(rows: 20, header: 30)])
        #expect(pages.map { $0.filter { !$0.repeated && $0.line > 0 }.count } == [7, 7, 6])
        for page in pages { #expect(page.allSatisfy { $0.top + (($0.line == 0) ? 30 : 10) <= 100.01 }) }
    }

    @Test func rowsAreNeverSplitAndNeverOverrunThePage() {
        // Rows of different heights: each row is one line slot, so it lands whole on one page.
        let rows: [Double] = [10, 30, 20, 40, 10, 30, 30, 20, 10, 40, 20, 30]
        let block = Paginator.Block(lines: [10] + rows, repeatedHeader: 1)
        let pages = paginator.paginate([paragraph(3), block])
        for page in pages {
            var bottom = 0.0
            for p in page where p.block == 1 {
                if bottom > 0 { #expect(abs(p.top - bottom) < 0.01, "rows follow each other") }
                bottom = p.top + block.lines[p.line]
                #expect(bottom <= 100.01)
            }
        }
        #expect(pages.flatMap { $0 }.filter { $0.block == 1 && !$0.repeated }.map(\.line) == Array(0...rows.count))
    }

    @Test func theStartPageHoldsTheHeaderAndARowOrTheTableMoves() {
        // 9 lines used: the header alone would fit, the header and a row would not.
        let pages = layout([paragraph(9), table(rows: 6)])
        #expect(pages[0] == (0..<9).map { "0.\($0)" })
        #expect(pages[1].first == "1.0")
        #expect(!pages[1].contains { $0.hasSuffix("*") }, "moved whole, the table starts with its own header")
    }

    @Test func aHeaderOfTwoLinesNeedsBothAndARowOnTheStartPage() {
        // repeatedHeader 2 with room for 2 lines: minLines (2) alone would strand the header.
        let block = Paginator.Block(lines: Array(repeating: 10, count: 8), repeatedHeader: 2)
        let pages = layout([paragraph(8), block])
        #expect(pages[0].count == 8)
        #expect(pages[1].prefix(3) == ["1.0", "1.1", "1.2"])
    }

    @Test func aContinuationPageHoldsAtLeastTwoRows() {
        // A header and 10 rows: page 1 could take the header and 9 rows, leaving one row
        // alone under the repeated header; it takes 8.
        let pages = layout([table(rows: 10)])
        #expect(pages[0].count == 9)
        #expect(pages[1] == ["0.0*", "0.9", "0.10"])
    }

    @Test func aRowTallerThanAPageLessTheHeaderStillMakesProgress() {
        // A 95 pt row under a 10 pt header cannot fit any page whole: placed alone, it runs over, once.
        let block = Paginator.Block(lines: [10, 10, 10, 95, 10], repeatedHeader: 1)
        let pages = layout([block])
        #expect(pages.count <= 4)
        #expect(pages.flatMap { $0 }.filter { !$0.hasSuffix("*") } == ["0.0", "0.1", "0.2", "0.3", "0.4"])
    }

    @Test func spaceBeforeATableIsDroppedAtThePageTopAndTheRepeatHasNone() {
        let pages = paginator.paginate([paragraph(10), table(rows: 12, space: 5)])
        #expect(pages[1][0].top == 0 && !pages[1][0].repeated)
        #expect(pages[2][0].top == 0 && pages[2][0].repeated)
    }

    @Test func aHeadingBeforeATableIsKeptWithTheHeaderAndARow() {
        let heading = Paginator.Block(lines: [10], spaceBefore: 10, keepWithNext: true)
        // 7 used; heading (space + line) and the table's header and first row need 40: 10 short.
        let pages = layout([paragraph(7), heading, table(rows: 8)])
        #expect(pages[0].count == 7)
        #expect(pages[1].prefix(3) == ["1.0", "2.0", "2.1"])
    }

    @Test func blocksWithoutAHeaderAreUnchanged() {
        // The same flow with repeatedHeader 0 places as before: no line repeated.
        let plain = Paginator.Block(lines: Array(repeating: 10, count: 26))
        let pages = paginator.paginate([paragraph(3), plain, paragraph(5)])
        #expect(!pages.flatMap { $0 }.contains { $0.repeated })
        #expect(pages.flatMap { $0 }.count == 34)
    }

    @Test func randomTablesPlaceEveryRowOnceWithinThePage() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            var blocks: [Paginator.Block] = []
            for _ in 0..<Int(rng.next() % 6 + 1) {
                if rng.next() % 2 == 0 {
                    let rows = (0..<Int(rng.next() % 30 + 1)).map { _ in Double(rng.next() % 4 + 1) * 10 }
                    blocks.append(Paginator.Block(lines: [Double(rng.next() % 2 + 1) * 10] + rows, spaceBefore: 5, repeatedHeader: 1))
                } else {
                    blocks.append(paragraph(Int(rng.next() % 12 + 1)))
                }
            }
            let pages = paginator.paginate(blocks)
            let own = pages.flatMap { $0 }.filter { !$0.repeated }.map { "\($0.block).\($0.line)" }
            #expect(own == blocks.enumerated().flatMap { b, block in block.lines.indices.map { "\(b).\($0)" } })
            for (n, page) in pages.enumerated() {
                #expect(!page.isEmpty)
                // A table continued from the page before starts this one with its header.
                if let first = page.first, n > 0, blocks[first.block].repeatedHeader > 0,
                   pages[n - 1].contains(where: { $0.block == first.block }) {
                    #expect(first.repeated)
                }
                #expect(page.allSatisfy { $0.top + blocks[$0.block].lines[$0.line] <= 100.01 })
                // A repeated header only at the top of a page, for a block continued from the page before.
                for (k, p) in page.enumerated() where p.repeated {
                    #expect(k == 0 && p.line == 0 && n > 0)
                    #expect(pages[n - 1].contains { $0.block == p.block && !$0.repeated })
                    #expect(page.count > 1 && page[1].block == p.block && !page[1].repeated, "a header is never alone")
                }
                // A table starting on this page has its header and a row here.
                if let start = page.firstIndex(where: { $0.line == 0 && !$0.repeated && blocks[$0.block].repeatedHeader > 0 }),
                   blocks[page[start].block].lines.count > 1 {
                    #expect(start + 1 < page.count && page[start + 1].block == page[start].block)
                }
            }
        }
    }
}
