import ArtExportCore

/// The EPUB's style sheet, written from the theme: the same families, colours,
/// heading sizes (relative to the body), spacing and alignment as the PDF, in
/// the terms a reading system honours. Readers choose their own font and size:
/// sizes are relative (ems of the reader's size), families are stacks the reader
/// may replace, and nothing is `!important`. Black text and a white page are not
/// written, so a reading system's night mode stays free to change them.
///
/// Every rule is in logical terms (start, end, inline-start), so a right-to-left
/// article needs no second style sheet. Direction is the markup's alone: EPUB
/// forbids `direction` and `unicode-bidi` in style sheets (EPUBCheck CSS-001).
struct StyleSheet {
    let theme: Theme

    /// Sizes in ems of the body.
    private func em(_ points: Double) -> String { Self.number(points / theme.bodySize) + "em" }

    /// What the sheet sets, as values (the rules below are written from these):
    /// a heading level's size in ems of the body, and its colour (nil: the text's).
    func headingScale(_ level: Int) -> Double { theme.heading(level).size / theme.bodySize }
    func headingColor(_ level: Int) -> ThemeColor? { theme.heading(level).color == .black ? nil : theme.heading(level).color }
    /// The families of a role's stack, in order, the generic keyword last.
    var bodyStack: [String] { theme.fonts.body }
    var headingStack: [String] { theme.fonts.headings }
    var codeStack: [String] { theme.fonts.code }
    /// nil: the text's own colour (`inherit`), not the reading system's link blue.
    var linkColor: ThemeColor? { theme.colors.links == theme.colors.text ? nil : theme.colors.links }

    static func number(_ v: Double) -> String {
        let r = (v * 1000).rounded() / 1000
        if r == r.rounded() { return String(Int(r)) }
        var s = String(r)
        if s.hasPrefix("0.") { s.removeFirst() }
        return s
    }

    static func stack(_ families: [String]) -> String {
        families.map { Theme.Fonts.generics.contains($0.lowercased()) ? $0.lowercased() : "\"\($0)\"" }.joined(separator: ", ")
    }

    private func color(_ c: ThemeColor?, _ property: String = "color") -> String {
        guard let c else { return "" }
        return "\(property): \(c.hex); "
    }

    /// The text colour, when it is not plain black (left to the reading system then).
    private func textColor(_ c: ThemeColor) -> String { c == .black ? "" : "color: \(c.hex); " }

    private func font(_ weight: FontSpec.Weight) -> String { "font-weight: \(weight.rawValue); " }

    private func letterCase(_ c: Theme.LetterCase) -> String {
        switch c {
        case .normal: ""
        case .smallCaps: "font-variant: small-caps; "
        case .allSmallCaps: "font-variant: all-small-caps; "
        }
    }

