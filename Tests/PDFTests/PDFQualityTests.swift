import ArtExportCore
import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// Line and page quality of every sample and fixture, measured in-process from
/// the typeset pages (`LineQuality`). The limits sit a little above the worst
/// value measured when they were set (`artexport-bench quality samples/*.txt
/// Tests/Fixtures/*.txt` prints them); each names that value. Counts that grow
/// with an article's length are limited as a share of its justified lines.
@Suite struct PDFQualityTests {
    init() { TestCache.isolate() }

    static func quality(_ input: String) throws -> (LineQuality, TypesetDocument) {
        let (article, _) = try Repo.article(input)
        let document = try PDFExporter().typeset(article)
        return (LineQuality(document), document)
    }

    @Test(arguments: Repo.allInputs)
    func lineAndPageQuality(_ input: String) throws {
        let (q, document) = try Self.quality(input)
        let faults = q.findings.map(\.description).joined(separator: "; ")
        // Nothing the report could miss: every glyph run of text lies on a recorded line.
        #expect(document.pages.contains { !$0.lines.isEmpty }, "\(input): no text lines recorded")
        #expect(q.runsOffLines == 0, "\(input): \(q.runsOffLines) glyph runs on no line")

        // Faults that must never occur (the paginator's and breaker's rules).
        #expect(q.overfullLines == 0, "\(input): overfull lines: \(faults)")
        #expect(q.widows == 0, "\(input): widows: \(faults)")
        #expect(q.orphans == 0, "\(input): orphans: \(faults)")
        #expect(q.strandedHeadings == 0, "\(input): stranded headings: \(faults)")
        #expect(q.longestHyphenRun <= 2, "\(input): \(q.longestHyphenRun) hyphenated lines in a row")
        #expect(q.unjustifiableLines == 0, "\(input): justified lines without glue: \(faults)")

        // Spacing. Worst when set (protrusion and expansion give lines room): max |r|
        // 0.904 (long-form); no loose line anywhere (before expansion: 6 of 294 in
        // long-form); tight 7 of 58 (the seed), 24 of 289 (long-form).
        #expect(q.maxAbsRatio <= 1.0, "\(input): max |r| \(q.maxAbsRatio)")
        let lines = Double(q.justifiedLines)
        #expect(q.looseLines == 0, "\(input): \(q.looseLines) loose lines of \(q.justifiedLines): \(faults)")
        #expect(Double(q.tightLines) <= 2 + 0.10 * lines, "\(input): \(q.tightLines) tight lines of \(q.justifiedLines)")
        // Word spaces in em. Worst when set (with protrusion and expansion): means 0.202
        // (world) to 0.346 (unicode-mix, one line); stdev 0.044 (de-artikel), the issue's
        // goal being 0.045 at most; smallest 0.202 (world), largest 0.386 (long-form).
        if q.wordSpaces.count > 0 {
            #expect((0.2...0.4).contains(q.wordSpaces.mean), "\(input): mean word space \(q.wordSpaces.mean) em")
            // A short article's spread is one paragraph's: markdown-guide has 3 justified
            // lines, around a URL that may break only at its seams.
            let spread = q.justifiedLines < 10 ? 0.08 : 0.045
            #expect(q.wordSpaces.stdev <= spread, "\(input): word spaces spread \(q.wordSpaces.stdev) em")
            // pdf-metrics counts a space under 0.2 em as tight, over 0.5 em as loose.
            #expect(q.wordSpaces.min >= 0.2 && q.wordSpaces.max <= 0.5,
                    "\(input): word spaces \(q.wordSpaces.min)–\(q.wordSpaces.max) em")
        }
        // Hyphens: at most 8 % of the lines (the goal; xelatex hyphenates 6 of the
        // seed's 80 body lines), German 10 %: de-artikel's compounds hyphenate 8 of its 88
        // lines; at a hyphen cost of 150 it would be 6, but its spread 0.050 em with 2
        // loose lines, and evenness comes first. One hyphen at a page foot at most, never
        // two hyphenated lines there.
        let allLines = document.pages.reduce(0) { $0 + $1.lines.count }
        let german = try Repo.article(input).0.language.hasPrefix("de")
        let share = german ? 0.10 : 0.08
        #expect(Double(q.hyphenatedLines) <= share * Double(max(allLines, 1)),
                "\(input): \(q.hyphenatedLines) hyphens in \(allLines) lines")
        #expect(q.hyphensAtPageEnd <= 1, "\(input): hyphens at a page foot: \(faults)")
        for (p, page) in document.pages.enumerated() {
            let foot = page.lines.suffix(2)
            let pair = foot.count == 2 && foot.allSatisfy(\.fit.hyphenated) && foot.first?.element.id == foot.last?.element.id
            #expect(!pair, "\(input) page \(p + 1): its last two lines end in hyphens")
        }
    }

    /// The samples are real articles: the report must have measured something, or
    /// every limit above would hold vacuously.
    @Test(arguments: Repo.goodInputs.filter { $0.hasPrefix("samples/") })
    func samplesAreMeasured(_ input: String) throws {
        let (q, _) = try Self.quality(input)
        #expect(q.justifiedLines >= 10, "\(input): only \(q.justifiedLines) justified lines measured")
        #expect(q.wordSpaces.count >= q.justifiedLines, "\(input): \(q.wordSpaces.count) word spaces")
    }

    /// Fewer hyphens is a goal, none would be a fault: the samples still break words
    /// where evenness needs it (13 lines when set, 8 of them long-form's).
    @Test func samplesStillHyphenate() throws {
        var hyphenated = 0
        for input in Repo.goodInputs + Repo.markdownInputs where input.hasPrefix("samples/") {
            hyphenated += try Self.quality(input).0.hyphenatedLines
        }
        #expect(hyphenated >= 5, "\(hyphenated) hyphenated lines in all the samples")
    }

    /// The breaker's hyphen flag is the line's: each flagged line ends in a drawn hyphen.
    @Test(arguments: Repo.goodInputs.filter { $0.hasPrefix("samples/") })
    func hyphenFlagsMatchTheGlyphs(_ input: String) throws {
        let (_, document) = try Self.quality(input)
        for (p, page) in document.pages.enumerated() {
            for line in page.lines {
                let runs = page.items.compactMap { item -> GlyphRun? in
                    guard case .glyphs(let run, let element) = item, element.id == line.element.id,
                          abs(run.origin.y - line.origin.y) < 0.01 else { return nil }
                    return run
                }
                let last = runs.max { $0.origin.x + $0.width < $1.origin.x + $1.width }
                let endsInHyphen = last.map { $0.text.hasSuffix("-") || $0.text.hasSuffix("\u{2010}") } ?? false
                #expect(!line.fit.hyphenated || endsInHyphen,
                        "\(input) page \(p + 1): flagged line ends in \(last?.text.suffix(12) ?? "nothing")")
            }
        }
    }
}
