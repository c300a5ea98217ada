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

        // Spacing. Worst when set: max |r| 1.514 (long-form, from the breaker's second
        // pass at tolerance 1000); loose 6 of 294 (long-form), 1 of 13 (world); tight
        // 6 of 65 (de-artikel), 2 of 13 (world).
        #expect(q.maxAbsRatio <= 1.6, "\(input): max |r| \(q.maxAbsRatio)")
        let lines = Double(q.justifiedLines)
        #expect(Double(q.looseLines) <= 1 + 0.025 * lines, "\(input): \(q.looseLines) loose lines of \(q.justifiedLines): \(faults)")
        #expect(Double(q.tightLines) <= 2 + 0.10 * lines, "\(input): \(q.tightLines) tight lines of \(q.justifiedLines)")
        // Word spaces in em. Worst when set: means 0.219 (hebrew) to 0.368 (unicode-mix, one
        // line), stdev 0.046, smallest 0.187 (world), largest 0.477 (long-form).
        if q.wordSpaces.count > 0 {
            #expect((0.2...0.4).contains(q.wordSpaces.mean), "\(input): mean word space \(q.wordSpaces.mean) em")
            // A short article's spread is one paragraph's: markdown-guide has 6 justified
            // lines, one of them loose around a URL that may break only at its seams (0.072).
            let spread = q.justifiedLines < 10 ? 0.08 : 0.06
            #expect(q.wordSpaces.stdev <= spread, "\(input): word spaces spread \(q.wordSpaces.stdev) em")
            #expect(q.wordSpaces.min >= 0.15 && q.wordSpaces.max <= 0.55,
                    "\(input): word spaces \(q.wordSpaces.min)–\(q.wordSpaces.max) em")
        }
        // Hyphens. Worst when set: 20 of 65 justified lines (de-artikel, German compounds);
        // one hyphen at a page foot (long-form, where no line could move).
        #expect(Double(q.hyphenatedLines) <= 0.35 * max(lines, 1), "\(input): \(q.hyphenatedLines) hyphens in \(q.justifiedLines) lines")
        #expect(q.hyphensAtPageEnd <= 1, "\(input): hyphens at a page foot: \(faults)")
    }

    /// The samples are real articles: the report must have measured something, or
    /// every limit above would hold vacuously.
    @Test(arguments: Repo.goodInputs.filter { $0.hasPrefix("samples/") })
    func samplesAreMeasured(_ input: String) throws {
        let (q, _) = try Self.quality(input)
        #expect(q.justifiedLines >= 10, "\(input): only \(q.justifiedLines) justified lines measured")
        #expect(q.wordSpaces.count >= q.justifiedLines, "\(input): \(q.wordSpaces.count) word spaces")
        #expect(q.hyphenatedLines >= 1, "\(input): no hyphenated line")
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
