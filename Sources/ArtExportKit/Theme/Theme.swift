/// The look of the outputs. A theme is a folder (`themes/NAME/`) holding
/// `epub.css`; the default one is compiled into the library so a lone binary works.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// The EPUB's style sheet, copied into every book as written.
    public var epubCSS: String

    public init(name: String, epubCSS: String) {
        self.name = name
        self.epubCSS = epubCSS
    }

    /// `themes/default/`, as built into the library.
    public static let standard = Theme(name: "default", epubCSS: String(decoding: PackageResources.epub_css, as: UTF8.self))
}