    var css: String {
        let t = theme
        let f = t.fonts
        let lineHeight = Self.number(t.leading / t.bodySize)
        let p = t.paragraphs
        let hyphens = p.hyphenate ? "auto" : "manual"
        var out = "/* artexport theme \(t.name): \(t.description) */\n\n@namespace epub \"http://www.idpf.org/2007/ops\";\n\n"
        out += "html { font-family: \(Self.stack(bodyStack)); line-height: \(lineHeight); \(textColor(t.colors.text))}\n"
        // Print sizes under 12 pt are paper's; a large-print theme enlarges the reader's own size.
        let scale = t.bodySize > 12 ? "font-size: \(Self.number(t.bodySize / 12 * 100))%; " : ""
        out += """
            body { margin: 0 5%; \(scale)hyphens: \(hyphens); -webkit-hyphens: \(hyphens); -epub-hyphens: \(hyphens); \
            widows: 2; orphans: 2; overflow-wrap: break-word; }

            """
        // The title page (text/titlepage.xhtml).
        let tb = t.titleBlock
        let align = tb.centered ? "center" : "start"
        out += """
            header.titlepage { margin: 3em 0 2.5em; text-align: \(align); }
            header.titlepage p { text-align: \(align); }
            h1.title { font-family: \(Self.stack(f.headings)); font-size: \(em(tb.titleSize)); \(font(tb.titleWeight))\
            line-height: \(Self.number(tb.titleLeading / tb.titleSize)); margin: 0 0 0.6em; \(textColor(tb.titleColor))\
            hyphens: manual; -webkit-hyphens: manual; }
            p.masthead { font-family: \(Self.stack(f.headings)); font-size: \(em(tb.mastheadSize)); font-variant: all-small-caps; \
            font-weight: 600; letter-spacing: 0.05em; margin: 0 0 1.2em; \(color(t.colors.accent))}
            img.logo { max-height: 3em; width: auto; }
            p.subtitle { font-size: \(em(tb.standfirstSize * 1.1)); font-style: italic; margin: 0 0 0.8em; }
            p.standfirst { font-size: \(em(tb.standfirstSize)); line-height: \(Self.number(tb.standfirstLeading / tb.standfirstSize)); \
            font-style: \(tb.standfirstItalic ? "italic" : "normal"); margin: 0 0 1.5em; text-indent: 0; }
            p.byline, p.dateline { margin: 0; text-indent: 0; font-size: \(em(tb.bylineSize)); }
            p.byline .author { font-weight: 600; }

            """
        if tb.rule { out += "header.titlepage::after { content: \"\"; display: block; margin-top: 1.5em; border-top: 1px solid \(t.colors.accent.hex); }\n" }

        // Body paragraphs: ragged on narrow screens, where justified lines of 35
        // characters open rivers, justified from about 60 characters up when the theme justifies.
        let between = p.spaceBetween > 0 ? "\(Self.number(p.spaceBetween * t.leading / t.bodySize))em" : "0"
        out += "p { margin: 0; text-align: start; text-indent: 0; }\n"
        if p.justify { out += "@media (min-width: 34em) { p { text-align: justify; } }\n" }
        out += """
            p.tokens { text-align: start; }
            p + p { text-indent: \(em(p.indent)); margin-top: \(between); }

            """
        // Headings, each level its own.
        out += "h2, h3, h4, h5, h6 { font-family: \(Self.stack(headingStack)); line-height: 1.2; text-align: start; "
            + "hyphens: manual; -webkit-hyphens: manual; break-after: avoid; page-break-after: avoid; }\n"
        for level in 2...6 {
            let h = t.heading(level)
            let before = Self.number(max(h.spaceBefore, 0.5) * t.leading / h.size)
            let after = Self.number(max(h.spaceAfter, 0.25) * t.leading / h.size)
            out += "h\(level) { font-size: \(Self.number(headingScale(level)))em; \(font(h.weight))font-style: \(h.italic ? "italic" : "normal"); "
                + "\(letterCase(h.letterCase))\(color(headingColor(level)))margin: \(before)em 0 \(after)em; }\n"
        }
        out += "span.heading-number { margin-inline-end: 0.25em; }\n"
        out += """
            a { color: \(linkColor?.hex ?? "inherit"); text-decoration: underline; text-decoration-thickness: 0.05em; }
            a.url, span.token { overflow-wrap: anywhere; word-break: break-all; hyphens: none; -webkit-hyphens: none; }
            code, pre { font-family: \(Self.stack(codeStack)); font-size: \(Self.number(t.code.scale))em; hyphens: none; -webkit-hyphens: none; }
            code { overflow-wrap: anywhere; }
            pre { white-space: pre-wrap; white-space: break-spaces; overflow-wrap: anywhere; word-break: normal; tab-size: 4; \
            margin: \(Self.number(max(t.code.spaceAround, 0.5) * t.leading / t.bodySize))em 0; padding: 0.4em 0.6em; \
            \(t.colors.codeBorder.map { "border: 1px solid \($0.hex); " } ?? "")\(color(t.colors.codeBackground, "background-color"))\
            text-align: left; text-indent: 0; line-height: 1.35; }
            pre code { font-size: 1em; }
            /* break-spaces: a run of aligning spaces wraps like text instead of hanging past a narrow
               screen's edge (large print); reading systems without it keep pre-wrap. */
            blockquote { margin: \(Self.number(max(t.quotes.spaceAround, 0.5) * t.leading / t.bodySize))em 0; \
            margin-inline-end: \(em(t.quotes.indentEnd)); padding-inline-start: \(em(max(t.quotes.indentStart - t.quotes.barWidth, 0))); \
            border-inline-start: \(em(t.quotes.barWidth)) solid \(t.colors.quoteBar.hex); \
            \(color(t.colors.quoteBackground, "background-color"))\(t.quotes.italic ? "font-style: italic; " : "")}
            blockquote blockquote { margin: 0.6em 0; }
            ul, ol { margin: \(Self.number(max(t.lists.spaceAround, 0.3) * t.leading / t.bodySize))em 0; padding-inline-start: \(em(t.lists.indent)); }
            li > ul, li > ol { margin: 0.2em 0; }
            li > p { margin: 0.3em 0; }
            li > p + p { text-indent: 0; }
            div.table-scroll { overflow-x: auto; margin: 1em 0; }
            table { border-collapse: collapse; font-size: \(Self.number(t.tables.scale))em; }
            caption { caption-side: top; font-family: \(Self.stack(f.captions)); font-size: \(Self.number(t.figures.captionScale / t.tables.scale))em; \
            font-style: italic; text-align: start; text-indent: 0; padding-bottom: 0.3em; }
            th, td { border-bottom: \(Self.px(t.tables.hairline)) solid \(t.colors.tableRules.hex); padding: 0.2em 0.5em; text-align: start; \
            vertical-align: top; overflow-wrap: break-word; hyphens: manual; -webkit-hyphens: manual; }
            thead th { border-bottom: \(Self.px(t.tables.lightRule)) solid \(t.colors.tableRules.hex); font-weight: 600; vertical-align: bottom; \
            \(color(t.colors.tableHeaderBackground, "background-color"))}
            table { border-top: \(Self.px(t.tables.heavyRule)) solid \(t.colors.tableRules.hex); border-bottom: \(Self.px(t.tables.heavyRule)) solid \(t.colors.tableRules.hex); }
            th.align-left, td.align-left { text-align: left; }
            th.align-center, td.align-center { text-align: center; }
            th.align-right, td.align-right { text-align: right; font-variant-numeric: tabular-nums; }
            img { max-width: 100%; height: auto; }
            section.cover { margin: 0; padding: 0; text-align: center; }
            section.cover img { max-width: 100%; max-height: 100vh; }
            figure { margin: 1em 0; text-align: center; }
            figure img { max-height: \(Self.number(t.figures.maxHeight * 100))vh; }
            figcaption { font-family: \(Self.stack(f.captions)); font-size: \(Self.number(t.figures.captionScale))em; text-align: center; \
            text-indent: 0; margin-top: 0.3em; }
            hr { border: 0; border-top: 1px solid \(t.colors.rules.hex); margin: 1.5em 30%; }
            section.bio { margin: 2.5em 0 0; padding-top: 0.8em; border-top: 1px solid \(t.colors.rules.hex); \
            font-size: \(Self.number(t.bio.scale))em; font-style: \(t.bio.italic ? "italic" : "normal"); }
            section.bio p { text-indent: 0; }

            """
        if t.bio.italic {
            // Scripts with no italics of their own would only be slanted.
            out += """
                section.bio:lang(he), section.bio:lang(yi), section.bio:lang(ar), section.bio:lang(fa), section.bio:lang(ur), \
                section.bio:lang(ja), section.bio:lang(zh), section.bio:lang(ko), section.bio:lang(th) { font-style: normal; }

                """
        }
        out += """
            sup { font-size: 0.75em; line-height: 0; vertical-align: super; }
            a[role="doc-noteref"] { text-decoration: none; padding: 0 0.1em; }
            section.footnotes { margin: 2.5em 0 0; padding-top: 0.8em; border-top: 1px solid \(t.colors.rules.hex); font-size: \(Self.number(t.notes.scale))em; }
            section.footnotes h2, section.bio h2 { font-size: 1em; font-style: normal; font-variant: normal; margin: 0 0 0.5em; }
            aside[role="doc-footnote"] { margin: 0 0 0.6em; padding-inline-start: 1.8em; }
            span.note-number { display: inline-block; width: 1.8em; margin-inline-start: -1.8em; text-indent: 0; font-weight: 600; }
            aside[role="doc-footnote"] p.note-number { height: 0; margin: 0; }
            aside[role="doc-footnote"] p.note-number + ul, aside[role="doc-footnote"] p.note-number + ol, \
            aside[role="doc-footnote"] p.note-number + pre, aside[role="doc-footnote"] p.note-number + blockquote { margin-top: 0; }
            aside[role="doc-footnote"] p + p, aside[role="doc-footnote"] p.note-back { text-indent: 0; margin-top: 0.3em; }
            a[role="doc-backlink"] { text-decoration: none; }
            .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }

            """
        if !t.extraCSS.isEmpty { out += "\n/* The theme's own rules. */\n" + t.extraCSS + (t.extraCSS.hasSuffix("\n") ? "" : "\n") }
        return out
    }

    /// A rule's thickness in CSS pixels (1px = 0.75pt), at least one.
    static func px(_ points: Double) -> String { Self.number(max(1, (points / 0.75).rounded())) + "px" }
}

extension Theme {
    /// The EPUB's style sheet for this theme.
    package var epubCSS: String { StyleSheet(theme: self).css }
}
