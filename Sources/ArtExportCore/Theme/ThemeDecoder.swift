/// Settings (the default theme's, overridden by each theme it leads to) → `Theme`.
/// Every value is checked here, with the file and line it was written on.
struct ThemeDecoder {
    let entries: [String: ThemeSource.Entry]
    let name: String
    /// The theme's own file (the last of its chain).
    let file: String

    private func entry(_ key: String) throws(ExportError) -> ThemeSource.Entry {
        // The default theme defines every key: a missing one is a broken build.
        guard let e = entries[key] else { throw ExportError(.badInput, file: "themes/default/theme.yaml", "the setting `\(key)` is missing") }
        return e
    }

    private func fail(_ e: ThemeSource.Entry, _ key: String, _ message: String) -> ExportError {
        ExportError(.badInput, file: e.file, line: e.line, "`\(key)` \(message)")
    }

    func string(_ key: String) throws(ExportError) -> String {
        let e = try entry(key)
        guard case .scalar(let s) = e.value else { throw fail(e, key, "must be one value, not a list") }
        return s
    }

    func list(_ key: String) throws(ExportError) -> [String] {
        let e = try entry(key)
        switch e.value {
        case .list(let l): return l
        case .scalar(let s): return s.split(separator: ",").map(\.trimmingSpaces).filter { !$0.isEmpty }
        }
    }

    func families(_ key: String) throws(ExportError) -> [String] {
        let l = try list(key)
        guard !Theme.Fonts.installed(l).isEmpty || key == "fonts.fallback" else {
            throw fail(try entry(key), key, "names no font family")
        }
        return l
    }

    /// A length in points; `em` of `em` points when given.
    func length(_ key: String, em: Double? = nil) throws(ExportError) -> Double {
        let e = try entry(key)
        let s = try string(key)
        guard let v = Self.parseLength(s, em: em), v >= 0, v < 10_000 else {
            throw fail(e, key, "must be a length such as 11pt, 25mm, 1.5cm, 1in\(em == nil ? "" : " or 1em"), not `\(s)`")
        }
        return v
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(ExportError) -> Double {
        let e = try entry(key)
        let s = try string(key)
        guard let v = Double(s), range.contains(v) else {
            throw fail(e, key, "must be a number from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound)), not `\(s)`")
        }
        return v
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ExportError) -> Int {
        let e = try entry(key)
        let s = try string(key)
        guard let v = Int(s), range.contains(v) else {
            throw fail(e, key, "must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(s)`")
        }
        return v
    }

    func bool(_ key: String) throws(ExportError) -> Bool {
        let e = try entry(key)
        switch try string(key).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let s: throw fail(e, key, "must be true or false, not `\(s)`")
        }
    }

    func color(_ key: String) throws(ExportError) -> ThemeColor {
        let e = try entry(key)
        let s = try string(key)
        guard let c = ThemeColor(parsing: s) else { throw fail(e, key, "must be a colour such as \"#1a4d80\" or \"#333\" (quoted: # starts a YAML comment), not `\(s)`") }
        return c
    }

