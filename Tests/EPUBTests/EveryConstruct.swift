import ArtExportCore
import ArtExportEPUB
import TestSupport
import Testing

/// An article built with the model's initializers that holds every construct the
/// EPUB writer sets but the plain-text format cannot express: nested lists with
/// `start`, nested quotations, code blocks (one with a 300-character line), a
/// table with column alignments and a wide one, strikethrough, and footnotes —
/// one referenced twice, one of two paragraphs, one that is a list.
/// GoldenTests, EPUBCheckTests, NothingLostTests and BrowserLayoutTests export it
/// beside the samples.
enum EveryConstruct {
    static let name = "every-construct"

    static let longLine = "let summary = articles.filter { $0.isPublished && !$0.isDraft }.map { article in "
        + "\"\\(article.title) by \\(article.authors.joined(separator: \", \")) on \\(article.date)\" }"
        + ".sorted().joined(separator: \"; \") // a comment that runs on well past any screen edge to wrap"
        + " the line instead, ending right here, now"

    static var article: Article {
        let p = { (s: String) in Block.paragraph([.text(s)]) }
        let blocks: [Block] = [
            .paragraph([.text("Every construct the writer sets, built by hand. This paragraph has "),
                        .emphasis([.text("emphasis")]), .text(", "), .strong([.text("strong words")]), .text(", "),
                        .strikethrough([.text("struck text")]), .text(", inline "), .code("code()"),
                        .text(" and a note"), .footnoteReference("first"), .text(".")]),
            .heading(Heading(level: 2, content: [.text("Lists Inside Lists")], id: "lists")),
            .list(List(ordered: false, items: [
                ListItem([p("Apples, the first bullet.")]),
                ListItem([p("Pears, with an ordered list inside that starts at three:"),
                          .list(List(ordered: true, start: 3, items: [
                              ListItem([p("third step")]),
                              ListItem([p("fourth step, holding bullets:"),
                                        .list(List(ordered: false, items: [ListItem([p("deep one")]), ListItem([p("deep two")])]))]),
                          ]))]),
                ListItem([p("Plums, an item of two paragraphs."), p("Its second paragraph says more about plums.")]),
            ])),
            .list(List(ordered: true, start: 7, items: [ListItem([p("seventh item")]), ListItem([p("eighth item")])])),
            .heading(Heading(level: 2, content: [.text("Quotations")], id: "quotations")),
            .blockQuote([
                p("An outer quotation begins here."),
                .blockQuote([p("A quotation inside the quotation, with its own rule.")]),
                .paragraph([.text("The outer one resumes and cites a source"), .footnoteReference("second"), .text(".")]),
            ]),
            .heading(Heading(level: 2, content: [.text("Code Blocks")], id: "code")),
            .paragraph([.text("A block of Swift whose second line is three hundred characters long:")]),
            .codeBlock(language: "swift", code: "// summary.swift\n\(longLine)\nprint(summary)"),
            .codeBlock(language: nil, code: "plain   text\tkept exactly\n    indented line"),
            .heading(Heading(level: 2, content: [.text("Tables")], id: "tables")),
            .table(Table(alignments: [.left, .center, .right, .none],
                         header: [[.text("Fruit")], [.text("Origin")], [.text("Price")], [.text("Notes")]],
                         rows: [
                             [[.text("Apple")], [.text("Kent")], [.text("1.20")], [.text("crisp and sweet")]],
                             [[.text("Pear")], [.text("Anjou")], [.text("0.95")], [.emphasis([.text("soft")]), .text(" when ripe")]],
                             [[.text("Quince")], [.text("Persia")], [.text("12.50")], [.text("cooked"), .footnoteReference("first")]],
                         ],
                         caption: [.text("Fruit at the "), .emphasis([.text("autumn")]), .text(" market, prices per kilo.")])),
            .paragraph([.text("A wide table scrolls sideways within its own frame on a phone:")]),
            .table(Table(alignments: [.none, .right, .right, .right, .right, .right, .none],
                         header: ["Measurement", "January", "February", "March", "April", "May", "Commentary"].map { [.text($0)] },
                         rows: [
                             ["Rainfall", "78.4", "61.2", "55.9", "49.0", "52.3", "wetter than expected throughout"].map { [.text($0)] },
                             ["Temperature", "3.1", "4.2", "7.5", "10.8", "14.6", "mild"].map { [.text($0)] },
                         ])),
            .thematicBreak,
            .paragraph([.text("The last paragraph refers to the first note again"), .footnoteReference("first"),
                        .text(" and to a note that is a list"), .footnoteReference("list"), .text(".")]),
        ]
        let footnotes = [
            Footnote(id: "first", blocks: [p("The first note, referred to three times.")]),
            Footnote(id: "second", blocks: [
                p("The second note has two paragraphs; this is its first."),
                .paragraph([.text("And this its second, with "), .emphasis([.text("emphasis")]), .text(".")]),
            ]),
            Footnote(id: "list", blocks: [.list(List(ordered: false, items: [ListItem([p("a listed point")]), ListItem([p("another point")])]))]),
        ]
        let metadata = Metadata(title: "Every Construct", authors: ["Ann Author"],
                                date: ArticleDate(written: "2024-07-08", year: 2024, month: 7, day: 8),
                                description: "Lists, quotations, code, tables and notes.")
        return Article(metadata: metadata, blocks: blocks, bio: [p("Ann Author writes test articles.")], footnotes: footnotes)
    }

