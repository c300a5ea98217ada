import ArtExportCore
import CGLib
import CRsvg

/// GIF and WebP images to pixels, through gdk-pixbuf's loaders (cairo reads PNG
/// only, and JPEG is embedded as it is, but for the CMYK or 12-bit JPEGs cairo
/// cannot embed). The loader and its pixbuf live only for the call. An animation
/// gives its first frame, as print would show it. gdk-pixbuf is opened with the
/// first such image (Sources/CRsvg/shim.h says why not at start-up).
enum PixbufDecoder {
    /// Premultiplied, in cairo's ARGB32 layout (one native-endian word a pixel).
    struct Pixels: Equatable {
        var width: Int
        var height: Int
        var opaque: Bool
        var argb: [UInt32]
    }

    static func decode(_ bytes: [UInt8], type: ImageResource.MediaType, source: String) throws(ExportError) -> Pixels {
        let name = type == .webp ? "webp" : type == .gif ? "gif" : type == .png ? "png" : "jpeg"
        // Debian's WebP loader reports no error for data cut short: it gives a blank or part image.
        if type == .webp, !webpIsWhole(bytes) {
            throw ExportError(.badInput, "the image `\(source)` cannot be decoded: its WebP data is cut short or holds no image")
        }
        // Opened once, here or by an earlier image; a machine without it gets a message, not a crash.
        if let why = rsv_open_pixbuf() {
            throw ExportError(.unavailable, "the image `\(source)` needs gdk-pixbuf to be decoded (apt-get install libgdk-pixbuf-2.0-0): \(String(cString: why))")
        }
        var error: UnsafeMutablePointer<GError>?
        guard let loader = rsv_gdk_pixbuf_loader_new_with_type(name, &error) else {
            let hint = type == .webp ? " (install Debian's webp-pixbuf-loader)" : ""
            throw ExportError(.badInput, "the image `\(source)` cannot be decoded: no \(name.uppercased()) decoder for gdk-pixbuf\(hint): \(message(&error))")
        }
        defer { g_object_unref(loader) }
        let wrote = bytes.withUnsafeBufferPointer { rsv_gdk_pixbuf_loader_write(loader, $0.baseAddress, gsize($0.count), &error) }
        // Closed even after a failed write, as gdk-pixbuf asks.
        let closed = wrote != 0 ? rsv_gdk_pixbuf_loader_close(loader, &error) : rsv_gdk_pixbuf_loader_close(loader, nil)
        guard wrote != 0, closed != 0, let pixbuf = rsv_gdk_pixbuf_loader_get_pixbuf(loader) else {
            throw ExportError(.badInput, "the image `\(source)` cannot be decoded: \(message(&error))")
        }
        let width = Int(rsv_gdk_pixbuf_get_width(pixbuf)), height = Int(rsv_gdk_pixbuf_get_height(pixbuf))
        let channels = Int(rsv_gdk_pixbuf_get_n_channels(pixbuf)), stride = Int(rsv_gdk_pixbuf_get_rowstride(pixbuf))
        let alpha = rsv_gdk_pixbuf_get_has_alpha(pixbuf) != 0
        guard width > 0, height > 0, rsv_gdk_pixbuf_get_bits_per_sample(pixbuf) == 8, channels == (alpha ? 4 : 3),
              let data = rsv_gdk_pixbuf_read_pixels(pixbuf) else {
            throw ExportError(.badInput, "the image `\(source)` cannot be decoded: gdk-pixbuf gave no 8-bit RGB pixels")
        }
        var argb = [UInt32](repeating: 0, count: width * height)
        var opaque = true
        for y in 0..<height {
            let row = data + y * stride
            for x in 0..<width {
                let p = row + x * channels
                let a = alpha ? UInt32(p[3]) : 255
                if a != 255 { opaque = false }
                func premultiplied(_ c: UInt8) -> UInt32 { (UInt32(c) * a + 127) / 255 }
                argb[y * width + x] = a << 24 | premultiplied(p[0]) << 16 | premultiplied(p[1]) << 8 | premultiplied(p[2])
            }
        }
        return Pixels(width: width, height: height, opaque: opaque, argb: argb)
    }

    /// A WebP file's RIFF chunks all within the file, one of them an image (a still's
    /// VP8 or VP8L, or an animation's frame).
    static func webpIsWhole(_ b: [UInt8]) -> Bool {
        func le32(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24 }
        guard b.count >= 20, b.starts(with: Array("RIFF".utf8)), b[8..<12].elementsEqual("WEBP".utf8) else { return false }
        let end = le32(4) + 8
        guard end <= b.count else { return false }
        var i = 12, image = false
        while i + 8 <= end {
            let size = le32(i + 4)
            guard i + 8 + size <= end else { return false }
            let tag = String(decoding: b[i..<(i + 4)], as: UTF8.self)
            if tag == "VP8 " || tag == "VP8L" || tag == "ANMF" { image = image || size > 0 }
            i += 8 + size + size % 2
        }
        return image
    }

    private static func message(_ error: inout UnsafeMutablePointer<GError>?) -> String {
        guard let e = error else { return "gdk-pixbuf gave no reason" }
        defer { g_error_free(e); error = nil }
        return e.pointee.message.map { String(cString: $0) } ?? "gdk-pixbuf gave no reason"
    }
}
