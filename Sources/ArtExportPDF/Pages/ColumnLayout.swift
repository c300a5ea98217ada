/// Pages in columns, as a newsletter is set: the flow is cut into segments,
/// runs of column blocks and runs of blocks across all columns (the title block,
/// a figure or table too wide for a column). Each segment is paginated into
/// frames, a column's part of a page below what the page already holds; a run
/// of column blocks that ends (before a block across the columns, or at the
/// end) has the columns of its last page balanced: the lowest frame height at
/// which its text still fits that page's columns, found by bisection, so the
/// columns end within a line of each other. Footnotes go to the foot of the
/// frame of their reference (the paginator's inserts).
package struct ColumnLayout: Sendable {
    /// Where a frame sits: its page, its column (0 from the left; 0 for a frame
    /// across all columns), its top below the text area's top, its height.
    package struct Frame: Sendable, Equatable {
        package var page: Int
        package var column: Int
        package var top: Double
        package var height: Double
        package var spansColumns: Bool
    }

    package var pageHeight: Double
    package var columns: Int
    package var minLines: Int

    package init(pageHeight: Double, columns: Int, minLines: Int = 2) {
        self.pageHeight = pageHeight
        self.columns = columns
        self.minLines = minLines
    }

    /// `spans[b]`: block `b` runs across all columns.
    package func paginate(_ blocks: [Paginator.Block], spans: [Bool], inserts: [Paginator.Insert], separator: Double = 0)
        -> (frames: [Frame], body: [[Paginator.Placement]], inserts: [[Paginator.InsertPlacement]]) {
        var frames: [Frame] = []
        var body: [[Paginator.Placement]] = []
        var feet: [[Paginator.InsertPlacement]] = []
        var page = 0
        var top = 0.0            // what the page holds already, from the text area's top
        var start = 0
        while start < blocks.count {
            let across = spans[start]
            var end = start + 1
            while end < blocks.count && spans[end] == across { end += 1 }
            let segment = Array(blocks[start..<end])
            // A segment that starts below the page's foot room begins on the next page.
            if top > 0, top + minimumStart(segment) > pageHeight + 0.01 { page += 1; top = 0 }
            var segmentTop = top
            if top > 0, let first = segment.first { segmentTop += first.spaceBefore }
            let perPage = across ? 1 : columns
            let result = layout(segment, perPage: perPage, firstHeight: pageHeight - segmentTop, balance: !across,
                                inserts: inserts, separator: separator)
            for (f, placed) in result.body.enumerated() {
                let onPage = f / perPage
                let frameTop = onPage == 0 ? segmentTop : 0
                let height = result.heights[f]
                frames.append(Frame(page: page + onPage, column: f % perPage, top: frameTop, height: height, spansColumns: across))
                body.append(placed.map { var p = $0; p.block += start; return p })
                feet.append(f < result.inserts.count ? result.inserts[f] : [])
            }
            // The page the segment ends on, and how far down it reaches there.
            let lastPage = (result.body.count - 1) / perPage
            let lastFrames = (lastPage * perPage)..<result.body.count
            var used = 0.0
            for f in lastFrames {
                let hasFoot = f < result.inserts.count && !result.inserts[f].isEmpty
                let bottom = result.body[f].map { $0.top + segment[$0.block].lines[$0.line] }.max() ?? 0
                used = max(used, hasFoot || result.balanced ? result.heights[f] : bottom)
            }
            // A segment across the columns ends where its content does: the columns below start there.
            if !result.balanced {
                let first = frames.count - result.body.count
                for f in lastFrames { frames[first + f].height = used }
            }
            let base = lastPage == 0 ? segmentTop : 0
            page += lastPage
            top = base + used
            if top >= pageHeight - 0.01 { page += 1; top = 0 }
            start = end
        }
        return (frames, body, feet)
    }

    /// The least height a segment needs where it starts: its first lines (a heading
    /// with the lines after it, the first lines of a paragraph).
    private func minimumStart(_ segment: [Paginator.Block]) -> Double {
        var need = 0.0
        for block in segment {
            need += block.spaceBefore
            if block.keepWithNext || !block.breakable { need += block.lines.reduce(0, +); if !block.keepWithNext { break } } else {
                need += block.lines.prefix(minLines).reduce(0, +)
                break
            }
        }
        return need
    }

    private struct SegmentLayout {
        var body: [[Paginator.Placement]]
        var inserts: [[Paginator.InsertPlacement]]
        var heights: [Double]
        var balanced: Bool
    }

    /// One segment's frames: `perPage` a page, the first page's `firstHeight` tall.
    private func layout(_ segment: [Paginator.Block], perPage: Int, firstHeight: Double, balance: Bool,
                        inserts: [Paginator.Insert], separator: Double) -> SegmentLayout {
        func run(_ heights: [Double]) -> (body: [[Paginator.Placement]], inserts: [[Paginator.InsertPlacement]]) {
            var p = Paginator(pageHeight: pageHeight, minLines: minLines)
            p.frameHeights = heights
            return p.paginate(segment, inserts: inserts, separator: separator)
        }
        let first = [Double](repeating: firstHeight, count: perPage)
        let plain = run(first)
        func heights(_ count: Int, last: Double?) -> [Double] {
            var h = (0..<count).map { $0 < perPage ? firstHeight : pageHeight }
            if let last {
                let from = ((count - 1) / perPage) * perPage
                for f in from..<count { h[f] = last }
            }
            return h
        }
        let count = plain.body.count
        guard balance, perPage > 1 else {
            return SegmentLayout(body: plain.body, inserts: plain.inserts, heights: heights(count, last: nil), balanced: false)
        }
        // Balance the last page: every frame on it gets the lowest height at which
        // the text still ends on it.
        let lastStart = ((count - 1) / perPage) * perPage
        let full = lastStart < perPage ? firstHeight : pageHeight
        let framesAllowed = lastStart + perPage
        var lo = 0.0, hi = full
        var best = plain
        var bestHeight = full
        let padded = heights(framesAllowed, last: full)
        func attempt(_ h: Double) -> (body: [[Paginator.Placement]], inserts: [[Paginator.InsertPlacement]])? {
            var hs = padded
            for f in lastStart..<framesAllowed { hs[f] = h }
            let r = run(hs)
            return r.body.count <= framesAllowed && !r.body.suffix(from: min(lastStart, r.body.count)).isEmpty ? r : nil
        }
        if let r = attempt(full) { best = r }
        while hi - lo > 0.25 {
            let mid = (lo + hi) / 2
            if let r = attempt(mid) { best = r; bestHeight = mid; hi = mid } else { lo = mid }
        }
        var hs = heights(best.body.count, last: nil)
        for f in lastStart..<best.body.count { hs[f] = bestHeight }
        return SegmentLayout(body: best.body, inserts: best.inserts, heights: hs, balanced: true)
    }
}
