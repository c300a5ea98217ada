@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// A whole issue as one PDF: cover, contents whose numbers are the articles'
/// first pages and link to them, articles numbered on, an outline of sections →
/// articles → headings, destinations and structure never shared between articles,
/// and every article's words on its own pages.
@Suite struct IssueTypesetterTests {
    static let modified = UTCTime(secondsSinceEpoch: 1_750_000_000)

    static func sample() throws -> ArtExportCore.Issue {
        try IssueFile(path: LocalPath(Repo.path("samples/issue.yaml"))).read().0
    }

    /// The page holding each named destination.
    static func destinations(_ document: TypesetDocument) -> [String: [Int]] {
        var found: [String: [Int]] = [:]
        for (p, page) in document.pages.enumerated() {
            for case .destination(let name, _) in page.items { found[name, default: []].append(p) }
        }
        return found
    }

    /// The text of the glyph runs of a page, by element kind.
    static func text(_ page: Page, artifacts: Bool) -> String {
        page.items.compactMap { item -> String? in
            guard case .glyphs(let run, let e) = item, (e.kind == .artifact) == artifacts else { return nil }
            return run.text
        }.joined(separator: " ")
    }

    @Test func theContentsGiveEachArticlesFirstPageAndLinkToIt() throws {
        let issue = try Self.sample()
        let document = try PDFExporter().typeset(issue)
        #expect(document.pages.map(\.label) == (1...document.pages.count).map(String.init))
        let destinations = Self.destinations(document)
        #expect(destinations.values.allSatisfy { $0.count == 1 }, "a destination is set twice: \(destinations.filter { $0.value.count > 1 })")
        let contents = try #require(destinations["contents"]?.first)
        #expect(contents == 1)
        let contentsText = Self.text(document.pages[contents], artifacts: false)
        var starts: [Int] = []
        for (n, article) in issue.articles.enumerated() {
            let page = try #require(destinations["a\(n + 1)-title"]?.first, "no title destination for article \(n + 1)")
            starts.append(page)
            let label = document.pages[page].label
            #expect(contentsText.contains(article.metadata.title) && contentsText.contains(label), "\(article.metadata.title) on page \(label)")
            // The article's first page has its title; the next its running head.
            #expect(Self.text(document.pages[page], artifacts: false).contains(article.metadata.title.prefix(12)))
        }
        #expect(starts == starts.sorted() && starts[0] == 2 + (contents == 1 ? 0 : 1))
        // The contents' links: each article's title and its number, to its destination.
        let links = document.pages[contents].items.compactMap { item -> String? in
            if case .link(_, let target) = item, target.kind == .fragment { return target.value }
            return nil
        }
        #expect(links.count == 2 * issue.articles.count && Set(links) == Set((1...issue.articles.count).map { "a\($0)-title" }))
        // Every fragment link of the whole document leads to a destination.
        for page in document.pages {
            for case .link(_, let target) in page.items where target.kind == .fragment {
                #expect(destinations[target.value] != nil, "a link to #\(target.value) leads nowhere")
            }
        }
        // On every article page but its first, the running head names that article.
        let second = starts[1] + 1
        #expect(Self.text(document.pages[second], artifacts: true).contains("UNDER KESTRELFORD") || Self.text(document.pages[second], artifacts: true).contains("Under Kestrelford"))
    }

    @Test func theOutlineNestsArticlesInSections() throws {
        let document = try PDFExporter().typeset(try Self.sample())
        let top = document.outline.filter { $0.level == 1 }.map(\.title)
        #expect(top == ["Contents", "Features", "From Abroad", "Columns"])
        let features = try #require(document.outline.firstIndex { $0.title == "Features" })
        #expect(document.outline[features + 1].title == "A Year at the Harbour Desk" && document.outline[features + 1].level == 2)
        #expect(document.outline[features + 2].title == "The week of a small newsroom" && document.outline[features + 2].level == 3)
        #expect(document.outline.allSatisfy { Self.destinations(document)[$0.destination] != nil })
    }

