import ArtExportCore
@testable import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// A whole issue as one EPUB: valid, a periodical issue's metadata, one spine
/// document per article, navigation of sections → articles → headings, ids that
/// never collide, and every article's words in its own document.
@Suite struct IssueEPUBTests {
    static let modified = UTCTime(secondsSinceEpoch: 1_750_000_000)

    static func sample() throws -> ArtExportCore.Issue {
        try IssueFile(path: LocalPath(Repo.path("samples/issue.yaml"))).read().0
    }

    /// Two articles with the same headings, notes and images, under a cover image.
    static func colliding() throws -> ArtExportCore.Issue {
        let tmp = try TemporaryDirectory()
        let article = """
            ---
            title: Same Shape %d
            authors: [Author %d]
            lang: %@
            ---

            Opening.[^n]

            ## Background

            ![A harbour.](harbour.jpg)

            More, see [the background](#background).

            [^n]: A note.

            """
        _ = try tmp.write("harbour.jpg", Repo.read("samples/images/harbour.jpg"))
        _ = try tmp.write("cover.png", Repo.read("samples/images/subscribers.png"))
        _ = try tmp.write("one.md", Array(String(format: article, 1, 1, "en").utf8))
        _ = try tmp.write("two.md", Array(String(format: article, 2, 2, "de").utf8))
        let yaml = "newsletter: Twins\nnumber: 3\ncover: cover.png\narticles: [one.md, two.md]\n"
        return try IssueFile(Array(yaml.utf8), file: "twins.yaml", folder: LocalPath(tmp.path)).read().0
    }

    @Test func theSampleIssueAndACollidingOneAreValid() throws {
        for (name, issue, theme) in [("issue", try Self.sample(), Theme.standard), ("twins", try Self.colliding(), Theme.standard),
                                     ("issue-book", try Self.sample(), try ThemeLoader.load("book"))] {
            let epub = try EPUBExporter(theme: theme).export(issue, modified: Self.modified)
            let report = try EPUBCheck.check(epub, name: name)
            #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0, "\(name): \(report.messages.joined(separator: "\n"))")
        }
    }

