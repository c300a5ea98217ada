@testable import ArtExportCore
@testable import ArtExportPDF
import TestSupport
import Testing

/// Pagination is linear in the blocks, whatever their rules.
@Suite(.serialized) struct PaginatorScalingTests {
    let paginator = Paginator(pageHeight: 700)

    /// Lines of text that read as headings become a run of keep-with-next blocks;
    /// each heading once measured the rest of the run.
    @Test func longRunOfHeadings() {
        let growth = Scaling.growth(n: 2_000, input: { n in
            Array(repeating: Paginator.Block(lines: [14], spaceBefore: 14, keepWithNext: true, breakable: false), count: n)
                + [Paginator.Block(lines: Array(repeating: 14, count: 5))]
        }) { blocks in
            _ = paginator.paginate(blocks)
        }
        #expect(growth < 8, "4× the headings took \(growth)× as long")
    }

    @Test func manyOneLineParagraphs() {
        let growth = Scaling.growth(n: 20_000, input: { Array(repeating: Paginator.Block(lines: [14]), count: $0) }) { blocks in
            _ = paginator.paginate(blocks)
        }
        #expect(growth < 8, "4× the paragraphs took \(growth)× as long")
    }

    /// The same pages as the paginator before it stopped measuring at a page's
    /// height, on random flows of paragraphs, headings and unbreakable blocks.
    @Test func samePagesAsTheFullWalk() {
        var random = SplitMix64(seed: 7)
        let reference = ReferencePaginator(pageHeight: 100, minLines: 2)
        let small = Paginator(pageHeight: 100)
        for _ in 0..<300 {
            let blocks = (0..<Int.random(in: 1...60, using: &random)).map { _ -> Paginator.Block in
                let kind = Int.random(in: 0..<4, using: &random)
                let lines = (0..<Int.random(in: kind == 3 ? 0...2 : 1...14, using: &random)).map { _ in
                    [10.0, 10, 12.5, 3.3, 0][Int.random(in: 0..<5, using: &random)]
                }
                let hyphenated = lines.map { _ in Bool.random(using: &random) }
                return Paginator.Block(lines: lines, hyphenated: hyphenated,
                                       spaceBefore: [0, 5, 10, 2.5][Int.random(in: 0..<4, using: &random)],
                                       keepWithNext: kind >= 2, breakable: kind != 1)
            }
            #expect(small.paginate(blocks) == reference.paginate(blocks))
        }
    }

    /// A line taller than the page goes on a page of its own instead of adding
    /// empty pages without end.
    @Test func lineTallerThanThePage() {
        let pages = paginator.paginate([Paginator.Block(lines: [10]),
                                        Paginator.Block(lines: [900, 10], keepWithNext: false, breakable: false)])
        #expect(pages.map { $0.map(\.line) } == [[0], [0], [1]])
    }
}

/// The paginator as it was before continuations stopped at a page's height
/// (quadratic in a run of headings): the oracle for `samePagesAsTheFullWalk`.
private struct ReferencePaginator {
    var pageHeight: Double
    var minLines: Int

    func paginate(_ blocks: [Paginator.Block]) -> [[Paginator.Placement]] {
        var pages: [[Paginator.Placement]] = [[]]
        var y = 0.0
        let epsilon = 0.01

        func newPage() {
            pages.append([])
            y = 0
        }
        /// Height needed after a block so it is not left alone at the page foot:
        /// following keep-with-next blocks whole, then `minLines` of the next.
        func continuation(after b: Int) -> Double {
            var need = 0.0
            var k = b + 1
            while k < blocks.count {
                let next = blocks[k]
                need += next.spaceBefore
                if next.keepWithNext || !next.breakable {
                    need += next.lines.reduce(0, +)
                    if !next.keepWithNext { break }
                    k += 1
                } else {
                    // The lines that must share the page: a paragraph too short to
                    // split legally (fewer than 2 × minLines) goes whole.
                    let count = next.lines.count < 2 * minLines ? next.lines.count : minLines
                    need += next.lines.prefix(count).reduce(0, +)
                    break
                }
            }
            return need
        }

        for (b, block) in blocks.enumerated() {
            let n = block.lines.count
            guard n > 0 else { continue }
            var l = 0
            while l < n {
                let space = (y == 0 || l > 0) ? 0 : block.spaceBefore
                // How many of the remaining lines fit below y?
                var k = 0
                var h = space
                while l + k < n, y + h + block.lines[l + k] <= pageHeight + epsilon {
                    h += block.lines[l + k]
                    k += 1
                }
                let rest = n - l
                var take = k
                if k == rest {
                    if block.keepWithNext && b + 1 < blocks.count && y > 0
                        && y + h + continuation(after: b) > pageHeight + epsilon {
                        newPage()
                        continue
                    }
                } else if !block.breakable || block.keepWithNext {
                    if y > 0 { newPage(); continue }
                    // Taller than a page even on its own: split it.
                } else {
                    // Leave at least minLines for the next page (no widow)…
                    take = min(k, rest - min(minLines, rest))
                    // …and put at least minLines here (no orphan), unless this is a
                    // continuation or the page is empty (then a huge block must split).
                    if take < min(minLines, rest) || take == 0 {
                        if y > 0 { newPage(); continue }
                        take = max(k, 1)
                    } else if l + take - 1 < block.hyphenated.count, block.hyphenated[l + take - 1],
                              take - 1 >= (l == 0 ? min(minLines, rest) : 1) {
                        take -= 1                 // one line short rather than a hyphen at the foot
                    }
                }
                var top = y + space
                for m in l..<(l + take) {
                    pages[pages.count - 1].append(Paginator.Placement(block: b, line: m, top: top))
                    top += block.lines[m]
                }
                y = top
                l += take
                if l < n { newPage() }
            }
        }
        if pages.last?.isEmpty == true && pages.count > 1 { pages.removeLast() }
        return pages
    }
}
