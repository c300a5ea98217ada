import ArtExportCore
import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// Link hrefs are LinkTarget's encoding. Written as typed, these URLs gave
/// EPUBCheck 5.3 five errors (RSC-020 for `\`, a stray `%` and `{`; RSC-005
/// for the href attribute); non-ASCII ones are encoded as well.
@Suite struct LinkHrefTests {
    static let urls = [
        "https://e.org/C:\\Users\\ann\\file.txt",
        "https://e.org/back\\",
        "https://bücher.example/café/日本?q=ü😀",
        "https://e.org/a(b)c'd{e}|f^g`h",
        "https://e.org/100%/%zz/%41",
        "mailto:zoë@e.org?subject=Grüße",
    ]

    @Test func hrefsAreEncodedAndValid() throws {
        var text = "| title | author |\n|---|---|\n| Links to check | Ann Author |\n"
        for (n, url) in Self.urls.enumerated() { text += "Link \(n) is \(url) here.\n" }
        let (article, _) = try ArtExport.read(Array(text.utf8), file: "links.txt")
        let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

        let xhtml = EPUBExporter().parts(of: article, modified: modified).xhtml
        for url in Self.urls {
            let encoded = try #require(LinkTarget(url)?.value)
            #expect(encoded != url)
            // The href is the encoding (with & as &amp;), the text the URL as written.
            let href = encoded.replacingOccurrences(of: "&", with: "&amp;")
            let shown = url.replacingOccurrences(of: "&", with: "&amp;")
            #expect(xhtml.contains("<a href=\"\(href)\" class=\"url\">\(shown)</a>"), "\(url): \(xhtml)")
        }

        let report = try EPUBCheck.check(try EPUBExporter().export(article, modified: modified), name: "links")
        #expect(report.version.hasPrefix("5."))
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0,
                "\(report.fatals) fatals, \(report.errors) errors, \(report.warnings) warnings\n\(report.messages.joined(separator: "\n"))")
    }
}