    /// The same in a right-to-left article (Hebrew), whose English blocks each
    /// get `dir="ltr"`: for the browser test's look at hanging note numbers,
    /// quotation rules, code and a scrolling table from the other side.
    static var rightToLeft: Article {
        var a = article
        a.metadata.title = "כל המבנים"
        a.metadata.language = LanguageTag(normalizing: "he")!
        a.blocks.insert(.paragraph([.text("פסקה בעברית עם הערה"), .footnoteReference("he"), .text(" ורשימה:")]), at: 0)
        a.blocks.insert(.list(List(ordered: true, items: [ListItem([.paragraph([.text("פריט ראשון")])]), ListItem([.paragraph([.text("פריט שני")])])])), at: 1)
        a.blocks.insert(.blockQuote([.paragraph([.text("ציטוט בעברית.")])]), at: 2)
        a.footnotes.insert(Footnote(id: "he", blocks: [.paragraph([.text("הערה בעברית.")])]), at: 0)
        return a
    }

    /// Every word of the article in reading order: title page, body, bio, notes.
    static func words(_ article: Article) -> [String] {
        func inline(_ content: [Inline]) -> String {
            content.map { i -> String in
                switch i {
                case .text(let s), .code(let s): return s
                case .emphasis(let c), .strong(let c), .strikethrough(let c): return inline(c)
                case .link(let l): return inline(l.content)
                case .lineBreak, .footnoteReference: return " "
                case .image(let image): return image.alt
                }
            }.joined()
        }
        func block(_ b: Block) -> String {
            switch b {
            case .heading(let h): return inline(h.content)
            case .paragraph(let c): return inline(c)
            case .list(let l): return l.items.flatMap(\.blocks).map(block).joined(separator: " ")
            case .blockQuote(let inner): return inner.map(block).joined(separator: " ")
            case .codeBlock(_, let code): return code
            case .table(let t): return (t.header + t.rows.flatMap { $0 }).map(inline).joined(separator: " ")
            case .figure(let f): return f.image.alt + " " + inline(f.caption)
            case .thematicBreak: return ""
            }
        }
        let m = article.metadata
        let text = ([m.title, m.description ?? ""] + m.authors).joined(separator: " ") + " "
            + (article.blocks + article.bio + article.footnotes.flatMap(\.blocks)).map(block).joined(separator: " ")
        return Words.of(text)
    }
}

@Suite struct EveryConstructTests {
    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

    static var xhtml: String { EPUBExporter().parts(of: EveryConstruct.article, modified: modified).xhtml }

