@testable import ArtExportCore
@testable import ArtExportPDF
@testable import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// Hostile link targets, judged by parsing the PDF with qpdf: every link is a
/// /URI action holding LinkTarget's encoding of its URL and nothing else, no
/// other kind of action exists anywhere, and the file is clean. cairo 1.16
/// copies a URI into `/URI (…)` unescaped, so before the encoding a `)` in a
/// URL ended the string and the rest was PDF syntax.
@Suite struct LinkSafetyTests {
    init() { TestCache.isolate() }

    /// Actions and triggers a link must never turn into.
    static let forbidden: Set<String> = ["/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/GoToR",
                                         "/OpenAction", "/AA", "/Named", "/ResetForm", "/GoToE", "/Rendition", "/Sound",
                                         "/Movie", "/Hide", "/SetOCGState", "/Trans", "/GoTo3DView", "/RichMediaExecute"]

    /// Written in running text, one URL per line, each followed by a space or
    /// the line's end, so the autolinker's extent is the whole token. (The
    /// autolinker ends a URL at `<`, `>` and `"`: those are in `directURLs`.)
    static let autolinkedURLs = [
        "https://e.org/r)/S/JavaScript/JS(app.alert(1))/X(",            // the reported injection
        "https://e.org/x)/S/Launch/F(calc.exe)/Y(",                      // a Launch action
        "https://e.org/open(",                                           // unbalanced (
        "https://e.org/back\\",                                          // trailing backslash
        "https://e.org/a\\b\\\\c\\)d\\(e",                               // backslashes, escaped parens
        "https://e.org//S/JavaScript/JS/AA/OpenAction",                  // names, as a path
        "https://e.org/nl(/JS",                                          // ends the line: the next begins with PDF syntax
        "https://e.org/p%41%2fq",                                        // valid escapes
        "https://e.org/100%/%zz/%4",                                     // stray percent signs
        "https://bücher.example/café/日本?q=ü😀",                         // non-ASCII
        "https://e.org/it's/{a}|b^c`d~e[f]",                             // quote and other unsafe ASCII
        "HTTPS://E.ORG/UP(X",                                            // scheme in capitals
        "mailto:ann@e.org?subject=Hi(there)&body=a\\b",
        "www.e.org/w)(x/\\",                                             // www. gains https://
    ]

    static let articleText: String = {
        var text = "| title | author |\n|---|---|\n| Hostile links | Ann Author |\n"
        for (n, url) in autolinkedURLs.enumerated() {
            text += n == 6 ? "Line \(n) ends \(url)\n/S/JavaScript/JS(app.alert(2)) begins the next.\n" : "Line \(n) \(url) here.\n"
        }
        return text
    }()

    /// Built as Link values, so no reader stands between them and the writers.
    static let directURLs = [
        "https://e.org/a)>>/S/JavaScript/JS(app.alert(1))<</X(",
        "https://e.org/q\"u'o\"t'e",
        "https://e.org/nl\n/S /Launch /F (calc)\r\n",
        "https://e.org/tab\t/nul\u{0}/del\u{7F}",
        "https://e.org/\\",
        "https://e.org/(",
        "https://e.org/%",
        "https://e.org/%41%e2%82%ac",
        "mailto:ann@e.org?subject=Hi (you)",
        "https://e.org/a b<c>d{e}f|g^h`i",
        "HTTP://E.ORG/)",
        "https://ünï.example/😀)",
    ]

    static func directArticle() -> Article {
        let paragraphs = directURLs.enumerated().map { n, url -> Block in
            .paragraph([.text("Link \(n): "), .link(Link(url: url, content: [.text("target \(n)")])), .text(" and on.")])
        }
        return Article(metadata: Metadata(title: "Direct links", authors: ["Ann Author"]), blocks: paragraphs)
    }

    static func pdf(_ article: Article) throws -> [UInt8] {
        try PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
    }

    @Test func autolinkedHostileURLs() throws {
        let (article, _) = try ArtExport.read(Array(Self.articleText.utf8), file: "hostile-links.txt")
        let urls = Self.links(in: article.blocks + article.bio).map(\.url)
        let expected = Self.autolinkedURLs.map { $0.hasPrefix("www.") ? "https://" + $0 : $0 }
        #expect(urls == expected, "the autolinker's extents changed: the URLs under test are not the ones planted")
        try Self.checkLinks(try Self.pdf(article), urls: urls)
    }

    @Test func directHostileURLs() throws {
        try Self.checkLinks(try Self.pdf(Self.directArticle()), urls: Self.directURLs)
    }

    /// The PDF has exactly one /URI link per URL, in order, carrying the encoded URL.
    static func checkLinks(_ pdf: [UInt8], urls: [String]) throws {
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("links.pdf", pdf)
        let check = try Tool.run("qpdf", ["--check", path])
        let report = String(decoding: check.stdout, as: UTF8.self) + check.stderr
        #expect(check.status == 0 && !report.contains("WARNING") && report.contains("No syntax or stream encoding errors"),
                "qpdf --check: \(report)")

