import ArtExportCore
import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// Images that carry their bytes (`Image.resource`) are packaged: a file under
/// `EPUB/images/`, a manifest item with its media type, `<img>` pointing at it.
@Suite struct PackagedImageTests {
    static let png = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
    static let svg = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><rect width="10" height="10" fill="red"/></svg>

        """.utf8)

    static var article: Article {
        let dot = Image(source: "dot.png", alt: "A red dot", resource: ImageResource(bytes: png, mediaType: .png, width: 1, height: 1))
        let square = Image(source: "pics/square.svg", alt: "A red square", resource: ImageResource(bytes: svg, mediaType: .svg, width: 10, height: 10))
        return Article(metadata: Metadata(title: "Pictures", authors: ["Ann Author"]), blocks: [
            .paragraph([.text("A dot and a square.")]),
            .figure(Figure(image: dot, caption: [.text("The dot")])),
            .paragraph([.text("Inline: "), .image(square), .text(", and the dot again: "), .image(dot)]),
        ])
    }

    @Test func packagedImagesAreInTheManifestAndPassEPUBCheck() throws {
        let epub = try EPUBExporter().export(Self.article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
        let entries = try EPUBExporter.entries(of: epub)
        #expect(entries.first { $0.name == "EPUB/images/image-1.png" }?.bytes == Self.png)
        #expect(entries.first { $0.name == "EPUB/images/image-2.svg" }?.bytes == Self.svg)
        #expect(entries.filter { $0.name.hasPrefix("EPUB/images/") }.count == 2, "one file per source")
        let opf = String(decoding: entries.first { $0.name == "EPUB/content.opf" }!.bytes, as: UTF8.self)
        // An SVG shown through <img> takes no `svg` property.
        #expect(opf.contains("<item id=\"image-1\" href=\"images/image-1.png\" media-type=\"image/png\"/>"))
        #expect(opf.contains("<item id=\"image-2\" href=\"images/image-2.svg\" media-type=\"image/svg+xml\"/>"))
        #expect(opf.contains("<meta property=\"schema:accessMode\">visual</meta>"))
        let xhtml = String(decoding: entries.first { $0.name == "EPUB/text/article.xhtml" }!.bytes, as: UTF8.self)
        #expect(xhtml.contains("<figure>\n        <img src=\"../images/image-1.png\" alt=\"A red dot\"/>\n        <figcaption>The dot</figcaption>"), "\(xhtml)")
        #expect(xhtml.contains("<img src=\"../images/image-2.svg\" alt=\"A red square\"/>"))
        let report = try EPUBCheck.check(epub, name: "images")
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0, "\(report.messages.joined(separator: "\n"))")
    }

    @Test func anImageWithoutItsBytesIsRefused() {
        let article = Article(metadata: Metadata(title: "Pictures"), blocks: [.paragraph([.image(Image(source: "cat.png", alt: "A cat"))])])
        #expect(throws: ExportError.self) { try EPUBExporter().export(article, modified: UTCTime(secondsSinceEpoch: 0)) }
    }
}
