import ArtExportCore
/// Line and page quality of a typeset document, measured in-process from its
/// pages (`PDFExporter().typeset(article)`): what a careful proofreader counts,
/// and what `pdf-metrics.py` measures from a finished PDF, without drawing one.
///
/// Adjustment ratios, hyphen flags and word spaces come from each line's `LineFit`
/// (what the breaker chose); overfull lines are measured from the glyph runs
/// actually placed on the page; widows, orphans, stranded headings and hyphens at
/// a page foot from where each block's lines landed.
package struct LineQuality: Sendable, Equatable {
    /// TeX's fitness classes, which LineBreaker uses: "very loose" above 1, "tight" below -0.5.
    package static let looseRatio = 1.0
    package static let tightRatio = -0.5
    /// Glyphs may pass the measure by this much (points) before a line counts as overfull,
    /// as in pdf-metrics: below it is rounding, not a visible fault.
    package static let overfullTolerance = 0.5

    /// A fault, where it is.
    package struct Finding: Sendable, Equatable, CustomStringConvertible {
        package enum Kind: String, Sendable {
            case loose, tight, unjustifiable, overfull, widow, orphan, strandedHeading = "stranded heading"
            case hyphenAtPageEnd = "hyphen at page end", hyphenRun = "hyphen run"
        }
        package var kind: Kind
        /// 1-based page number.
        package var page: Int
        /// Index of the line among the page's lines.
        package var line: Int
        /// The ratio, excess in points, or run length, when the kind has one.
        package var value: Double?

        package var description: String {
            "page \(page) line \(line + 1): \(kind.rawValue)" + (value.map { " (\(($0 * 1000).rounded() / 1000))" } ?? "")
        }
    }

    /// Justified lines that are not a paragraph's last and have glue to adjust.
    package var justifiedLines = 0
    /// Largest |r| among them.
    package var maxAbsRatio = 0.0
    /// r > `looseRatio`.
    package var looseLines = 0
    /// r < `tightRatio`.
    package var tightLines = 0
    /// Justified lines (not a paragraph's last) that had no glue and stop short of the margin.
    package var unjustifiableLines = 0
    /// Word spaces on those justified lines, in em of the line's main font size.
    package var wordSpaces = Statistics()
    /// Lines ending at a hyphen (added, or the word's own).
    package var hyphenatedLines = 0
    /// Longest run of consecutive hyphenated lines within a paragraph.
    package var longestHyphenRun = 0
    /// A page's last line hyphenated with the word continuing on the next page.
    package var hyphensAtPageEnd = 0
    /// A paragraph's last line alone at the top of a page.
    package var widows = 0
    /// A paragraph's first line alone at the foot of a page.
    package var orphans = 0
    /// A heading as the last text of a page, with text after it.
    package var strandedHeadings = 0
    /// Lines whose glyphs pass either end of their measure, beyond the marks hung there
    /// by design, by more than `overfullTolerance`.
    package var overfullLines = 0
    /// The largest such excess, in points.
    package var maxOverflow = 0.0
    /// Glyph runs of text that lie on no recorded line: if not 0, the report missed text.
    package var runsOffLines = 0
    package var findings: [Finding] = []

    /// Count, mean, standard deviation (population), minimum and maximum.
    package struct Statistics: Sendable, Equatable {
        package var count = 0
        package var mean = 0.0
        package var stdev = 0.0
        package var min = 0.0
        package var max = 0.0

        package init() {}

        init(_ values: [Double]) {
            guard !values.isEmpty else { return }
            count = values.count
            mean = values.reduce(0, +) / Double(count)
            stdev = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)).squareRoot()
            min = values.min()!
            max = values.max()!
        }
    }

    package init(_ document: TypesetDocument) {
        // Every line in reading order, with its page and index on the page.
        struct Placed { var page: Int, index: Int, line: TypesetLine }
        var all: [Placed] = []
        for (p, page) in document.pages.enumerated() {
            for (k, line) in page.lines.enumerated() { all.append(Placed(page: p, index: k, line: line)) }
        }
        var lastOfElement: [Int: Int] = [:]          // element id → position in `all` of its last line
        for (n, placed) in all.enumerated() { lastOfElement[placed.line.element.id] = n }

        var spaces: [Double] = []
        var run = 0
        for (n, placed) in all.enumerated() {
            let fit = placed.line.fit
            let isLast = lastOfElement[placed.line.element.id] == n
            if fit.hyphenated {
                hyphenatedLines += 1
                let previous = n > 0 ? all[n - 1] : nil
                run = previous.map { $0.line.element.id == placed.line.element.id && $0.line.fit.hyphenated } == true ? run + 1 : 1
                if run > longestHyphenRun { longestHyphenRun = run }
                if run == 3 { note(.hyphenRun, placed.page, placed.index, Double(run)) }
            } else {
                run = 0
            }
            guard fit.justified, !isLast else { continue }
            if abs(fit.ratio) == Double.greatestFiniteMagnitude {
                unjustifiableLines += 1
                note(.unjustifiable, placed.page, placed.index, nil)
                continue
            }
            justifiedLines += 1
            maxAbsRatio = max(maxAbsRatio, abs(fit.ratio))
            if fit.ratio > Self.looseRatio {
                looseLines += 1
                note(.loose, placed.page, placed.index, fit.ratio)
            } else if fit.ratio < Self.tightRatio {
                tightLines += 1
                note(.tight, placed.page, placed.index, fit.ratio)
            }
            if !fit.spaces.isEmpty, let size = Self.mainSize(document.pages[placed.page], placed.line) {
                spaces += fit.spaces.map { $0 / size }
            }
        }
        wordSpaces = Statistics(spaces)

        measureOverflow(document)
        measurePageBreaks(document)
    }

    private mutating func note(_ kind: Finding.Kind, _ page: Int, _ line: Int, _ value: Double?) {
        findings.append(Finding(kind: kind, page: page + 1, line: line, value: value))
    }

    // MARK: glyphs

    /// The glyph runs drawn for `line`: same element, same baseline, starting within
    /// its measure (a paragraph split across two columns has lines on one baseline).
    private static func runs(_ page: Page, _ line: TypesetLine) -> [GlyphRun] {
        page.items.compactMap { item in
            guard case .glyphs(let run, let element) = item, element.id == line.element.id,
                  abs(run.origin.y - line.origin.y) < 0.01,
                  run.origin.x >= line.origin.x - 30, run.origin.x <= line.origin.x + line.fit.measure + 1 else { return nil }
            return run
        }
    }

    /// The font size carrying most of a line's glyphs.
    private static func mainSize(_ page: Page, _ line: TypesetLine) -> Double? {
        var glyphs: [Double: Int] = [:]
        for run in runs(page, line) where run.size > 0 { glyphs[run.size, default: 0] += run.glyphs.count }
        return glyphs.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key
    }

    private mutating func measureOverflow(_ document: TypesetDocument) {
        for (p, page) in document.pages.enumerated() {
            var onLines = 0
            for (k, line) in page.lines.enumerated() {
                let left = line.origin.x, right = line.origin.x + line.fit.measure
                var excess = 0.0
                let runs = Self.runs(page, line)
                onLines += runs.count
                for run in runs {
                    let start = run.origin.x, end = run.origin.x + run.width
                    // Wholly before the measure: a list marker hung in the margin, not text.
                    if end <= left + Self.overfullTolerance { continue }
                    excess = max(excess, end - (right + line.fit.rightHang), (left - line.fit.leftHang) - start)
                }
                if excess > Self.overfullTolerance {
                    overfullLines += 1
                    maxOverflow = max(maxOverflow, excess)
                    note(.overfull, p, k, excess)
                }
            }
            // A table's header cells drawn again on a continuation page are text on a
            // line, though not a new one.
            for line in page.repeatedLines { onLines += Self.runs(page, line).count }
            // A label (a list item's bullet or number, a note's number) hangs beside the
            // first line of what it labels: it counts as on that line's baseline.
            let baselines = Set(page.lines.map { ($0.origin.y * 100).rounded() })
            let textRuns = page.items.filter { item in
                guard case .glyphs(let run, let element) = item, element.kind != .artifact else { return false }
                return !(element.kind == .label && baselines.contains((run.origin.y * 100).rounded()))
            }.count
            runsOffLines += textRuns - onLines
        }
    }

    // MARK: pages

    private mutating func measurePageBreaks(_ document: TypesetDocument) {
        // Per element, how many of its lines each page holds, in order.
        var portions: [Int: [(page: Int, first: Int, count: Int)]] = [:]
        var order: [Int] = []
        for (p, page) in document.pages.enumerated() {
            for (k, line) in page.lines.enumerated() {
                let id = line.element.id
                if portions[id] == nil { order.append(id) }
                if let last = portions[id]?.last, last.page == p {
                    portions[id]![portions[id]!.count - 1].count += 1
                } else {
                    portions[id, default: []].append((p, k, 1))
                }
            }
        }
        for id in order {
            let parts = portions[id]!
            guard parts.count > 1 else { continue }
            if parts[0].count == 1 {
                orphans += 1
                note(.orphan, parts[0].page, parts[0].first, nil)
            }
            if let last = parts.last, last.count == 1 {
                widows += 1
                note(.widow, last.page, last.first, nil)
            }
        }

        let textPages = document.pages.indices.filter { !document.pages[$0].lines.isEmpty }
        for p in textPages.dropLast() {
            let lines = document.pages[p].lines
            let last = lines[lines.count - 1]
            if last.element.kind.isHeading {
                strandedHeadings += 1
                note(.strandedHeading, p, lines.count - 1, nil)
            }
            // The word goes on overleaf: its paragraph continues on the next page with text.
            if last.fit.hyphenated, let next = textPages.first(where: { $0 > p }),
               document.pages[next].lines.first?.element.id == last.element.id {
                hyphensAtPageEnd += 1
                note(.hyphenAtPageEnd, p, lines.count - 1, nil)
            }
        }
    }
}
