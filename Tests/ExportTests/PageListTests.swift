import ArtExportCore
import ArtExportEPUB
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// When a run makes both editions, the EPUB marks where each PDF page begins and
/// lists the pages: every page of the PDF has its entry, every entry leads to its
/// marker, and the text after each marker is the text the PDF page starts with.
@Suite struct PageListTests {
    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

    /// The words of a typeset line: its runs, in the order drawn.
    static func words(of line: TypesetLine, on page: Page) -> [String] {
        page.items.compactMap { item -> String? in
            guard case .glyphs(let run, let e) = item, e.id == line.element.id, abs(run.origin.y - line.origin.y) < 0.01 else { return nil }
            return run.text
        }.flatMap { Words.of($0) }
    }

    /// The words after the marker with `id` in `xhtml`, to the end of the document.
    static func words(after id: String, in xhtml: String) -> [String]? {
        guard let marker = xhtml.range(of: "<span id=\"\(id)\"") else { return nil }
        var rest = String(xhtml[marker.lowerBound...])
        // A note's number is no word of the text.
        while let start = rest.range(of: "<sup><a epub:type=\"noteref\""), let end = rest[start.upperBound...].range(of: "</sup>") {
            rest.replaceSubrange(start.lowerBound..<end.upperBound, with: "")
        }
        return Words.of(Words.text(ofXHTML: "<body>" + rest))
    }

    /// Checks an EPUB against the typeset PDF it was made with; `documents` maps a page-list href's file to its XHTML.
    static func check(_ name: String, pdf document: TypesetDocument, epub: [UInt8], titles: [[String]]) throws {
        let entries = try EPUBExporter.entries(of: epub)
        func file(_ path: String) -> String? { entries.first { $0.name == "EPUB/" + path }.map { String(decoding: $0.bytes, as: UTF8.self) } }
        let nav = try #require(file("nav.xhtml"))
        let list = try #require(nav.range(of: "<nav epub:type=\"page-list\"").map { String(nav[$0.lowerBound...]) })
        let links = list.matches(of: /<li><a href="([^"#]+)#([^"]+)">([^<]+)<\/a><\/li>/).map { (String($0.output.1), String($0.output.2), String($0.output.3)) }
        #expect(links.map(\.2) == document.pages.map(\.label), "\(name): one entry per PDF page, by its label")
        var compared = 0
        #expect(document.pageMap.pages.count == document.pages.count, "\(name): every page in the page map")
        for (p, page) in document.pages.enumerated() where p < links.count && p < document.pageMap.pages.count {
            let (path, id, _) = links[p]
            let xhtml = try #require(file(path), "\(name): page \(page.label) leads to \(path), which the EPUB does not hold")
            let after = try #require(Self.words(after: id, in: xhtml), "\(name): no marker \(id) in \(path)")
            // A contents page: its marker where the EPUB's contents reach the entry the PDF page starts
            // with (the first page's above the heading, a later one's in its entry's link).
            if case .contents(let entry) = document.pageMap.pages[p].start {
                let head = try #require(page.lines.lazy.map { Self.words(of: $0, on: page) }.first { !$0.isEmpty }, "\(name): contents page \(page.label) has no text")
                // The article's page number at the line's end is no word of its entry.
                let expected = Array(head.filter { !$0.allSatisfy(\.isNumber) }.prefix(5))
                #expect(!expected.isEmpty && Array(after.prefix(expected.count)) == expected,
                        "\(name) contents page \(page.label): the PDF starts \(expected), the EPUB after its marker \(Array(after.prefix(8)))")
                let atTop = xhtml.contains("<span id=\"\(id)\"") && xhtml.range(of: "<span id=\"\(id)\"").map { xhtml[$0.upperBound...].contains("<nav epub:type=\"toc\"") } == true
                let inLink = xhtml.contains(try Regex("<li>\\s*<a href=\"[^\"]+\"[^>]*>(<span [^>]*></span>)*<span id=\"\(id)\""))
                #expect(entry == nil ? atTop : inLink, "\(name) contents page \(page.label) (entry \(String(describing: entry))): marker placed wrongly")
                compared += 1
                continue
            }
            // Pages that start at a title block (an article's first, the cover): checked below.
            guard case .text = document.pageMap.pages[p].start, let k = page.startLine else {
                if case .title(let a) = document.pageMap.pages[p].start {
                    let title = a < titles.count ? titles[a] : []
                    // A masthead may come first, as on the PDF's page.
                    let head = Array(after.prefix(title.count + 12))
                    let found = (0...max(0, head.count - title.count)).contains { Array(head.dropFirst($0).prefix(title.count)) == title }
                    #expect(found && !title.isEmpty, "\(name) page \(page.label): the title \(title), the EPUB \(head)")
                }
                compared += 1
                continue
            }
            let expected = Self.words(of: page.lines[k], on: page).prefix(6)
            let found = after.prefix(expected.count)
            if expected.contains(where: { $0.unicodeScalars.contains { ScriptDetector.script(of: $0) == .hebrew || ScriptDetector.script(of: $0) == .arabic } }) {
                #expect(Set(found) == Set(expected), "\(name) page \(page.label): the PDF starts \(Array(expected)), the EPUB after its marker \(Array(found))")
            } else {
                #expect(Array(found) == Array(expected), "\(name) page \(page.label): the PDF starts \(Array(expected)), the EPUB after its marker \(Array(found))")
            }
            compared += 1
        }
        #expect(compared == document.pageMap.pages.count, "\(name): \(compared) of \(document.pageMap.pages.count) pages compared")
    }