    func optionalColor(_ key: String) throws(ExportError) -> ThemeColor? {
        try string(key).lowercased() == "none" ? nil : try color(key)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(ExportError) -> T where T.RawValue == String {
        let e = try entry(key)
        let s = try string(key).lowercased()
        guard let v = T(rawValue: s) else {
            throw fail(e, key, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not `\(s)`")
        }
        return v
    }

    func weight(_ key: String) throws(ExportError) -> FontSpec.Weight {
        let weights: [String: FontSpec.Weight] = ["regular": .regular, "normal": .regular, "medium": .medium, "semibold": .semibold, "bold": .bold]
        let e = try entry(key)
        let s = try string(key).lowercased()
        guard let w = weights[s] else { throw fail(e, key, "must be regular, medium, semibold or bold, not `\(s)`") }
        return w
    }

    func decode() throws(ExportError) -> Theme {
        let size = try string("page.size")
        let (width, height) = try pageSize(size, entry("page.size"))
        let bodySize = try length("body.size")
        guard bodySize >= 4 else { throw fail(try entry("body.size"), "body.size", "must be at least 4pt") }
        let leading = try length("body.leading", em: bodySize)
        guard leading >= bodySize else {
            throw fail(try entry("body.leading"), "body.leading", "(\(Self.plain(leading))pt) must be at least the body size (\(Self.plain(bodySize))pt)")
        }
        let page = Theme.PageSetup(
            width: width, height: height,
            marginTop: try length("page.margins.top"), marginBottom: try length("page.margins.bottom"),
            marginLeft: try length("page.margins.left"), marginRight: try length("page.margins.right"),
            columns: try integer("page.columns", in: 1...4), gutter: try length("page.gutter", em: bodySize))
        // Room for text: a column of at least 12 ems of the body, a page of at least 10 lines.
        // Reported at a page setting the theme itself writes, where the fix is.
        let pageKeys = ["page.columns", "page.gutter", "page.margins.left", "page.margins.right", "page.margins.top", "page.margins.bottom", "page.size", "body.size"]
        let roomEntry = try entry(pageKeys.first { entries[$0]?.file == file } ?? "page.size")
        guard page.columnWidth >= bodySize * 12, page.textHeight >= leading * 10 else {
            throw fail(roomEntry, "page", "leaves a text area of \(Int(page.textWidth)) × \(Int(page.textHeight)) pt"
                + (page.columns > 1 ? " in \(page.columns) columns of \(Int(page.columnWidth)) pt" : "")
                + "; a column needs at least 12 ems of the body (\(Int(bodySize * 12)) pt) and the page 10 lines (\(Int(leading * 10)) pt)")
        }

        let fonts = Theme.Fonts(body: try families("fonts.body"), headings: try families("fonts.headings"),
                                captions: try families("fonts.captions"), code: try families("fonts.code"),
                                furniture: try families("fonts.furniture"), fallback: try families("fonts.fallback"),
                                embed: try bool("fonts.embed"))
        var headings: [Theme.HeadingStyle] = []
        let numbering = try bool("headings.numbered")
        for level in 2...6 {
            let k = "headings.h\(level)"
            let numbered = try bool("\(k).numbered")
            headings.append(Theme.HeadingStyle(
                size: try length("\(k).size", em: bodySize), weight: try weight("\(k).weight"), italic: try bool("\(k).italic"),
                letterCase: try choice("\(k).case", Theme.LetterCase.self), color: try color("\(k).color"),
                spaceBefore: try number("\(k).space-before", in: 0...6), spaceAfter: try number("\(k).space-after", in: 0...6),
                numbered: numbering && numbered))
        }
        let order = try list("title-block.order")
        var parts: [Theme.TitlePart] = []
        for p in order {
            guard let part = Theme.TitlePart(rawValue: p.lowercased()) else {
                throw fail(try entry("title-block.order"), "title-block.order",
                           "lists `\(p)`; the parts are \(Theme.TitlePart.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            parts.append(part)
        }
        guard parts.contains(.title) else { throw fail(try entry("title-block.order"), "title-block.order", "must list `title`") }
        func furniture(_ k: String) throws(ExportError) -> Theme.Furniture {
            Theme.Furniture(left: try string("\(k).left"), center: try string("\(k).center"), right: try string("\(k).right"),
                            size: try length("\(k).size", em: bodySize), smallCaps: try bool("\(k).small-caps"),
                            pages: try choice("\(k).pages", Theme.FurniturePages.self), rule: try bool("\(k).rule"))
        }
        var theme = Theme(
            name: name, description: try string("description"), page: page, fonts: fonts, bodySize: bodySize, leading: leading,
            colors: Theme.Colors(
                text: try color("colors.text"), background: try color("colors.background"), accent: try color("colors.accent"),
                links: try color("colors.links"), rules: try color("colors.rules"), quoteBar: try color("colors.quote-bar"),
                quoteBackground: try optionalColor("colors.quote-background"), codeBackground: try optionalColor("colors.code-background"),
                codeBorder: try optionalColor("colors.code-border"), tableHeaderBackground: try optionalColor("colors.table-header-background"),
                tableRules: try color("colors.table-rules")),
            headings: headings,
            paragraphs: Theme.Paragraphs(
                indent: try length("paragraphs.indent", em: bodySize), spaceBetween: try number("paragraphs.space-between", in: 0...3),
                justify: try choice("paragraphs.align", ParagraphAlign.self) == .justify,
                hyphenate: try bool("paragraphs.hyphenate"),
                hyphenMinBefore: try integer("paragraphs.hyphen-min-before", in: 1...8), hyphenMinAfter: try integer("paragraphs.hyphen-min-after", in: 1...8)),
            lists: Theme.Lists(indent: try length("lists.indent", em: bodySize), spaceAround: try number("lists.space-around", in: 0...3)),
            quotes: Theme.Quotes(indentStart: try length("quotes.indent-start", em: bodySize), indentEnd: try length("quotes.indent-end", em: bodySize),
                                 barWidth: try length("quotes.bar-width", em: bodySize), italic: try bool("quotes.italic"),
                                 spaceAround: try number("quotes.space-around", in: 0...3)),
            code: Theme.Code(scale: try number("code.scale", in: 0.5...1.5), spaceAround: try number("code.space-around", in: 0...3)),
            tables: Theme.Tables(scale: try number("tables.scale", in: 0.5...1.5), heavyRule: try length("tables.heavy-rule"),
                                 lightRule: try length("tables.light-rule"), hairline: try length("tables.hairline")),
            figures: Theme.Figures(maxHeight: try number("figures.max-height", in: 0.2...1), captionScale: try number("figures.caption-scale", in: 0.5...1.5),
                                   span: try choice("figures.span", Theme.FigureSpan.self)),
            notes: Theme.Notes(scale: try number("notes.scale", in: 0.5...1.2)),
            titleBlock: Theme.TitleBlock(
                order: parts, centered: try choice("title-block.align", TitleAlign.self) == .center,
                titleSize: try length("title-block.title.size", em: bodySize), titleLeading: try length("title-block.title.leading", em: bodySize),
                titleWeight: try weight("title-block.title.weight"), titleColor: try color("title-block.title.color"),
                standfirstSize: try length("title-block.standfirst.size", em: bodySize),
                standfirstLeading: try length("title-block.standfirst.leading", em: bodySize),
                standfirstItalic: try bool("title-block.standfirst.italic"),
                bylineSize: try length("title-block.byline.size", em: bodySize), bylineSmallCaps: try bool("title-block.byline.small-caps"),
                rule: try bool("title-block.rule"), mastheadName: try string("title-block.masthead.name"),
                mastheadLogo: try string("title-block.masthead.logo"), mastheadSize: try length("title-block.masthead.size", em: bodySize)),
            bio: Theme.Bio(scale: try number("bio.scale", in: 0.5...1.5), italic: try bool("bio.italic")),
            runningHead: try furniture("running-head"), runningFoot: try furniture("running-foot"),
            newsletter: try string("newsletter"), extraCSS: try string("css"),
            embeddedFaces: [], logo: nil,
            origins: entries.mapValues { Theme.SourceLocation(file: $0.file, line: $0.line) })
        try checkCSS(theme.extraCSS)
        for (k, h) in zip(2..., headings) where h.size < 4 {
            throw fail(try entry("headings.h\(k).size"), "headings.h\(k).size", "must be at least 4pt")
        }
        if fonts.embed {
            let body = Theme.Fonts.installed(fonts.body), heads = Theme.Fonts.installed(fonts.headings), code = Theme.Fonts.installed(fonts.code)
            var faces: [FontFace] = []
            if let b = body.first {
                faces += [FontFace(family: b), FontFace(family: b, italic: true), FontFace(family: b, weight: .bold)]
            }
            if let h = heads.first { faces += Set(headings.map(\.weight)).sorted { $0.rawValue < $1.rawValue }.map { FontFace(family: h, weight: $0) } }
            if let c = code.first { faces.append(FontFace(family: c)) }
            var seen = Set<FontFace>()
            theme.embeddedFaces = faces.filter { seen.insert($0).inserted }
        }
        return theme
    }

    /// A theme's own CSS may not reach outside the book or set what EPUB forbids:
    /// `direction` and `unicode-bidi` (EPUBCheck CSS-001), `@import` and `url()`
    /// (resources the package does not hold), script hooks of old browsers.
    private func checkCSS(_ css: String) throws(ExportError) {
        guard !css.isEmpty, let e = entries["css"] else { return }
        let forbidden = ["direction", "unicode-bidi", "@import", "url(", "expression(", "behavior", "javascript:", "-moz-binding"]
        for (n, line) in css.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lower = line.lowercased()
            if let word = forbidden.first(where: { lower.contains($0) }) {
                // A block scalar starts on the line after `css: |`.
                throw ExportError(.badInput, file: e.file, line: e.line + 1 + n,
                                  "the theme's CSS may not use `\(word)`: an EPUB's direction is its markup's, and it holds every resource it uses")
            }
        }
    }

    enum TitleAlign: String, CaseIterable { case start, center }
    enum ParagraphAlign: String, CaseIterable { case justify, ragged }

    private func pageSize(_ s: String, _ e: ThemeSource.Entry) throws(ExportError) -> (Double, Double) {
        let named: [String: (Double, Double)] = [
            "a4": (595.2756, 841.8898), "a5": (419.5276, 595.2756), "letter": (612, 792), "legal": (612, 1008),
        ]
        if let n = named[s.lowercased()] { return n }
        let parts = s.lowercased().split(separator: "x").map { Self.parseLength($0.trimmingSpaces, em: nil) }
        guard parts.count == 2, let w = parts[0], let h = parts[1], w >= 144, h >= 144, w <= 14_400, h <= 14_400 else {
            throw fail(e, "page.size", "must be A4, A5, Letter, Legal or `WIDTH x HEIGHT` (e.g. 170mm x 240mm, each 2in to 200in), not `\(s)`")
        }
        return (w, h)
    }

    /// `11pt`, `25mm`, `1.5cm`, `1in`, `1em` (with `em` given), or a bare number of points.
    static func parseLength(_ s: String, em: Double?) -> Double? {
        let s = s.trimmingSpaces.lowercased()
        let units: [(String, Double)] = [("pt", 1), ("mm", 72 / 25.4), ("cm", 72 / 2.54), ("in", 72)]
        for (unit, factor) in units where s.hasSuffix(unit) {
            return Double(s.dropLast(unit.count).trimmingSpaces).map { $0 * factor }
        }
        if s.hasSuffix("em"), let em { return Double(s.dropLast(2).trimmingSpaces).map { $0 * em } }
        return Double(s)
    }

    static func plain(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }
}
