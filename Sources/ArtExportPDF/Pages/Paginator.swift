import ArtExportCore
/// Splits a flow of blocks into pages. It knows nothing of fonts: a block is a
/// list of line heights with rules about how it may break. The rules:
///
/// - No orphans and no widows: a paragraph split across pages leaves at least
///   `minLines` (2) lines on each side, else it moves whole to the next page.
/// - Keep with next: a heading (and a run of headings) stays on the page of at
///   least `minLines` lines of what follows it, so no page ends with a heading.
/// - Unbreakable blocks (the title block) move whole.
/// - No page ends with a hyphenated line when the split can move one line
///   up without breaking the rules above.
/// - Space before a block is dropped at the top of a page.
/// - A block taller than a page is split wherever it must be.
public struct Paginator: Sendable {
    public struct Block: Sendable, Equatable {
        /// Height of each line slot (its share of the vertical space), in points.
        public var lines: [Double]
        /// Which lines end with a hyphen (a page should not end with one).
        public var hyphenated: [Bool]
        public var spaceBefore: Double
        public var keepWithNext: Bool
        public var breakable: Bool

        public init(lines: [Double], hyphenated: [Bool] = [], spaceBefore: Double = 0, keepWithNext: Bool = false, breakable: Bool = true) {
            self.lines = lines
            self.hyphenated = hyphenated
            self.spaceBefore = spaceBefore
            self.keepWithNext = keepWithNext
            self.breakable = breakable
        }
    }

    /// A line placed on a page: which block and line, and the top of its slot,
    /// measured from the top of the page's text area.
    public struct Placement: Sendable, Equatable {
        public var block: Int
        public var line: Int
        public var top: Double
    }

    public var pageHeight: Double
    public var minLines: Int

    public init(pageHeight: Double, minLines: Int = 2) {
        self.pageHeight = pageHeight
        self.minLines = minLines
    }

    public func paginate(_ blocks: [Block]) -> [[Placement]] {
        var pages: [[Placement]] = [[]]
        var y = 0.0
        let epsilon = 0.01

        func newPage() {
            pages.append([])
            y = 0
        }
        // Blocks from k on that add nothing to a continuation (keep-with-next blocks
        // with no height) are skipped in one step: `skip[k]` is the first that adds
        // something or ends a continuation.
        var skip = Array(0...blocks.count)
        for k in stride(from: blocks.count - 1, through: 0, by: -1) {
            let block = blocks[k]
            if block.keepWithNext && block.spaceBefore == 0 && block.lines.allSatisfy({ $0 == 0 }) { skip[k] = skip[k + 1] }
        }
        /// Height needed after a block so it is not left alone at the page foot:
        /// following keep-with-next blocks whole, then `minLines` of the next. It
        /// stops once more than a page is needed, which already decides the caller's
        /// comparison (heights are not negative): a run of headings then costs at
        /// most a page's worth of blocks per call, not the whole run.
        func continuation(after b: Int) -> Double {
            var need = 0.0
            var k = skip[b + 1]
            while k < blocks.count && need <= pageHeight + epsilon {
                let next = blocks[k]
                need += next.spaceBefore
                if next.keepWithNext || !next.breakable {
                    need += next.lines.reduce(0, +)
                    if !next.keepWithNext { break }
                    k = skip[k + 1]
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
                    // Taller than a page even on its own: split it, a line at least
                    // per page (a line taller than the page would else add empty pages forever).
                    take = max(k, 1)
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
                    pages[pages.count - 1].append(Placement(block: b, line: m, top: top))
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
