import ArtExportCore
/// The typesetter's result: pages of positioned items, plain values that tests
/// inspect without drawing and the painter draws without deciding anything.
/// Coordinates are PDF points from the page's top-left corner, y downwards.
package struct Point: Sendable, Equatable {
    package var x: Double, y: Double
    package init(x: Double, y: Double) { self.x = x; self.y = y }
}

package struct Rect: Sendable, Equatable {
    package var x: Double, y: Double, width: Double, height: Double
    package init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

/// Glyphs of one font on one baseline, with the text they stand for, so the PDF
/// keeps every word extractable.
package struct GlyphRun: Sendable, Equatable {
    package struct Glyph: Sendable, Equatable {
        package var id: UInt32
        /// Position of the glyph origin relative to the run's origin.
        package var x: Double
        package var y: Double
    }

    package var font: FontID
    package var size: Double
    /// Left end of the run on its baseline.
    package var origin: Point
    package var glyphs: Glyphs
    /// The characters the glyphs draw, in logical order.
    package var text: String
    /// (bytes of text, number of glyphs) per cluster, in text order.
    package var clusters: Clusters
    /// Right to left: glyphs are in visual order, the reverse of the clusters'
    /// (cairo's CAIRO_TEXT_CLUSTER_FLAG_BACKWARD).
    package var backward: Bool
    package var width: Double
    package var color: Color = .black
    /// The glyphs' shapes are drawn this much wider (expansion, `Microtype`); their
    /// positions already include it.
    package var xScale: Double = 1
    /// An emoji drawn as a colour picture: the run is its one invisible glyph, which
    /// carries the sequence's text, and the picture goes over it.
    package var colorGlyph: ColorGlyph? = nil
}

/// A colour emoji's picture, as the painter draws it (`EmojiFont`).
package struct ColorGlyph: Sendable, Equatable {
    /// The glyph in the emoji font: pictures of one glyph are one image in the PDF.
    package var id: UInt32
    /// The picture, a PNG.
    package var png: [UInt8]
    /// Where it goes, relative to the run's origin on the baseline, in points (y down).
    package var rect: Rect
    /// How much wider than its own advance the run's invisible glyph is drawn, to span
    /// the picture's: a text extractor then sees no gap after it.
    package var textScale: Double

    package init(id: UInt32, png: [UInt8], rect: Rect, textScale: Double = 1) {
        self.id = id
        self.png = png
        self.rect = rect
        self.textScale = textScale
    }
}

/// Tagged-PDF structure: which element a drawn item belongs to, and the
/// elements around it (a list item's list, a cell's table and row).
package struct StructureElement: Sendable, Equatable, Hashable {
    package enum Kind: String, Sendable {
        case h1 = "H1", h2 = "H2", h3 = "H3", h4 = "H4", h5 = "H5", h6 = "H6", p = "P", artifact = "Artifact"
        case list = "L", listItem = "LI", label = "Lbl", listBody = "LBody"
        case blockQuote = "BlockQuote", code = "Code"
        case table = "Table", tableRow = "TR", tableHeader = "TH", tableCell = "TD"
        case figure = "Figure", caption = "Caption", note = "Note"

        package var isHeading: Bool { [.h1, .h2, .h3, .h4, .h5, .h6].contains(self) }
    }

    /// One element of the tree: its kind and its number, unique per document.
    package struct Tag: Sendable, Equatable, Hashable {
        package var kind: Kind
        package var id: Int
        package init(kind: Kind, id: Int) { self.kind = kind; self.id = id }
    }

    package var kind: Kind
    /// Unique per document: items with the same id form one element.
    package var id: Int
    /// The enclosing elements, outermost first.
    package var ancestors: [Tag]

    package init(kind: Kind, id: Int, ancestors: [Tag] = []) {
        self.kind = kind
        self.id = id
        self.ancestors = ancestors
    }

    /// The element's own tag.
    package var tag: Tag { Tag(kind: kind, id: id) }
    /// From the outermost element to this one: the tags open while its items are drawn.
    package var path: [Tag] { ancestors + [tag] }
}

/// A colour in device RGB, each component 0…1.
package struct Color: Sendable, Equatable, Hashable {
    package var red: Double, green: Double, blue: Double
    package init(red: Double, green: Double, blue: Double) { self.red = red; self.green = green; self.blue = blue }
    /// A theme's colour.
    package init(_ c: ThemeColor) { self.init(red: Double(c.red) / 255, green: Double(c.green) / 255, blue: Double(c.blue) / 255) }
    package static let black = Color(red: 0, green: 0, blue: 0)
    /// A grey: 0 black, 1 white.
    package static func gray(_ level: Double) -> Color { Color(red: level, green: level, blue: level) }
}

package enum PageItem: Sendable, Equatable {
    case glyphs(GlyphRun, element: StructureElement)
    /// A straight line, butt-capped: a rule, or a stroke of a drawn mark.
    case rule(from: Point, to: Point, thickness: Double, color: Color = .black, element: StructureElement)
    /// A filled rectangle (a quotation's bar, a code block's ground).
    case fill(Rect, color: Color, element: StructureElement)
    /// A clickable area of one or more rectangles (a link broken across lines):
    /// a URI or a named destination of the document.
    case link(rects: [Rect], target: LinkTarget)
    /// A named destination (for links and the outline) at a point on this page.
    case destination(name: String, at: Point)
    /// An image of the document's table (`TypesetDocument.images`) drawn into `rect`.
    /// `alt` is its alternative text, shaped: the painter draws it invisibly under
    /// the image, so the text layer and the element hold it (cairo 1.16 writes no /Alt).
    case image(ImageRef, Rect, alt: [GlyphRun], element: StructureElement)
}

/// An image by its place in `TypesetDocument.images`: items stay small values and
/// each image's bytes are held, and embedded, once.
package struct ImageRef: Sendable, Hashable {
    package var index: Int
    package init(index: Int) { self.index = index }
}

/// An image the document draws: the name the article gives it (for messages), its
/// bytes, and its natural size in points.
package struct DocumentImage: Sendable, Equatable {
    package var source: String
    /// nil for an image a library caller built without its bytes (typeset() refuses it).
    package var resource: ImageResource?
    /// Upright: a JPEG's sides swapped when its EXIF orientation turns it a quarter.
    package var width: Double
    package var height: Double
    /// A JPEG's EXIF orientation, 1…8 (1: as stored), applied when drawing.
    package var orientation: Int

    package init(source: String, resource: ImageResource?, width: Double, height: Double, orientation: Int = 1) {
        self.source = source
        self.resource = resource
        self.width = width
        self.height = height
        self.orientation = orientation
    }
}

extension PageItem {
    /// The same item moved by (dx, dy): units lay out in their own coordinates
    /// and the assembler places them on the page.
    func offset(dx: Double, dy: Double) -> PageItem {
        func p(_ q: Point) -> Point { Point(x: q.x + dx, y: q.y + dy) }
        func r(_ q: Rect) -> Rect { Rect(x: q.x + dx, y: q.y + dy, width: q.width, height: q.height) }
        switch self {
        case .glyphs(var run, let element):
            run.origin = p(run.origin)
            return .glyphs(run, element: element)
        case .rule(let from, let to, let thickness, let color, let element):
            return .rule(from: p(from), to: p(to), thickness: thickness, color: color, element: element)
        case .fill(let rect, let color, let element): return .fill(r(rect), color: color, element: element)
        case .link(let rects, let target): return .link(rects: rects.map(r), target: target)
        case .destination(let name, let at): return .destination(name: name, at: p(at))
        case .image(let ref, let rect, let alt, let element):
            return .image(ref, r(rect), alt: alt.map { var run = $0; run.origin = p(run.origin); return run }, element: element)
        }
    }
}

package struct Page: Sendable, Equatable {
    package var width: Double
    package var height: Double
    /// The page label readers show (PDF /PageLabels).
    package var label: String
    package var items: [PageItem]
    /// The text lines of the body (not running head or folio), in reading order.
    package var lines: [TypesetLine]
    /// A table's header cells drawn again atop a page the table continues on: tagged
    /// as the header cells of the table's part on this page, but no new text lines.
    package var repeatedLines: [TypesetLine] = []
    /// The areas the body fills, in reading order: the text area, or each column's
    /// part and each part across the columns. Tools that read a page by its layout
    /// (pdftotext) read it right region by region.
    package var regions: [Rect] = []
    /// Where in the article the page's text starts: its first line of the author's
    /// text, a figure moved here from before it left aside (the page map).
    package var start: TextPosition?
    /// That line, in `lines`.
    package var startLine: Int?

    package init(width: Double, height: Double, label: String, items: [PageItem], lines: [TypesetLine] = []) {
        self.width = width
        self.height = height
        self.label = label
        self.items = items
        self.lines = lines
    }
}

/// An outline (bookmarks) entry, pointing at a named destination.
package struct OutlineEntry: Sendable, Equatable {
    package var title: String
    package var destination: String
    package var level: Int
}

package struct TypesetDocument: Sendable {
    package var pages: [Page]
    package var outline: [OutlineEntry]
    /// `describe(font)` of each FontID, for tests and diagnostics.
    package var fontNames: [String]
    /// Characters no installed font has a glyph for (each would print as a box).
    package var missingCharacters: [Unicode.Scalar]
    /// The images `.image` items draw, each once.
    package var images: [DocumentImage] = []
    /// The language of each outermost structure element of an issue's article
    /// (by element id), for passages not in the document's language.
    package var elementLanguages: [Int: LanguageTag] = [:]

    /// What a link to a destination leads to, where the destination's name does not
    /// say it to a reader: a note ("Notes 3"), the way back from one. By destination
    /// name; a heading's title comes from the outline.
    package var linkDescriptions: [String: String] = [:]

    /// Where each page starts in the article or issue (`PageMap`).
    package var pageMap = PageMap(pages: [])

    /// The page map of one article's pages: the first starts at its title block;
    /// pages with no text of the author's have no entry.
    static func pageMap(of pages: ArraySlice<Page>, article: Int) -> [PageMap.Page] {
        pages.enumerated().compactMap { index, page in
            if index == 0 { return PageMap.Page(label: page.label, start: .title(article: article)) }
            return page.start.map { PageMap.Page(label: page.label, start: .text(article: article, $0)) }
        }
    }

    package init(pages: [Page], outline: [OutlineEntry] = [], fontNames: [String] = [], missingCharacters: [Unicode.Scalar] = []) {
        self.pages = pages
        self.outline = outline
        self.fontNames = fontNames
        self.missingCharacters = missingCharacters
    }
}
