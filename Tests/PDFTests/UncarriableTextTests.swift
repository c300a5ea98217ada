@testable import ArtExportCore
@testable import ArtExportPDF
@testable import ArtExportEPUB
import TestSupport
import Testing

/// An Article a program builds itself skips the reader's clean-up: a NUL made
/// Pango abort the process, a noncharacter made cairo fail the export (exit 70).
@Suite struct UncarriableTextTests {
    init() { TestCache.isolate() }

    func article(_ text: String) -> Article {
        Article(metadata: Metadata(title: "T\(text)itle", authors: ["A\(text)n"]),
                blocks: [.heading(Heading(level: 2, content: [.text("Head\(text)ing")], id: "h")),
                         .paragraph([.text("Some\(text) words, then "), .link(Link(url: "https://e.org/\(text)", content: [.text("a link\(text)")]))])])
    }

    @Test(arguments: [0, 0xFDD0, 0xFFFE, 0x10FFFF, 0x1B, 0x85] as [UInt32])
    func bothFormatsExportWithoutTheCharacter(_ code: UInt32) throws {
        let a = article(String(Unicode.Scalar(code)!))
        let pdf = try PDFExporter().export(a, modified: UTCTime(secondsSinceEpoch: 0))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("u.pdf", pdf)
        let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
        for word in ["Title", "Heading", "Some", "words", "link"] { #expect(text.contains(word), "\(word) in \(text)") }
        let epub = try EPUBExporter().export(a, modified: UTCTime(secondsSinceEpoch: 0))
        let report = try EPUBCheck.check(epub, name: "uncarriable")
        #expect(report.errors == 0 && report.warnings == 0 && report.fatals == 0, "\(report.messages)")
    }
}
