@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// What PDF/UA-1 asks of the catalog (`CatalogUpdate`), judged by the PyPI checker
/// `pdfua` in `.venv/` on every sample and test input and on the sample issue: the
/// document's /Lang, /DisplayDocTitle, and XMP metadata claiming PDF/UA-1 that says
/// what the Info dictionary says. (Its rule UA-01-003, page furniture marked as
/// artifacts, is not met yet: cairo 1.16 writes no /Artifact sequences.)
@Suite struct PDFUATests {
    init() { TestCache.isolate() }

    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)
    static let rules = "UA-06,UA-07,UA-28"

    static var pdfua: String? {
        let path = Repo.path(".venv/bin/pdfua")
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static func check(_ pdf: [UInt8], _ name: String) throws {
        let checker = try #require(pdfua, "pdfua is not in .venv; run `make test`, which installs it")
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", pdf)
        let result = try Subprocess.run(checker, ["check", "--rules", rules, path])
        let report = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.status == 0 && report.contains("no findings"), "\(name): pdfua check --rules \(rules):\n\(report)\(result.stderr)")
        let qpdf = try Tool.run("qpdf", ["--check", path])
        #expect(qpdf.status == 0, "\(name): qpdf --check: \(String(decoding: qpdf.stdout, as: UTF8.self))")
    }

    @Test(arguments: Repo.allInputs)
    func catalogAndMetadata(_ input: String) throws {
        let (article, _) = try Repo.article(input)
        let pdf = try PDFExporter().export(article, modified: Self.modified)
        try Self.check(pdf, input)
        // The catalog's language is the article's.
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/Lang (\(article.metadata.language.value))"), "\(input): no /Lang (\(article.metadata.language.value))")
        // The XMP packet says what the Info dictionary says.
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", pdf)
        let xmp = String(decoding: try Tool.run("pdfinfo", ["-meta", path]).stdout, as: UTF8.self)
        #expect(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "\(input): no PDF/UA-1 claim")
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">\(XML.text(article.metadata.title))</rdf:li>"), "\(input): XMP title")
        for author in article.metadata.authors { #expect(xmp.contains("<rdf:li>\(XML.text(author))</rdf:li>"), "\(input): XMP author \(author)") }
        #expect(xmp.contains("<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>"), "\(input): XMP date")
        let info = String(decoding: try Tool.run("pdfinfo", [path]).stdout, as: UTF8.self)
        #expect(info.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"), "\(input): Info date")
    }

    @Test func theSampleIssue() throws {
        let (issue, _) = try IssueFile(path: LocalPath(Repo.path("samples/issue.yaml"))).read()
        var warnings: [Diagnostic] = []
        let pdf = try PDFExporter().export(issue, modified: Self.modified, warnings: &warnings)
        try Self.check(pdf, "samples/issue.yaml")
        #expect(String(decoding: pdf, as: UTF8.self).contains("/Lang (\(issue.metadata.language.value))"))
    }

    /// cairo 1.16 does not resume a paragraph's marked content after a Link tag inside it:
    /// links are tagged after the page's content, and the words after a link stay tagged.
    /// (A first page has no running head or folio, which are not yet marked as artifacts.)
    @Test func wordsAfterALinkAreTagged() throws {
        let checker = try #require(Self.pdfua, "pdfua is not in .venv; run `make test`, which installs it")
        let text = "| title |\n|---|\n| Links |\n\nBefore the link, see https://example.org/page for more, and after it "
            + "the paragraph goes on long enough to fill a second and a third line after the annotation, so that "
            + "any words cairo left outside marked content would be counted.\n"
        let (article, _) = try ArtExport.read(Array(text.utf8), file: "links.txt")
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", try PDFExporter().export(article, modified: Self.modified))
        let result = try Subprocess.run(checker, ["check", "--rules", "UA-01", path])
        #expect(result.status == 0, "\(String(decoding: result.stdout, as: UTF8.self))")
    }

    /// The update reads cairo's trailer and catalog; anything else is refused, not patched.
    @Test func aFileThatIsNotCairosIsRefused() throws {
        #expect(CatalogUpdate.trailer(of: Array("%PDF-1.5\nnothing here\n".utf8)) == nil)
        let (article, _) = try Repo.article("samples/fr-article.txt")
        let pdf = try PDFExporter().export(article, modified: Self.modified)
        // Once updated, the last trailer is the update's: a second update refuses the file.
        let trailer = try #require(CatalogUpdate.trailer(of: pdf))
        #expect(CatalogUpdate.catalogEntries(in: pdf, trailer) == nil)
    }

    @Test func literalStringsAreEscaped() {
        #expect(CatalogUpdate.pdfString("en-GB") == "(en-GB)")
        #expect(CatalogUpdate.pdfString("a(b)\\c\n") == "(a\\(b\\)\\\\c)")
        #expect(CatalogUpdate.entry(1234) == "0000001234 00000 n \n" && CatalogUpdate.entry(1234).utf8.count == 20)
    }
}
