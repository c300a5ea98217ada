/// The look of the outputs. A theme is a folder (`themes/NAME/`) holding
/// `epub.css` and `pdf.theme`; the default one is compiled into the library so
/// a lone binary works.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// The EPUB's style sheet, copied into every book as written.
    public var epubCSS: String
    /// Page and type of the PDF.
    public var pdf: PDFStyle

    public init(name: String, epubCSS: String, pdf: PDFStyle) {
        self.name = name
        self.epubCSS = epubCSS
        self.pdf = pdf
    }

    /// `themes/default/`, as built into the library.
    public static let standard: Theme = {
        // The built-in theme is tested; failing here means the build itself is broken.
        let pdf = try! PDFThemeParser.parse(PDFThemeParser.builtIn, file: "themes/default/pdf.theme")
        return Theme(name: "default", epubCSS: String(decoding: PackageResources.epub_css, as: UTF8.self), pdf: pdf)
    }()
}
