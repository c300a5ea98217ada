/// The look of the outputs. A theme is a folder (`themes/NAME/`) holding
/// `epub.css` and `pdf.theme`; the default one is compiled into the library so
/// a lone binary works.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// The EPUB's style sheet, copied into every book as written.
    public var epubCSS: String
    /// Page and type of the PDF. The built-in one is parsed on first use: an EPUB
    /// run never needs it.
    public var pdf: PDFStyle {
        get { chosenPDF ?? Self.builtInPDF }
        set { chosenPDF = newValue }
    }
    private var chosenPDF: PDFStyle?
    /// The faces the EPUB embeds, subset to the article's characters (a theme's
    /// `fonts.embed`); empty: the EPUB names families only and embeds none.
    public var embeddedFaces: [FontFace] = []

    public init(name: String, epubCSS: String, pdf: PDFStyle) {
        self.name = name
        self.epubCSS = epubCSS
        self.chosenPDF = pdf
    }

    private init(name: String, epubCSS: String) {
        self.name = name
        self.epubCSS = epubCSS
    }

    public static func == (a: Theme, b: Theme) -> Bool {
        a.name == b.name && a.epubCSS == b.epubCSS && a.pdf == b.pdf && a.embeddedFaces == b.embeddedFaces
    }

    /// `themes/default/`, as built into the library.
    public static let standard = Theme(name: "default", epubCSS: String(decoding: PackageResources.epub_css, as: UTF8.self))

    // The built-in theme is tested; failing here means the build itself is broken.
    private static let builtInPDF = try! PDFThemeParser.parse(PDFThemeParser.builtIn, file: "themes/default/pdf.theme")
}
