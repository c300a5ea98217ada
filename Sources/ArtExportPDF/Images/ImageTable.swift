import ArtExportCore

/// The images of one document, each registered once however often it is set:
/// figures and images within text refer to them by `ImageRef`, and the painter
/// embeds each once. Registering never fails, so text styling stays simple; the
/// first problem (an image without its bytes, an SVG librsvg cannot read) is kept
/// for the typesetter to throw once the flow is laid out.
final class ImageTable {
    private(set) var images: [DocumentImage] = []
    private(set) var failure: ExportError?
    private var bySource: [String: [Int]] = [:]

    /// CSS pixels to points: 96 pixels to the inch, as a browser sets an image.
    static let pointsPerPixel = 0.75

    func register(_ image: Image) -> ImageRef {
        if let known = bySource[image.source]?.first(where: { images[$0].resource == image.resource }) { return ImageRef(index: known) }
        var entry = DocumentImage(source: image.source, resource: image.resource, width: 0, height: 0)
        do throws(ExportError) {
            let (w, h, orientation) = try Self.natural(image)
            entry.width = w * Self.pointsPerPixel
            entry.height = h * Self.pointsPerPixel
            entry.orientation = orientation
        } catch {
            if failure == nil { failure = error }
            // Laid out as a square until typeset() throws.
            entry.width = 100
            entry.height = 100
        }
        images.append(entry)
        bySource[image.source, default: []].append(images.count - 1)
        return ImageRef(index: images.count - 1)
    }

    subscript(_ ref: ImageRef) -> DocumentImage { images[ref.index] }

    /// Natural size in CSS pixels, upright, and the EXIF orientation of a JPEG.
    private static func natural(_ image: Image) throws(ExportError) -> (Double, Double, Int) {
        guard let resource = image.resource else {
            throw ExportError(.badInput, "the image `\(image.source)` cannot be set in PDF without its bytes: give the image its ImageResource (the Markdown reader reads it from the file), or remove it")
        }
        if resource.mediaType == .svg {
            let size = try SVGImage(resource.bytes, source: image.source).naturalSize
            return (size.width, size.height, 1)
        }
        guard let w = resource.width, let h = resource.height, w > 0, h > 0 else {
            throw ExportError(.badInput, "the image `\(image.source)` gives no size in pixels; its header is damaged")
        }
        let orientation = resource.mediaType == .jpeg ? ExifOrientation.of(jpeg: resource.bytes) : 1
        return ExifOrientation.swapsSides(orientation) ? (Double(h), Double(w), orientation) : (Double(w), Double(h), orientation)
    }
}
