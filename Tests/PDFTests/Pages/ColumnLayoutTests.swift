@testable import ArtExportPDF
import Testing

/// Columns on frames, without fonts: segments, frames and balancing.
@Suite struct ColumnLayoutTests {
    static let line = 12.0

    static func paragraph(_ lines: Int, space: Double = 0) -> Paginator.Block {
        Paginator.Block(lines: Array(repeating: line, count: lines), spaceBefore: space)
    }

    /// Where each column of the last page ends: the bottom of its last line.
    static func ends(_ r: (frames: [ColumnLayout.Frame], body: [[Paginator.Placement]], inserts: [[Paginator.InsertPlacement]]),
                     page: Int) -> [Double] {
        r.frames.indices.filter { r.frames[$0].page == page && !r.frames[$0].spansColumns }.map { f in
            r.frames[f].top + (r.body[f].map { $0.top + line }.max() ?? 0)
        }
    }

    @Test(arguments: [7, 20, 41, 58, 99, 130])
    func theLastPageIsBalancedWithinALine(_ lines: Int) {
        // One paragraph: a split may fall anywhere but by its first and last lines.
        let blocks = [Self.paragraph(lines)]
        let layout = ColumnLayout(pageHeight: 40 * Self.line, columns: 2)
        let r = layout.paginate(blocks, spans: blocks.map { _ in false }, inserts: [])
        let lastPage = r.frames.map(\.page).max()!
        let ends = Self.ends(r, page: lastPage)
        #expect(ends.count <= 2)
        if ends.count == 2 { #expect(abs(ends[0] - ends[1]) <= Self.line, "\(lines): \(ends)") }
        // Every line placed once.
        #expect(r.body.joined().count == blocks.map(\.lines.count).reduce(0, +))
        // Pages before the last are full in both columns.
        for f in r.frames.indices where r.frames[f].page < lastPage {
            #expect(r.frames[f].height == 40 * Self.line)
        }
    }

    @Test func aBlockAcrossTheColumnsSitsBetweenBalancedRuns() {
        let title = Paginator.Block(lines: [24, 24], breakable: false)
        let figure = Paginator.Block(lines: [100], breakable: false)
        let blocks = [title, Self.paragraph(9), Self.paragraph(9), figure, Self.paragraph(6)]
        let spans = [true, false, false, true, false]
        let r = ColumnLayout(pageHeight: 600, columns: 2).paginate(blocks, spans: spans, inserts: [])
        #expect(Set(r.frames.map(\.page)) == [0])
        // Title, two balanced columns (18 lines: 9 and 9), the figure, two columns of 3.
        #expect(r.frames.map(\.spansColumns) == [true, false, false, true, false, false])
        #expect(r.frames[1].top == 48 && r.frames[2].top == 48)
        #expect(r.frames[1].height == r.frames[2].height)
        #expect(abs(r.frames[1].height - 9 * Self.line) < 0.3)
        #expect(abs(r.frames[3].top - (48 + 9 * Self.line)) < 0.3)
        #expect(r.body[4].count == 3 && r.body[5].count == 3)
    }

    @Test func aSegmentThatCannotStartOnThePageMovesToTheNext() {
        let blocks = [Self.paragraph(45), Paginator.Block(lines: [300], breakable: false), Self.paragraph(4)]
        let r = ColumnLayout(pageHeight: 480, columns: 2).paginate(blocks, spans: [false, true, false], inserts: [])
        let figure = r.frames.firstIndex { $0.spansColumns }!
        #expect(r.frames[figure].page == 1 && r.frames[figure].top == 0)
    }
}
