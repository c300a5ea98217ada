@testable import ArtExportCore
@testable import ArtExportPDF
import TestSupport
import Testing

/// Images in the typeset frames (no Cairo): figures scaled into the measure and
/// kept with their captions, floated past text that fills the page, images within
/// lines, and their structure elements.
@Suite struct FigureUnitTests {
    init() { TestCache.isolate() }

    let style = Theme.standard.pdf
    let measure = Measure(left: 0, width: Theme.standard.pdf.textWidth)

    /// A fixture of Tests/Fixtures/images as the Markdown reader would give it: its
    /// type and size sniffed from its bytes.
    static func image(_ name: String, alt: String = "An image") throws -> Image {
        let bytes = Repo.read("Tests/Fixtures/images/" + name)
        let type = try #require(ImageHeader.mediaType(of: bytes), "\(name) is an image")
        let size = try #require(ImageHeader.size(of: bytes, type: type))
        return Image(source: name, alt: alt, resource: ImageResource(bytes: bytes, mediaType: type, width: size.width, height: size.height))
    }

    static func figure(_ name: String, alt: String = "An image", caption: String? = "A caption") throws -> Figure {
        Figure(image: try image(name, alt: alt), caption: caption.map { [.text($0)] } ?? [])
    }

    /// The image item of a figure's block, with its frame.
    func imageItem(_ block: FlowBlock) throws -> (ref: ImageRef, rect: Rect, alt: [GlyphRun], element: StructureElement) {
        for line in block.lines {
            for item in line.items {
                if case .image(let ref, let rect, let alt, let element) = item { return (ref, rect, alt, element) }
            }
        }
        throw Failure(description: "no image item")
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    @Test func aWideImageIsScaledDownToTheMeasureAndCentred() throws {
        // wide.png: 1200 × 300 pixels, 900 × 225 pt at 96 dpi: wider than the text.
        let block = try FigureUnit(figure: Self.figure("wide.png")).layout(in: measure, UnitSamples.context())[0]
        let rect = try imageItem(block).rect
        #expect(abs(rect.width - measure.width) < 1e-9)
        #expect(abs(rect.height - measure.width / 4) < 1e-9, "proportions kept")
        #expect(abs(rect.x - measure.left) < 1e-9 && rect.y == 0)
    }

    @Test func aSmallImageIsNeverEnlargedAndIsCentred() throws {
        // small.png: 120 × 80 pixels, 90 × 60 pt.
        let inset = measure.inset(left: 30, right: 10)
        let block = try FigureUnit(figure: Self.figure("small.png")).layout(in: inset, UnitSamples.context())[0]
        let rect = try imageItem(block).rect
        #expect(abs(rect.width - 90) < 1e-9 && abs(rect.height - 60) < 1e-9)
        #expect(abs((rect.x - inset.left) - (inset.left + inset.width - rect.x - rect.width)) < 1e-9, "centred in its measure")
        // An SVG's user units count as pixels: 24 × 24 is 18 pt, not the measure.
        let icon = try FigureUnit(figure: Self.figure("icon.svg")).layout(in: measure, UnitSamples.context())[0]
        let iconRect = try imageItem(icon).rect
        #expect(abs(iconRect.width - 18) < 1e-9 && abs(iconRect.height - 18) < 1e-9)
        let diagram = try FigureUnit(figure: Self.figure("diagram.svg")).layout(in: measure, UnitSamples.context())[0]
        let diagramRect = try imageItem(diagram).rect
        #expect(abs(diagramRect.width - 240) < 1e-9 && abs(diagramRect.height - 120) < 1e-9, "320 × 160 user units")
    }

    @Test func aTallImageTakesAtMostThreeQuartersOfThePage() throws {
        // tall.png: 300 × 1500 pixels, 225 × 1125 pt: taller than the text area.
        let block = try FigureUnit(figure: Self.figure("tall.png")).layout(in: measure, UnitSamples.context())[0]
        let rect = try imageItem(block).rect
        #expect(abs(rect.height - style.textHeight * 0.75) < 1e-9)
        #expect(abs(rect.width - rect.height / 5) < 1e-9)
        let total = block.spaceBefore + block.lines.map(\.height).reduce(0, +)
        #expect(total - block.spaceBefore <= style.textHeight, "image and caption fit on one page")
    }

    @Test func aJPEGTurnedByItsOrientationIsLaidOutUpright() throws {
        // rotated.jpg stores 80 × 40 pixels with EXIF orientation 6 (a quarter turn clockwise).
        let context = UnitSamples.context()
        let block = try FigureUnit(figure: Self.figure("rotated.jpg")).layout(in: measure, context)[0]
        let item = try imageItem(block)
        #expect(abs(item.rect.width - 30) < 1e-9 && abs(item.rect.height - 60) < 1e-9)
        #expect(context.images[item.ref].orientation == 6)
        #expect(ExifOrientation.of(jpeg: Repo.read("Tests/Fixtures/images/photo.jpg")) == 1)
    }

    @Test func theCaptionIsBelowTheImageInOneUnbreakableFloatOnTheGrid() throws {
        let long = "A caption long enough to be set on two lines below the picture, centred line by line under it, in the smaller italic."
        let block = try FigureUnit(figure: Self.figure("wide.png", caption: long)).layout(in: measure, UnitSamples.context())[0]
        #expect(!block.breakable && block.float && !block.keepWithNext)
        let rect = try imageItem(block).rect
        let captionLines = block.lines.dropFirst().compactMap(\.text)
        #expect(captionLines.count == 2)
        #expect(block.lines[0].height > rect.height, "a gap between image and caption")
        for (line, x) in captionLines {
            #expect(line.runs.allSatisfy { $0.size < style.body.size }, "smaller than the body")
            let left = x + line.runs.map(\.origin.x).min()!, right = x + line.runs.map { $0.origin.x + $0.width }.max()!
            #expect(abs((left - measure.left) - (measure.left + measure.width - right)) < 0.5, "centred")
        }
        let text = captionLines.map { $0.line.runs.map(\.text).joined() }.joined(separator: " ")
        #expect(Words.of(text) == Words.of(long))
        let total = block.spaceBefore + block.lines.map(\.height).reduce(0, +)
        #expect(abs((total / style.leading).rounded() - total / style.leading) < 1e-9, "whole lines, so the text after stays on the grid")
        // Whatever precedes it on the page, image and caption share a page.
        for before in 0..<45 {
            let filler = Paginator.Block(lines: Array(repeating: style.leading, count: before))
            let pages = Paginator(pageHeight: style.textHeight).paginate([filler, block.paginatorBlock])
            let pagesOfFigure = Set(pages.indices.filter { pages[$0].contains { $0.block == 1 } })
            #expect(pagesOfFigure.count == 1, "\(before) lines before: the figure is on pages \(pagesOfFigure)")
        }
    }

    @Test func aFigureInAQuotationOrAListKeepsItsPlace() throws {
        let context = UnitSamples.context()
        let quoted = try BlockQuoteUnit(blocks: [UnitSamples.paragraph("Quoted."), .figure(Self.figure("small.png"))]).layout(in: measure, context)
        let list = try ListUnit(list: List(ordered: false, items: [[.figure(Self.figure("small.png"))]])).layout(in: measure, context)
        for blocks in [quoted, list] {
            let figure = try #require(blocks.first { block in block.lines.contains { $0.items.contains { if case .image = $0 { true } else { false } } } })
            #expect(!figure.float, "floated, it would leave its container")
        }
        #expect(try FigureUnit(figure: Self.figure("small.png")).layout(in: measure, context)[0].float)
    }

    @Test func figuresAreTaggedFigureWithTheCaptionInside() throws {
        let context = UnitSamples.context()
        let captioned = try FigureUnit(figure: Self.figure("small.png", alt: "A green tile")).layout(in: measure, context)[0]
        let item = try imageItem(captioned)
        // Figure › (Figure: the image, Caption).
        #expect(item.element.kind == .figure && item.element.ancestors.map(\.kind) == [.figure])
        #expect(captioned.element.kind == .caption && captioned.element.ancestors == item.element.ancestors)
        #expect(item.alt.map(\.text).joined() == "A green tile", "the alternative text goes with the image")
        let bare = try FigureUnit(figure: Self.figure("small.png", alt: "", caption: nil)).layout(in: measure, context)[0]
        let bareItem = try imageItem(bare)
        #expect(bareItem.element.kind == .figure && bareItem.element.ancestors.isEmpty)
        #expect(bareItem.alt.isEmpty && bare.lines.allSatisfy { $0.text == nil })
        #expect(bareItem.element.id != item.element.id)
        // The same image twice is one entry of the document's table.
        #expect(bareItem.ref == item.ref && context.images.images.count == 1)
    }

    // MARK: through the typesetter

    static func filler(_ n: Int, _ marker: String) -> Block {
        .paragraph([.text("\(marker) " + (0..<n).map { _ in UnitSamples.words }.joined(separator: ". ") + ".")])
    }

    /// The page holding the image item, with its rect.
    func imagePages(_ document: TypesetDocument) -> [(page: Int, rect: Rect, element: StructureElement)] {
        document.pages.enumerated().flatMap { n, page in
            page.items.compactMap { item -> (Int, Rect, StructureElement)? in
                if case .image(_, let rect, _, let element) = item { return (n, rect, element) } else { return nil }
            }
        }
    }

    func texts(_ page: Page) -> String {
        page.items.compactMap { if case .glyphs(let run, let e) = $0, e.kind != .artifact { return run.text } else { return nil } }.joined()
    }

    @Test func aFigureThatDoesNotFitHeadsTheNextPageWithTheTextFlowingOnBeforeIt() throws {
        let figure = Figure(image: try Self.image("tall.png", alt: "A tall picture"), caption: [.text("The tall figure")])
        let article = Article(metadata: Metadata(title: "Floats"), blocks: [
            Self.filler(12, "Before"), .figure(figure), Self.filler(30, "Following"), Self.filler(6, "Later"),
        ])
        let document = try PDFExporter().typeset(article)
        let images = imagePages(document)
        #expect(images.count == 1)
        let (page, rect, _) = try #require(images.first)
        #expect(page == 1, "the figure moves to page 2")
        #expect(abs(rect.y - style.marginTop) < 1e-6, "at the top of the text area")
        // The text after it in the source fills page 1: no hole.
        #expect(texts(document.pages[0]).contains("Following"))
        let lastBaseline = try #require(document.pages[0].lines.map(\.origin.y).max())
        #expect(style.pageHeight - style.marginBottom - lastBaseline < 2 * style.leading, "page 1 is full")
        // On page 2, the text goes on below the figure and its caption.
        let captionIndex = try #require(document.pages[1].items.firstIndex {
            if case .glyphs(let run, let e) = $0 { return e.kind == .caption && run.text.contains("tall") } else { return false }
        })
        let below = document.pages[1].lines.filter { $0.element.kind == .p }
        #expect(!below.isEmpty && below.allSatisfy { $0.origin.y > rect.y + rect.height })
        // Drawing (and tag) order follows the page: the figure first, then the text.
        let firstText = try #require(document.pages[1].items.firstIndex {
            if case .glyphs(_, let e) = $0 { return e.kind == .p } else { return false }
        })
        #expect(captionIndex < firstText)
    }

    @Test func aFigureThatFitsStaysInSourceOrder() throws {
        let figure = Figure(image: try Self.image("small.png"), caption: [.text("Small")])
        let article = Article(metadata: Metadata(title: "Fits"), blocks: [Self.filler(2, "Before"), .figure(figure), Self.filler(2, "After")])
        let document = try PDFExporter().typeset(article)
        let (page, rect, _) = try #require(imagePages(document).first)
        #expect(page == 0)
        let before = document.pages[0].lines.filter { $0.element.kind == .p }.map(\.origin.y)
        #expect(before.contains { $0 < rect.y } && before.contains { $0 > rect.y + rect.height })
        #expect(document.images.count == 1 && document.images[0].source == "small.png")
    }

    @Test func anImageWithinALineIsABoxOfCapitalHeightBetweenItsWords() throws {
        let star = try Self.image("icon.svg", alt: "a star")
        let tile = try Self.image("small.png", alt: "a tile")
        let article = Article(metadata: Metadata(title: "Inline"), blocks: [
            .paragraph([.text("Look: a star "), .image(star), .text(" and a tile "), .link(Link(url: "https://example.com/tile", content: [.image(tile)])),
                        .text(" stand in this line. " + UnitSamples.words)]),
        ])
        let document = try PDFExporter().typeset(article)
        #expect(document.missingCharacters.isEmpty, "the placeholder character is never drawn")
        let page = document.pages[0]
        let lineIndex = try #require(page.items.firstIndex { if case .image = $0 { return true } else { return false } })
        guard case .image(_, let rect, let alt, let element) = page.items[lineIndex] else { return }
        #expect(element.kind == .p, "part of its paragraph's text (cairo 1.16 would drop a paragraph's own text from a paragraph with a child)")
        #expect(abs(rect.height - style.body.size * 0.8) < 1e-9 && abs(rect.width - rect.height) < 1e-9, "a square SVG as tall as the capitals")
        #expect(alt.map(\.text).joined() == "a star")
        // It stands on the baseline, between the words before and after it.
        guard case .glyphs(let before, _) = page.items[lineIndex - 1], case .glyphs(let after, _) = page.items[lineIndex + 1] else {
            Issue.record("the image is not between two runs"); return
        }
        #expect(before.text.hasSuffix("star ") && after.text.hasPrefix(" and"))
        #expect(abs(rect.y + rect.height - before.origin.y) < 1e-9)
        #expect(before.origin.x + before.width <= rect.x + 0.01 && rect.x + rect.width <= after.origin.x + after.glyphs[0].x + 0.01)
        // The tile: a raster 60 pt tall at its natural size, scaled to 0.8 em, within its link's area.
        let tileRect = try #require(page.items.compactMap { item -> Rect? in
            if case .image(let ref, let r, _, _) = item, document.images[ref.index].source == "small.png" { return r } else { return nil }
        }.first)
        #expect(abs(tileRect.height - style.body.size * 0.8) < 1e-9 && abs(tileRect.width - tileRect.height * 1.5) < 1e-9)
        let linkRects = page.items.flatMap { item -> [Rect] in if case .link(let rects, _) = item { return rects } else { return [] } }
        #expect(linkRects.contains { $0.x <= tileRect.x + 0.01 && $0.x + $0.width >= tileRect.x + tileRect.width - 0.01 })
        #expect(document.images.map(\.source) == ["icon.svg", "small.png"])
    }

    @Test func aLineWithAnImageIsBrokenAroundIt() throws {
        // Many images in a paragraph: each stays whole inside the measure, on some line.
        let star = try Self.image("icon.svg", alt: "star")
        var content: [Inline] = []
        for n in 0..<60 { content += [.text("word\(n) "), .image(star), .text(" ")] }
        let context = UnitSamples.context()
        let block = try ParagraphUnit(content: content).layout(in: measure, context)[0]
        let boxes = block.lines.compactMap(\.text).flatMap { text in text.line.boxes.map { (x: text.x, box: $0) } }
        #expect(boxes.count == 60)
        for (x, box) in boxes {
            #expect(x + box.rect.x >= measure.left - 0.01 && x + box.rect.x + box.rect.width <= measure.left + measure.width + 0.01)
        }
        #expect(block.lines.count > 3)
    }

    @Test func anImageWithoutItsBytesIsRefusedByName() {
        let article = Article(metadata: Metadata(title: "Missing"), blocks: [
            .paragraph([.text("Text "), .image(Image(source: "cat.png", alt: "A cat"))]),
        ])
        #expect {
            try PDFExporter().typeset(article)
        } throws: { error in
            guard let e = error as? ExportError else { return false }
            return e.kind == .badInput && e.description.contains("`cat.png`")
        }
        let figure = Article(metadata: Metadata(title: "Missing"), blocks: [.figure(Figure(image: Image(source: "dog.svg", alt: "A dog")))])
        #expect(throws: ExportError.self) { try PDFExporter().typeset(figure) }
    }

    @Test func anSVGLibrsvgCannotReadIsRefusedByName() {
        let broken = ImageResource(bytes: Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect".utf8),
                                   mediaType: .svg, width: 10, height: 10)
        let article = Article(metadata: Metadata(title: "Broken"), blocks: [.figure(Figure(image: Image(source: "broken.svg", alt: "", resource: broken)))])
        #expect {
            try PDFExporter().typeset(article)
        } throws: { error in
            (error as? ExportError).map { $0.kind == .badInput && $0.description.contains("`broken.svg`") } ?? false
        }
    }

    @Test func anSVGsLinksBecomeGroups() {
        let svg = """
            <!-- <a href="x"> in a comment --><svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.com"><rect/></a>\
            <svg:a xlink:href="y"/><abbr/><![CDATA[<a>]]></svg>
            """
        let out = String(decoding: SVGImage.withoutLinks(Array(svg.utf8)), as: UTF8.self)
        #expect(out == """
            <!-- <a href="x"> in a comment --><svg xmlns="http://www.w3.org/2000/svg"><g href="https://example.com"><rect/></g>\
            <svg:g xlink:href="y"/><abbr/><![CDATA[<a>]]></svg>
            """)
    }
}
