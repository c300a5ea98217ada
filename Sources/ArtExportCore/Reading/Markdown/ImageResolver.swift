/// Turns an image's path, as a Markdown article writes it, into its checked
/// bytes: only files inside the article's folder (no absolute path, no `..`
/// out of it, no symlink out of it, no URL), of a type the name claims and the
/// bytes confirm.
struct ImageResolver {
    /// The article's folder; nil when the article has none (standard input, bytes).
    let folder: LocalPath?
    let file: String

    /// Far beyond a newsletter's image, small enough that a wrong file fails at once.
    static let sizeLimit = 16 << 20

    private static let extensions: [String: ImageResource.MediaType] = [
        "png": .png, "jpg": .jpeg, "jpeg": .jpeg, "gif": .gif, "webp": .webp, "svg": .svg,
    ]

    func resolve(_ source: String, line: Int) throws(ExportError) -> ImageResource {
        func fail(_ message: String) -> ExportError {
            ExportError(.badInput, file: file, line: line, "the image `\(source)` \(message)")
        }
        guard !source.isEmpty else { throw ExportError(.badInput, file: file, line: line, "an image has no file name; write `![description](picture.png)`") }
        if LinkTarget.scheme(of: source) != nil || source.hasPrefix("//") {
            throw fail("is a URL; artexport embeds only image files in the article's folder: save it beside the article and give its file name")
        }
        // cmark percent-encodes the destination; the file name is the decoded bytes.
        let bytes = Self.percentDecoded(source)
        if bytes.first == UInt8(ascii: "/") {
            throw fail("is an absolute path; give the path relative to the article's folder")
        }
        if bytes.contains(0) { throw fail("holds a NUL byte; give the image's file name") }
        var components: [[UInt8]] = []
        for part in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if part.elementsEqual([UInt8(ascii: ".")]) { continue }
            if part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                guard !components.isEmpty else { throw fail("is outside the article's folder (its `..` leaves it); put the image in the article's folder") }
                components.removeLast()
            } else {
                components.append(Array(part))
            }
        }
        guard let name = components.last else { throw fail("names a folder, not an image file") }
        let ext = String(decoding: name.split(separator: UInt8(ascii: ".")).dropFirst().last ?? [], as: UTF8.self).lowercased()
        guard let claimed = Self.extensions[ext] else {
            throw fail("is not a PNG, JPEG, GIF, WebP or SVG file (by its name); artexport embeds those types only")
        }
        guard let folder else {
            throw fail("cannot be found: an article read from standard input has no folder; give the article as a file")
        }
        let path = components.reduce(folder) { $0.appending(LocalPath(bytes: $1)) }
        guard let real = FileIO.realPath(path) else {
            throw fail(FileIO.exists(path) ? "cannot be opened (a broken or looping symlink, or no permission)" : "does not exist; put it in the article's folder (\(folder)) or correct the name")
        }
        guard let realFolder = FileIO.realPath(folder), Self.isInside(real, realFolder) else {
            throw fail("leads outside the article's folder (through a symlink); put the image itself in the folder")
        }
        let data: [UInt8]
        do {
            data = try FileIO.read(path: real, limit: Self.sizeLimit)
        } catch {
            throw fail("cannot be read: \(error.diagnostic.message)")
        }
        guard let sniffed = ImageHeader.mediaType(of: data) else {
            throw fail("is not a \(Self.label(claimed)) file: its bytes are no image type artexport knows")
        }
        guard sniffed == claimed else {
            throw fail("is named as \(Self.label(claimed)) but holds \(Self.label(sniffed)) bytes; rename or convert it")
        }
        if sniffed == .svg, let unsafe = ImageHeader.activeSVGContent(data) {
            throw fail("holds \(unsafe), which an e-book must not run; remove it from the SVG")
        }
        guard let size = ImageHeader.size(of: data, type: sniffed) else {
            throw fail("is damaged: its \(Self.label(sniffed)) header gives no size")
        }
        return ImageResource(bytes: data, mediaType: sniffed, width: size.width, height: size.height)
    }

    static func label(_ type: ImageResource.MediaType) -> String {
        switch type {
        case .png: return "PNG"
        case .jpeg: return "JPEG"
        case .gif: return "GIF"
        case .webp: return "WebP"
        case .svg: return "SVG"
        }
    }

    private static func isInside(_ path: LocalPath, _ folder: LocalPath) -> Bool {
        let prefix = folder.bytes.last == UInt8(ascii: "/") ? folder.bytes : folder.bytes + [UInt8(ascii: "/")]
        return path.bytes.starts(with: prefix)
    }

    static func percentDecoded(_ s: String) -> [UInt8] {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let hi = hex(b[i + 1]), let lo = hex(b[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// What an image file's first bytes say: its type and its size in pixels.
enum ImageHeader {
    static func mediaType(of b: [UInt8]) -> ImageResource.MediaType? {
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) { return .gif }
        if b.count >= 12, b.starts(with: Array("RIFF".utf8)), b[8..<12].elementsEqual("WEBP".utf8) { return .webp }
        if svgStartTag(b) != nil { return .svg }
        return nil
    }

    static func size(of b: [UInt8], type: ImageResource.MediaType) -> (width: Int?, height: Int?)? {
        func be16(_ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        func le16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func le24(_ i: Int) -> Int { le16(i) | Int(b[i + 2]) << 16 }
        switch type {
        case .png:
            guard b.count >= 24, b[12..<16].elementsEqual("IHDR".utf8) else { return nil }
            return positive(be32(16), be32(20))
        case .gif:
            guard b.count >= 10 else { return nil }
            return positive(le16(6), le16(8))
        case .jpeg:
            var i = 2
            while i + 9 <= b.count {
                guard b[i] == 0xFF else { return nil }
                let marker = b[i + 1]
                if marker == 0xFF { i += 1; continue }                               // fill byte
                if marker == 0x01 || (0xD0...0xD8).contains(marker) { i += 2; continue }  // no length
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return positive(be16(i + 7), be16(i + 5))                        // SOFn: height, then width
                }
                if marker == 0xD9 || marker == 0xDA { return nil }                   // image data before any frame header
                i += 2 + be16(i + 2)
            }
            return nil
        case .webp:
            guard b.count >= 30 else { return nil }
            let chunk = String(decoding: b[12..<16], as: UTF8.self)
            switch chunk {
            case "VP8 ":
                guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
                return positive(le16(26) & 0x3FFF, le16(28) & 0x3FFF)
            case "VP8L":
                guard b[20] == 0x2F else { return nil }
                let w = 1 + (Int(b[21]) | (Int(b[22]) & 0x3F) << 8)
                let h = 1 + (Int(b[22]) >> 6 | Int(b[23]) << 2 | (Int(b[24]) & 0x0F) << 10)
                return positive(w, h)
            case "VP8X":
                return positive(1 + le24(24), 1 + le24(27))
            default:
                return nil
            }
        case .svg:
            guard let tag = svgStartTag(b) else { return nil }
            let attributes = xmlAttributes(tag)
            var width = attributes["width"].flatMap(length), height = attributes["height"].flatMap(length)
            if width == nil || height == nil, let box = attributes["viewBox"] {
                let parts = box.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }).compactMap { Double($0) }
                if parts.count == 4, parts[2] > 0, parts[3] > 0 {
                    width = width ?? Int(parts[2].rounded())
                    height = height ?? Int(parts[3].rounded())
                }
            }
            return (width, height)
        }
    }

    private static func positive(_ w: Int, _ h: Int) -> (width: Int?, height: Int?)? {
        w > 0 && h > 0 ? (w, h) : nil
    }

    /// `100`, `100px`, `100.5`: pixels; a relative length (`50%`, `10em`) gives none.
    private static func length(_ s: String) -> Int? {
        var t = Substring(s.trimmingSpaces)
        if t.hasSuffix("px") { t = t.dropLast(2) }
        guard let v = Double(t), v > 0, v < 1_000_000 else { return nil }
        return Int(v.rounded())
    }

    /// The `<svg …>` start tag's text when the file is UTF-8 XML whose root is
    /// `svg`, after an optional BOM, XML declaration, comments and doctype.
    static func svgStartTag(_ b: [UInt8]) -> String? {
        guard SourceText.firstInvalidUTF8(b[...]) == nil else { return nil }
        var s = Substring(String(decoding: b.prefix(65_536), as: UTF8.self))
        if s.hasPrefix("\u{FEFF}") { s = s.dropFirst() }
        while true {
            s = s.drop(while: { $0.isWhitespace })
            if s.hasPrefix("<?") {
                guard let end = s.range(of: "?>") else { return nil }
                s = s[end.upperBound...]
            } else if s.hasPrefix("<!--") {
                guard let end = s.range(of: "-->") else { return nil }
                s = s[end.upperBound...]
            } else if s.hasPrefix("<!DOCTYPE") || s.hasPrefix("<!doctype") {
                guard let end = s.firstIndex(of: ">") else { return nil }
                s = s[s.index(after: end)...]
            } else {
                break
            }
        }
        guard s.hasPrefix("<svg"), let after = s.dropFirst(4).first, after.isWhitespace || after == ">" || after == "/",
              let end = s.firstIndex(of: ">") else { return nil }
        return String(s[..<end])
    }

    /// `name="value"` and `name='value'` pairs of a start tag (no entity decoding).
    private static func xmlAttributes(_ tag: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(tag).dropFirst(4)
        while let eq = rest.firstIndex(of: "=") {
            let name = rest[..<eq].split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
            var value = rest[rest.index(after: eq)...].drop(while: \.isWhitespace)
            guard let quote = value.first, quote == "\"" || quote == "'" else { break }
            value = value.dropFirst()
            guard let close = value.firstIndex(of: quote) else { break }
            if result[name] == nil { result[name] = String(value[..<close]) }
            rest = value[value.index(after: close)...]
        }
        return result
    }

    /// Script, event handlers, `javascript:` and foreign objects: what would let
    /// an SVG run code in a reading system. nil when there is none.
    static func activeSVGContent(_ b: [UInt8]) -> String? {
        let text = String(decoding: b, as: UTF8.self).lowercased()
        if text.contains("<script") { return "a <script> element" }
        if text.contains("<foreignobject") { return "a <foreignObject> element" }
        if text.contains("javascript:") { return "a javascript: link" }
        // An event-handler attribute: whitespace, `on`, letters, `=`.
        let u = Array(text.utf8)
        var i = 0
        while i + 3 < u.count {
            if (u[i] == 0x20 || u[i] == 0x0A || u[i] == 0x09 || u[i] == 0x0D || u[i] == UInt8(ascii: "/")), u[i + 1] == UInt8(ascii: "o"), u[i + 2] == UInt8(ascii: "n") {
                var j = i + 3
                while j < u.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(u[j]) { j += 1 }
                while j < u.count, u[j] == 0x20 { j += 1 }
                if j > i + 3, j < u.count, u[j] == UInt8(ascii: "=") { return "an event-handler attribute (on…=)" }
            }
            i += 1
        }
        return nil
    }
}
