import ArtExportPDF
import TestSupport
import Testing

/// Floats (figures) in the paginator, on plain numbers: 10 pt lines on a page of
/// 100 pt (10 lines). A float that does not fit in the room left waits for the
/// top of the next page while the text after it fills this one.
@Suite struct PaginatorFloatTests {
    let paginator = Paginator(pageHeight: 100)

    func paragraph(_ n: Int, space: Double = 0) -> Paginator.Block {
        Paginator.Block(lines: Array(repeating: 10, count: n), spaceBefore: space)
    }

    func heading() -> Paginator.Block {
        Paginator.Block(lines: [10], spaceBefore: 10, keepWithNext: true, breakable: false)
    }

    /// A figure of `n` lines' height, unbreakable, one line of space before it.
    func figure(_ n: Int, float: Bool = true) -> Paginator.Block {
        var block = Paginator.Block(lines: Array(repeating: 10, count: n), spaceBefore: 10, breakable: false)
        block.float = float
        return block
    }

    /// Lines per page, as "block.line".
    func layout(_ blocks: [Paginator.Block]) -> [[String]] {
        paginator.paginate(blocks).map { $0.map { "\($0.block).\($0.line)" } }
    }

    func lines(_ block: Int, _ range: ClosedRange<Int>) -> [String] { range.map { "\(block).\($0)" } }

    @Test func aFloatThatFitsStaysWhereItIs() {
        let pages = layout([paragraph(3), figure(4), paragraph(2)])
        #expect(pages == [lines(0, 0...2) + lines(1, 0...3) + lines(2, 0...1)])
        let tops = paginator.paginate([paragraph(3), figure(4), paragraph(2)])[0].map(\.top)
        #expect(tops == [0, 10, 20, 40, 50, 60, 70, 80, 90], "the space before the figure is kept")
    }

    @Test func aFloatThatDoesNotFitLetsTheTextFlowOnAndHeadsTheNextPage() {
        // 6 lines used; the figure needs 1 + 5: it waits, the paragraph after it fills the page.
        let pages = layout([paragraph(6), figure(5), paragraph(8)])
        #expect(pages.count == 2)
        #expect(pages[0] == lines(0, 0...5) + lines(2, 0...3), "no hole: the text after the figure fills page 1")
        #expect(pages[1] == lines(1, 0...4) + lines(2, 4...7), "the figure heads page 2, the paragraph goes on below it")
        let tops = paginator.paginate([paragraph(6), figure(5), paragraph(8)])[1].map(\.top)
        #expect(tops == [0, 10, 20, 30, 40, 50, 60, 70, 80], "no space before a figure at the top of a page")
    }

    @Test func theSameBlockNotFloatingLeavesAHole() {
        // The control: without the flag the figure moves whole and page 1 ends short.
        let pages = layout([paragraph(6), figure(5, float: false), paragraph(8)])
        #expect(pages[0] == lines(0, 0...5))
        #expect(pages[1].prefix(5) == lines(1, 0...4)[...])
    }

    @Test func floatsKeepTheirOrder() {
        // The first figure waits; the second would fit now but waits behind it.
        let pages = layout([paragraph(6), figure(5), figure(1), paragraph(6)])
        #expect(pages[0] == lines(0, 0...5) + lines(3, 0...3))
        #expect(pages[1] == lines(1, 0...4) + lines(2, 0...0) + lines(3, 4...5))
    }

    @Test func waitingFloatsTakeTheNextPagesInOrderAsManyAsFit() {
        // Two tall figures wait: the first heads page 2, the second, too tall to
        // follow it there, heads page 3; the text fills the pages between.
        let pages = layout([paragraph(5), figure(6), figure(6), paragraph(12)])
        #expect(pages.count == 3)
        #expect(pages[0] == lines(0, 0...4) + lines(3, 0...4))
        #expect(pages[1] == lines(1, 0...5) + lines(3, 5...8))
        #expect(pages[2] == lines(2, 0...5) + lines(3, 9...11))
    }

