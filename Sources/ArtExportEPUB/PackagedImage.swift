import ArtExportCore
/// An image file in the package (`EPUB/images/image-N.ext`): a manifest item
/// with its media type, a ZIP entry, and the `src` of every `<img>` showing it.
/// One per image source that carries its bytes (`Image.resource`, read and
/// typed by the reader), in reading order. An SVG shown through `<img>` needs
/// no `svg` manifest property (only an SVG drawn inline in a content document does).
struct PackagedImage: Equatable {
    static let directory = "images"
    /// The theme's logo among the article's images: a key no path an article writes can be.
    static let logoSource = "\u{1}theme-logo"

    /// The model's `Image.source` this file stands for.
    var source: String
    /// The manifest item's id, `image-N`.
    var id: String
    /// Relative to the package directory.
    var href: String
    var resource: ImageResource

    /// `prefix` keeps the images of an issue's articles apart (`a2-image-1`).
    init(source: String, number: Int, resource: ImageResource, prefix: String = "") {
        self.init(source: source, name: "\(prefix)image-\(number)", resource: resource)
    }

    init(source: String, name: String, resource: ImageResource) {
        self.source = source
        self.id = name
        self.href = "\(Self.directory)/\(name).\(resource.mediaType.fileExtension)"
        self.resource = resource
    }

    /// Every image of the article that carries its bytes, once per source, in reading order.
    static func all(in article: Article, prefix: String = "") -> [PackagedImage] {
        var images: [PackagedImage] = []
        var seen: Set<String> = []
        InlineWalk.visit(article.blocks + article.bio + article.footnotes.flatMap(\.blocks)) { inline in
            guard case .image(let image) = inline, let resource = image.resource, seen.insert(image.source).inserted else { return }
            images.append(PackagedImage(source: image.source, number: images.count + 1, resource: resource, prefix: prefix))
        }
        return images
    }
}

extension ImageResource.MediaType {
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
}
