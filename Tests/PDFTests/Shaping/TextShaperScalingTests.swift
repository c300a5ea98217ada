@testable import ArtExportCore
@testable import ArtExportPDF
import TestSupport
import Testing

/// Shaping is linear in the text, even with many marks on one letter, which
/// HarfBuzz alone attaches in quadratic time.
@Suite(.serialized) struct TextShaperScalingTests {
    static let font = Theme.standard.pdf.body

    static func styled(_ text: String) -> StyledText {
        var s = StyledText()
        s.append(text, font: font)
        return s
    }

    @Test func manyMarksOnOneLetter() {
        let shaper = TextShaper(language: .english)
        let growth = Scaling.growth(n: 10_000, input: { Self.styled("Start a" + String(repeating: "\u{301}", count: $0) + " end") }) {
            _ = shaper.shape($0)
        }
        #expect(growth < 8, "4× the marks took \(growth)× as long")
    }

    @Test func manyMarksThroughTheTypesetter() {
        let growth = Scaling.growth(n: 10_000, input: { n in
            Article(metadata: Metadata(title: "Marks"), blocks: [.paragraph([.text("Start a" + String(repeating: "\u{301}", count: n) + " end.")])])
        }) { article in
            _ = try? PDFExporter().typeset(article)
        }
        #expect(growth < 8, "4× the marks took \(growth)× as long")
    }

    /// A letter with more marks than HarfBuzz gets at once keeps a glyph per mark,
    /// in either direction, and the clusters still tile the text and the glyphs.
    @Test(arguments: [("q", "\u{301}", false), ("\u{5D0}", "\u{5B8}", true)])
    func longMarkRunKeepsEveryGlyph(_ base: String, _ mark: String, _ rtl: Bool) {
        let shaper = TextShaper(language: rtl ? LanguageTag(normalizing: "he")! : .english)
        let marks = TextShaper.maxMarksPerShape * 3 + 7
        let word = base + String(repeating: mark, count: marks)
        let shaped = shaper.shape(Self.styled("x " + word + " y"), rtl: rtl)
        let letter = shaped.clusters.filter { $0.bytes.lowerBound >= 2 && $0.bytes.upperBound <= 2 + word.utf8.count }
        #expect(letter.map(\.bytes.count).reduce(0, +) == word.utf8.count)
        #expect(letter.map(\.glyphs.count).reduce(0, +) == marks + 1)
        #expect(shaped.clusters.map(\.bytes.count).reduce(0, +) == shaped.text.count)
        #expect(shaped.clusters.map(\.glyphs.count).reduce(0, +) == shaped.glyphs.count)
        #expect(Set(shaped.clusters.flatMap { Array($0.glyphs) }).count == shaped.glyphs.count)
    }

    /// Marks are clusters of their own when HarfBuzz does not compose them: no line
    /// may begin with one, however narrow the measure.
    @Test func noLineStartsWithAMark() {
        let setter = ParagraphSetter(shaper: TextShaper(language: .english), hyphenator: nil)
        let marked = "q" + String(repeating: "\u{301}\u{323}", count: 40)
        let text = (0..<6).map { _ in "word " + marked + "letters" + marked }.joined(separator: " ")
        for width in [30.0, 60, 120] {
            let lines = setter.set(Self.styled(text), options: ParagraphOptions(width: width, justify: true))
            #expect(lines.count > 1)
            for line in lines {
                let first = line.runs.first?.text.unicodeScalars.first
                #expect(first.map(TextShaper.extendsGrapheme) == false, "a line starts with a mark at width \(width)")
            }
            // Every character, the spaces the lines end at aside (lines also break inside the long words).
            #expect(lines.flatMap(\.runs).map(\.text).joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
    }

    @Test func segmentsCutOnlyLongMarkRuns() {
        let text = Array(("ab" + String(repeating: "\u{301}", count: 65) + " c\u{301}\u{302}").utf8)
        let pieces = text.withUnsafeBufferPointer { TextShaper.segments($0, 0..<text.count) }
        let firstCut = 2 + 2 * (TextShaper.maxMarksPerShape + 1)     // "a", "b", then 31 marks of 2 bytes… cut after 30
        #expect(pieces.count == 3)
        #expect(pieces.first == 0..<(firstCut - 2))
        #expect(pieces.last?.upperBound == text.count)
        #expect(text.withUnsafeBufferPointer { TextShaper.segments($0, 0..<text.count) }.map(\.count).reduce(0, +) == text.count)
        let plain = Array("ordinary text, é and ü".utf8)
        #expect(plain.withUnsafeBufferPointer { TextShaper.segments($0, 0..<plain.count) } == [0..<plain.count])
    }
}