    @Test(arguments: Repo.allInputs + ["samples/long-form.txt@newsletter", "samples/field-report.md@book"])
    func markersStartWhereThePagesStart(_ input: String) throws {
        let parts = input.split(separator: "@").map(String.init)
        let theme = parts.count > 1 ? try ThemeLoader.load(parts[1]) : Theme.standard
        let (article, _) = try Repo.article(parts[0])
        let document = try PDFExporter(theme: theme).typeset(article)
        let epub = try EPUBExporter(theme: theme).export(article, modified: Self.modified, pageMap: document.pageMap)
        try Self.check(input, pdf: document, epub: epub, titles: [Words.of(article.metadata.title)])
    }

    @Test func theSampleIssue() throws {
        let (issue, _) = try IssueFile(path: LocalPath(Repo.path("samples/issue.yaml"))).read()
        let document = try PDFExporter().typeset(issue)
        let epub = try EPUBExporter().export(issue, modified: Self.modified, pageMap: document.pageMap)
        try Self.check("issue", pdf: document, epub: epub, titles: issue.articles.map { Words.of($0.metadata.title) })
        let report = try EPUBCheck.check(epub, name: "issue-pages")
        #expect(report.errors == 0 && report.warnings == 0 && report.fatals == 0, "\(report.messages.joined(separator: "\n"))")
        let opf = String(decoding: try EPUBExporter.entries(of: epub).first { $0.name == "EPUB/content.opf" }!.bytes, as: UTF8.self)
        #expect(opf.contains("<meta property=\"pageBreakSource\">Summer on the Coast (PDF)</meta>") && opf.contains(">pageBreakMarkers<"))
    }

    /// Contents of several pages: each later page's marker sits at the entry (a section's
    /// title or an article's) that the PDF page starts with, and the EPUB stays valid.
    @Test func contentsOfSeveralPagesMarkEachPageAtItsEntry() throws {
        let words = ["harbour", "ledger", "tide", "breakwater", "ferry", "lighthouse", "quay", "dredging", "moorings", "pilot"]
        var n = 0
        func article() -> Article {
            n += 1
            // Titles of one to about twenty words, so some entries take two lines; no digits, no page number lookalikes.
            let title = (0..<(1 + (n * 7) % 20)).map { words[($0 + n) % words.count] }.joined(separator: " ").capitalized
            return Article(metadata: Metadata(title: title, authors: n % 3 == 0 ? [] : ["Author \(words[n % words.count].capitalized)"]),
                           blocks: [.paragraph([.text("The \(words[n % words.count]) report, short.")])])
        }
        let sections = (0..<4).map { s in IssueSection(title: s == 2 ? nil : "Section \(words[s].capitalized)", articles: (0..<14).map { _ in article() }) }
        let issue = Issue(metadata: IssueMetadata(newsletter: "The Long Letter", number: 7), sections: sections)
        let document = try PDFExporter().typeset(issue)
        let contents = document.pageMap.pages.compactMap { page -> Int?? in
            if case .contents(let entry) = page.start { return .some(entry) }
            return nil
        }
        #expect(contents.count >= 3 && contents.first == .some(nil) && contents.dropFirst().allSatisfy { $0 != nil },
                "the contents run to several pages, the first from its heading: \(contents)")
        let epub = try EPUBExporter().export(issue, modified: Self.modified, pageMap: document.pageMap)
        try Self.check("long contents", pdf: document, epub: epub, titles: issue.articles.map { Words.of($0.metadata.title) })
        let report = try EPUBCheck.check(epub, name: "long-contents")
        #expect(report.errors == 0 && report.warnings == 0 && report.fatals == 0, "\(report.messages.joined(separator: "\n"))")
    }

    @Test func anArticlesEPUBWithItsPageListIsValid() throws {
        for input in ["samples/long-form.txt", "samples/field-report.md", "samples/world.txt"] {
            let (article, _) = try Repo.article(input)
            let document = try PDFExporter().typeset(article)
            let epub = try EPUBExporter().export(article, modified: Self.modified, pageMap: document.pageMap)
            let report = try EPUBCheck.check(epub, name: "pages")
            #expect(report.errors == 0 && report.warnings == 0 && report.fatals == 0, "\(input): \(report.messages.joined(separator: "\n"))")
        }
    }

    /// An EPUB made alone has no page markers, no page list and no page metadata.
    @Test func anEPUBAloneHasNoPageList() throws {
        let (article, _) = try Repo.article("samples/long-form.txt")
        let parts = EPUBExporter().parts(of: article, modified: Self.modified)
        #expect(!parts.nav.contains("page-list") && !parts.xhtml.contains("pagebreak") && !parts.opf.contains("pageBreak"))
    }
}
