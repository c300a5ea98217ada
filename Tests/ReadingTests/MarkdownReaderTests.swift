@testable import ArtExportCore
import Foundation
import Testing
import TestSupport

@Suite struct MarkdownReaderTests {
    static let front = "---\ntitle: T\n---\n"

    func read(_ text: String, folder: String? = nil) throws(ExportError) -> (Article, [Diagnostic]) {
        try MarkdownReader.read(Array(text.utf8), file: "t.md", imageFolder: folder.map { LocalPath($0) })
    }

    func body(_ markdown: String) throws -> [Block] {
        try read(Self.front + markdown).0.blocks
    }

    func error(_ text: String, folder: String? = nil) -> ExportError? {
        do throws(ExportError) { _ = try read(text, folder: folder); return nil } catch { return error }
    }

    // MARK: blocks and inlines

    @Test func headingsShiftSoTheTopOneIsLevel2AndGetUniqueIDs() throws {
        let blocks = try body("# Intro\n\n## Part\n\n# Intro\n\n# Notes\n")
        #expect(blocks == [
            .heading(Heading(level: 2, content: [.text("Intro")], id: "intro")),
            .heading(Heading(level: 3, content: [.text("Part")], id: "part")),
            .heading(Heading(level: 2, content: [.text("Intro")], id: "intro-2")),
            .heading(Heading(level: 2, content: [.text("Notes")], id: "notes-2")),   // `notes` is the writer's
        ])
        #expect(try body("## A\n\n### B\n") == [
            .heading(Heading(level: 2, content: [.text("A")], id: "a")),
            .heading(Heading(level: 3, content: [.text("B")], id: "b")),
        ])
        // A footnote's ids are `note-N` and `ref-N`: no heading takes them.
        #expect(try body("# Ref 1\n") == [.heading(Heading(level: 2, content: [.text("Ref 1")], id: "sec-ref-1"))])
    }

    @Test func emphasisStrongStrikethroughCodeAndBreaks() throws {
        #expect(try body("a *b* **c** ~~d~~ `e`\nf  \ng\n") == [.paragraph([
            .text("a "), .emphasis([.text("b")]), .text(" "), .strong([.text("c")]), .text(" "),
            .strikethrough([.text("d")]), .text(" "), .code("e"), .text(" f"), .lineBreak, .text("g"),
        ])])
    }

    @Test func linksAutolinksAndRefusedSchemes() throws {
        let (a, warnings) = try read(Self.front + """
            [site](https://example.org "t") <https://a.example/x> www.example.com me@example.org <mailto:ed@example.org>
            [bad](javascript:alert(1)) [file](file:///etc/passwd) [rel](other.md) [here](#intro)
            """)
        guard case .paragraph(let c) = a.blocks[0] else { Issue.record("no paragraph"); return }
        let links = c.compactMap { if case .link(let l) = $0 { return l } else { return nil } }
        #expect(links == [
            Link(url: "https://example.org", content: [.text("site")]),
            Link(url: "https://a.example/x", content: [.text("https://a.example/x")], isAutolink: true),
            Link(url: "http://www.example.com", content: [.text("www.example.com")], isAutolink: true),
            Link(url: "mailto:me@example.org", content: [.text("me@example.org")], isAutolink: true),
            // The angle-bracket form shows the address alone, as the bare one does.
            Link(url: "mailto:ed@example.org", content: [.text("ed@example.org")], isAutolink: true),
            Link(url: "#intro", content: [.text("here")]),
        ])
        #expect(c.plainText.contains("bad file rel here"))
        #expect(warnings.filter { $0.message.contains("is set as text") }.map(\.line) == [5, 5, 5])
    }

    @Test func listsTightLooseNestedOrderedTasks() throws {
        let blocks = try body("""
            - a
            - b
              1. x
              2. y

            3. one

            4. two

            - [ ] open
            - [x] done
            """)
        #expect(blocks.count == 3)
        #expect(blocks[0] == .list(List(ordered: false, items: [
            ListItem([.paragraph([.text("a")])]),
            ListItem([.paragraph([.text("b")]), .list(List(ordered: true, items: [
                ListItem([.paragraph([.text("x")])]), ListItem([.paragraph([.text("y")])]),
            ]))]),
        ], tight: true)))
        #expect(blocks[1] == .list(List(ordered: true, start: 3, items: [
            ListItem([.paragraph([.text("one")])]), ListItem([.paragraph([.text("two")])]),
        ], tight: false)))
        #expect(blocks[2] == .list(List(ordered: false, items: [
            ListItem([.paragraph([.text("open")])], task: .open), ListItem([.paragraph([.text("done")])], task: .done),
        ])))
    }

    @Test func quotesCodeFencesRulesAndTables() throws {
        let blocks = try body("""
            > quoted
            > > deeper

            ```swift extra
            let x = 1
            ```

                indented

            ***

            | l | c | r | n |
            |:--|:-:|--:|---|
            | 1 | *2* | 3 | 4 |
            """)
        #expect(blocks == [
            .blockQuote([.paragraph([.text("quoted")]), .blockQuote([.paragraph([.text("deeper")])])]),
            .codeBlock(language: "swift", code: "let x = 1"),
            .codeBlock(language: nil, code: "indented"),
            .thematicBreak,
            .table(Table(alignments: [.left, .center, .right, .none],
                         header: [[.text("l")], [.text("c")], [.text("r")], [.text("n")]],
                         rows: [[[.text("1")], [.emphasis([.text("2")])], [.text("3")], [.text("4")]]])),
        ])
    }

    @Test func tableCaptionsAfterOrBeforeTheTable() throws {
        let table = """
            | a | b |
            |---|---|
            | 1 | 2 |
            """
        func caption(_ markdown: String) throws -> [[Inline]] {
            try body(markdown).compactMap { if case .table(let t) = $0 { return t.caption }; return nil }
        }
        #expect(try caption(table + "\n\nTable: Sales by *region*.") == [[.text("Sales by "), .emphasis([.text("region")]), .text(".")]])
        #expect(try caption(": Short form.\n\n" + table) == [[.text("Short form.")]])
        // Only a paragraph right beside a table; one that merely starts with a colon elsewhere stays text.
        let blocks = try body("Table: not next to one.\n\nText.\n\n" + table)
        #expect(blocks.first == .paragraph([.text("Table: not next to one.")]))
        #expect(try caption(table) == [[]])
    }

    @Test func footnotesWithSeveralBlocksInOrderOfReference() throws {
        let (a, _) = try read(Self.front + """
            First[^b] and second[^a].

            [^a]: Note A.
            [^b]: Note B.

                Its second paragraph.

                - and a list
            """)
        #expect(a.blocks == [.paragraph([.text("First"), .footnoteReference("1"), .text(" and second"), .footnoteReference("2"), .text(".")])])
        #expect(a.footnotes == [
            Footnote(id: "1", blocks: [.paragraph([.text("Note B.")]), .paragraph([.text("Its second paragraph.")]),
                                       .list(List(ordered: false, items: [ListItem([.paragraph([.text("and a list")])])]))]),
            Footnote(id: "2", blocks: [.paragraph([.text("Note A.")])]),
        ])
    }

    // MARK: images

    @Test func imagesAloneAreFiguresOthersInline() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("dot.png", ImageSamples.png(width: 3, height: 2))
        _ = try dir.write("pic.svg", Array(#"<?xml version="1.0"?><!-- c --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><rect width="4" height="3"/></svg>"#.utf8))
        let (a, _) = try read(Self.front + "![A *red* dot](dot.png \"The caption\")\n\nText ![pic](pic.svg) more.\n", folder: dir.path)
        guard case .figure(let f) = a.blocks[0], case .paragraph(let c) = a.blocks[1], case .image(let inline) = c[1] else {
            Issue.record("\(a.blocks)"); return
        }
        #expect(f.image.alt == "A red dot")
        #expect(f.caption == [.text("The caption")])
        #expect(f.image.resource?.mediaType == .png)
        #expect(f.image.resource?.width == 3 && f.image.resource?.height == 2)
        #expect(f.image.resource?.bytes == ImageSamples.png(width: 3, height: 2))
        #expect(inline.alt == "pic" && inline.resource?.mediaType == .svg)
        #expect(inline.resource?.width == 40 && inline.resource?.height == 30)
    }

    @Test func imageSizesFromEveryHeader() {
        let gif = Array("GIF89a".utf8) + [5, 0, 7, 0] + [0, 0, 0]
        #expect(ImageHeader.mediaType(of: gif) == .gif)
        #expect(ImageHeader.size(of: gif, type: .gif)! == (5, 7))
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 9, 0, 12, 3, 0, 0, 0]
        #expect(ImageHeader.mediaType(of: jpeg) == .jpeg)
        #expect(ImageHeader.size(of: jpeg, type: .jpeg)! == (12, 9))
        var webp = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
        webp += [99, 0, 0, 49, 0, 0]   // width-1, height-1 (24-bit LE)
        #expect(ImageHeader.mediaType(of: webp) == .webp)
        #expect(ImageHeader.size(of: webp, type: .webp)! == (100, 50))
        let svg = Array(#"<svg width="120px" height='80' xmlns="http://www.w3.org/2000/svg"/>"#.utf8)
        #expect(ImageHeader.size(of: svg, type: .svg)! == (120, 80))
        #expect(ImageHeader.mediaType(of: Array("<html><svg/></html>".utf8)) == nil)
    }

    @Test func unsafeImagesAreErrorsWithTheirLine() throws {
        let outer = try TemporaryDirectory()
        let dir = outer.path + "/article"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try outer.write("secret.png", ImageSamples.png(width: 1, height: 1))
        _ = try outer.write("article/fake.png", Array("GIF89a".utf8) + [1, 0, 1, 0])
        _ = try outer.write("article/text.png", Array("not an image".utf8))
        _ = try outer.write("article/ok.png", ImageSamples.png(width: 1, height: 1))
        _ = try outer.write("article/evil.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.png", withDestinationPath: outer.path + "/secret.png")
        let cases: [(String, String)] = [
            ("/etc/passwd.png", "absolute path"),
            (outer.path + "/secret.png", "absolute path"),
            ("../secret.png", "outside the article's folder"),
            ("sub/../../secret.png", "outside the article's folder"),
            ("link.png", "outside the article's folder"),
            ("https://example.org/x.png", "is a URL"),
            ("//example.org/x.png", "is a URL"),
            ("data:image/png;base64,AAAA", "is a URL"),
            ("missing.png", "does not exist"),
            ("fake.png", "holds GIF bytes"),
            ("text.png", "is not a PNG file"),
            ("notes.txt", "is not a PNG, JPEG, GIF, WebP or SVG file"),
            ("evil.svg", "event-handler"),
        ]
        for (source, message) in cases {
            let e = error(Self.front + "Intro.\n\nSee ![x](\(source)).\n", folder: dir)
            #expect(e?.kind == .badInput, "\(source)")
            #expect(e?.diagnostic.line == 6, "\(source)")
            #expect(e?.description.hasPrefix("t.md:6: the image `") == true, "\(source)")
            #expect(e?.diagnostic.message.contains(message) == true, "\(source): \(e?.description ?? "no error")")
        }
        #expect(error(Self.front + "![x](ok.png)\n", folder: dir) == nil)
        #expect(error(Self.front + "![x](./sub/../ok.png)\n", folder: dir) == nil)
        // No folder (standard input): every image is an error.
        #expect(error(Self.front + "![x](ok.png)\n")?.diagnostic.message.contains("standard input") == true)
    }

    // MARK: raw HTML

    @Test func rawHTMLIsDroppedWithAWarningNamingTheLine() throws {
        let (a, warnings) = try read(Self.front + """
            Before <b onclick="x()">bold</b> after.

            <script>alert(1)</script>

            <img src=x onerror=alert(1)>
            """)
        #expect(a.blocks == [.paragraph([.text("Before bold after.")])])
        #expect(warnings.map(\.line) == [4, 4, 6, 8])
        #expect(warnings.allSatisfy { $0.message.contains("raw HTML") })
    }

    // MARK: front matter

    @Test func yamlFrontMatterWithSynonymsListsAndUnquotedDates() throws {
        let (a, _) = try read("""
            ---
            headline: "The: Title"
            date: 2024-07-08
            authors:
              - Smith, Jane
              - Bo Writer
            tags: [one, two]
            description: >
              A folded
              standfirst.
            lang: de
            series: Weekly
            ---
            Text.
            """)
        let m = a.metadata
        #expect(m.title == "The: Title")
        #expect(m.date?.w3cdtf == "2024-07-08")
        #expect(m.authors == ["Smith, Jane", "Bo Writer"])
        #expect(m.keywords == ["one", "two"])
        #expect(m.description == "A folded standfirst.\n" || m.description == "A folded standfirst.")
        #expect(m.language.value == "de")
        #expect(m[field: "series"] == "Weekly")
        #expect(m.fields.first { $0.key == "date" }?.line == 3)
        let (b, _) = try read("---\ntitle: T\nauthor: Ann Author and Bo Writer\ncreated: 2023-11-02T08:15:00Z\nkeywords: a, b\n---\nText.\n")
        #expect(b.metadata.authors == ["Ann Author", "Bo Writer"])
        #expect(b.metadata.keywords == ["a", "b"])
        #expect(b.metadata.date?.hour == 8)
    }

    @Test func frontMatterErrorsNameTheLine() {
        let bad = error("---\ntitle: T\nauthor: [unclosed\n---\nText.\n")
        #expect(bad?.kind == .badInput)
        #expect((3...4).contains(bad?.diagnostic.line ?? 0))
        #expect(bad?.diagnostic.message.contains("YAML") == true)
        let tab = error("---\ntitle: T\n\tauthor: x\n---\n")
        #expect(tab?.diagnostic.line == 3, "\(tab?.description ?? "")")
        let missing = error("\n---\nauthor: A\n---\nText.\n")
        #expect(missing?.description == "t.md:2: the metadata has no `title` field; add a line such as `title: The Headline` to the front matter")
        let date = error("---\ntitle: T\ndate: last Tuesday\n---\n")
        #expect(date?.description.hasPrefix("t.md:3: cannot read the date `last Tuesday`") == true)
        let unclosed = error("---\ntitle: T\n")
        #expect(unclosed?.diagnostic.line == 1 && unclosed?.diagnostic.message.contains("not closed") == true)
        let none = error("# Just a heading\n")
        #expect(none?.diagnostic.message.contains("YAML front matter") == true)
        let nested = error("---\ntitle: T\nextra:\n  a: b\n---\n")
        #expect(nested?.diagnostic.line == 3)
        #expect(error("")?.diagnostic.message.contains("empty") == true)
    }

    @Test func leadingPipeTableMetadata() throws {
        let (a, _) = try read("""
            | title | created | author |
            |---|---|---|
            | Piped | 2024-07-08 | Ann Author |

            # Heading

            Body *text*.
            """)
        #expect(a.metadata.title == "Piped")
        #expect(a.metadata.authors == ["Ann Author"])
        #expect(a.blocks == [.heading(Heading(level: 2, content: [.text("Heading")], id: "heading")),
                             .paragraph([.text("Body "), .emphasis([.text("text")]), .text(".")])])
        #expect(error("| author |\n|---|\n| A |\nText.\n")?.diagnostic.message.contains("add a title column") == true)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let e = error(Self.front + String(repeating: ">", count: 200) + " deep\n")
        #expect(e?.kind == .badInput)
        #expect(e?.diagnostic.message.contains("nested") == true)
    }

    @Test func tabsKeepTheirMeaning() throws {
        #expect(try body("\tcode\n") == [.codeBlock(language: nil, code: "code")])
    }

    // MARK: nothing lost

    @Test func everyWordOfRandomMarkdownReachesTheModelInOrder() throws {
        var rng = SplitMix64(seed: 8)
        let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
                     "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"]
        for round in 0..<60 {
            var expected: [String] = []
            var text = Self.front
            var notes: [String] = []
            func phrase() -> String {
                let n = Int.random(in: 1...4, using: &rng)
                let ws = (0..<n).map { _ in words.randomElement(using: &rng)! + String(round) }
                expected += ws
                let joined = ws.joined(separator: " ")
                switch Int.random(in: 0..<8, using: &rng) {
                case 0: return "*\(joined)*"
                case 1: return "**\(joined)**"
                case 2: return "~~\(joined)~~"
                case 3: return "`\(joined)`"
                case 4: return "[\(joined)](https://example.org/\(round))"
                case 5: return "[\(joined)](javascript:x)"
                default: return joined
                }
            }
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                switch Int.random(in: 0..<7, using: &rng) {
                case 0: text += "## " + phrase() + "\n\n"
                case 1: text += "- " + phrase() + "\n- [x] " + phrase() + "\n\n"
                case 2: text += "> " + phrase() + "\n\n"
                case 3: text += "| " + phrase() + " |\n|---|\n| " + phrase() + " |\n\n"
                case 4: text += "```\n" + phrase() + "\n```\n\n"
                case 5:
                    let label = "n\(notes.count)"
                    text += phrase() + "[^\(label)]\n\n"
                    notes.append(label)
                default: text += phrase() + " " + phrase() + "\n\n"
                }
            }
            var noteWords: [String] = []
            for label in notes {
                let before = expected.count
                text += "[^\(label)]: " + phrase() + "\n\n"
                noteWords += expected[before...]
                expected.removeSubrange(before...)
            }
            let (a, _) = try read(text)
            let modelText = (a.blocks + a.footnotes.flatMap(\.blocks)).map(\.plainText).joined(separator: " ")
            let found = Words.of(modelText)
            let result = Words.inOrder(expected + noteWords, in: found)
            #expect(result.ok, "round \(round): \(result.missing ?? "") missing\n\(text)")
        }
    }
}

/// Small valid images for tests.
enum ImageSamples {
    static func png(width: Int, height: Int) -> [UInt8] {
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        let ihdr = be32(width) + be32(height) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8) + ihdr + [0, 0, 0, 0]
    }
}
