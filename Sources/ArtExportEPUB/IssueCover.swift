import ArtExportCore
/// The cover the theme composes when the issue file names no image: an SVG
/// (EPUB's `cover-image` must be an image, and an EPUB-only program draws with
/// no graphics library) with the masthead — the newsletter's name and logo —,
/// the issue's number and date, its title, and the articles it holds. The PDF's
/// first page shows the same, set by the typesetter.
struct IssueCover {
    static let width = 600, height = 800

    let issue: Issue
    let theme: Theme
    /// The logo beside the cover in the package (`images/`), when the theme has one.
    let logoHref: String?

    func svg() -> String {
        let m = issue.metadata
        let localization = Localization(language: m.language)
        let c = theme.colors
        let families = XML.attribute((theme.fonts.body + ["serif"]).map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: ", "))
        let rtl = m.language.isRightToLeft
        let w = Double(Self.width), margin = 48.0
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" "
        out += "width=\"\(Self.width)\" height=\"\(Self.height)\" viewBox=\"0 0 \(Self.width) \(Self.height)\" "
        out += "font-family=\"\(families)\" xml:lang=\"\(XML.attribute(m.language.value))\"\(rtl ? " direction=\"rtl\"" : "")>\n"
        out += "<title>\(XML.text(m.coverDescription))</title>\n"
        out += "<rect width=\"\(Self.width)\" height=\"\(Self.height)\" fill=\"\(c.background.hex)\"/>\n"
        out += "<rect width=\"\(Self.width)\" height=\"14\" fill=\"\(c.accent.hex)\"/>\n"
        var y = 70.0
        if let logoHref, let logo = theme.logo?.resource, let lw = logo.width, let lh = logo.height, lw > 0, lh > 0 {
            let height = 64.0, width = min(w - 2 * margin, height * Double(lw) / Double(lh))
            out += "<image xlink:href=\"\(XML.attribute(logoHref))\" x=\"\(Self.number((w - width) / 2))\" y=\"\(Self.number(y))\" "
            out += "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\"/>\n"
            y += height + 20
        }
        func text(_ s: String, size: Double, weight: String = "normal", italic: Bool = false, color: ThemeColor, anchor: String = "middle", x: Double? = nil) {
            y += size
            let attributes = "x=\"\(Self.number(x ?? w / 2))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" font-weight=\"\(weight)\""
                + (italic ? " font-style=\"italic\"" : "") + " fill=\"\(color.hex)\" text-anchor=\"\(anchor)\""
            out += "<text \(attributes)>\(XML.text(s))</text>\n"
            y += size * 0.35
        }
        for line in Self.wrap(m.newsletter, size: 46, width: w - 2 * margin).prefix(2) { text(line, size: 46, weight: "bold", color: c.accent) }
        y += 12
        out += "<rect x=\"\(Self.number(margin))\" y=\"\(Self.number(y))\" width=\"\(Self.number(w - 2 * margin))\" height=\"1.5\" fill=\"\(c.rules.hex)\"/>\n"
        y += 10
        let issueLine = [m.number.map(localization.issue), m.date.map(localization.format)].compactMap { $0 }.joined(separator: " · ")
        if !issueLine.isEmpty { text(issueLine, size: 18, color: c.text) }
        if let title = m.title {
            y += 18
            for line in Self.wrap(title, size: 30, width: w - 2 * margin).prefix(3) { text(line, size: 30, italic: true, color: c.text) }
        }
        y += 30
        // The articles, as many as the page holds; the rest are counted.
        let articles = issue.articles
        let anchor = rtl ? "end" : "start", x = rtl ? w - margin : margin
        for (n, article) in articles.enumerated() {
            let title = Self.wrap(article.metadata.title, size: 17, width: w - 2 * margin)
            let needed = Double(title.count) * 23 + (article.metadata.authors.isEmpty ? 0 : 19) + 12
            if y + needed > Double(Self.height) - 60 {
                text("+ \(articles.count - n)", size: 15, color: c.text, anchor: anchor, x: x)
                break
            }
            for line in title { text(line, size: 17, weight: "bold", color: c.text, anchor: anchor, x: x) }
            if !article.metadata.authors.isEmpty {
                text(Localization(language: article.metadata.language).list(article.metadata.authors), size: 14, italic: true, color: c.text, anchor: anchor, x: x)
            }
            y += 12
        }
        if let publisher = m.publisher {
            y = Double(Self.height) - 48
            text(publisher, size: 14, color: c.text)
        }
        out += "</svg>\n"
        return out
    }

    /// Words in lines of about `width` points, at half an em a character (a
    /// serif's average): the SVG has no line breaking, and a reader's font differs anyway.
    static func wrap(_ text: String, size: Double, width: Double) -> [String] {
        let room = max(8, Int(width / (size * 0.5)))
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > room {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func number(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

extension IssueCover {
    /// The cover's own document, the spine's first: the cover image, nothing else.
    static func page(_ publication: IssuePublication) -> String {
        XHTMLWriter.shell(language: publication.language.value, direction: publication.direction, title: publication.localization.cover,
                          styleSheet: "../\(Publication.styleFile)") { x in
            x.open("section", [("class", "cover"), ("epub:type", "cover"), ("aria-label", publication.localization.cover)])
            for markup in publication.coverBreaks { x.raw(markup) }
            x.empty("img", [("src", "../\(publication.cover.href)"), ("alt", publication.issue.metadata.coverDescription), ("role", "doc-cover")])
            x.close("section")
        }
    }
}
