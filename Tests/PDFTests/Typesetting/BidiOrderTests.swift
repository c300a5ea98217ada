@testable import ArtExportCore
@testable import ArtExportPDF
import Testing

/// Mixed-direction text is drawn in the order the Unicode bidi algorithm gives,
/// also inside one word that holds several levels (Hebrew, then digits).
@Suite struct BidiOrderTests {
    /// The left edge of the run holding `text` on a line set from `source`.
    static func runs(_ source: String, rtl: Bool = false) -> [GlyphRun] {
        let setter = ParagraphSetter(shaper: TextShaper(language: .english), hyphenator: nil, language: .english)
        var styled = StyledText()
        styled.append(source, font: Theme.standard.pdf.body)
        return setter.set(styled, options: ParagraphOptions(width: 1000, justify: false, rtl: rtl)).flatMap(\.runs)
    }

    static func x(of text: String, in runs: [GlyphRun]) throws -> Double {
        try #require(runs.first { $0.text.contains(text) }, "no run holds \(text): \(runs.map(\.text))").origin.x
    }

    @Test func digitsInsideAHebrewWordStayInTheirPlace() throws {
        // Logical: שלום (ב-2023, אמרו) — one right-to-left run whose digits read left to right.
        // Drawn, left to right: (אמרו ,2023-ב) שלום — the closing word leftmost, the digits
        // between it and ב, שלום rightmost.
        let runs = Self.runs("the word שלום (ב-2023, אמרו) means peace")
        let amru = try Self.x(of: "אמרו", in: runs), year = try Self.x(of: "2023", in: runs)
        let bet = try Self.x(of: "ב", in: runs.filter { !$0.text.contains("אמרו") && !$0.text.contains("שלום") })
        let shalom = try Self.x(of: "שלום", in: runs)
        #expect(amru < year && year < bet && bet < shalom)
        #expect(try Self.x(of: "word", in: runs) < amru && shalom < (try Self.x(of: "means", in: runs)))
    }

    @Test func anEnglishRunInAHebrewParagraph() throws {
        let runs = Self.runs("כתבנו על EPUB או PDF בגיליון", rtl: true)
        // Right to left: "כתבנו" rightmost; the Latin acronyms read left to right among the Hebrew words.
        let epub = try Self.x(of: "EPUB", in: runs), pdf = try Self.x(of: "PDF", in: runs)
        #expect(pdf < epub)
        #expect(epub < (try Self.x(of: "כתבנו", in: runs)))
    }
}
