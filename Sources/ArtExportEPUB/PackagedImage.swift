import ArtExportCore
/// An image file in the package (`EPUB/images/image-N.ext`): a manifest item
/// with its media type, a ZIP entry, and the `src` of every `<img>` showing it.
///
/// The model names an image (`Image.source`) but carries no bytes yet, so
/// `EPUBExporter.export` refuses images; once a reader supplies the bytes, each
/// image becomes one of these and the rest of the path is in place. An SVG
/// shown through `<img>` needs no `svg` manifest property (only an SVG drawn
/// inline in a content document does).
struct PackagedImage: Equatable {
    static let directory = "images"

    /// EPUB 3.3's core media types for images; the type is read from the
    /// file's first bytes, never from its name.
    enum MediaType: String, CaseIterable {
        case png = "image/png", jpeg = "image/jpeg", gif = "image/gif", webp = "image/webp", svg = "image/svg+xml"

        var fileExtension: String {
            switch self {
            case .png: return "png"
            case .jpeg: return "jpg"
            case .gif: return "gif"
            case .webp: return "webp"
            case .svg: return "svg"
            }
        }

        /// Formats that compress themselves are stored; SVG (text) is deflated.
        var compression: ZipArchive.Compression { self == .svg ? .deflate : .store }

        init?(sniffing bytes: [UInt8]) {
            func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
                bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
            }
            if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
            else if starts([0xFF, 0xD8, 0xFF]) { self = .jpeg }
            else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { self = .gif }
            else if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { self = .webp }
            else if Self.isSVG(bytes) { self = .svg }
            else { return nil }
        }

        /// XML whose first element is `<svg`, after any declaration, comments and doctype.
        private static func isSVG(_ bytes: [UInt8]) -> Bool {
            var text = Substring(String(decoding: bytes.prefix(4096), as: UTF8.self))
            if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
            while true {
                text = text.drop { $0.isWhitespace }
                if text.hasPrefix("<svg") { return true }
                let close: String
                if text.hasPrefix("<?") { close = "?>" }
                else if text.hasPrefix("<!--") { close = "-->" }
                else if text.hasPrefix("<!") { close = ">" }
                else { return false }
                guard let end = text.firstRange(of: close) else { return false }
                text = text[end.upperBound...]
            }
        }
    }

    /// The model's `Image.source` this file stands for.
    var source: String
    /// The manifest item's id, `image-N`.
    var id: String
    /// Relative to the package directory.
    var href: String
    var mediaType: MediaType
    var bytes: [UInt8]

    /// The `number`th image of the article (from 1); nil when the bytes are
    /// none of the core media types.
    init?(source: String, number: Int, bytes: [UInt8]) {
        guard let type = MediaType(sniffing: bytes) else { return nil }
        self.source = source
        self.id = "image-\(number)"
        self.href = "\(Self.directory)/image-\(number).\(type.fileExtension)"
        self.mediaType = type
        self.bytes = bytes
    }
}
