@testable import ArtExportCore
@testable import ArtExportPDF
import Testing

/// LineQuality on tiny hand-made documents: each counter is shown to count a
/// fault it exists for, and not to count the good case next to it.
@Suite struct LineQualityTests {
    static let left = 72.0, measure = 400.0, size = 10.0

    /// One line of a block: its record and the glyph run drawn for it.
    struct Line {
        var element: StructureElement
        var fit: LineFit
        var inkStart = LineQualityTests.left
        var inkWidth = LineQualityTests.measure
        var size = LineQualityTests.size
        var glyphs = 40
    }

    static func p(_ id: Int, ratio: Double = 0.2, hyphen: Bool = false, spaces: [Double] = [3, 3],
                  justified: Bool = true, inkStart: Double = left, inkWidth: Double = measure) -> Line {
        Line(element: StructureElement(kind: .p, id: id),
             fit: LineFit(measure: measure, justified: justified, ratio: ratio, hyphenated: hyphen, spaces: spaces),
             inkStart: inkStart, inkWidth: inkWidth)
    }

    static func heading(_ id: Int) -> Line {
        Line(element: StructureElement(kind: .h2, id: id),
             fit: LineFit(measure: measure, justified: false, ratio: 0, hyphenated: false, spaces: [3]), inkWidth: 120)
    }

    static func run(x: Double, y: Double, width: Double, size: Double = size, glyphs: Int = 40) -> GlyphRun {
        GlyphRun(font: 0, size: size, origin: Point(x: x, y: y),
                 glyphs: (0..<glyphs).map { GlyphRun.Glyph(id: 1, x: Double($0), y: 0) },
                 text: String(repeating: "x", count: glyphs), clusters: (0..<glyphs).map { _ in (1, 1) },
                 backward: false, width: width)
    }

    /// Pages of lines, 12 pt apart from the top; `extra` adds items to a page.
    static func document(_ pages: [[Line]], extra: [Int: [PageItem]] = [:]) -> TypesetDocument {
        TypesetDocument(pages: pages.enumerated().map { p, lines in
            var items: [PageItem] = []
            var records: [TypesetLine] = []
            for (k, line) in lines.enumerated() {
                let y = 72 + 12 * Double(k)
                records.append(TypesetLine(element: line.element, origin: Point(x: left, y: y), fit: line.fit))
                items.append(.glyphs(run(x: line.inkStart, y: y, width: line.inkWidth, size: line.size, glyphs: line.glyphs),
                                     element: line.element))
            }
            return Page(width: 595, height: 842, label: String(p + 1), items: items + (extra[p] ?? []), lines: records)
        })
    }

    @Test func aCleanPageHasNoFaults() {
        let q = LineQuality(Self.document([[Self.heading(1), Self.p(2), Self.p(2), Self.p(2), Self.p(2, ratio: 0, spaces: [2.5])]]))
        #expect(q.justifiedLines == 3)                     // the paragraph's last line is not measured
        #expect(q.maxAbsRatio == 0.2)
        #expect(q.looseLines == 0 && q.tightLines == 0 && q.unjustifiableLines == 0)
        #expect(q.overfullLines == 0 && q.widows == 0 && q.orphans == 0 && q.strandedHeadings == 0)
        #expect(q.hyphenatedLines == 0 && q.longestHyphenRun == 0 && q.hyphensAtPageEnd == 0)
        #expect(q.runsOffLines == 0)
        #expect(q.wordSpaces.count == 6 && abs(q.wordSpaces.mean - 0.3) < 1e-9 && q.wordSpaces.stdev < 1e-9)
        #expect(q.findings.isEmpty)
    }

    @Test func ratiosCountLooseTightAndUnjustifiable() {
        let q = LineQuality(Self.document([[
            Self.p(1, ratio: 1.3), Self.p(1, ratio: -0.6), Self.p(1, ratio: 0.9), Self.p(1, ratio: -0.4),
            Self.p(1, ratio: .greatestFiniteMagnitude, spaces: []),
            Self.p(1, ratio: 9),                                             // last line: not measured
            Self.p(2, ratio: 5, justified: false), Self.p(2, ratio: 5, justified: false),   // ragged: not measured
        ]]))
        #expect(q.justifiedLines == 4)
        #expect(q.looseLines == 1)
        #expect(q.tightLines == 1)
        #expect(q.maxAbsRatio == 1.3)
        #expect(q.unjustifiableLines == 1)
        #expect(q.findings.map(\.kind) == [.loose, .tight, .unjustifiable])
    }

