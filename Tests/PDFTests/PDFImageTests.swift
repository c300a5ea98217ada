@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// Images in real PDFs, judged by poppler and qpdf: a Markdown article with a
/// figure of each kind and images within lines (Tests/Fixtures/images/figures.md).
@Suite struct PDFImageTests {
    init() { TestCache.isolate() }

    static let folder = "Tests/Fixtures/images"
    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

    static func article() throws -> Article {
        try ArtExport.read(Repo.read(folder + "/figures.md"), file: "figures.md", format: .markdown,
                           imageFolder: LocalPath(Repo.path(folder))).0
    }

    static func pdf(_ article: Article) throws -> [UInt8] { try PDFExporter().export(article, modified: modified) }

    /// The article's words in reading order: each image's alternative text where it
    /// stands, then a figure's caption.
    static func words(_ article: Article) -> [String] {
        return Words.of(article.metadata.title) + article.blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let c): return Words.of(c)
            case .heading(let h): return Words.of(h.content)
            case .figure(let f): return Words.of(f.image.alt) + Words.of(f.caption)
            default: return []
            }
        }
    }

    /// The same raster image twice on one page (twice within a line, and as two
    /// figures): cairo 1.16 would name its one surface twice in the page's resources,
    /// which qpdf reports as a duplicated key; each painting on a page has its own.
    @Test func oneImageTwiceOnAPageIsCleanForQPDF() throws {
        let markdown = "---\ntitle: Twice\n---\n\nOne ![a](small.png) and two ![b](small.png) in a line.\n\n![c](photo.jpg)\n\n![d](photo.jpg)\n"
        let article = try ArtExport.read(Array(markdown.utf8), file: "twice.md", format: .markdown,
                                         imageFolder: LocalPath(Repo.path(Self.folder))).0
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("twice.pdf", try Self.pdf(article))
        let check = try Tool.run("qpdf", ["--check", path])
        let output = String(decoding: check.stdout, as: UTF8.self) + check.stderr
        #expect(check.status == 0 && !output.contains("duplicated key"), "\(output)")
        let list = String(decoding: try Tool.run("pdfimages", ["-list", path]).stdout, as: UTF8.self)
        let rows = list.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.filter { $0.count > 2 && $0[2] == "image" }.count == 4, "\(list)")
    }

    @Test func everyRasterImageIsEmbeddedOnceAndJPEGsStayJPEG() throws {
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("figures.pdf", try Self.pdf(Self.article()))
        let list = String(decoding: try Tool.run("pdfimages", ["-list", path]).stdout, as: UTF8.self)
        // page num type width height color comp bpc enc …
        let rows = list.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let images = rows.filter { $0.count > 8 && $0[2] == "image" }.map { "\($0[3])×\($0[4]) \($0[8])" }
        #expect(images.sorted() == [
            "1200×300 image",   // wide.png
            "120×80 image",     // small.png, within a line (its transparency a soft mask)
            "160×100 jpeg",     // photo.jpg, its own bytes
            "60×40 image",      // anim.gif, the first frame
            "60×40 image",      // pic.webp
            "80×40 jpeg",       // rotated.jpg, stored sideways, turned when drawn
        ], "\(list)")
        #expect(rows.contains { $0.count > 8 && $0[2] == "smask" && $0[3] == "120" }, "the PNG's alpha as a soft mask")
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0, "\(String(decoding: check.stdout, as: UTF8.self))")
        let objects = try QPDFObjects(pdf: path)
        #expect(objects.warnings.isEmpty, "\(objects.warnings)")
        // No annotation but what the article links (it links nothing).
        #expect(objects.allLinkAnnotations.isEmpty)
    }

    @Test func everyWordIsExtractedInOrderWithTheAlternativeTexts() throws {
        let article = try Self.article()
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("figures.pdf", try Self.pdf(article))
        let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
        let words = Self.words(article)
        #expect(words.contains("swatch") && words.contains("triangle"), "alt texts are in the expected words")
        let result = PDFWords.match(words, in: text)
        #expect(result.ok, "word \(result.index) `\(result.missing ?? "")` missing or out of order in:\n\(text)")
    }

    @Test func alternativeTextIsExtractedInReadingOrderInEitherDirection() throws {
        let tile = try FigureUnitTests.image("small.png", alt: "אריח ירוק")
        let star = try FigureUnitTests.image("icon.svg", alt: "a gold star")
        let article = Article(metadata: Metadata(title: "Alt"), blocks: [
            .paragraph([.text("Before the star "), .image(star), .text(" after the star.")]),
            .figure(Figure(image: tile)),
        ])
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("alt.pdf", try Self.pdf(article))
        let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
        #expect(Words.of(text).starts(with: ["Alt", "Before", "the", "star", "a", "gold", "star", "after", "the", "star"]), "\(text)")
        #expect(Words.of(text).suffix(2) == ["אריח", "ירוק"], "\(text)")
    }

    @Test func figuresAreTaggedFigureWithCaptionsInside() throws {
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("figures.pdf", try Self.pdf(Self.article()))
        let objects = try QPDFObjects(pdf: path)
        let elements = objects.objects.values.compactMap { $0 as? [String: Any] }.filter { $0["/Type"] as? String == "/StructElem" }
        func kind(_ e: [String: Any]) -> String? { e["/S"] as? String }
        let captions = elements.filter { kind($0) == "/Caption" }
        #expect(captions.count == 4)
        for caption in captions {
            let parent = try #require(objects.dictionary(caption["/P"]))
            #expect(kind(parent) == "/Figure", "a caption inside its figure")
            // The group's children: the image's own Figure, then the caption.
            let kids = (objects.array(parent["/K"]) ?? []).compactMap { objects.dictionary($0) }
            #expect(kids.map(kind) == ["/Figure", "/Caption"])
            // The image's Figure holds marked content (the image and its alternative text).
            #expect(kids.first?["/K"] != nil)
        }
    }

    @Test func theSameArticleGivesTheSameBytes() throws {
        let article = try Self.article()
        #expect(try Self.pdf(article) == Self.pdf(article))
    }

    /// The colour of the pixel at (x, y) points on page `page` (1-based), drawn at 72 dpi.
    static func pixel(_ path: String, page: Int, x: Double, y: Double, in tmp: TemporaryDirectory) throws -> (Int, Int, Int) {
        let root = tmp.path + "/px"
        _ = try Tool.run("pdftoppm", ["-r", "72", "-f", "\(page)", "-l", "\(page)", "-x", "\(Int(x))", "-y", "\(Int(y))",
                                      "-W", "1", "-H", "1", "-singlefile", path, root])
        let ppm = Repo.bytes(atPath: root + ".ppm")
        // "P6\n1 1\n255\n" then three bytes.
        guard ppm.count >= 3, ppm.starts(with: Array("P6".utf8)) else { throw QPDFObjects.Failure(description: "pdftoppm gave no pixel") }
        return (Int(ppm[ppm.count - 3]), Int(ppm[ppm.count - 2]), Int(ppm[ppm.count - 1]))
    }

    static func near(_ a: (Int, Int, Int), _ b: (Int, Int, Int), _ tolerance: Int = 24) -> Bool {
        abs(a.0 - b.0) <= tolerance && abs(a.1 - b.1) <= tolerance && abs(a.2 - b.2) <= tolerance
    }

    @Test func theImagesAreDrawnWhereTheFramesPutThem() throws {
        let article = try Self.article()
        let document = try PDFExporter().typeset(article)
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("figures.pdf", try Self.pdf(article))
        var rects: [String: (page: Int, rect: Rect)] = [:]
        for (n, page) in document.pages.enumerated() {
            for item in page.items {
                if case .image(let ref, let rect, _, _) = item { rects[document.images[ref.index].source] = (n + 1, rect) }
            }
        }
        func sample(_ name: String, _ fx: Double, _ fy: Double) throws -> (Int, Int, Int) {
            let (page, r) = try #require(rects[name], "\(name) is drawn")
            return try Self.pixel(path, page: page, x: r.x + r.width * fx, y: r.y + r.height * fy, in: tmp)
        }
        // The SVG diagram, as vectors: its circle's blue (#3498db) at (90, 80) of 320 × 160.
        #expect(Self.near(try sample("diagram.svg", 90 / 320, 80 / 160), (0x34, 0x98, 0xDB)))
        // The GIF's first frame is orange (#e67e22); its second, purple, is not shown.
        #expect(Self.near(try sample("anim.gif", 0.5, 0.5), (0xE6, 0x7E, 0x22)))
        // The wide PNG's disc (#c0392b) at (900, 150) of 1200 × 300.
        #expect(Self.near(try sample("wide.png", 0.75, 0.5), (0xC0, 0x39, 0x2B)))
        // rotated.jpg stores 80 × 40 pixels, red in the left quarter, blue in the top right
        // corner, with EXIF orientation 6: turned a quarter clockwise, red is along the top
        // and blue in the bottom right corner.
        #expect(Self.near(try sample("rotated.jpg", 0.75, 0.1), (0xC0, 0x39, 0x2B)), "turned a quarter clockwise")
        #expect(Self.near(try sample("rotated.jpg", 0.9, 0.9), (0x20, 0x40, 0xC0)))
        #expect(Self.near(try sample("rotated.jpg", 0.25, 0.6), (255, 255, 255)))
        let photo = try sample("photo.jpg", 0.5, 0.5)
        #expect(!Self.near(photo, (255, 255, 255), 8), "the photograph is drawn")
    }

    @Test func aCMYKJPEGIsDecodedNotDrawnBlank() throws {
        // cairo 1.16 embeds only greyscale and RGB JPEGs; for any other it would draw
        // the surface's own pixels, which hold nothing.
        let image = try FigureUnitTests.image("cmyk.jpg", alt: "Red and blue")
        #expect(!JPEGFrame.embeddable(image.resource!.bytes) && JPEGFrame.embeddable(Repo.read(Self.folder + "/photo.jpg")))
        let article = Article(metadata: Metadata(title: "CMYK"), blocks: [.figure(Figure(image: image))])
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("cmyk.pdf", try Self.pdf(article))
        let list = String(decoding: try Tool.run("pdfimages", ["-list", path]).stdout, as: UTF8.self)
        #expect(list.contains(" 40    20  rgb     3   8  image "), "\(list)")
        let document = try PDFExporter().typeset(article)
        guard case .image(_, let rect, _, _)? = document.pages[0].items.first(where: { if case .image = $0 { return true } else { return false } }) else {
            Issue.record("no image"); return
        }
        let left = try Self.pixel(path, page: 1, x: rect.x + rect.width / 4, y: rect.y + rect.height / 2, in: tmp)
        let right = try Self.pixel(path, page: 1, x: rect.x + rect.width * 3 / 4, y: rect.y + rect.height / 2, in: tmp)
        #expect(Self.near(left, (0xC0, 0x39, 0x2B), 40) && Self.near(right, (0x20, 0x40, 0xC0), 40), "\(left) \(right)")
    }

    @Test func anSVGsLinksMakeNoAnnotation() throws {
        let svg = Array("""
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">\
            <a xlink:href="https://example.com/away"><rect width="20" height="20" fill="blue"/></a></svg>
            """.utf8)
        let image = Image(source: "link.svg", alt: "A blue square", resource: ImageResource(bytes: svg, mediaType: .svg, width: 40, height: 20))
        let article = Article(metadata: Metadata(title: "Links"), blocks: [.paragraph([.text("Text.")]), .figure(Figure(image: image))])
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("link.pdf", try Self.pdf(article))
        let objects = try QPDFObjects(pdf: path)
        #expect(objects.allLinkAnnotations.isEmpty)
        #expect(!objects.allNames.contains("/Link"), "no Link element inside the figure")
        let document = try PDFExporter().typeset(article)
        guard case .image(_, let rect, _, _)? = document.pages[0].items.first(where: { if case .image = $0 { return true } else { return false } }) else {
            Issue.record("no image"); return
        }
        #expect(Self.near(try Self.pixel(path, page: 1, x: rect.x + rect.width / 4, y: rect.y + rect.height / 2, in: tmp), (0, 0, 255)),
                "the link's content is still drawn")
    }

    @Test func anImageThatCannotBeDecodedIsRefusedByName() {
        // Headers that pass the reader's checks, then nothing a decoder can use.
        let gif = Array("GIF89a".utf8) + [10, 0, 10, 0, 0, 0, 0] + Array(repeating: 0x55, count: 20)
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 10, 0, 0, 0, 10, 8, 2, 0, 0, 0]
            + Array(repeating: 0x55, count: 20)
        // A WebP cut short: Debian's loader would give part of it, with no error.
        let webp = Array(Repo.read(Self.folder + "/pic.webp").prefix(60))
        for (name, bytes, type) in [("broken.gif", gif, ImageResource.MediaType.gif), ("broken.png", png, .png), ("cut.webp", webp, .webp)] {
            let image = Image(source: name, alt: "", resource: ImageResource(bytes: bytes, mediaType: type, width: 10, height: 10))
            let article = Article(metadata: Metadata(title: "Broken"), blocks: [.figure(Figure(image: image))])
            #expect {
                try Self.pdf(article)
            } throws: { error in
                guard let e = error as? ExportError else { return false }
                return e.kind == .badInput && e.description.contains("`\(name)`")
            }
        }
    }
}
