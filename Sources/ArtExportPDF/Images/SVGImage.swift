import ArtExportCore
import CGLib
import CRsvg

/// One SVG document as librsvg reads it; the wrapper owns the handle and frees it.
/// librsvg is opened with the first SVG (Sources/CRsvg/shim.h says why not at start-up).
/// Made from the image's bytes alone, with no base file: librsvg then loads
/// nothing beside them (an `<image>` inside may only be a data: URL), and the
/// Markdown reader has already refused scripts. Its links are not followed: an
/// SVG shown as an image is not interactive in a browser (nor so in the EPUB).
final class SVGImage {
    private let handle: UnsafeMutablePointer<RsvgHandle>
    let source: String

    init(_ bytes: [UInt8], source: String) throws(ExportError) {
        self.source = source
        // Opened once, here or by an earlier image; a machine without it gets a message, not a crash.
        if let why = rsv_open_svg() {
            throw ExportError(.unavailable, "the image `\(source)` is an SVG, and SVG images need librsvg (apt-get install librsvg2-2): \(String(cString: why))")
        }
        var error: UnsafeMutablePointer<GError>?
        let made: UnsafeMutablePointer<RsvgHandle>? = Self.withoutLinks(bytes).withUnsafeBytes { buffer in
            // The stream reads the bytes in place; librsvg has read them all when the call returns.
            let stream = rsv_g_memory_input_stream_new_from_data(buffer.baseAddress, buffer.count, nil)
            defer { g_object_unref(stream) }
            // Embedded JPEGs stay JPEG in the PDF rather than decoded pixels.
            return rsv_rsvg_handle_new_from_stream_sync(stream, nil, RSVG_HANDLE_FLAG_KEEP_IMAGE_DATA, nil, &error)
        }
        guard let made else { throw ExportError(.badInput, "the image `\(source)` is not an SVG librsvg can read: \(Self.message(&error))") }
        handle = made
        // CSS pixels: 96 to the inch, as a browser has them.
        rsv_rsvg_handle_set_dpi(handle, 96)
    }

    deinit { g_object_unref(handle) }

    /// Its size in CSS pixels, as a browser would set it alone: its width and height
    /// in absolute units; one of them and the viewBox's proportions; the viewBox's
    /// size; else a replaced element's default, 300 × 150.
    var naturalSize: (width: Double, height: Double) {
        var w = 0.0, h = 0.0
        if rsv_rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) != 0, w > 0, h > 0 { return (w, h) }
        var hasWidth: gboolean = 0, hasHeight: gboolean = 0, hasViewBox: gboolean = 0
        var width = RsvgLength(), height = RsvgLength(), box = RsvgRectangle()
        rsv_rsvg_handle_get_intrinsic_dimensions(handle, &hasWidth, &width, &hasHeight, &height, &hasViewBox, &box)
        let aspect = hasViewBox != 0 && box.width > 0 && box.height > 0 ? box.width / box.height : nil
        switch (Self.pixels(width), Self.pixels(height), aspect) {
        case (let w?, _, let a?): return (w, w / a)
        case (_, let h?, let a?): return (h * a, h)
        case (nil, nil, .some): return (box.width, box.height)
        case (let w?, let h?, nil): return (w, h)
        case (let w?, nil, nil): return (w, 150)
        case (nil, let h?, nil): return (300, h)
        case (nil, nil, nil): return (300, 150)
        }
    }

    /// An absolute length in CSS pixels; nil for a percentage or a font-relative one.
    private static func pixels(_ length: RsvgLength) -> Double? {
        let factor: Double
        switch length.unit {
        case RSVG_UNIT_PX: factor = 1
        case RSVG_UNIT_IN: factor = 96
        case RSVG_UNIT_CM: factor = 96 / 2.54
        case RSVG_UNIT_MM: factor = 96 / 25.4
        case RSVG_UNIT_PT: factor = 96 / 72
        case RSVG_UNIT_PC: factor = 16
        default: return nil
        }
        let v = length.length * factor
        return v > 0 && v.isFinite ? v : nil
    }

    /// Draws the whole document fitted into `rect` (user space of `cr`), as vectors.
    func render(into cr: OpaquePointer, _ rect: Rect) throws(ExportError) {
        var viewport = RsvgRectangle(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        var error: UnsafeMutablePointer<GError>?
        guard rsv_rsvg_handle_render_document(handle, cr, &viewport, &error) != 0 else {
            throw ExportError(.badInput, "the image `\(source)` cannot be drawn by librsvg: \(Self.message(&error))")
        }
    }

    /// The document with each `<a>` element renamed `<g>`, a group that draws the
    /// same. librsvg makes an `<a>` a cairo link tag, which would put a link
    /// annotation in the PDF that no check has passed, and a Link element inside
    /// the image's Figure. Comments, CDATA sections and processing instructions
    /// are passed over; elsewhere in XML a `<` can only open a tag.
    static func withoutLinks(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        let n = bytes.count
        func starts(_ i: Int, _ s: String) -> Bool { bytes[i...].starts(with: s.utf8) }
        func skip(from i: Int, past end: String) -> Int {
            var k = i
            while k < n, !starts(k, end) { k += 1 }
            return min(n, k + end.utf8.count)
        }
        func isNameByte(_ b: UInt8) -> Bool {
            b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x3A || b == 0x2D || b == 0x5F || b == 0x2E
        }
        var i = 0
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if starts(i, "<!--") { i = skip(from: i + 4, past: "-->"); continue }
            if starts(i, "<![CDATA[") { i = skip(from: i + 9, past: "]]>"); continue }
            if starts(i, "<?") { i = skip(from: i + 2, past: "?>"); continue }
            var j = i + 1
            if j < n, bytes[j] == UInt8(ascii: "/") { j += 1 }
            let start = j
            while j < n, isNameByte(bytes[j]) { j += 1 }
            // `a` or `prefix:a`, ended by a space, `>` or `/`.
            let local = bytes[start..<j].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).last ?? []
            if local.elementsEqual([UInt8(ascii: "a")]), j == n || [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(bytes[j]) {
                out[j - 1] = UInt8(ascii: "g")
            }
            i = max(j, i + 1)
        }
        return out
    }

    private static func message(_ error: inout UnsafeMutablePointer<GError>?) -> String {
        guard let e = error else { return "no reason given" }
        defer { g_error_free(e); error = nil }
        return e.pointee.message.map { String(cString: $0) } ?? "no reason given"
    }
}