    @Test(arguments: [false, true])
    func validatesWithEPUBCheck(rightToLeft: Bool) throws {
        let epub = try EPUBExporter().export(rightToLeft ? EveryConstruct.rightToLeft : EveryConstruct.article, modified: Self.modified)
        let report = try EPUBCheck.check(epub, name: EveryConstruct.name)
        #expect(report.version.hasPrefix("5."))
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0,
                "\(report.fatals) fatals, \(report.errors) errors, \(report.warnings) warnings\n\(report.messages.joined(separator: "\n"))")
    }

    @Test func everyWordInOrder() throws {
        let epub = try EPUBExporter().export(EveryConstruct.article, modified: Self.modified)
        let source = EveryConstruct.words(EveryConstruct.article)
        let result = Words.inOrder(source, in: try NothingLostTests.epubWords(epub))
        #expect(result.ok, "word \(result.index) `\(result.missing ?? "")` is missing or out of order")
        #expect(source.count > 150)
    }

    @Test func theLongLineIsLong() {
        #expect(EveryConstruct.longLine.count == 300)
    }

    @Test func footnotesLinkBothWays() {
        let x = Self.xhtml
        #expect(x.contains("xmlns:epub=\"http://www.idpf.org/2007/ops\""))
        // Three references to the first note, each with an id of its own and a back link.
        for (ref, mark) in [("fnref-first", "\u{21A9}"), ("fnref-first-2", "\u{21A9}<sup>2</sup>"), ("fnref-first-3", "\u{21A9}<sup>3</sup>")] {
            #expect(x.contains("<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-first\" id=\"\(ref)\">1</a></sup>"))
            #expect(x.contains("<a href=\"#\(ref)\" role=\"doc-backlink\""))
            #expect(x.contains("\">\(mark)</a>"))
        }
        #expect(x.contains("<aside id=\"fn-first\" epub:type=\"footnote\" role=\"doc-footnote\">"))
        #expect(x.contains("<aside id=\"fn-second\" epub:type=\"footnote\" role=\"doc-footnote\">"))
        // A note that is a list: its number and back link on lines of their own.
        #expect(x.contains("<p class=\"note-number\"><span class=\"note-number\">3.</span></p>"))
        #expect(x.contains("<p class=\"note-back\"><a href=\"#fnref-list\" role=\"doc-backlink\""))
    }

    @Test func noteIDsAvoidHeadingIDs() {
        var article = EveryConstruct.article
        article.blocks.insert(.heading(Heading(level: 2, content: [.text("Fn First")], id: "fn-first")), at: 0)
        article.blocks.insert(.heading(Heading(level: 2, content: [.text("Fnref First")], id: "fnref-first")), at: 0)
        let x = EPUBExporter().parts(of: article, modified: Self.modified).xhtml
        #expect(x.contains("<aside id=\"fn-first-2\""))
        #expect(x.contains("href=\"#fn-first-2\" id=\"fnref-first-2\">1</a>"))
        #expect(!x.contains("<aside id=\"fn-first\""))
    }

    @Test func tablesScrollInAWrapperWithAlignmentClasses() {
        let x = Self.xhtml
        #expect(x.contains("<div class=\"table-scroll\">\n"))
        #expect(x.contains("<th scope=\"col\" class=\"align-left\">Fruit</th>"))
        #expect(x.contains("<th scope=\"col\" class=\"align-center\">Origin</th>"))
        #expect(x.contains("<td class=\"align-right\">12.50"))
        #expect(x.contains("<th scope=\"col\">Notes</th>"))
        #expect(!x.contains("style="))
        #expect(!x.contains("scope=\"row\""))
    }

    @Test func codeIsLeftToRightInARightToLeftArticle() {
        let article = Article(metadata: Metadata(title: "קוד", language: LanguageTag(normalizing: "he")!),
                              blocks: [.paragraph([.text("שלום עולם")]), .codeBlock(language: "sh", code: "# הערה\necho hi")])
        let x = EPUBExporter().parts(of: article, modified: Self.modified).xhtml
        #expect(x.contains("<pre dir=\"ltr\"><code class=\"language-sh\">"), "\(x)")
        // In a left-to-right article code needs no dir of its own, even when it starts in Hebrew
        // (whose run inside is isolated).
        let english = Article(metadata: Metadata(title: "Code"), blocks: [.codeBlock(language: nil, code: "# הערה\necho hi")])
        let y = EPUBExporter().parts(of: english, modified: Self.modified).xhtml
        #expect(!y.contains("<pre dir") && y.contains("<span dir=\"rtl\"><code>הערה</code></span>"), "\(y)")
    }

    @Test func containersTakeTheDirectionOfTheirFirstText() {
        let x = EPUBExporter().parts(of: EveryConstruct.rightToLeft, modified: Self.modified).xhtml
        // The Hebrew list needs no dir; the English ones and their items' blocks are left to right as a whole.
        #expect(x.contains("<ol>\n        <li>פריט ראשון</li>"))
        #expect(x.contains("<ul dir=\"ltr\">\n          <li>Apples, the first bullet.</li>"))
        #expect(x.contains("<li>\n            <p>Pears, with an ordered list"))
        #expect(x.contains("<div class=\"table-scroll\" dir=\"ltr\">"))
        #expect(x.contains("<blockquote dir=\"ltr\">\n          <p>An outer quotation"))
        // A note hangs its number at the side its first block starts; a line of the number alone takes the note's side.
        #expect(x.contains("<aside id=\"fn-he\" epub:type=\"footnote\" role=\"doc-footnote\">"))
        #expect(x.contains("<aside id=\"fn-first\" epub:type=\"footnote\" role=\"doc-footnote\" dir=\"ltr\">\n        <p><span class=\"note-number\">2.</span>"))
        #expect(x.contains("<aside id=\"fn-list\" epub:type=\"footnote\" role=\"doc-footnote\" dir=\"ltr\">\n        <p class=\"note-number\"><span"))
    }

    @Test func imagesAndDanglingReferencesAreRefused() {
        let image = Article(metadata: Metadata(title: "Pictures"),
                            blocks: [.list(List(ordered: false, items: [ListItem([.figure(Figure(image: Image(source: "cat.png", alt: "A cat")))])]))])
        #expect(throws: ExportError.self) { try EPUBExporter().export(image, modified: Self.modified) }
        do {
            _ = try EPUBExporter().export(image, modified: Self.modified)
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.description.contains("images cannot be packaged in EPUB without their bytes: `cat.png`"), "\(error)")
        }
        let dangling = Article(metadata: Metadata(title: "Notes"), blocks: [.paragraph([.text("x"), .footnoteReference("nope")])])
        #expect(throws: ExportError.self) { try EPUBExporter().export(dangling, modified: Self.modified) }
    }
}