    func entry(_ epub: [UInt8], _ name: String) throws -> String {
        let entries = try EPUBExporter.entries(of: epub)
        return String(decoding: try #require(entries.first { $0.name == name }).bytes, as: UTF8.self)
    }

    @Test func aPeriodicalIssuesMetadata() throws {
        let epub = try EPUBExporter().export(try Self.sample(), modified: Self.modified)
        let opf = try entry(epub, "EPUB/content.opf")
        #expect(opf.contains("<dc:title id=\"title\">Summer on the Coast</dc:title>"))
        #expect(opf.contains("<meta property=\"belongs-to-collection\" id=\"series\">The Harbour Letter</meta>"))
        #expect(opf.contains("<meta refines=\"#series\" property=\"collection-type\">series</meta>"))
        #expect(opf.contains("<meta refines=\"#series\" property=\"group-position\">42</meta>"))
        #expect(opf.contains("<meta refines=\"#series\" property=\"dcterms:identifier\">urn:issn:2049-3630</meta>"))
        #expect(opf.contains("<dc:publisher>The Harbour Letter</dc:publisher>") && opf.contains("<dc:date>2025-06-27</dc:date>"))
        for language in ["en", "fr", "de"] { #expect(opf.contains("<dc:language>\(language)</dc:language>")) }
        for author in ["Marta Sousa", "Élodie Marchand", "Katharina Weißenfels"] { #expect(opf.contains(">\(author)</dc:creator>")) }
        #expect(opf.contains("properties=\"cover-image\""))
        // Cover, contents, then one document per article.
        let spine = try SpineDocuments.of(epub).map(\.name)
        #expect(spine == ["EPUB/text/cover.xhtml", "EPUB/nav.xhtml"] + (1...7).map { "EPUB/text/article-\($0).xhtml" })
        // The same issue twice: the same identifier; another number: another.
        var other = try Self.sample()
        #expect(IssuePublication.identifier(for: other.metadata, articles: other.articles) == IssuePublication.identifier(for: try Self.sample().metadata, articles: other.articles))
        other.metadata.number = 43
        #expect(IssuePublication.identifier(for: other.metadata, articles: other.articles) != IssuePublication.identifier(for: try Self.sample().metadata, articles: other.articles))
    }

    @Test func theComposedCoverNamesTheIssue() throws {
        let epub = try EPUBExporter().export(try Self.sample(), modified: Self.modified)
        let svg = try entry(epub, "EPUB/images/cover.svg")
        for text in ["The Harbour Letter", "Issue 42", "June 27, 2025", "Summer on the Coast", "A Year at the Harbour Desk", "Élodie Marchand"] {
            #expect(svg.contains(text), "the cover lacks \(text)")
        }
        #expect(!svg.contains("<script") && !svg.lowercased().contains("onload"))
        let page = try entry(epub, "EPUB/text/cover.xhtml")
        #expect(page.contains("epub:type=\"cover\"") && page.contains("alt=\"Cover: The Harbour Letter, Issue 42, Summer on the Coast, June 27, 2025\""))
    }

    /// Every nav link leads to a document of the package and an id in it.
    @Test func theNavigationListsSectionsArticlesAndHeadings() throws {
        let epub = try EPUBExporter().export(try Self.sample(), modified: Self.modified)
        let nav = try entry(epub, "EPUB/nav.xhtml")
        let toc = String(nav[nav.range(of: "<nav epub:type=\"toc\"")!.lowerBound..<nav.range(of: "</nav>")!.upperBound])
        let features = try #require(toc.range(of: ">Features</a>"))
        let first = try #require(toc.range(of: "A Year at the Harbour Desk – Marta Sousa and Tomás Rey</a>"))
        let heading = try #require(toc.range(of: ">The week of a small newsroom</a>"))
        let abroad = try #require(toc.range(of: ">From Abroad</a>"))
        #expect(features.upperBound < first.lowerBound && first.upperBound < heading.lowerBound && heading.upperBound < abroad.lowerBound)
        // The French article's entry is marked as French.
        #expect(toc.contains("lang=\"fr\" xml:lang=\"fr\">Boîtes à livres"))
        var checked = 0
        for match in toc.matches(of: /href="([^"#]+)(#([^"]+))?"/) {
            let file = String(match.output.1), id = match.output.3.map(String.init)
            let document = try entry(epub, "EPUB/" + file)
            if let id { #expect(document.contains("id=\"\(id)\""), "\(file)#\(id) leads nowhere") }
            checked += 1
        }
        #expect(checked > 40)
        let ncx = try entry(epub, "EPUB/toc.ncx")
        #expect(ncx.contains("<text>Features</text>") && ncx.contains("<text>The week of a small newsroom</text>"))
    }

    /// Two articles with the same heading, note and image: each keeps its own in its
    /// own document, and image files never share a name.
    @Test func idsNeverCollide() throws {
        let epub = try EPUBExporter().export(try Self.colliding(), modified: Self.modified)
        let names = try EPUBExporter.entries(of: epub).map(\.name)
        #expect(names.contains("EPUB/images/a1-image-1.jpg") && names.contains("EPUB/images/a2-image-1.jpg") && names.contains("EPUB/images/cover.png"))
        for n in 1...2 {
            let doc = try entry(epub, "EPUB/text/article-\(n).xhtml")
            #expect(doc.contains("id=\"background\"") && doc.contains("href=\"#background\"") && doc.contains("src=\"../images/a\(n)-image-1.jpg\""))
            #expect(doc.contains("lang=\"\(n == 1 ? "en" : "de")\""))
        }
        let opf = try entry(epub, "EPUB/content.opf")
        let ids = opf.matches(of: /id="([^"]+)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "duplicate ids in the package document: \(ids)")
    }

    /// Every word of every article, in order, in its own spine document.
    @Test func everyArticlesWordsInItsDocument() throws {
        let issue = try Self.sample()
        let epub = try EPUBExporter().export(issue, modified: Self.modified)
        let documents = try SpineDocuments.of(epub).dropFirst(2)
        #expect(documents.count == issue.articles.count)
        for (article, document) in zip(issue.articles, documents) {
            var xhtml = String(document.xhtml[document.xhtml.range(of: "<body")!.lowerBound...])
            while let start = xhtml.range(of: "<sup><a epub:type=\"noteref\""), let end = xhtml[start.upperBound...].range(of: "</sup>") {
                xhtml.replaceSubrange(start.lowerBound..<end.upperBound, with: "")
            }
            let found = Words.of(Words.text(ofXHTML: xhtml))
            let m = article.metadata
            let source = Words.of(m.title) + Words.of(m.description ?? "") + Words.of(blocks: article.blocks) + Words.of(blocks: article.bio)
            let result = Words.inOrder(source, in: found)
            #expect(result.ok && source.count > 50, "\(m.title): word \(result.index) `\(result.missing ?? "")` is missing or out of order")
        }
    }
}
