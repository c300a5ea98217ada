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
/// - A table's header (`repeatedHeader` leading lines) is placed again at the top
///   of every page the table continues on, and the page where it starts holds the
///   header and at least one line after it.
///
/// Footnotes are inserts (as in TeX): a line may reference inserts, and each is
/// set at the foot of the page where its first reference falls, below a
/// separator. The reference line goes to a page only with the first `minLines`
/// lines of each note it references (the whole note when shorter); what does not
/// fit is carried to the foot of the next pages, before their own notes, in order.
/// Carried lines take at most half a page (at least one line, so every note ends);
/// while a note is carried, a line referencing a new note moves to the next page
/// (where the carried note ends first), so notes keep their order and each starts
/// on the page of its reference; only at the top of a page, behind a note longer
/// than half a page, does a new note wait.
///
/// Floats (figures) are placed where they come when they fit; one that does not
/// fit in the room left waits for the top of the next page while the blocks after
/// it go on filling this one, so no hole is left. Floats keep their order, and a
/// float after a keep-with-next block (a heading) stays only with what must follow
/// it, so a deferred figure never parts a heading from its text.
package struct Paginator: Sendable {
    /// A note set at the page foot: its line heights.
    package struct Insert: Sendable, Equatable {
        package var lines: [Double]
        package init(lines: [Double]) { self.lines = lines }
    }

    /// A line of an insert placed at a page foot; `top` as for body lines.
    package struct InsertPlacement: Sendable, Equatable {
        package var insert: Int
        package var line: Int
        package var top: Double
    }

    package struct Block: Sendable, Equatable {
        /// Height of each line slot (its share of the vertical space), in points.
        package var lines: [Double]
        /// Which lines end with a hyphen (a page should not end with one).
        package var hyphenated: [Bool]
        package var spaceBefore: Double
        package var keepWithNext: Bool
        package var breakable: Bool
        /// The inserts each line references (by index), when any do.
        package var inserts: [[Int]]
        /// How many leading lines (a table's header row) are placed again at the
        /// top of each page the block continues on.
        package var repeatedHeader: Int
        /// May wait for the top of the next page (see the type's comment). Set after init.
        package var float = false
        /// Lines with no text (a code block's empty lines): they do not count
        /// towards the `minLines` a split leaves on the next page. Set after init.
        package var blank: [Bool] = []

        package init(lines: [Double], hyphenated: [Bool] = [], spaceBefore: Double = 0, keepWithNext: Bool = false, breakable: Bool = true,
                    inserts: [[Int]] = [], repeatedHeader: Int = 0) {
            self.lines = lines
            self.inserts = inserts
            self.repeatedHeader = repeatedHeader
            self.hyphenated = hyphenated
            self.spaceBefore = spaceBefore
            self.keepWithNext = keepWithNext
            self.breakable = breakable
        }
    }

    /// A line placed on a page: which block and line, and the top of its slot,
    /// measured from the top of the page's text area.
    package struct Placement: Sendable, Equatable {
        package var block: Int
        package var line: Int
        package var top: Double
        /// A copy of a line placed before: a table's header at the top of a continuation page.
        package var repeated = false
    }

    package var pageHeight: Double
    package var minLines: Int
    /// The heights of the first pages (frames: a column's part of a page, under a
    /// title across the columns); the pages after them are `pageHeight` tall.
    package var frameHeights: [Double] = []

    package init(pageHeight: Double, minLines: Int = 2) {
        self.pageHeight = pageHeight
        self.minLines = minLines
    }

    package func paginate(_ blocks: [Block]) -> [[Placement]] {
        paginate(blocks, inserts: []).body
    }

    /// Body lines and insert lines per page; `separator` is the height above a
    /// page's first insert line (the rule and its space).
    package func paginate(_ blocks: [Block], inserts: [Insert], separator: Double = 0) -> (body: [[Placement]], inserts: [[InsertPlacement]]) {
        var pages: [[Placement]] = [[]]
        func height(_ frame: Int) -> Double { frame < frameHeights.count ? frameHeights[frame] : pageHeight }
        // The height of the page being filled.
        var H = height(0)
        var y = 0.0
        let epsilon = 0.01
        // The page's foot: the separator and the insert lines placed, from the bottom.
        var foot = 0.0
        var footLines: [[(insert: Int, line: Int, height: Double)]] = [[]]
        var placedInserts = Set<Int>()
        var carried: [(insert: Int, from: Int)] = []
        // Floats waiting for the top of a page, in order.
        var pending: [Int] = []
        /// A float no taller than a page that references no inserts (any other flows in place).
        func floats(_ block: Block) -> Bool {
            block.float && block.inserts.allSatisfy(\.isEmpty) && block.lines.reduce(0, +) <= pageHeight + epsilon
        }

        func minimum(_ id: Int) -> Int { min(minLines, inserts[id].lines.count) }
        func minimumHeight(_ id: Int) -> Double { inserts[id].lines.prefix(minimum(id)).reduce(0, +) }
        /// The inserts line `m` of `block` brings to this page, first references only.
        func newInserts(_ block: Block, _ m: Int) -> [Int] {
            m < block.inserts.count ? block.inserts[m].filter { !placedInserts.contains($0) } : []
        }
        func footLine(_ id: Int, _ line: Int) {
            if footLines[footLines.count - 1].isEmpty { foot += separator }
            foot += inserts[id].lines[line]
            footLines[footLines.count - 1].append((id, line, inserts[id].lines[line]))
        }
        /// Carried insert lines at the top of a new page's foot.
        func placeCarried() {
            var placedAny = false
            while let (id, from) = carried.first {
                var line = from
                while line < inserts[id].lines.count,
                      !placedAny || foot + inserts[id].lines[line] + (footLines[footLines.count - 1].isEmpty ? separator : 0) <= H / 2 + epsilon {
                    footLine(id, line)
                    line += 1
                    placedAny = true
                }
                if line < inserts[id].lines.count { carried[0].from = line; return }
                carried.removeFirst()
            }
        }
        /// The inserts first referenced by the lines just placed: each at least its
        /// minimum here, the room left going to them in order, the rest carried.
        func placeInserts(_ ids: [Int]) {
            for (i, id) in ids.enumerated() {
                placedInserts.insert(id)
                if !carried.isEmpty { carried.append((id, 0)); continue }
                let reserved = ids[(i + 1)...].reduce(0) { $0 + minimumHeight($1) }
                var line = 0
                while line < inserts[id].lines.count {
                    let h = inserts[id].lines[line] + (footLines[footLines.count - 1].isEmpty ? separator : 0)
                    let fits = y + foot + h + reserved <= H + epsilon
                    guard fits || (line < minimum(id) && y + foot + h <= H + epsilon) else { break }
                    footLine(id, line)
                    line += 1
                }
                if line < inserts[id].lines.count { carried.append((id, line)) }
            }
        }

        /// Waiting floats at the top of a new page, in order, as many as fit (the first always does).
        func placePending() {
            while let f = pending.first {
                let space = y == 0 ? 0 : blocks[f].spaceBefore
                guard y == 0 || y + space + blocks[f].lines.reduce(0, +) <= H - foot + epsilon else { break }
                pending.removeFirst()
                var top = y + space
                for m in blocks[f].lines.indices {
                    pages[pages.count - 1].append(Placement(block: f, line: m, top: top))
                    top += blocks[f].lines[m]
                }
                y = top
            }
        }

        func newPage() {
            pages.append([])
            footLines.append([])
            H = height(pages.count - 1)
            y = 0
            foot = 0
            placeCarried()
            placePending()
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
                // A float may wait for the next page: what must follow is the text after it.
                if floats(next) { k = skip[k + 1]; continue }
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
            if floats(block) {
                let space = y == 0 ? 0 : block.spaceBefore
                let after = b > 0 && blocks[b - 1].keepWithNext ? continuation(after: b) : 0
                if !pending.isEmpty || (y > 0 && y + space + block.lines.reduce(0, +) + after > H - foot + epsilon) {
                    pending.append(b)
                    continue
                }
            }
            var l = 0
            while l < n {
                // A continued block (l > 0 starts a page) repeats its header first;
                // the page counts as empty below it (`bare`).
                var bare = 0.0
                if block.repeatedHeader > 0, l >= block.repeatedHeader {
                    for m in 0..<block.repeatedHeader {
                        pages[pages.count - 1].append(Placement(block: b, line: m, top: bare, repeated: true))
                        bare += block.lines[m]
                    }
                    y = bare
                }
                let space = (y == 0 || l > 0) ? 0 : block.spaceBefore
                // How many of the remaining lines fit below y?
                var k = 0
                var h = space
                // The foot the lines so far would add: each new insert's minimum.
                var extra = 0.0
                // …and their whole height, to know whether one will be split.
                var full = 0.0
                var counted: [Int] = []
                while l + k < n {
                    let ids = block.inserts.isEmpty ? [] : newInserts(block, l + k).filter { !counted.contains($0) }
                    // While a note is carried on (or one these lines bring will be, not
                    // fitting whole), a new one would wait behind it and land on a later
                    // page than its reference: the reference line goes there too (unless
                    // the page holds nothing yet, so every line is placed).
                    if !ids.isEmpty, y + h > 0,
                       !carried.isEmpty || (!counted.isEmpty && y + h + block.lines[l + k] + full > H - foot + epsilon) { break }
                    let need = ids.isEmpty ? 0 : ids.reduce(0) { $0 + minimumHeight($1) } + (foot + extra == 0 ? separator : 0)
                    guard y + h + block.lines[l + k] + extra + need <= H - foot + epsilon else { break }
                    h += block.lines[l + k]
                    extra += need
                    full += ids.reduce(0) { $0 + inserts[$1].lines.reduce(0, +) } + (!ids.isEmpty && foot + full == 0 ? separator : 0)
                    counted += ids
                    k += 1
                }
                let rest = n - l
                var take = k
                if k == rest {
                    if block.keepWithNext && b + 1 < blocks.count && y > bare
                        && y + h + extra + continuation(after: b) > H - foot + epsilon {
                        newPage()
                        continue
                    }
                } else if !block.breakable || block.keepWithNext {
                    if y > bare { newPage(); continue }
                    // Taller than a page even on its own: split it, a line at least
                    // per page (a line taller than the page would else add empty pages forever).
                    take = max(k, 1)
                } else {
                    // Leave at least minLines for the next page (no widow), lines with text…
                    take = min(k, rest - min(minLines, rest))
                    if !block.blank.isEmpty {
                        let texts = { (r: Range<Int>) in r.reduce(0) { $0 + (block.blank[$1] ? 0 : 1) } }
                        let needed = min(minLines, texts(l..<n))
                        while take > 0, texts((l + take)..<n) < needed { take -= 1 }
                    }
                    // …and put at least minLines here (no orphan), and a header with a
                    // line after it, unless this is a continuation or the page is
                    // empty (then a huge block must split).
                    let least = max(min(minLines, rest), l == 0 ? min(block.repeatedHeader + 1, rest) : 0)
                    if take < least || take == 0 {
                        if y > bare { newPage(); continue }
                        take = max(k, 1)
                    } else if l + take - 1 < block.hyphenated.count, block.hyphenated[l + take - 1],
                              take - 1 >= (l == 0 ? least : 1) {
                        take -= 1                 // one line short rather than a hyphen at the foot
                    }
                }
                var top = y + space
                var ids: [Int] = []
                for m in l..<(l + take) {
                    pages[pages.count - 1].append(Placement(block: b, line: m, top: top))
                    top += block.lines[m]
                    if !block.inserts.isEmpty { ids += newInserts(block, m).filter { !ids.contains($0) } }
                }
                y = top
                if !ids.isEmpty { placeInserts(ids) }
                l += take
                if l < n { newPage() }
            }
        }
        while !pending.isEmpty { newPage() }
        while !carried.isEmpty { newPage() }
        if pages.last?.isEmpty == true && footLines.last?.isEmpty == true && pages.count > 1 {
            pages.removeLast()
            footLines.removeLast()
        }
        // Insert lines from the foot of the page up.
        let placedFeet = footLines.enumerated().map { frame, lines -> [InsertPlacement] in
            var top = height(frame) - lines.reduce(0) { $0 + $1.height }
            return lines.map { line in
                defer { top += line.height }
                return InsertPlacement(insert: line.insert, line: line.line, top: top)
            }
        }
        return (pages, placedFeet)
    }
}
