@testable import ArtExportCore
@testable import ArtExportPDF
import TestSupport
import Testing

/// Typesetting costs linear time in footnote references, however many.
@Suite(.serialized) struct TypesetterScalingTests {
    static func notes(_ n: Int) -> Article {
        let references: [Inline] = (0..<n).flatMap { [Inline.text("see"), .footnoteReference("n\($0)")] }
        return Article(metadata: Metadata(title: "Notes"), blocks: [.paragraph(references)],
                       footnotes: (0..<n).map { Footnote(id: "n\($0)", blocks: [.paragraph([.text("Note \($0).")])]) })
    }

    /// Each reference once searched the notes for its number.
    @Test func manyFootnoteReferences() {
        let growth = Scaling.growth(n: 2_000, input: Self.notes) { article in
            let typesetter = Typesetter(article: article, style: Theme.standard.pdf, shaper: TextShaper(language: .english), hyphenator: nil)
            _ = typesetter.styled(article.blocks.first.map { if case .paragraph(let c) = $0 { c } else { [] } } ?? [], base: Theme.standard.pdf.body)
        }
        #expect(growth < 8, "4× the references took \(growth)× as long")
    }

    @Test func referencesAreNumberedInNoteOrder() {
        let article = Article(metadata: Metadata(title: "Notes"),
                              blocks: [.paragraph([.text("a"), .footnoteReference("z"), .text("b"), .footnoteReference("y")])],
                              footnotes: [Footnote(id: "y", blocks: []), Footnote(id: "z", blocks: []), Footnote(id: "z", blocks: [])])
        let typesetter = Typesetter(article: article, style: Theme.standard.pdf, shaper: TextShaper(language: .english), hyphenator: nil)
        guard case .paragraph(let content) = article.blocks[0] else { return }
        let styled = typesetter.styled(content, base: Theme.standard.pdf.body)
        #expect(styled.text == "a2b1")
        #expect(styled.spans.compactMap(\.link?.target.href) == ["#note-z", "#note-y"])
    }
}
