@testable import ArtExportCore
@testable import ArtExportEPUB
import TestSupport
import Testing

/// The title page is the first spine document and the body the second:
/// FBReader and MuPDF ignore `break-after` and ran one into the other.
@Suite struct TitlePageTests {
    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

    @Test func twoSpineDocumentsInOrder() throws {
        let (article, _) = try ArtExport.read(Repo.read("samples/long-form.txt"), file: "long-form")
        let epub = try EPUBExporter().export(article, modified: Self.modified)
        let documents = try SpineDocuments.of(epub)
        #expect(documents.map(\.name) == ["EPUB/text/titlepage.xhtml", "EPUB/text/article.xhtml"])
        let titlePage = documents[0].xhtml, body = documents[1].xhtml
        #expect(titlePage.contains("<header id=\"titlepage\" class=\"titlepage\" epub:type=\"titlepage\">"))
        #expect(titlePage.contains("<h1 id=\"title\" class=\"title\">"))
        #expect(!titlePage.contains("bodymatter"))
        #expect(!body.contains("titlepage") && !body.contains("<h1"))
        #expect(body.contains("<section id=\"body\" epub:type=\"bodymatter\""))
    }

    @Test func navigationPointsAtBothDocuments() throws {
        let (article, _) = try ArtExport.read(Repo.read("samples/long-form.txt"), file: "long-form")
        let parts = EPUBExporter().parts(of: article, modified: Self.modified)
        #expect(parts.nav.contains("<a epub:type=\"titlepage\" href=\"text/titlepage.xhtml\">"))
        #expect(parts.nav.contains("<a epub:type=\"bodymatter\" href=\"text/article.xhtml#body\">"))
        #expect(parts.nav.contains("<li><a href=\"text/titlepage.xhtml\">\(XML.text(article.metadata.title))</a></li>"))
        let points = parts.ncx.components(separatedBy: "<content src=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(points.first == "text/titlepage.xhtml")
        #expect(points.dropFirst().allSatisfy { $0.hasPrefix("text/article.xhtml#") })
        #expect(parts.opf.contains("<itemref idref=\"titlepage\"/>\n    <itemref idref=\"article\"/>"))
    }

    /// A `#title` link from the body names the title page's file (else EPUBCheck RSC-012).
    @Test func fragmentLinksIntoTheTitlePageNameItsFile() throws {
        let article = Article(metadata: Metadata(title: "Links Home", authors: ["Ann Author"]), blocks: [
            .heading(Heading(level: 2, content: [.text("Part")], id: "part")),
            .paragraph([.text("Back to the "), .link(Link(url: "#title", content: [.text("title")])),
                        .text(", the "), .link(Link(url: "#titlepage", content: [.text("title page")])),
                        .text(" or this "), .link(Link(url: "#part", content: [.text("part")])), .text(".")]),
        ])
        let parts = EPUBExporter().parts(of: article, modified: Self.modified)
        #expect(parts.xhtml.contains("<a href=\"titlepage.xhtml#title\">title</a>"))
        #expect(parts.xhtml.contains("<a href=\"titlepage.xhtml#titlepage\">title page</a>"))
        #expect(parts.xhtml.contains("<a href=\"#part\">part</a>"))
        let report = try EPUBCheck.check(try EPUBExporter().export(article, modified: Self.modified), name: "links-home")
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0, "\(report.messages.joined(separator: "\n"))")
    }
}
