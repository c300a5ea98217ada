@testable import ArtExportCore
import Testing

@Suite struct ArticleFormatReaderTests {
    func read(_ text: String) throws -> (Article, [Diagnostic]) {
        try ArticleFormatReader.read(Array(text.utf8), file: "t.txt")
    }

    let header = "| title | created | author | keywords | description |\n|---|---|---|---|---|\n"

    @Test func metadataFieldsAnyOrderAnyCase() throws {
        let (a, _) = try read("""
            | Keywords | AUTHOR | Title | lang | Series | created |
            |---|---|---|---|---|---|
            | a, b ,, c | Ann Author and Bo Writer | The Title | de_ch | Weekly | 2024-07-08 |
            Text.
            """)
        let m = a.metadata
        #expect(m.title == "The Title")
        #expect(m.authors == ["Ann Author", "Bo Writer"])
        #expect(m.keywords == ["a", "b", "c"])
        #expect(m.language.value == "de-CH")
        #expect(m.date?.w3cdtf == "2024-07-08")
        #expect(m[field: "series"] == "Weekly")          // unknown fields are kept
        #expect(m.fields.map(\.name) == ["Keywords", "AUTHOR", "Title", "lang", "Series", "created"])
    }

    @Test(arguments: [
        ("A and B", ["A", "B"]), ("A; B", ["A", "B"]), ("A, B and C", ["A", "B", "C"]),
        ("Smith, Jane", ["Smith, Jane"]), ("Jane Smith", ["Jane Smith"]),
    ])
    func authors(_ field: String, _ expected: [String]) {
        #expect(MetadataFields.splitAuthors(field) == expected)
    }

    @Test func blocksHeadingsAndBio() throws {
        let (a, warnings) = try read(header + """
            | Title | 2024-07-08 10:30 | Clara Winthorpe | k | Standfirst. |
            First paragraph, the whole paragraph on one line.

            What Has Actually Merged
            Another paragraph with a link https://example.org/a?b=c&d=e, then more.
            That was it.
            Is It Worth It?
            Closing paragraph.
            Clara Winthorpe covers open source.
            """)
        #expect(warnings.isEmpty)
        #expect(a.blocks.count == 6)
        guard case .heading(let h) = a.blocks[1] else { Issue.record("not a heading"); return }
        #expect(h.content == [.text("What Has Actually Merged")])
        #expect(h.id == "what-has-actually-merged")
        #expect(a.blocks[2] == .paragraph([
            .text("Another paragraph with a link "),
            .link(Link(url: "https://example.org/a?b=c&d=e", content: [.text("https://example.org/a?b=c&d=e")], isAutolink: true)),
            .text(", then more."),
        ]))
        #expect(a.blocks[3] == .paragraph([.text("That was it.")]))
        guard case .heading = a.blocks[4] else { Issue.record("question heading missed"); return }
        #expect(a.bio == [.paragraph([.text("Clara Winthorpe covers open source.")])])
    }

    @Test func japaneseBioHasNoSpaceAfterTheName() throws {
        let (a, _) = try read("| title | author | lang |\n|---|---|---|\n| 題 | 山田花子 | ja |\n本文です。\n山田花子は町について書いている。")
        #expect(a.bio.count == 1)
    }

    @Test func lastParagraphNotByTheAuthorIsBody() throws {
        let (a, _) = try read(header + "| T | 2024 | Ann Author | | |\nBody.\nAnna Karenina is a novel.")
        #expect(a.bio.isEmpty)
        #expect(a.blocks.count == 2)
    }

    @Test func headingLikeLastLineIsAParagraph() throws {
        let (a, _) = try read(header + "| T | 2024 | A | | |\nBody.\nThanks for Reading")
        #expect(a.blocks.last == .paragraph([.text("Thanks for Reading")]))
    }

    @Test func headingLikeLineBeforeTheBioIsAParagraph() throws {
        let (a, _) = try read(header + "| T | 2024 | Ann Author | | |\nBody.\nThanks for Reading\nAnn Author writes.")
        #expect(a.blocks.last == .paragraph([.text("Thanks for Reading")]))
        #expect(a.bio.count == 1)
    }

    @Test func duplicateHeadingsGetDistinctIds() throws {
        let (a, _) = try read(header + "| T | 2024 | A | | |\nCosts\nx.\nCosts\ny.\nÉté à Paris\nz.\n2024 Review\nw.\nAbout\nv.")
        // `about` is the bio's own anchor, so a heading of that name gets another.
        #expect(a.headings.map(\.id) == ["costs", "costs-2", "ete-a-paris", "sec-2024-review", "about-2"])
    }

    @Test func autolinksKeepSentencePunctuationOut() {
        func urls(_ s: String) -> [String] {
            Autolinker.inlines(for: s).compactMap { if case .link(let l) = $0 { return l.url } else { return nil } }
        }
        #expect(urls("See https://example.org/x.") == ["https://example.org/x"])
        #expect(urls("(see https://example.com/docs?a=1&b=2)") == ["https://example.com/docs?a=1&b=2"])
        #expect(urls("wiki https://en.wikipedia.org/wiki/Foo_(bar), ok") == ["https://en.wikipedia.org/wiki/Foo_(bar)"])
        #expect(urls("go to www.example.org today") == ["https://www.example.org"])
        #expect(urls("no url: https:// here, nor awww.x") == [])
        #expect(urls("two: http://a.org and HTTPS://B.ORG/x!") == ["http://a.org", "HTTPS://B.ORG/x"])
    }

    @Test func autolinkingLosesNoText() {
        let s = "a https://x.org/(y) b (https://z.org). www.q.de, \"https://r.org\""
        #expect(Autolinker.inlines(for: s).plainText == s)
    }

    // MARK: bad input: each gives its message, with the line

    @Test func noTitleField() {
        #expect(throws: ExportError(.badInput, file: "t.txt", line: 1,
                                    "the metadata has no `title` field; add a title column (the headline)")) {
            try read("| author | created |\n|---|---|\n| A | 2024 |\nBody.")
        }
    }

    @Test func emptyTitle() {
        #expect(throws: ExportError(.badInput, file: "t.txt", line: 3, "the title is empty; write the headline in the title column")) {
            try read("| title | author |\n|---|---|\n|  | A |\nBody.")
        }
    }

    @Test func unreadableDate() {
        #expect(throws: ExportError(.badInput, file: "t.txt", line: 4,
                                    "cannot read the date `last Tuesday`; write it as 2024-07-08, 2024-07-08 10:30 or 2024-07-08T10:30:00Z")) {
            try read("12 KiB\n| title | created |\n|---|---|\n| T | last Tuesday |\nBody.")
        }
    }

    @Test func badLanguage() {
        #expect(throws: ExportError(.badInput, file: "t.txt", line: 3,
                                    "`english` is not a language tag; write a code such as en, en-GB, de or fr")) {
            try read("| title | lang |\n|---|---|\n| T | english |\nBody.")
        }
    }

    @Test func duplicateFieldWarns() throws {
        let (a, warnings) = try read("| title | Title |\n|---|---|\n| First | Second |\nBody.")
        #expect(a.metadata.title == "First")
        #expect(warnings.map(\.description) == ["t.txt:3: warning: the field `Title` appears twice; the first value is used"])
    }
}
