import ArtExportCore
@testable import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// The path an image will take once the model carries its bytes: read its media
/// type from its signature, list it in the manifest, zip it, point `<img>` at it.
@Suite struct PackagedImageTests {
    static let png = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
    static let svg = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- a red square -->
        <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><rect width="10" height="10" fill="red"/></svg>

        """.utf8)

    @Test func mediaTypesFromSignatures() {
        typealias T = PackagedImage.MediaType
        #expect(T(sniffing: Self.png) == .png)
        #expect(T(sniffing: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) == .jpeg)
        #expect(T(sniffing: Array("GIF89a\u{1}\u{0}".utf8)) == .gif)
        #expect(T(sniffing: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(T(sniffing: Self.svg) == .svg)
        #expect(T(sniffing: Array("<!DOCTYPE svg><svg/>".utf8)) == .svg)
        #expect(T(sniffing: Array("<html><svg/></html>".utf8)) == nil)
        #expect(T(sniffing: Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8)) == nil)
        #expect(T(sniffing: []) == nil)
        #expect(PackagedImage(source: "a.png", number: 1, bytes: Array("not an image".utf8)) == nil)
    }

    @Test func packagedImagesAreInTheManifestAndPassEPUBCheck() throws {
        let article = Article(metadata: Metadata(title: "Pictures", authors: ["Ann Author"]), blocks: [
            .paragraph([.text("A dot and a square.")]),
            .figure(Figure(image: Image(source: "dot.png", alt: "A red dot"), caption: [.text("The dot")])),
            .paragraph([.text("And inline: "), .image(Image(source: "https://example.org/square.svg", alt: "A red square"))]),
        ])
        let images = [PackagedImage(source: "dot.png", number: 1, bytes: Self.png)!,
                      PackagedImage(source: "https://example.org/square.svg", number: 2, bytes: Self.svg)!]
        let publication = Publication(article: article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000),
                                      generator: EPUBExporter.generator, images: images)
        let epub = try EPUBExporter().package(publication)
        let entries = try EPUBExporter.entries(of: epub)
        #expect(entries.first { $0.name == "EPUB/images/image-1.png" }?.bytes == Self.png)
        #expect(entries.first { $0.name == "EPUB/images/image-2.svg" }?.bytes == Self.svg)
        let opf = String(decoding: entries.first { $0.name == "EPUB/content.opf" }!.bytes, as: UTF8.self)
        // An SVG shown through <img> takes no `svg` property.
        #expect(opf.contains("<item id=\"image-1\" href=\"images/image-1.png\" media-type=\"image/png\"/>"))
        #expect(opf.contains("<item id=\"image-2\" href=\"images/image-2.svg\" media-type=\"image/svg+xml\"/>"))
        let xhtml = String(decoding: entries.first { $0.name == "EPUB/text/article.xhtml" }!.bytes, as: UTF8.self)
        #expect(xhtml.contains("<img src=\"../images/image-1.png\" alt=\"A red dot\"/>"))
        #expect(xhtml.contains("<img src=\"../images/image-2.svg\" alt=\"A red square\"/>"))
        let report = try EPUBCheck.check(epub, name: "images")
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0, "\(report.messages.joined(separator: "\n"))")
        // Without its bytes an image is refused, naming it.
        #expect(throws: ExportError.self) { try EPUBExporter().export(article, modified: UTCTime(secondsSinceEpoch: 0)) }
    }
}
