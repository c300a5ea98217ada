/// Page geometry and type of the PDF, from the theme's `pdf.theme`.
public struct PDFStyle: Sendable, Equatable {
    public var pageWidth: Double
    public var pageHeight: Double
    public var marginTop: Double
    public var marginBottom: Double
    public var marginLeft: Double
    public var marginRight: Double

    public var body: FontSpec
    /// Baseline-to-baseline distance of body text: every vertical space is a
    /// multiple of it, so baselines sit on one grid on every page.
    public var leading: Double
    /// First-line indent of a paragraph that follows a paragraph.
    public var indent: Double

    public var title: FontSpec
    public var titleLeading: Double
    public var standfirst: FontSpec
    public var standfirstLeading: Double
    public var byline: FontSpec
    public var heading: FontSpec
    public var mono: FontSpec
    public var runningHead: FontSpec
    public var folio: FontSpec
    public var bio: FontSpec

    public var textWidth: Double { pageWidth - marginLeft - marginRight }
    public var textHeight: Double { pageHeight - marginTop - marginBottom }

    /// Named page sizes in points.
    static let pageSizes: [String: (Double, Double)] = [
        "a4": (595.2756, 841.8898), "a5": (419.5276, 595.2756), "letter": (612, 792), "legal": (612, 1008),
    ]
}

/// Reads `pdf.theme`: `key = value` lines, `#` comments, every error with its line.
enum PDFThemeParser {
    /// The built-in `themes/default/pdf.theme`.
    static var builtIn: String { String(decoding: PackageResources.pdf_theme, as: UTF8.self) }

    /// Parses `text`; settings it does not give come from `defaults` (a theme
    /// folder's file only needs the settings it changes).
    static func parse(_ text: String, file: String, defaults: String? = nil) throws(ExportError) -> PDFStyle {
        var values: [String: (value: String, line: Int)] = [:]
        if let defaults { values = try settings(defaults, file: "built-in pdf.theme") }
        for (key, value) in try settings(text, file: file) { values[key] = value }
        return try style(values, file: file)
    }

