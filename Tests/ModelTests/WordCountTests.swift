@testable import ArtExportCore
import Testing

/// Words as the run report counts them.
@Suite struct WordCountTests {
    @Test(arguments: [
        ("", 0),
        ("one", 1),
        ("Two words.", 2),
        ("don't stop", 2),
        ("an e-mail — sent", 3),
        ("(1) 2024-07-08", 2),
        ("a\u{A0}:\u{202F}b", 2),          // no-break spaces part words; lone punctuation is none
        ("«\u{202F}Bonjour\u{202F}»", 1),
        ("日本語のテキスト", 8),              // each Han or kana character
        ("東京・大阪", 4),                    // the middle dot is no word
        ("Tokyo東京", 3),
        ("한국어 텍스트", 2),                  // Korean puts spaces between words
        ("שלום עולם", 2),
    ])
    func counts(_ text: String, _ words: Int) {
        #expect(WordCount.of(text) == words, "\(text)")
    }

    /// Body, bio and notes, every kind of block; inline markup joins no word and splits none.
    @Test func anArticleCountsBodyBioAndNotes() {
        let article = Article(
            metadata: Metadata(title: "Not Counted Here"),
            blocks: [
                .heading(Heading(level: 2, content: [.text("A heading")], id: "h")),
                .paragraph([.text("Some "), .strong([.text("bold")]), .text("ly set "), .link(Link(url: "https://example.org", content: [.text("link")])),
                            .footnoteReference("n1"), .text(".")]),
                .list(List(ordered: false, items: [ListItem([.paragraph([.text("item one")])]), ListItem([.paragraph([.text("two")])])])),
                .blockQuote([.paragraph([.text("quoted words")])]),
                .codeBlock(language: nil, code: "let x = 1"),
                .table(Table(alignments: [.none], header: [[.text("Head")]], rows: [[[.text("cell")]]], caption: [.text("The caption")])),
                .figure(Figure(image: Image(source: "a.png", alt: "alt text"), caption: [.text("Fig")])),
                .thematicBreak,
            ],
            bio: [.paragraph([.text("Ann writes.")])],
            footnotes: [Footnote(id: "n1", blocks: [.paragraph([.text("A note.")])])])
        // 2 heading + 4 paragraph ("boldly" is one) + 3 list + 2 quote + 3 code + 4 table + 3 figure + 2 bio + 2 note
        #expect(article.wordCount == 25)
    }
}
