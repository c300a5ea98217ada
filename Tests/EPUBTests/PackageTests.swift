@testable import ArtExportCore
@testable import ArtExportEPUB
import TestSupport
import Testing

/// The container: what EPUBCheck accepts but the OCF spec still requires, and
/// byte-for-byte reproducibility.
@Suite struct PackageTests {
    static func epub(_ input: String = "samples/long-form.txt", epoch: Int64 = 1_700_000_000) throws -> [UInt8] {
        let (article, _) = try ArtExport.read(Repo.read(input), file: input)
        return try EPUBExporter().export(article, modified: UTCTime(secondsSinceEpoch: epoch))
    }

    @Test func mimetypeFirstStoredWithoutExtraField() throws {
        let bytes = try Self.epub()
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])           // local file header
        #expect(bytes[8] == 0 && bytes[9] == 0)                              // method 0: stored
        #expect(bytes[26] == 8 && bytes[27] == 0)                            // name length 8
        #expect(bytes[28] == 0 && bytes[29] == 0)                            // no extra field
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: bytes[38..<58], as: UTF8.self) == "application/epub+zip")
    }

    @Test func entryOrder() throws {
        let names = try EPUBExporter.entries(of: Self.epub()).map(\.name)
        #expect(names == ["mimetype", "META-INF/container.xml", "EPUB/content.opf", "EPUB/nav.xhtml",
                          "EPUB/toc.ncx", "EPUB/styles/article.css", "EPUB/text/titlepage.xhtml", "EPUB/text/article.xhtml"])
    }

    @Test func sameInputSameBytes() throws {
        #expect(try Self.epub() == Self.epub())
        #expect(try Self.epub(epoch: 1_700_000_000) != Self.epub(epoch: 1_700_000_002))
    }

    @Test func zipTimestampsComeFromTheModifiedTime() {
        let t = ZipArchive.Timestamp(UTCTime(secondsSinceEpoch: 1_700_000_000))   // 2023-11-14T22:13:20Z
        #expect(t.dosDate == UInt16((2023 - 1980) << 9 | 11 << 5 | 14))
        #expect(t.dosTime == UInt16(22 << 11 | 13 << 5 | 10))
        #expect(ZipArchive.Timestamp(UTCTime(secondsSinceEpoch: 0)).dosDate == UInt16(0 << 9 | 1 << 5 | 1))
        // 2108-02-29 does not fit: the last moment of 2107, not a 29 February that 2107 lacks.
        let late = ZipArchive.Timestamp(UTCTime(secondsSinceEpoch: 4_359_916_800))
        #expect(late.dosDate == UInt16(127 << 9 | 12 << 5 | 31) && late.dosTime == UInt16(23 << 11 | 59 << 5 | 29))
    }

    @Test func themeCSSIsPackaged() throws {
        let css = try EPUBExporter.entries(of: Self.epub()).first { $0.name == "EPUB/styles/article.css" }
        #expect(css.map { String(decoding: $0.bytes, as: UTF8.self) } == Theme.standard.epubCSS)
        #expect(Theme.standard.epubCSS.contains("section.bio"))
    }

    @Test func identifierIsStableAndDerivedFromIdentity() throws {
        let (a, _) = try ArtExport.read(Repo.read("samples/long-form.txt"), file: "x")
        let id = Publication.identifier(for: a.metadata)
        #expect(id.hasPrefix("urn:uuid:"))
        #expect(Array(id)[23] == "5")                                    // version 5
        var edited = a.metadata
        edited.description = "A corrected standfirst."
        #expect(Publication.identifier(for: edited) == id)               // corrections keep the id
        edited.title = "Another article"
        #expect(Publication.identifier(for: edited) != id)
        edited.identifier = "9E1B1A4C-0000-4000-8000-000000000001"
        #expect(Publication.identifier(for: edited) == "urn:uuid:9e1b1a4c-0000-4000-8000-000000000001")
    }

    @Test func uuidVersion5KnownAnswer() {
        // RFC 9562 appendix: the DNS namespace with "www.example.com".
        let dns: [UInt8] = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]
        #expect(UUID.version5(namespace: dns, name: "www.example.com") == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func opfMetadata() throws {
        let (a, _) = try ArtExport.read(Repo.read("samples/de-artikel.txt"), file: "x")
        let opf = EPUBExporter().parts(of: a, modified: UTCTime(secondsSinceEpoch: 1_700_000_000)).opf
        #expect(opf.contains("<dc:language>de</dc:language>"))
        #expect(opf.contains("<dc:date>2024-11-02T08:15:00Z</dc:date>"))
        #expect(opf.contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"))
        #expect(opf.contains("<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>"))
        for keyword in a.metadata.keywords { #expect(opf.contains("<dc:subject>\(keyword)</dc:subject>")) }
    }

    @Test func noConformanceClaimWhenForeignScriptsAreUnmarked() throws {
        let (a, _) = try ArtExport.read(Repo.read("samples/hostile.txt"), file: "x")
        let opf = EPUBExporter().parts(of: a, modified: UTCTime(secondsSinceEpoch: 0)).opf
        #expect(!opf.contains("dcterms:conformsTo"))
        #expect(opf.contains("not marked with their language"))
    }

    @Test func headingLevelSkipBlocksTheClaim() {
        var a = Article(metadata: Metadata(title: "T"), blocks: [
            .heading(Heading(level: 2, content: [.text("A")], id: "a")),
            .heading(Heading(level: 4, content: [.text("B")], id: "b")),
        ])
        #expect(!AccessibilityCheck(article: a, unmarked: []).conforms)
        a.blocks[1] = .heading(Heading(level: 3, content: [.text("B")], id: "b"))
        #expect(AccessibilityCheck(article: a, unmarked: []).conforms)
        a.blocks.append(.figure(Figure(image: Image(source: "x.png", alt: " "))))
        #expect(!AccessibilityCheck(article: a, unmarked: []).conforms)
    }

    @Test func nestedHeadingsNestInTheToc() {
        let a = Article(metadata: Metadata(title: "T"), blocks: [
            .heading(Heading(level: 2, content: [.text("A")], id: "a")),
            .heading(Heading(level: 3, content: [.text("A1")], id: "a1")),
            .heading(Heading(level: 3, content: [.text("A2")], id: "a2")),
            .heading(Heading(level: 2, content: [.text("B")], id: "b")),
        ], bio: [.paragraph([.text("Bio")])])
        let toc = Publication(article: a, modified: UTCTime(secondsSinceEpoch: 0), generator: "t").toc
        #expect(toc.map(\.label) == ["T", "A", "B", "About the author"])
        #expect(toc[1].children.map(\.label) == ["A1", "A2"])
        #expect(Publication.depth(toc) == 2)
    }
}
