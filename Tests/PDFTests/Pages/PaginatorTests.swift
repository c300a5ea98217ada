import ArtExportCore
import ArtExportPDF
import TestSupport
import Testing

/// The paginator on plain numbers: 10 pt lines on a page of 100 pt (10 lines).
@Suite struct PaginatorTests {
    let paginator = Paginator(pageHeight: 100)

    func paragraph(_ n: Int, space: Double = 0) -> Paginator.Block {
        Paginator.Block(lines: Array(repeating: 10, count: n), spaceBefore: space)
    }

    func heading(space: Double = 10) -> Paginator.Block {
        Paginator.Block(lines: [10], spaceBefore: space, keepWithNext: true)
    }

    /// Lines per page, as (block, line) pairs.
    func layout(_ blocks: [Paginator.Block]) -> [[String]] {
        paginator.paginate(blocks).map { $0.map { "\($0.block).\($0.line)" } }
    }

    @Test func fillsPagesInOrder() {
        let pages = paginator.paginate([paragraph(6), paragraph(6)])
        #expect(pages.count == 2)
        #expect(pages[0].map(\.top) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
        #expect(pages[1].count == 2)
    }

    @Test func noOrphan() {
        // 9 lines used; a 5-line paragraph would leave 1 line (an orphan) at the foot.
        let pages = layout([paragraph(9), paragraph(5)])
        #expect(pages[0].count == 9)
        #expect(pages[1] == ["1.0", "1.1", "1.2", "1.3", "1.4"])
    }

    @Test func noWidow() {
        // 3 lines used; a 8-line paragraph fits 7, which would leave 1 (a widow): 6 stay.
        let pages = layout([paragraph(3), paragraph(8)])
        #expect(pages[0].count == 9)
        #expect(pages[1] == ["1.6", "1.7"])
    }

    @Test func threeLineParagraphMovesWhole() {
        // 8 used, 2 free: splitting 3 lines gives 2+1 (widow) or 1+2 (orphan).
        let pages = layout([paragraph(8), paragraph(3)])
        #expect(pages[0].count == 8)
        #expect(pages[1] == ["1.0", "1.1", "1.2"])
    }

    @Test func headingKeptWithTwoLines() {
        // 7 used; heading (10 space + 10) fits with 1 line only: it moves.
        let pages = layout([paragraph(7), heading(), paragraph(4)])
        #expect(pages[0].count == 7)
        #expect(pages[1].first == "1.0")
        #expect(pages[1].count == 5)
    }

    @Test func headingStaysWhenTwoLinesFollow() {
        let pages = layout([paragraph(5), heading(), paragraph(4)])
        // 5 + space 1 + heading 1 + 3 lines = 10: heading stays, 2 lines follow it (4 would leave a widow of 1… so 2 stay).
        #expect(pages[0].contains("1.0"))
        #expect(pages[0].filter { $0.hasPrefix("2.") }.count >= 2)
        #expect(pages[1].allSatisfy { $0.hasPrefix("2.") })
    }

    @Test func runOfHeadingsMovesTogether() {
        let pages = layout([paragraph(6), heading(), heading(space: 0), paragraph(4)])
        #expect(pages[0].count == 6)
        #expect(Array(pages[1].prefix(2)) == ["1.0", "2.0"])
    }

    @Test func spaceBeforeIsDroppedAtPageTop() {
        let pages = paginator.paginate([paragraph(10), paragraph(3, space: 20)])
        #expect(pages[1].first?.top == 0)
    }

    @Test func unbreakableBlockMovesWhole() {
        let pages = layout([paragraph(7), Paginator.Block(lines: [10, 10, 10, 10], breakable: false), paragraph(1)])
        #expect(pages[0].count == 7)
        #expect(pages[1].prefix(4) == ["1.0", "1.1", "1.2", "1.3"])
    }

    @Test func blockTallerThanAPageSplits() {
        let pages = layout([paragraph(25)])
        #expect(pages.map(\.count) == [10, 10, 5])
    }

    @Test func everyLinePlacedOnceInOrder() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<200 {
            var blocks: [Paginator.Block] = []
            for _ in 0..<Int(rng.next() % 12 + 1) {
                if rng.next() % 4 == 0 { blocks.append(heading()) } else { blocks.append(paragraph(Int(rng.next() % 14 + 1), space: 10)) }
            }
            let pages = paginator.paginate(blocks)
            let placed = pages.flatMap { $0 }.map { "\($0.block).\($0.line)" }
            let expected = blocks.enumerated().flatMap { b, block in block.lines.indices.map { "\(b).\($0)" } }
            #expect(placed == expected)
            for page in pages {
                #expect(page.allSatisfy { $0.top + 10 <= 100.01 })
                // No page ends with a heading while text follows it.
                if let last = page.last, page != pages.last!, blocks[last.block].keepWithNext {
                    Issue.record("page ends with heading \(last.block): \(blocks.map { "\($0.keepWithNext ? "H" : "P")\($0.lines.count)" }) \(pages.map { $0.map { "\($0.block).\($0.line)" } })")
                }
                // Widows and orphans: a paragraph split here has ≥ 2 lines on each side.
                for block in Set(page.map(\.block)) where !blocks[block].keepWithNext && blocks[block].lines.count >= 4 {
                    let here = page.filter { $0.block == block }.count
                    #expect(here >= 2 || here == blocks[block].lines.count)
                }
            }
        }
    }
}

@Suite struct PaginatorHyphenTests {
    @Test func noHyphenAtThePageFoot() {
        let paginator = Paginator(pageHeight: 100)
        var hyphenated = Array(repeating: false, count: 14)
        hyphenated[9] = true                 // the 10th line, which would end page 1
        let pages = paginator.paginate([Paginator.Block(lines: Array(repeating: 10, count: 14), hyphenated: hyphenated)])
        #expect(pages.map(\.count) == [9, 5])
    }

    @Test func keepsTheHyphenWhenMovingWouldOrphan() {
        let paginator = Paginator(pageHeight: 100)
        let first = Paginator.Block(lines: Array(repeating: 10, count: 8))
        // Two lines fit after the first block; the second ends with a hyphen, but one line alone would be an orphan.
        let second = Paginator.Block(lines: Array(repeating: 10, count: 6), hyphenated: [false, true, false, false, false, false])
        let pages = paginator.paginate([first, second])
        #expect(pages.map(\.count) == [10, 4])
    }
}
