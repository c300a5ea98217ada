@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// What PDF/UA-1 asks that cairo 1.16 does not write (`AccessibilityUpdate`), judged by
/// the PyPI checker `pdfua` in `.venv/`, all its rules, on every sample and test input
/// and on the sample issue: the document's /Lang, /DisplayDocTitle, XMP metadata
/// claiming PDF/UA-1 that says what the Info dictionary says, page furniture marked
/// as artifacts, figures' /Alt, header cells' scope, links' descriptions.
@Suite struct PDFUATests {
    init() { TestCache.isolate() }

    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

    static var pdfua: String? {
        let path = Repo.path(".venv/bin/pdfua")
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static func check(_ pdf: [UInt8], _ name: String) throws {
        let checker = try #require(pdfua, "pdfua is not in .venv; run `make test`, which installs it")
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", pdf)
        let result = try Subprocess.run(checker, ["check", path])
        let report = String(decoding: result.stdout, as: UTF8.self)
        // Every rule, no finding: a table's part on a continuation page has its header
        // cells too (the repeated header is tagged, UA-15-003).
        let findings = report.split(separator: "\n").filter { $0.contains("[ERROR]") || $0.contains("[WARN") }
        #expect(findings.isEmpty && report.contains("no findings"), "\(name): pdfua check:\n\(report)\(result.stderr)")
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
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/Lang (\(issue.metadata.language.value))"))
        // Each article in another language says so on its elements.
        for language in Set(issue.articles.map(\.metadata.language)) where language != issue.metadata.language {
            #expect(text.contains("   /Lang (\(language.value))\n>>"), "no element with /Lang (\(language.value))")
        }
    }

    /// Figures carry their alternative text, header cells their scope, link annotations
    /// a description: new versions of cairo's objects in the rewritten file.
    @Test func structureEntries() throws {
        let (article, _) = try Repo.article("samples/field-report.md")
        let pdf = try PDFExporter().export(article, modified: Self.modified)
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.components(separatedBy: "/S /Figure\n").count - 1 == 4)
        #expect(text.contains("/Alt \(AccessibilityUpdate.textString("The harbour at dusk, seen from the fish market’s roof."))"))
        #expect(text.contains("/S /TH\n"))
        #expect(text.components(separatedBy: "/S /TH\n").count == text.components(separatedBy: "/Scope /Column").count)
        #expect(text.contains("/Subtype /Link") && text.contains("/Contents <FEFF"))
        #expect(AccessibilityUpdate.textString("Aé😀") == "<FEFF004100E9D83DDE00>")
    }

    /// A note's links are described by the note's number and the way back, whatever
    /// the author named the note (footnotes.md's are words: `[^first]`), in an issue
    /// too, where each article's names get a prefix.
    @Test func noteLinksSayWhichNote() throws {
        let (article, _) = try Repo.article("samples/footnotes.md")
        let english = Localization(language: article.metadata.language)
        let text = String(decoding: try PDFExporter().export(article, modified: Self.modified), as: UTF8.self)
        for n in 1...article.footnotes.count {
            #expect(text.contains("/Contents \(AccessibilityUpdate.textString("\(english.notes) \(n)"))"), "note \(n)")
        }
        #expect(text.components(separatedBy: "/Contents \(AccessibilityUpdate.textString(english.backToText))").count - 1 == article.footnotes.count)
        #expect(!text.contains(AccessibilityUpdate.textString("note-first")) && !text.contains(AccessibilityUpdate.textString("ref-first")))
        let (issue, _) = try IssueFile(path: LocalPath(Repo.path("samples/issue.yaml"))).read()
        var warnings: [Diagnostic] = []
        let issueText = String(decoding: try PDFExporter().export(issue, modified: Self.modified, warnings: &warnings), as: UTF8.self)
        #expect(issueText.contains("/Contents \(AccessibilityUpdate.textString("\(english.notes) 1"))"))
        #expect(!issueText.contains("note-first\")") && !issueText.contains(AccessibilityUpdate.textString("note-first")))
    }

    /// Untagged drawing is wrapped in /Artifact sequences where PDF allows marked
    /// content: not inside a path, not across a text object or a q … Q it began in.
    @Test func furnitureBecomesArtifacts() throws {
        func wrapped(_ s: String) -> String? {
            switch ContentArtifacts.wrap(Array(s.utf8)) {
            case .wrapped(let out)?: return String(decoding: out, as: UTF8.self)
            case .unchanged?: return s
            case nil: return nil
            }
        }
        // Tagged content alone is left as it is.
        let tagged = "q\n/P << /MCID 0 >> BDC\nBT\n/f 1 Tf\n(a)Tj\nET\nEMC\nQ\n"
        #expect(ContentArtifacts.wrap(Array(tagged.utf8)) == .unchanged)
        // A folio after it: its text inside the text object, a rule as a whole path.
        let page = tagged + "BT\n1 0 0 1 5 5 Tm\n/Span << /ActualText <FEFF0041> >> BDC\n(2)Tj\nEMC\n[(x)-5(y)]TJ\nET\n0 0 m 10 0 l S\n"
        #expect(wrapped(page) == tagged + "BT\n1 0 0 1 5 5 Tm\n/Artifact BMC\n/Span << /ActualText <FEFF0041> >> BDC\n(2)Tj\nEMC\n[(x)-5(y)]TJ\nEMC\nET\n/Artifact BMC\n0 0 m 10 0 l S\nEMC\n")
        // Furniture before an element's content ends where the element begins.
        #expect(wrapped("BT\n(h)Tj /P <</MCID 3>> BDC (b)Tj EMC ET") == "BT\n/Artifact BMC\n(h)Tj EMC\n/P <</MCID 3>> BDC (b)Tj EMC ET")
        // Strings with parentheses and operator-like words are skipped whole.
        let strings = "/P <</MCID 0>> BDC BT (a (Tj) \\) ET) Tj ET EMC"
        #expect(ContentArtifacts.wrap(Array(strings.utf8)) == .unchanged)
        // Not content as cairo writes it: refused.
        #expect(ContentArtifacts.wrap(Array("/P <</MCID 0>> BDC (a)Tj".utf8)) == nil)
        #expect(ContentArtifacts.wrap(Array("EMC".utf8)) == nil)
        #expect(ContentArtifacts.wrap(Array("(open Tj".utf8)) == nil)
    }

    /// cairo 1.16 does not resume a paragraph's marked content after a Link tag inside it:
    /// links are tagged after the page's content, and the words after a link stay tagged.
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
        #expect(AccessibilityUpdate.trailer(of: Array("%PDF-1.5\nnothing here\n".utf8)) == nil)
        let (article, _) = try Repo.article("samples/fr-article.txt")
        let pdf = try PDFExporter().export(article, modified: Self.modified)
        // Once rewritten, the catalog is artexport's: a second rewrite refuses the file.
        let trailer = try #require(AccessibilityUpdate.trailer(of: pdf))
        let offsets = try #require(AccessibilityUpdate.offsets(in: pdf, trailer))
        #expect(AccessibilityUpdate.catalogEntries(in: pdf, trailer, offsets: offsets) == nil)
    }

    @Test func literalStringsAreEscaped() {
        #expect(AccessibilityUpdate.pdfString("en-GB") == "(en-GB)")
        #expect(AccessibilityUpdate.pdfString("a(b)\\c\n") == "(a\\(b\\)\\\\c)")
        #expect(AccessibilityUpdate.entry(1234) == "0000001234 00000 n \n" && AccessibilityUpdate.entry(1234).utf8.count == 20)
    }
}