    @Test func wordSpacesAreInEmOfTheLinesMainSize() {
        var small = Self.p(1, spaces: [2, 4])
        small.size = 10
        let lines = [small, Self.p(1, spaces: [3]), Self.p(1)]
        // A footnote number in 7 pt on the first line does not change its em.
        let note: [PageItem] = [.glyphs(Self.run(x: 200, y: 72, width: 3, size: 7, glyphs: 1), element: lines[0].element)]
        let q = LineQuality(Self.document([lines], extra: [0: note]))
        #expect(q.wordSpaces.count == 3)
        #expect(abs(q.wordSpaces.mean - 0.3) < 1e-9)
        #expect(abs(q.wordSpaces.stdev - (0.02 / 3).squareRoot()) < 1e-9)
        #expect(abs(q.wordSpaces.min - 0.2) < 1e-9 && abs(q.wordSpaces.max - 0.4) < 1e-9)
    }

    @Test func overfullLinesAreMeasuredFromTheGlyphs() {
        let q = LineQuality(Self.document([[
            Self.p(1, inkWidth: Self.measure + 2),                           // 2 pt past the right margin
            Self.p(1, inkWidth: Self.measure + 0.3),                         // within the tolerance
            Self.p(1, inkStart: Self.left - 1.5, inkWidth: Self.measure),    // 1.5 pt before the left one
            Self.p(1),
        ]], extra: [0: [.glyphs(Self.run(x: Self.left - 12, y: 72 + 36, width: 6), element: StructureElement(kind: .p, id: 1))]]))
        #expect(q.overfullLines == 2)                                        // the hung list marker is not one
        #expect(abs(q.maxOverflow - 2) < 1e-9)
        #expect(q.findings.filter { $0.kind == .overfull }.map(\.line) == [0, 2])
    }

    @Test func widowsAndOrphans() {
        let widow = LineQuality(Self.document([[Self.p(1), Self.p(1)], [Self.p(1), Self.p(2), Self.p(2)]]))
        #expect(widow.widows == 1 && widow.orphans == 0)
        #expect(widow.findings.first { $0.kind == .widow }?.page == 2)

        let orphan = LineQuality(Self.document([[Self.p(1), Self.p(1), Self.p(2)], [Self.p(2), Self.p(2)]]))
        #expect(orphan.orphans == 1 && orphan.widows == 0)
        #expect(orphan.findings.first { $0.kind == .orphan }?.page == 1)

        let split = LineQuality(Self.document([[Self.p(1), Self.p(1)], [Self.p(1), Self.p(1)]]))
        #expect(split.widows == 0 && split.orphans == 0)
    }

    @Test func strandedHeadings() {
        let stranded = LineQuality(Self.document([[Self.p(1), Self.p(1), Self.heading(2)], [Self.p(3), Self.p(3)]]))
        #expect(stranded.strandedHeadings == 1)
        // A heading that ends the document, or one followed by its text, is not stranded.
        let fine = LineQuality(Self.document([[Self.p(1), Self.heading(2), Self.p(3), Self.p(3)], [Self.p(3), Self.heading(4)]]))
        #expect(fine.strandedHeadings == 0)
    }

    @Test func hyphensInARowAndAtThePageFoot() {
        let ladder = LineQuality(Self.document([[Self.p(1, hyphen: true), Self.p(1, hyphen: true), Self.p(1, hyphen: true), Self.p(1)]]))
        #expect(ladder.hyphenatedLines == 3)
        #expect(ladder.longestHyphenRun == 3)
        #expect(ladder.findings.map(\.kind) == [.hyphenRun])

        // Runs do not join across paragraphs.
        let apart = LineQuality(Self.document([[Self.p(1), Self.p(1, hyphen: true), Self.p(1), Self.p(2, hyphen: true), Self.p(2)]]))
        #expect(apart.longestHyphenRun == 1 && apart.hyphenatedLines == 2)

        let foot = LineQuality(Self.document([[Self.p(1), Self.p(1, hyphen: true)], [Self.p(1), Self.p(1)]]))
        #expect(foot.hyphensAtPageEnd == 1)
        #expect(foot.findings.first { $0.kind == .hyphenAtPageEnd }.map { ($0.page, $0.line) } ?? (0, 0) == (1, 1))
        let inside = LineQuality(Self.document([[Self.p(1, hyphen: true), Self.p(1)], [Self.p(1), Self.p(1)]]))
        #expect(inside.hyphensAtPageEnd == 0)
    }

    @Test func textOffEveryLineIsReported() {
        let element = StructureElement(kind: .p, id: 1)
        let stray: PageItem = .glyphs(Self.run(x: Self.left, y: 500, width: 50), element: element)
        let head: PageItem = .glyphs(Self.run(x: Self.left, y: 40, width: 50), element: StructureElement(kind: .artifact, id: 0))
        let q = LineQuality(Self.document([[Self.p(1), Self.p(1)]], extra: [0: [stray, head]]))
        #expect(q.runsOffLines == 1)                         // the running head is furniture, not text
    }
}
