@testable import ArtExportCore
@testable import ArtExportPDF
import TestSupport
import Testing

/// The running head: one line set once per document, a long title cut at a word
/// with an ellipsis, while the title page keeps every word.
@Suite(.serialized) struct RunningHeadTests {
    static let words = ["Water", "under", "the", "bridge:", "how", "Kestrelford", "rebuilt", "its", "reservoirs", "and", "mains"]

    static func title(words count: Int) -> String {
        (0..<count).map { words[$0 % words.count] }.joined(separator: " ")
    }

    static func article(title: String, paragraphs: Int = 3) -> Article {
        let body = String(repeating: "A paragraph of ordinary words that fills a few lines of the page and then some more. ", count: 6)
        return Article(metadata: Metadata(title: title), blocks: Array(repeating: .paragraph([.text(body)]), count: paragraphs))
    }

    /// The text of the running head on a page: the artifact glyphs nearest the top.
    /// (Each word space is a space glyph: the text has the title's spaces.)
    static func head(_ page: Page) -> String {
        let runs = page.items.compactMap { item -> GlyphRun? in
            if case .glyphs(let run, let element) = item, element.kind == .artifact { return run }
            return nil
        }
        guard let top = runs.map(\.origin.y).min() else { return "" }
        return runs.filter { $0.origin.y == top }.sorted { $0.origin.x < $1.origin.x }.map(\.text).joined()
    }

    @Test func shortTitleIsTheHead() throws {
        let document = try PDFExporter().typeset(Self.article(title: "Under Kestrelford", paragraphs: 12))
        try #require(document.pages.count > 1)
        #expect(Self.head(document.pages[1]) == "Under Kestrelford")
    }

    @Test func longTitleIsCutAtAWordWithAnEllipsis() throws {
        let title = Self.title(words: 400)
        let document = try PDFExporter().typeset(Self.article(title: title))
        let style = Theme.standard.pdf
        try #require(document.pages.count > 2)
        let head = Self.head(document.pages[1])
        #expect(head.hasSuffix("…"))
        // The head is whole words of the title: some first words, with their spaces.
        let kept = String(head.dropLast())
        let words = title.split(separator: " ")
        let firstWords = words.indices.map { words[...$0].joined(separator: " ") }
        let count = firstWords.firstIndex(of: kept).map { $0 + 1 }
            ?? firstWords.firstIndex(of: kept + ":").map { $0 + 1 }      // a colon before the ellipsis is dropped
        #expect(count != nil, "not cut at a word: \(head)")
        #expect(count ?? 0 > 5 && count ?? 0 < words.count)
        // The same head on every page, inside the measure.
        for page in document.pages.dropFirst() {
            #expect(Self.head(page) == head)
            for case .glyphs(let run, let element) in page.items where element.kind == .artifact && run.text.hasSuffix("…") {
                #expect(run.origin.x >= style.marginLeft - 0.01 && run.origin.x + run.width <= style.pageWidth - style.marginRight + 0.01)
            }
        }
        // The title page keeps the whole title.
        let titleText = document.pages.flatMap(\.items).compactMap { item -> String? in
            if case .glyphs(let run, let element) = item, element.kind == .h1 { return run.text }
            return nil
        }.joined()
        #expect(titleText.filter { $0 != " " } == title.filter { $0 != " " })
        // Every space but those the title's lines end at.
        #expect(titleText.filter { $0 == " " }.count == title.filter { $0 == " " }.count - (document.pages.flatMap(\.lines).filter { $0.element.kind == .h1 }.count - 1))
    }

    @Test func oneLongWordIsCutAtACharacter() throws {
        let title = String(repeating: "Kestrelford", count: 40)
        let document = try PDFExporter().typeset(Self.article(title: title, paragraphs: 12))
        try #require(document.pages.count > 1)
        let head = Self.head(document.pages[1])
        #expect(head.hasSuffix("…") && title.hasPrefix(head.dropLast()) && head.count > 20 && head.count < title.count)
    }

    /// Setting the head once per document: each page once set the whole title again.
    @Test func longTitleCostsLinearTime() throws {
        let growth = Scaling.growth(n: 1_500, input: { Self.article(title: Self.title(words: $0), paragraphs: 1) }) { article in
            _ = try? PDFExporter().typeset(article)
        }
        #expect(growth < 8, "4× the title took \(growth)× as long")
    }
}