    private static func settings(_ text: String, file: String) throws(ExportError) -> [String: (value: String, line: Int)] {
        var values: [String: (value: String, line: Int)] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?.trimmingSpaces ?? ""
            if line.isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw ExportError(.badInput, file: file, line: index + 1, "expected `key = value`, found `\(line)`")
            }
            let key = line[..<eq].trimmingSpaces.lowercased()
            guard known.contains(key) else {
                throw ExportError(.badInput, file: file, line: index + 1,
                                  "unknown setting `\(key)`; known settings: \(known.sorted().joined(separator: ", "))")
            }
            values[key] = (line[line.index(after: eq)...].trimmingSpaces, index + 1)
        }
        return values
    }

    private static func style(_ values: [String: (value: String, line: Int)], file: String) throws(ExportError) -> PDFStyle {
        func string(_ key: String) throws(ExportError) -> (String, Int) {
            guard let v = values[key] else { throw ExportError(.badInput, file: file, "the setting `\(key)` is missing") }
            return v
        }
        func length(_ key: String, em: Double? = nil) throws(ExportError) -> Double {
            let (v, line) = try string(key)
            guard let l = parseLength(v, em: em) else {
                throw ExportError(.badInput, file: file, line: line, "`\(key)` must be a length such as 11pt, 25mm, 1.5cm, 1in\(em == nil ? "" : " or 1em"), not `\(v)`")
            }
            return l
        }
        func number(_ key: String) throws(ExportError) -> Double {
            let (v, line) = try string(key)
            guard let n = Double(v) else { throw ExportError(.badInput, file: file, line: line, "`\(key)` must be a number, not `\(v)`") }
            return n
        }
        func families(_ key: String) throws(ExportError) -> [String] {
            let list = try string(key).0.split(separator: ",").map(\.trimmingSpaces).filter { !$0.isEmpty }
            guard !list.isEmpty else { throw ExportError(.badInput, file: file, line: values[key]?.line, "`\(key)` names no font") }
            return list
        }

        let (sizeName, sizeLine) = try string("page.size")
        let pageWidth: Double, pageHeight: Double
        if let named = PDFStyle.pageSizes[sizeName.lowercased()] {
            (pageWidth, pageHeight) = named
        } else {
            let parts = sizeName.lowercased().split(separator: "x").map { parseLength($0.trimmingSpaces, em: nil) }
            guard parts.count == 2, let w = parts[0], let h = parts[1] else {
                throw ExportError(.badInput, file: file, line: sizeLine, "`page.size` must be A4, A5, Letter, Legal or `WIDTH x HEIGHT` (e.g. 170mm x 240mm), not `\(sizeName)`")
            }
            (pageWidth, pageHeight) = (w, h)
        }
        let fallback = try families("fallback.fonts")
        let bodySize = try length("body.size")
        let body = FontSpec(families: try families("body.fonts") + fallback, size: bodySize)
        let weightName = try string("heading.weight")
        let weights: [String: FontSpec.Weight] = ["regular": .regular, "medium": .medium, "semibold": .semibold, "bold": .bold]
        guard let headingWeight = weights[weightName.0.lowercased()] else {
            throw ExportError(.badInput, file: file, line: weightName.1, "`heading.weight` must be regular, medium, semibold or bold")
        }
        let title = FontSpec(families: try families("title.fonts") + fallback, size: try length("title.size"), weight: headingWeight)
        let style = PDFStyle(
            pageWidth: pageWidth, pageHeight: pageHeight,
            marginTop: try length("page.margin.top"), marginBottom: try length("page.margin.bottom"),
            marginLeft: try length("page.margin.left"), marginRight: try length("page.margin.right"),
            body: body, leading: try length("body.leading"), indent: try length("body.indent", em: bodySize),
            title: title, titleLeading: try length("title.leading"),
            standfirst: body.with(size: try length("standfirst.size"), italic: true),
            standfirstLeading: try length("standfirst.leading"),
            byline: body.with(size: try length("byline.size"), features: ["smcp", "c2sc"]),
            heading: FontSpec(families: try families("heading.fonts") + fallback, size: try length("heading.size"), weight: headingWeight),
            mono: FontSpec(families: try families("mono.fonts") + fallback, size: bodySize * (try number("mono.scale"))),
            runningHead: body.with(size: try length("running-head.size"), features: ["smcp", "c2sc"]),
            folio: body.with(size: try length("folio.size")),
            bio: body.with(size: try length("bio.size"), italic: true)
        )
        guard style.textWidth > 72, style.textHeight > 144 else {
            throw ExportError(.badInput, file: file, "the margins leave a text area of \(Int(style.textWidth)) × \(Int(style.textHeight)) pt; it must be at least 72 × 144 pt")
        }
        return style
    }

    static let known: Set<String> = [
        "page.size", "page.margin.top", "page.margin.bottom", "page.margin.left", "page.margin.right",
        "body.fonts", "body.size", "body.leading", "body.indent", "title.fonts", "title.size", "title.leading",
        "standfirst.size", "standfirst.leading", "byline.size", "heading.fonts", "heading.weight", "heading.size",
        "mono.fonts", "mono.scale", "running-head.size", "folio.size", "bio.size", "fallback.fonts",
    ]

    /// `11pt`, `25mm`, `1.5cm`, `1in`, `1em` (with `em` given), or a bare number of points.
    static func parseLength(_ s: String, em: Double?) -> Double? {
        let units: [(String, Double)] = [("pt", 1), ("mm", 72 / 25.4), ("cm", 72 / 2.54), ("in", 72)]
        for (unit, factor) in units where s.hasSuffix(unit) {
            return Double(s.dropLast(unit.count).trimmingSpaces).map { $0 * factor }
        }
        if s.hasSuffix("em"), let em { return Double(s.dropLast(2).trimmingSpaces).map { $0 * em } }
        return Double(s)
    }
}
