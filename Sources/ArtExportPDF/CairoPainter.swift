import ArtExportCore
import CCairo
import CPangoCairo
import Glibc

/// Draws typeset pages onto a cairo PDF surface in memory. The only code that
/// touches Cairo: it owns the surface and context for one document and frees
/// them before returning. It decides nothing about layout. Images it draws
/// through the wrappers in Images/ (librsvg, gdk-pixbuf).
enum CairoPainter {
    struct Metadata {
        var title: String
        /// Each author: the XMP metadata lists them, the Info dictionary joins them.
        var authors: [String]
        var subject: String?
        var keywords: String?
        var creator: String
        /// ISO 8601 UTC, e.g. 2024-07-08T10:30:00Z.
        var date: String
        /// The document's language: the catalog's /Lang, and how the byline joins names.
        var language: LanguageTag

        /// The byline as the Info dictionary gives it ("A and B").
        var author: String? { authors.isEmpty ? nil : Localization(language: language).list(authors) }
    }

    /// Nominal advances by font and glyph, so each glyph's extents are asked of
    /// cairo once per document, not once per occurrence.
    private final class Advances {
        var table: [FontID: [UInt32: Double]] = [:]
    }

    /// Unhinted advances by font and glyph: cairo's PDF operators track the text
    /// position with these (the font's own widths), not with the hinted ones.
    private final class NominalAdvances {
        var fonts: [FontID: OpaquePointer] = [:]
        var table: [FontID: [UInt32: Double]] = [:]

        /// The advance of `glyph` in user space (points), as the PDF's widths have it.
        func advance(_ glyph: UInt32, font id: FontID, scaled: OpaquePointer) -> Double {
            if let known = table[id]?[glyph] { return known }
            let font: OpaquePointer
            if let f = fonts[id] {
                font = f
            } else {
                font = TextShaper.scaledFont(like: scaled, face: cairo_scaled_font_get_font_face(scaled)) { options in
                    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
                    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
                }!
                fonts[id] = font
            }
            var g = cairo_glyph_t(index: UInt(glyph), x: 0, y: 0)
            var extents = cairo_text_extents_t()
            cairo_scaled_font_glyph_extents(font, &g, 1, &extents)
            table[id, default: [:]][glyph] = extents.x_advance
            return extents.x_advance
        }

        deinit { for (_, f) in fonts { cairo_scaled_font_destroy(f) } }
    }

    /// Collects the PDF bytes cairo writes.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    /// Surfaces made on first use and freed with the job, so that a picture painted
    /// again is embedded once. But cairo 1.16 names a surface twice in a page's
    /// resources when it is painted twice on that page (qpdf: "dictionary has
    /// duplicated key"): the n-th painting of one on a page takes the n-th surface
    /// made of it.
    private final class Surfaces<Key: Hashable> {
        private struct Slot: Hashable { var key: Key, occurrence: Int }
        private var made: [Slot: OpaquePointer] = [:]
        private var onPage: [Key: Int] = [:]

        func newPage() { onPage.removeAll(keepingCapacity: true) }

        /// The surface for this painting of `key`; `make` makes one when there is none.
        func surface<E: Error>(_ key: Key, make: () throws(E) -> OpaquePointer?) throws(E) -> OpaquePointer? {
            let slot = Slot(key: key, occurrence: onPage[key, default: 0])
            let surface: OpaquePointer
            if let known = made[slot] {
                surface = known
            } else {
                guard let new = try make() else { return nil }
                made[slot] = new
                surface = new
            }
            onPage[key] = slot.occurrence + 1
            return surface
        }

        deinit { for (_, surface) in made { cairo_surface_destroy(surface) } }
    }

    /// The document's images as cairo and librsvg hold them.
    private final class ImageCache {
        let surfaces = Surfaces<Int>()
        var svgs: [Int: SVGImage] = [:]
    }