        let pdf = try QPDFObjects(pdf: path)
        #expect(pdf.warnings.isEmpty, "qpdf: \(pdf.warnings)")
        #expect(pdf.pages.count == 1, "a link across a page break is two annotations: keep the test article on one page")
        let found = Self.forbidden.intersection(pdf.allNames)
        #expect(found.isEmpty, "forbidden PDF names in the file: \(found.sorted())")

        let annotations = pdf.pageLinkAnnotations.map(\.annotation)
        #expect(pdf.allLinkAnnotations.count == urls.count, "\(pdf.allLinkAnnotations.count) link annotations for \(urls.count) URLs")
        #expect(annotations.count == urls.count, "\(annotations.count) link annotations on the pages for \(urls.count) URLs")
        for (url, annotation) in zip(urls, annotations) {
            #expect(Set(annotation.keys).isSubset(of: ["/Type", "/Subtype", "/StructParent", "/QuadPoints", "/Rect", "/A", "/BS", "/Contents"]),
                    "\(url.debugDescription): annotation keys \(annotation.keys.sorted())")
            #expect(annotation["/Subtype"] as? String == "/Link")
            guard let action = pdf.dictionary(annotation["/A"]) else {
                Issue.record("\(url.debugDescription): link without an /A action: \(annotation)")
                continue
            }
            #expect(Set(action.keys).isSubset(of: ["/Type", "/S", "/URI"]), "\(url.debugDescription): action keys \(action.keys.sorted())")
            #expect(action["/S"] as? String == "/URI", "\(url.debugDescription): action \(action)")
            let uri = QPDFObjects.text(action["/URI"])
            #expect(uri != nil && uri == LinkTarget(url)?.value, "\(url.debugDescription): /URI is \(action["/URI"] ?? "missing")")
            guard let uri else { continue }
            // Independently of LinkTarget: nothing a PDF string, cairo or XML reads, and nothing lost.
            let unsafe = uri.unicodeScalars.filter { !$0.isASCII || $0.value <= 0x20 || $0.value == 0x7F || "()\\'\"<>{}|^`".unicodeScalars.contains($0) }
            #expect(unsafe.isEmpty, "\(url.debugDescription): /URI \(uri) holds \(unsafe.map { String($0).debugDescription })")
            if Percent.escapes(in: url) == 0 {
                #expect(Percent.decode(uri) == Array(url.utf8), "\(url.debugDescription): /URI \(uri) does not decode to the URL")
            }
        }
    }

    /// A URL set on several lines is one annotation with a rectangle per line
    /// (so "one annotation per URL" holds above), and two links side by side
    /// to the same place stay two.
    @Test func oneAnnotationPerLink() throws {
        let long = "https://e.org/" + (1...40).map { "segment\($0)" }.joined(separator: "/")
        let twice = "https://e.org/same"
        let article = Article(metadata: Metadata(title: "Long link"), blocks: [.paragraph([
            .text("A long one: "), .link(Link(url: long, content: [.text(long)], isAutolink: true)),
            .text(" and twice: "), .link(Link(url: twice, content: [.text("one")])), .text(" "),
            .link(Link(url: twice, content: [.text("two")])), .text("."),
        ])])
        let tmp = try TemporaryDirectory()
        let pdf = try QPDFObjects(pdf: try tmp.write("long.pdf", try Self.pdf(article)))
        let uris = pdf.pageLinkAnnotations.map { QPDFObjects.text(pdf.dictionary($0.annotation["/A"])?["/URI"]) }
        #expect(uris == [long, twice, twice])
        let quads = (pdf.pageLinkAnnotations.first?.annotation["/QuadPoints"] as? [Any])?.count ?? 0
        #expect(quads >= 3 * 8, "the long URL has \(quads / 8) rectangles; it should run over 3 lines or more")
    }

    @Test func refusedSchemesAreText() throws {
        let refused = ["javascript:app.alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                       "\u{1}javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>alert(1)</script>",
                       "vbscript:msgbox(1)", "//e.org/x"]
        var inlines: [Inline] = [.text("Kept: "), .link(Link(url: "https://e.org/ok", content: [.text("allowedlink")])), .text(".")]
        for (n, url) in refused.enumerated() {
            inlines += [.text(" Word\(n) "), .link(Link(url: url, content: [.text("refused\(n)")]))]
        }
        let article = Article(metadata: Metadata(title: "Refused links"), blocks: [.paragraph(inlines)])
        let texts = ["allowedlink"] + refused.indices.map { "refused\($0)" }

        let tmp = try TemporaryDirectory()
        let path = try tmp.write("refused.pdf", try Self.pdf(article))
        let pdf = try QPDFObjects(pdf: path)
        let uris = pdf.allLinkAnnotations.compactMap { QPDFObjects.text(pdf.dictionary($0["/A"])?["/URI"]) }
        #expect(pdf.allLinkAnnotations.count == 1 && uris == ["https://e.org/ok"], "\(pdf.allLinkAnnotations)")
        #expect(Self.forbidden.intersection(pdf.allNames).isEmpty)
        let words = Words.of(String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self))
        for text in texts { #expect(words.contains(text), "\(text) is missing from the PDF") }

        let xhtml = EPUBExporter().parts(of: article, modified: UTCTime(secondsSinceEpoch: 0)).xhtml
        #expect(xhtml.components(separatedBy: "<a ").count - 1 == 1, "\(xhtml)")
        #expect(xhtml.contains("<a href=\"https://e.org/ok\">allowedlink</a>"))
        let xhtmlWords = Words.of(Words.text(ofXHTML: xhtml))
        for text in texts { #expect(xhtmlWords.contains(text), "\(text) is missing from the XHTML") }
    }

    /// Heading and footnote ids become destination names, which cairo writes
    /// into the /Names tree unescaped: they reach it in a safe alphabet, and
    /// links and the outline still find them.
    @Test func destinationNamesAreSafeAndResolve() throws {
        let headingID = "x) /S /JavaScript /JS (app.alert(1)) /Y (\\"
        let noteID = "n)>>/S/Launch/F(calc)<<(ü"
        let article = Article(
            metadata: Metadata(title: "Destinations"),
            blocks: [
                .paragraph([.text("Jump to "), .link(Link(url: "#" + headingID, content: [.text("the heading")])),
                            .text(" or the note"), .footnoteReference(noteID), .text(".")]),
                .heading(Heading(level: 2, content: [.text("A heading")], id: headingID)),
                .paragraph([.text("Text under it.")]),
            ],
            footnotes: [Footnote(id: noteID, blocks: [.paragraph([.text("The note.")])])])
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("dests.pdf", try Self.pdf(article))
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0 && !check.stderr.contains("WARNING"), "\(String(decoding: check.stdout, as: UTF8.self)) \(check.stderr)")
        let pdf = try QPDFObjects(pdf: path)
        #expect(pdf.warnings.isEmpty, "qpdf: \(pdf.warnings)")
        #expect(Self.forbidden.intersection(pdf.allNames).isEmpty, "\(Self.forbidden.intersection(pdf.allNames))")

        let names = pdf.destinationNames.compactMap(QPDFObjects.text)
        #expect(Set(names) == Set(["title", DestinationName.of(headingID), DestinationName.of("note-" + noteID),
                                 DestinationName.of("ref-" + noteID)]), "\(names)")
        for name in names {
            #expect(name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.%".unicodeScalars.contains($0)) },
                    "unsafe destination name \(name)")
        }
        // The internal links (to the heading, to the note, from the note back) resolve
        // to a page, and so does every outline entry (the title, the heading).
        let links = pdf.pageLinkAnnotations
        #expect(links.count == 3 && links.allSatisfy { $0.annotation["/A"] == nil })
        for (_, link) in links {
            #expect(pdf.pageOf(destination: link["/Dest"]) != nil, "link /Dest \(link["/Dest"] ?? "missing") leads nowhere")
        }
        let outlines = pdf.objects.values.compactMap { $0 as? [String: Any] }.filter { $0["/Title"] != nil && $0["/Parent"] != nil }
        #expect(outlines.count == 2)
        for entry in outlines {
            #expect(pdf.pageOf(destination: entry["/Dest"]) != nil, "outline /Dest \(entry["/Dest"] ?? "missing") leads nowhere")
        }
    }

    @Test func destinationNameAlphabet() {
        #expect(DestinationName.of("sec-why_it.matters") == "sec-why_it.matters")
        #expect(DestinationName.of("a) (b\\ '%41") == "a%29%20%28b%5C%20%27%2541")
        #expect(DestinationName.of("été") == "%C3%A9t%C3%A9")
        // % is encoded too, so different ids never share a name.
        #expect(DestinationName.of("%41") != DestinationName.of("A"))
    }

    static func links(in blocks: [Block]) -> [Link] {
        func inline(_ i: Inline) -> [Link] {
            switch i {
            case .link(let l): return [l] + l.content.flatMap(inline)
            case .emphasis(let c), .strong(let c), .strikethrough(let c): return c.flatMap(inline)
            default: return []
            }
        }
        return blocks.flatMap { b -> [Link] in
            switch b {
            case .paragraph(let c): return c.flatMap(inline)
            case .heading(let h): return h.content.flatMap(inline)
            case .blockQuote(let bs): return links(in: bs)
            case .list(let l): return l.items.map(\.blocks).flatMap(links(in:))
            default: return []
            }
        }
    }
}