    @Test func aFloatAfterTheLastTextGetsAPageOfItsOwn() {
        let pages = layout([paragraph(8), figure(5)])
        #expect(pages == [lines(0, 0...7), lines(1, 0...4)])
    }

    @Test func aHeadingBeforeAWaitingFloatStaysWithItsText() {
        // The heading (10 space + 10) fits with two lines of its text below; the
        // figure does not: it waits, and the heading keeps its text on page 1.
        let pages = layout([paragraph(5), heading(), figure(5), paragraph(6)])
        #expect(pages[0] == lines(0, 0...4) + ["1.0"] + lines(3, 0...2))
        #expect(pages[1] == lines(2, 0...4) + lines(3, 3...5))
    }

    @Test func aFloatDoesNotComeBetweenAHeadingAndItsTextAtAPageFoot() {
        // Heading + figure would fit (50 + 10 + 40 = 100), leaving no line for the
        // text: the figure waits rather than part the heading from its text.
        let pages = layout([paragraph(3), heading(), figure(4), paragraph(5)])
        #expect(pages[0] == lines(0, 0...2) + ["1.0"] + lines(3, 0...4))
        #expect(pages[1] == lines(2, 0...3))
    }

    @Test func aHeadingWhoseTextIsAfterAFloatIsKeptWithThatText() {
        // The heading's continuation skips the figure that may wait: two lines of
        // the paragraph after it fit, so the heading is not pushed to page 2.
        let pages = layout([paragraph(6), heading(), figure(8), paragraph(4)])
        #expect(pages[0] == lines(0, 0...5) + ["1.0"] + lines(3, 0...1))
        #expect(pages[1] == lines(2, 0...7) + lines(3, 2...3))
    }

    @Test func aFloatTallerThanAPageFlowsInPlace() {
        // It cannot head any page whole: it is set where it comes and split as an
        // unbreakable block taller than a page is.
        let pages = layout([paragraph(3), figure(14), paragraph(2)])
        #expect(pages[0] == lines(0, 0...2))
        #expect(pages[1] == lines(1, 0...9))
        #expect(pages[2] == lines(1, 10...13) + lines(2, 0...1))
    }

    @Test func aFloatOnAnEmptyPageIsSetThere() {
        let pages = layout([figure(9), paragraph(3)])
        #expect(pages[0] == lines(0, 0...8))
        #expect(pages[1] == lines(1, 0...2))
    }

    @Test func everyLineIsPlacedOnceWhateverTheMix() {
        // Random mixes of paragraphs, headings and floats: every line appears exactly
        // once, every page fits, and floats keep their order.
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var blocks: [Paginator.Block] = []
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: blocks.append(heading())
                case 1: blocks.append(figure(Int.random(in: 1...10, using: &generator)))
                default: blocks.append(paragraph(Int.random(in: 1...14, using: &generator), space: 0))
                }
            }
            let pages = paginator.paginate(blocks)
            var seen: [String: Int] = [:]
            for page in pages {
                for p in page { seen["\(p.block).\(p.line)", default: 0] += 1 }
                for (p, block) in page.map({ ($0, blocks[$0.block]) }) {
                    #expect(p.top + block.lines[p.line] <= 100 + 0.01 || block.lines.reduce(0, +) > 100, "a line below the page foot")
                }
            }
            let expected = blocks.enumerated().flatMap { b, block in block.lines.indices.map { "\(b).\($0)" } }
            #expect(seen.count == expected.count && seen.values.allSatisfy { $0 == 1 }, "\(blocks.map(\.lines.count)) → \(pages.count) pages")
            let floatOrder = pages.joined().filter { blocks[$0.block].float && $0.line == 0 }.map(\.block)
            #expect(floatOrder == floatOrder.sorted())
        }
    }
}