    /// A PNG's bytes as cairo's stream reader asks for them.
    private final class ByteReader {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    /// A PNG read by cairo (check the surface's status).
    private static func pngSurface(_ bytes: [UInt8]) -> OpaquePointer {
        let reader = ByteReader(bytes)
        return withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                let reader = Unmanaged<ByteReader>.fromOpaque(closure!).takeUnretainedValue()
                let n = Int(length)
                guard let data, reader.offset + n <= reader.bytes.count else { return CAIRO_STATUS_READ_ERROR }
                reader.bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress! + reader.offset, count: n) }
                reader.offset += n
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(reader).toOpaque())!
        }
    }

    /// Emoji pictures, by glyph.
    private final class Pictures {
        let surfaces = Surfaces<UInt32>()

        func surface(_ glyph: ColorGlyph) -> OpaquePointer? {
            surfaces.surface(glyph.id) { () -> OpaquePointer? in
                let surface = CairoPainter.pngSurface(glyph.png)
                guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
                      cairo_image_surface_get_width(surface) > 0, cairo_image_surface_get_height(surface) > 0 else {
                    cairo_surface_destroy(surface)
                    return nil
                }
                return surface
            }
        }
    }

    static func paint(_ document: TypesetDocument, shaper: TextShaper, metadata: Metadata) throws(ExportError) -> [UInt8] {
        let sink = Sink()
        let first = document.pages.first
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            if let data { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), first?.width ?? 595, first?.height ?? 842)!
        defer { cairo_surface_destroy(surface) }

        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        if let a = metadata.author { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, a) }
        if let s = metadata.subject { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, s) }
        if let k = metadata.keywords { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, k) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        // Both dates set: cairo then writes no clock time, and equal inputs give equal bytes.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata.date)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, metadata.date)

        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_tag_begin(cr, "Document", "")
        // Every structure element begun, for the entries cairo cannot write (AccessibilityUpdate).
        var begun = [AccessibilityUpdate.Element(kind: "Document")]
        let described = StructureDescriptions(document, language: metadata.language)
        // The structure elements open now, outermost first.
        var open: [StructureElement.Tag] = []
        let advances = Advances()
        let nominal = NominalAdvances()
        let pictures = Pictures()
        let images = ImageCache()
        var size = (width: first?.width ?? 595, height: first?.height ?? 842)
        func close(keeping count: Int = 0) {
            while open.count > count { cairo_tag_end(cr, open.removeLast().kind.rawValue) }
        }
        for (index, page) in document.pages.enumerated() {
            // Only on a change: cairo 1.16 asserts at finish when set_size is called
            // on every page of a tagged document with named destinations.
            if page.width != size.width || page.height != size.height {
                cairo_pdf_surface_set_size(surface, page.width, page.height)
                size = (page.width, page.height)
            }
            cairo_pdf_surface_set_page_label(surface, page.label)
            pictures.surfaces.newPage()
            images.surfaces.newPage()
            for (i, item) in page.items.enumerated() {
                switch item {
                case .glyphs(let run, let element):
                    enter(element)
                    // Where the next run goes on from this one (the next word, in another font).
                    var next: Double?
                    if i + 1 < page.items.count, case .glyphs(let following, _) = page.items[i + 1], !following.glyphs.isEmpty,
                       following.origin.y == run.origin.y {
                        next = following.origin.x + following.glyphs[0].x
                    }
                    // Black is cairo's default source: other colours are set for the item alone.
                    if run.color != .black { cairo_save(cr); cairo_set_source_rgb(cr, run.color.red, run.color.green, run.color.blue) }
                    draw(run, next: next, cr: cr, shaper: shaper, advances: advances, nominal: nominal, pictures: pictures)
                    if run.color != .black { cairo_restore(cr) }
                case .rule(let from, let to, let thickness, let color, let element):
                    enter(element)
                    if color != .black { cairo_save(cr); cairo_set_source_rgb(cr, color.red, color.green, color.blue) }
                    cairo_set_line_width(cr, thickness)
                    cairo_move_to(cr, from.x, from.y)
                    cairo_line_to(cr, to.x, to.y)
                    cairo_stroke(cr)
                    if color != .black { cairo_restore(cr) }
                case .fill(let rect, let color, let element):
                    enter(element)
                    cairo_save(cr)
                    cairo_set_source_rgb(cr, color.red, color.green, color.blue)
                    cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
                    cairo_fill(cr)
                    cairo_restore(cr)
                case .link:
                    // After the page's content (below): cairo 1.16 does not resume an element's
                    // marked content after a Link tag inside it, so the rest of a paragraph
                    // with a link was drawn outside any marked content.
                    break
                case .destination(let name, let point):
                    close()
                    cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(DestinationName.of(name))' x=\(fmt(point.x)) y=\(fmt(point.y))")
                    cairo_tag_end(cr, CAIRO_TAG_DEST)
                case .image(let ref, let rect, let alt, let element):
                    enter(element)
                    drawHidden(alt, within: rect, cr: cr, shaper: shaper, advances: advances, nominal: nominal)
                    try draw(document.images[ref.index], ref.index, in: rect, cr: cr, cache: images)
                }
            }
            // A structure element may not span pages in cairo 1.16: close them; the
            // rest of a split paragraph becomes a second P on the next page (and of
            // a list, a second L).
            close()
            // Each link annotation, in a Link element of its own.
            for case .link(let rects, let target) in page.items {
                let area = rects.map { "\(fmt($0.x)) \(fmt($0.y)) \(fmt($0.width)) \(fmt($0.height))" }.joined(separator: " ")
                // cairo copies both into PDF strings unescaped (`/URI (…)`, the /Names
                // tree): both come from alphabets without `(`, `)`, `\` and `'`.
                let attributes = switch target.kind {
                case .uri: "uri='\(target.value)' rect=[\(area)]"
                case .fragment: "dest='\(DestinationName.of(target.value))' rect=[\(area)]"
                }
                cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
                cairo_tag_end(cr, CAIRO_TAG_LINK)
                begun.append(.init(kind: "Link", annotationEntries: "/Contents \(AccessibilityUpdate.textString(described.link(target)))"))
            }
            // The document element must end on a page: after the last show_page cairo drops it.
            if index == document.pages.count - 1 { cairo_tag_end(cr, "Document") }
            cairo_show_page(cr)
        }

        // The outline: the title at the top, headings nested by level below it.
        var parents: [(level: Int, id: Int32)] = []
        for entry in document.outline {
            while let last = parents.last, last.level >= entry.level { parents.removeLast() }
            let parent = parents.last?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
            let flags = entry.level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0)
            let id = cairo_pdf_surface_add_outline(surface, parent, entry.title, "dest='\(DestinationName.of(entry.destination))'", flags)
            parents.append((entry.level, id))
        }
        // A drawing error makes cairo ignore all later drawing on `cr`: fail
        // rather than write a PDF with text missing.
        let drawing = cairo_status(cr)
        guard drawing == CAIRO_STATUS_SUCCESS else {
            throw ExportError(.internalError, "cairo could not draw the PDF: \(String(cString: cairo_status_to_string(drawing)))")
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ExportError(.internalError, "cairo could not write the PDF: \(String(cString: cairo_status_to_string(status)))")
        }
        return try AccessibilityUpdate.rewrite(sink.bytes, metadata, elements: begun)

        /// Closes the open elements that do not enclose `element`, opens those that do.
        func enter(_ element: StructureElement) {
            if element.kind == .artifact { close(); return }
            let path = element.path
            var shared = 0
            while shared < min(open.count, path.count), open[shared] == path[shared] { shared += 1 }
            close(keeping: shared)
            for tag in path[shared...] {
                cairo_tag_begin(cr, tag.kind.rawValue, "")
                open.append(tag)
                begun.append(.init(kind: tag.kind.rawValue, entries: described.entries(tag)))
            }
        }
    }

    /// An image fitted into `rect`: SVG as vectors (librsvg), the rest as one
    /// image each: PNG read by cairo, JPEG embedded as it is (/DCTDecode; a CMYK
    /// one decoded), turned by its EXIF orientation, GIF and WebP decoded to pixels
    /// by gdk-pixbuf.
    private static func draw(_ image: DocumentImage, _ index: Int, in rect: Rect, cr: OpaquePointer,
                             cache: ImageCache) throws(ExportError) {
        guard let resource = image.resource, rect.width > 0, rect.height > 0 else { return }   // typeset() refuses an image without bytes
        if resource.mediaType == .svg {
            let svg: SVGImage
            if let known = cache.svgs[index] {
                svg = known
            } else {
                svg = try SVGImage(resource.bytes, source: image.source)
                cache.svgs[index] = svg
            }
            cairo_save(cr)
            defer { cairo_restore(cr) }
            try svg.render(into: cr, rect)
            return
        }
        guard let surface = try cache.surfaces.surface(index, make: { () throws(ExportError) -> OpaquePointer? in
            try makeSurface(resource, source: image.source)
        }) else { return }
        let w = Double(cairo_image_surface_get_width(surface)), h = Double(cairo_image_surface_get_height(surface))
        let upright = ExifOrientation.swapsSides(image.orientation) ? (w: h, h: w) : (w: w, h: h)
        cairo_save(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / upright.w, rect.height / upright.h)
        let m = ExifOrientation.matrix(image.orientation, width: w, height: h)
        var matrix = cairo_matrix_t()
        cairo_matrix_init(&matrix, m.0, m.1, m.2, m.3, m.4, m.5)
        cairo_transform(cr, &matrix)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// Past this many pixels an image decoded for drawing (four bytes each) is refused,
    /// not left to exhaust memory: a 16 MB file may hold a PNG of 30,000 × 30,000.
    static let maxDecodedPixels = 64 << 20

    /// The cairo image surface of a raster image (the caller owns it).
    private static func makeSurface(_ resource: ImageResource, source: String) throws(ExportError) -> OpaquePointer {
        let embedJPEG = resource.mediaType == .jpeg && JPEGFrame.embeddable(resource.bytes)
        if !embedJPEG, let w = resource.width, let h = resource.height, w * h > maxDecodedPixels {
            throw ExportError(.badInput, "the image `\(source)` is \(w) × \(h) pixels, more than artexport decodes for a PDF (\(maxDecodedPixels / 1_000_000) million); scale it down")
        }
        switch resource.mediaType {
        case .png:
            let surface = pngSurface(resource.bytes)
            let status = cairo_surface_status(surface)
            guard status == CAIRO_STATUS_SUCCESS else {
                cairo_surface_destroy(surface)
                throw ExportError(.badInput, "the image `\(source)` is a PNG cairo cannot read: \(String(cString: cairo_status_to_string(status)))")
            }
            return surface
        case .jpeg where embedJPEG:
            // A surface of the JPEG's size carrying its bytes: cairo's PDF backend
            // writes those bytes (/DCTDecode), never the surface's pixels.
            guard let w = resource.width, let h = resource.height else {
                throw ExportError(.badInput, "the image `\(source)` gives no size in pixels; its header is damaged")
            }
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))!
            let copy = malloc(resource.bytes.count)!
            resource.bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            let status = cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self),
                                                     UInt(resource.bytes.count), { free($0) }, copy)
            guard status == CAIRO_STATUS_SUCCESS, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
                if status != CAIRO_STATUS_SUCCESS { free(copy) }
                cairo_surface_destroy(surface)
                throw ExportError(.internalError, "cairo could not hold the JPEG `\(source)`: \(String(cString: cairo_status_to_string(status)))")
            }
            return surface
        case .gif, .webp, .jpeg:
            // A CMYK or 12-bit JPEG too: cairo would draw the surface's pixels, not its bytes.
            let pixels = try PixbufDecoder.decode(resource.bytes, type: resource.mediaType, source: source)
            let surface = cairo_image_surface_create(pixels.opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                                     Int32(pixels.width), Int32(pixels.height))!
            guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
                cairo_surface_destroy(surface)
                throw ExportError(.internalError, "cairo could not make a \(pixels.width) × \(pixels.height) image for `\(source)`")
            }
            cairo_surface_flush(surface)
            let stride = Int(cairo_image_surface_get_stride(surface))
            let rowBytes = pixels.width * 4
            pixels.argb.withUnsafeBytes { (argb: UnsafeRawBufferPointer) in
                let base = argb.baseAddress!
                for y in 0..<pixels.height {
                    let target = UnsafeMutableRawPointer(data + y * stride)
                    target.copyMemory(from: base + y * rowBytes, byteCount: rowBytes)
                }
            }
            cairo_surface_mark_dirty(surface)
            return surface
        case .svg:
            throw ExportError(.internalError, "an SVG image reached the raster path")
        }
    }

    /// An image's alternative text beneath it, for the text layer and its element
    /// (cairo 1.16 writes no /Alt): drawn as text is, but nearly transparent (cairo
    /// drops a wholly transparent drawing) and squeezed into the image's width.
    private static func drawHidden(_ runs: [GlyphRun], within rect: Rect, cr: OpaquePointer, shaper: TextShaper, advances: Advances,
                                   nominal: NominalAdvances) {
        let drawn = runs.filter { !$0.glyphs.isEmpty }
        guard let left = drawn.map(\.origin.x).min(), let right = drawn.map({ $0.origin.x + $0.width }).max(), right > left else { return }
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_set_source_rgba(cr, 0, 0, 0, 1.0 / 255)
        let squeeze = min(1, rect.width / (right - left))
        cairo_translate(cr, left, 0)
        cairo_scale(cr, squeeze, 1)
        cairo_translate(cr, -left, 0)
        for run in drawn { draw(run, next: nil, cr: cr, shaper: shaper, advances: advances, nominal: nominal, pictures: nil) }
    }

    /// Glyphs with their text and clusters, so the PDF maps glyphs back to
    /// characters (ligatures, marks, right-to-left runs) and text extracts.
    private static func draw(_ run: GlyphRun, next: Double?, cr: OpaquePointer, shaper: TextShaper, advances: Advances,
                             nominal: NominalAdvances, pictures: Pictures?) {
        guard !run.glyphs.isEmpty, let font = shaper.scaledFont(run.font) else { return }
        if let picture = run.colorGlyph, let pictures, let surface = pictures.surface(picture) {
            // An emoji: its text as one nearly transparent glyph (cairo drops a wholly
            // transparent one, and with it the text), the picture over it.
            var text = run
            text.colorGlyph = nil
            text.xScale = run.xScale * picture.textScale
            cairo_save(cr)
            cairo_set_source_rgba(cr, 0, 0, 0, 1.0 / 255)
            draw(text, next: next, cr: cr, shaper: shaper, advances: advances, nominal: nominal, pictures: nil)
            cairo_restore(cr)
            let rect = picture.rect
            cairo_save(cr)
            cairo_translate(cr, run.origin.x + rect.x * run.xScale, run.origin.y + rect.y)
            cairo_scale(cr, rect.width * run.xScale / Double(cairo_image_surface_get_width(surface)),
                        rect.height / Double(cairo_image_surface_get_height(surface)))
            cairo_set_source_surface(cr, surface, 0, 0)
            cairo_paint(cr)
            cairo_restore(cr)
            return
        }
        if run.xScale != 1 && run.xScale.isFinite && run.xScale > 0 {
            // An expanded run: drawn in a space scaled about its origin, so its glyphs'
            // shapes widen with their positions; the PDF keeps one subset of the face.
            cairo_save(cr)
            defer { cairo_restore(cr) }
            cairo_translate(cr, run.origin.x, run.origin.y)
            cairo_scale(cr, run.xScale, 1)
            var local = run
            local.origin = Point(x: 0, y: 0)
            local.xScale = 1
            local.width = run.width / run.xScale
            local.glyphs = run.glyphs.scaled(by: 1 / run.xScale)
            draw(local, next: next.map { ($0 - run.origin.x) / run.xScale }, cr: cr, shaper: shaper, advances: advances, nominal: nominal,
                 pictures: pictures)
            return
        }
        var glyphs = run.glyphs.map { cairo_glyph_t(index: UInt($0.id), x: run.origin.x + $0.x, y: run.origin.y + $0.y) }
        if !run.backward { placeSpaces(run, &glyphs, next: next, font: font, nominal: nominal) }
        var clusters = textClusters(run, glyphs: glyphs, font: font, advances: advances)
        var drawn = font
        if !run.backward, let alternate = alternates(clusters, run: run, glyphs: glyphs, shaper: shaper) {
            if alternate.allLetters, let twin = shaper.alternatesFont(run.font) {
                drawn = twin
            } else {
                clusters = joining(clusters, alternate.clusters)
            }
        }
        cairo_set_scaled_font(cr, drawn)
        let text = Array(run.text.utf8)
        text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                cairo_show_text_glyphs(cr, chars, Int32(buffer.count), &glyphs, Int32(glyphs.count), &clusters, Int32(clusters.count),
                                       run.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0))
            }
        }
    }

    /// Word spaces are drawn as space glyphs at the start of their gap (ParagraphSetter).
    /// cairo 1.16 writes each glyph's offset from where the one before it ends in
    /// thousandths of an em, and drops an offset under 3 (the "kerning" it deems too
    /// small): the gap after a space glyph is the space's kerning or stretch, often 1 or
    /// 2, which cairo would drop, moving the rest of the line by up to 0.0025 em from
    /// where it was drawn without the space glyph. So where that gap is small, the space
    /// glyph moves (it has no ink) to end 0.01 em before the next glyph: the offset after
    /// it is then written, and every glyph after it sits exactly where it did.
    private static func placeSpaces(_ run: GlyphRun, _ glyphs: inout [cairo_glyph_t], next: Double?, font: OpaquePointer,
                                    nominal: NominalAdvances) {
        var matrix = cairo_matrix_t()
        cairo_scaled_font_get_font_matrix(font, &matrix)
        guard matrix.xx > 0 else { return }
        let unit = matrix.xx / 1000           // a thousandth of an em, in points
        let text = Array(run.text.utf8)
        var byte = 0, g = 0
        for c in run.clusters {
            if c.bytes == 1, c.glyphs == 1, text[byte] == 0x20, let after = g + 1 < glyphs.count ? glyphs[g + 1].x : next {
                let advance = nominal.advance(UInt32(glyphs[g].index), font: run.font, scaled: font)
                let residual = (after - glyphs[g].x - advance) / unit
                if abs(residual) < 13 { glyphs[g].x = after - advance - 10 * unit }
            }
            byte += c.bytes
            g += c.glyphs
        }
    }

    /// The run's clusters for cairo, with one change: where kerning opens a gap
    /// inside a word (EB Garamond's f–ä: 0.1 em), text extractors see a word
    /// space. Merging the two clusters makes cairo write them as one /ActualText
    /// span, which extracts as the word it is. Word spaces are drawn as space
    /// glyphs (ParagraphSetter): a space cluster and its neighbours stay apart,
    /// so a narrow word space (a space kerned against W) never joins two words.
    private static func textClusters(_ run: GlyphRun, glyphs: [cairo_glyph_t], font: OpaquePointer, advances: Advances) -> [cairo_text_cluster_t] {
        // Right-to-left runs are drawn as shaped (cluster order is not glyph order
        // there). One cluster per word was tried for Arabic lam-alef, which
        // poppler splits: poppler then reversed the /ActualText and pdfminer lost
        // the mapping, so per-cluster it stays (docs/fonts.md).
        if run.backward {
            return run.clusters.map { cairo_text_cluster_t(num_bytes: Int32($0.bytes), num_glyphs: Int32($0.glyphs)) }
        }
        var result: [cairo_text_cluster_t] = []
        var g = 0
        var byte = 0
        let text = Array(run.text.utf8)
        var previousIsSpace = false
        // Kerning gaps are under 0.15 em; a gap wider than that is a word space
        // (runs hold several words), which must stay a gap.
        let threshold = 0.06 * run.size
        let wordSpace = 0.15 * run.size
        // The font's advances, looked up once a run rather than once a glyph.
        var table = advances.table.removeValue(forKey: run.font) ?? [:]
        defer { advances.table[run.font] = table }
        for (n, c) in run.clusters.enumerated() {
            let cluster = cairo_text_cluster_t(num_bytes: Int32(c.bytes), num_glyphs: Int32(c.glyphs))
            let isSpace = c.bytes == 1 && byte < text.count && text[byte] == 0x20
            let afterSpace = previousIsSpace
            defer { g += c.glyphs; byte += c.bytes; previousIsSpace = isSpace }
            guard n > 0, c.glyphs > 0, g > 0, !isSpace, !afterSpace, var last = result.last else { result.append(cluster); continue }
            // Nominal advance of the previous glyph against where this one starts.
            var previous = glyphs[g - 1]
            let id = UInt32(previous.index)
            let advance: Double
            if let known = table[id] {
                advance = known
            } else {
                var extents = cairo_text_extents_t()
                cairo_scaled_font_glyph_extents(font, &previous, 1, &extents)
                advance = extents.x_advance
                table[id] = advance
            }
            let gap = glyphs[g].x - (previous.x + advance)
            if gap > threshold && gap < wordSpace && run.size > 0 {
                last.num_bytes += cluster.num_bytes
                last.num_glyphs += cluster.num_glyphs
                result[result.count - 1] = last
            } else {
                result.append(cluster)
            }
        }
        return result
    }

    /// cairo puts a glyph drawn for one character into a one-byte (WinAnsi) subset
    /// under that character's code, and each code holds one glyph: the first glyph
    /// drawn for a character keeps it. A small capital drawn for `o` (a byline, a
    /// running head) took `o`'s code, and from then on every body `o` went to the
    /// two-byte subset, with a font change before and after it: on a 16-page article
    /// 30,192 font changes, two thirds of the content stream. So a glyph that is not
    /// the font's own for its character (a small capital, an old-style figure, any
    /// feature's alternate) is kept from the face's codes: a run whose letters are
    /// all alternates is drawn from a second face of the font (`alternatesFont`),
    /// whose codes are its own and whose text maps as the body's does; an alternate
    /// among the face's own letters is drawn in a cluster of more than one glyph,
    /// which cairo maps by /ActualText (joining the alternates beside it, and one
    /// neighbour more when it stands alone).
    ///
    /// Which one-glyph clusters draw an alternate, and whether every letter of the run
    /// is one; nil when none is.
    private static func alternates(_ clusters: [cairo_text_cluster_t], run: GlyphRun, glyphs: [cairo_glyph_t],
                                   shaper: TextShaper) -> (clusters: [Bool], allLetters: Bool)? {
        let text = Array(run.text.utf8)
        var alternate = [Bool](repeating: false, count: clusters.count)
        var any = false, ownLetter = false
        var byte = 0, g = 0
        for (n, c) in clusters.enumerated() {
            defer { byte += Int(c.num_bytes); g += Int(c.num_glyphs) }
            guard c.num_glyphs == 1, c.num_bytes >= 1, c.num_bytes <= 4 else { ownLetter = true; continue }
            var decoder = UTF8()
            var iterator = text[byte..<(byte + Int(c.num_bytes))].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil else { continue }
            if shaper.nominalGlyph(run.font, scalar) != UInt32(glyphs[g].index) {
                alternate[n] = true
                any = true
            } else if scalar.properties.isAlphabetic {
                ownLetter = true
            }
        }
        return any ? (alternate, !ownLetter) : nil
    }

    /// `clusters` with each stretch of alternates one cluster of two glyphs or more.
    private static func joining(_ clusters: [cairo_text_cluster_t], _ alternate: [Bool]) -> [cairo_text_cluster_t] {
        var result: [cairo_text_cluster_t] = []
        result.reserveCapacity(clusters.count)
        var n = 0
        while n < clusters.count {
            guard alternate[n] else { result.append(clusters[n]); n += 1; continue }
            var joined = clusters[n]
            var end = n + 1
            while end < clusters.count, alternate[end] {
                joined.num_bytes += clusters[end].num_bytes
                joined.num_glyphs += clusters[end].num_glyphs
                end += 1
            }
            if joined.num_glyphs == 1 {
                if end < clusters.count {
                    joined.num_bytes += clusters[end].num_bytes
                    joined.num_glyphs += clusters[end].num_glyphs
                    end += 1
                } else if let previous = result.popLast() {
                    joined.num_bytes += previous.num_bytes
                    joined.num_glyphs += previous.num_glyphs
                }
            }
            result.append(joined)
            n = end
        }
        return result
    }

    private static func fmt(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return String(r)
    }
}