    /// Structure elements are numbered across the issue: no element holds lines of two articles.
    @Test func noElementSpansTwoArticles() throws {
        let issue = try Self.sample()
        let document = try PDFExporter().typeset(issue)
        let destinations = Self.destinations(document)
        let starts = (1...issue.articles.count).map { destinations["a\($0)-title"]![0] }
        func article(ofPage p: Int) -> Int { starts.lastIndex { $0 <= p } ?? -1 }
        var owner: [Int: Int] = [:]
        for (p, page) in document.pages.enumerated() {
            for item in page.items {
                guard case .glyphs(_, let e) = item, e.kind != .artifact else { continue }
                for id in [e.id] + e.ancestors.map(\.id) {
                    let a = article(ofPage: p)
                    #expect(owner[id, default: a] == a, "element \(id) is in articles \(owner[id]!) and \(a)")
                    owner[id] = a
                }
            }
        }
        #expect(owner.count > 500)
    }

    /// pdftotext's words of a PDF's pages, each page's running head and folio left out.
    static func words(_ path: String, from first: Int? = nil, to last: Int? = nil) throws -> [String] {
        let range = first.map { ["-f", String($0), "-l", String(last!)] } ?? []
        let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8"] + range + [path, "-"]).stdout, as: UTF8.self)
        return text.split(separator: "\u{0C}").enumerated().flatMap { k, page -> [String] in
            var lines = page.split(separator: "\n").map(String.init)
            if k > 0, lines.count >= 2 { lines.removeFirst(); lines.removeLast() }
            return lines.flatMap { Words.of($0) }
        }
    }

    /// The PDF itself: valid, fonts embedded, and each article's pages holding the
    /// very words, in the very order, of the article exported alone (whose words the
    /// word-boundary tests check against its source).
    @Test func thePDFHoldsEveryArticle() throws {
        let issue = try Self.sample()
        var warnings: [Diagnostic] = []
        let pdf = try PDFExporter().export(issue, modified: Self.modified, warnings: &warnings)
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("issue.pdf", pdf)
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0, "\(String(decoding: check.stdout, as: UTF8.self))")
        let fonts = String(decoding: try Tool.run("pdffonts", [path]).stdout, as: UTF8.self)
        #expect(fonts.split(separator: "\n").dropFirst(2).allSatisfy { $0.contains(" yes yes ") }, "every font subset and embedded:\n\(fonts)")
        let document = try PDFExporter().typeset(issue)
        let destinations = Self.destinations(document)
        let starts = (1...issue.articles.count).map { destinations["a\($0)-title"]![0] + 1 } + [document.pages.count + 1]
        var theme = Theme.standard
        theme.titleBlock.order.removeAll { $0 == .masthead }
        for (n, article) in issue.articles.enumerated() {
            let alone = try tmp.write("article-\(n).pdf", try PDFExporter(theme: theme).export(article, modified: Self.modified))
            let expected = try Self.words(alone)
            let found = try Self.words(path, from: starts[n], to: starts[n + 1] - 1)
            #expect(found == expected && expected.count > 100,
                    "\(article.metadata.title): \(found.count) words on its pages, \(expected.count) alone; first difference at \(zip(found, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(found.count, expected.count))")
        }
        // Same input, same bytes.
        #expect(try PDFExporter().export(issue, modified: Self.modified, warnings: &warnings) == pdf)
    }

    @Test func aCoverImageFillsTheFirstPage() throws {
        var issue = try Self.sample()
        let bytes = Repo.read("samples/images/lighthouse.jpg")
        let size = try #require(ImageHeader.size(of: bytes, type: .jpeg))
        issue.metadata.cover = Image(source: "lighthouse.jpg", alt: "", resource: ImageResource(bytes: bytes, mediaType: .jpeg, width: size.width, height: size.height))
        let document = try PDFExporter().typeset(issue)
        let images = document.pages[0].items.compactMap { item -> Rect? in
            if case .image(_, let rect, _, _) = item { return rect }
            return nil
        }
        let rect = try #require(images.first)
        #expect(images.count == 1)
        let page = document.pages[0]
        // Touching two opposite edges, centred, in proportion.
        #expect(abs(rect.width - page.width) < 0.01 || abs(rect.height - page.height) < 0.01)
        #expect(abs(rect.x + rect.width / 2 - page.width / 2) < 0.01 && abs(rect.y + rect.height / 2 - page.height / 2) < 0.01)
        #expect(Self.text(page, artifacts: true).isEmpty, "no running head or folio on the cover")
    }
}
