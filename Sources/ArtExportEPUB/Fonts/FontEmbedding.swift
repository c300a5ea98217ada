import ArtExportCore

/// The fonts an EPUB embeds for its theme (`Theme.embeddedFaces`): each face
/// found, its licence checked, subset to the characters the book shows, as
/// package files with deterministic names and bytes, and the `@font-face`
/// rules that name them.
struct FontEmbedding {
    static let directory = "fonts"
    /// Deflated (zlib level 1, as the text): sfnt tables are not compressed
    /// themselves. Linux Libertine O's three faces for samples/world.txt: 116,388
    /// bytes of subsets, 116,868 stored in the ZIP, 75,122 deflated.
    static let compression: ZipArchive.Compression = .deflate

    /// A font file in the package.
    struct File: Equatable {
        /// The manifest item's id, `font-N`.
        var id: String
        /// Relative to the package directory: `fonts/NAME.otf|ttf`.
        var href: String
        var mediaType: String
        var bytes: [UInt8]
        var face: FontFace
        var format: FontSubset.Format
    }

    let files: [File]

    /// Whether every face can be embedded (installed, its licence allowing it),
    /// before any export starts: the error names the theme's `fonts.embed` line.
    static func check(_ theme: Theme) throws(ExportError) {
        for face in theme.embeddedFaces {
            do {
                let source = try FontLocator.locate(face)
                _ = try FontLicence.check(try HarfBuzzFace(path: source.path, index: source.index), family: face.family)
            } catch {
                let origin = theme.origins["fonts.embed"]
                throw ExportError(.badInput, file: origin?.file ?? theme.name, line: origin?.line,
                                  "`fonts.embed`: \(error.diagnostic.message)")
            }
        }
    }

    /// Every face subset to `scalars`. Throws before anything is written when a
    /// face is not installed, its licence forbids embedding, or HarfBuzz fails.
    init(faces: [FontFace], scalars: [UInt32]) throws(ExportError) {
        var files: [File] = []
        var names: Set<String> = []
        var seen: Set<FontFace> = []
        for face in faces where seen.insert(face).inserted {
            let source = try FontLocator.locate(face)
            let font = try HarfBuzzFace(path: source.path, index: source.index)
            _ = try FontLicence.check(font, family: face.family)
            let subset = try FontSubsetter.subset(font, to: scalars)
            let base = Self.fileName(face)
            var name = base
            var k = 1
            while !names.insert(name).inserted {
                k += 1
                name = "\(base)-\(k)"
            }
            files.append(File(id: "font-\(files.count + 1)", href: "\(Self.directory)/\(name).\(subset.format.fileExtension)",
                              mediaType: subset.format.mediaType, bytes: subset.bytes, face: face, format: subset.format))
        }
        self.files = files
    }

    /// `linux-libertine-o-600-italic`: the family's ASCII letters and digits, the
    /// weight and the style; "font" for a family written in no ASCII letter.
    static func fileName(_ face: FontFace) -> String {
        var slug = ""
        for scalar in face.family.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return (slug.isEmpty ? "font" : slug) + "-\(face.weight.rawValue)" + (face.italic ? "-italic" : "")
    }

    // MARK: - What the book shows

    /// The characters a subset keeps: the text of the content documents (the
    /// article with every word the writer adds — labels, dates, note numbers,
    /// back-link arrows), image descriptions (shown when an image is not), and
    /// what reading systems draw themselves: list numbers and bullets, and the
    /// hyphens of `hyphens: auto`. Ascending, each once.
    static func scalars(shownIn documents: [String], article: Article) -> [UInt32] {
        scalars(shownIn: documents, articles: [article])
    }

    static func scalars(shownIn documents: [String], articles: [Article]) -> [UInt32] {
        var set: Set<UInt32> = []
        func add(_ s: String) {
            for scalar in s.unicodeScalars where scalar.value >= 0x20 { set.insert(scalar.value) }
        }
        for document in documents { add(text(ofXHTML: document)) }
        for article in articles {
            InlineWalk.visit(article.blocks + article.bio + article.footnotes.flatMap(\.blocks)) { inline in
                if case .image(let image) = inline { add(image.alt) }
            }
        }
        add(" \u{A0}0123456789.-\u{2010}\u{2022}\u{25E6}\u{25AA}")
        return set.sorted()
    }

    /// The character data of an XHTML document as artexport writes it: tags
    /// (and the declaration and doctype) left out, references decoded.
    static func text(ofXHTML xhtml: String) -> String {
        var out = String.UnicodeScalarView()
        var inTag = false
        var reference: String.UnicodeScalarView?
        for scalar in xhtml.unicodeScalars {
            if inTag {
                if scalar == ">" { inTag = false }
            } else if var r = reference {
                if scalar == ";" {
                    out.append(contentsOf: decode(String(r)).unicodeScalars)
                    reference = nil
                } else {
                    r.append(scalar)
                    reference = r
                }
            } else if scalar == "<" {
                inTag = true
            } else if scalar == "&" {
                reference = String.UnicodeScalarView()
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func decode(_ name: String) -> String {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let value = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
            return value.flatMap(Unicode.Scalar.init).map { String($0) } ?? ""
        }
    }

    // MARK: - The style sheet

    /// One `@font-face` per file, its source relative to the style sheet
    /// (`styles/article.css` → `../fonts/…`). The family is the theme's name for
    /// it, so the theme's `font-family` lists pick the embedded faces; no
    /// `!important`, so a reader's own font choice still wins.
    var rules: String {
        files.map { file in
            """
            @font-face {
              font-family: "\(Self.cssString(file.face.family))";
              font-style: \(file.face.italic ? "italic" : "normal");
              font-weight: \(file.face.weight.rawValue);
              src: url("../\(file.href)") format("\(file.format.cssFormat)");
            }

            """
        }.joined()
    }

    /// The theme's style sheet with the rules in front of its style rules: after
    /// any `@charset`, `@import` and `@namespace` at its head, which must precede
    /// every other rule (CSS would drop them otherwise).
    func styleSheet(_ css: String) -> String {
        let bytes = Array(css.utf8)
        let point = Self.headEnd(bytes)
        let head = "/* Fonts embedded by artexport, subset to this book's characters. */\n" + rules
        let inserted = point == 0 ? head + "\n" : "\n" + head
        return String(decoding: bytes[..<point], as: UTF8.self) + inserted + String(decoding: bytes[point...], as: UTF8.self)
    }

    /// The offset just after the last leading `@charset`/`@import`/`@namespace`
    /// statement (and its line break); 0 when there is none.
    static func headEnd(_ css: [UInt8]) -> Int {
        var i = 0, end = 0
        func skipSpaceAndComments() {
            while i < css.count {
                if [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(css[i]) {
                    i += 1
                } else if css[i] == UInt8(ascii: "/"), i + 1 < css.count, css[i + 1] == UInt8(ascii: "*") {
                    i += 2
                    while i + 1 < css.count, !(css[i] == UInt8(ascii: "*") && css[i + 1] == UInt8(ascii: "/")) { i += 1 }
                    i = min(i + 2, css.count)
                } else {
                    return
                }
            }
        }
        while true {
            skipSpaceAndComments()
            guard i < css.count, css[i] == UInt8(ascii: "@") else { break }
            var j = i + 1
            while j < css.count, css[j] == UInt8(ascii: "-") || (css[j] | 0x20 >= UInt8(ascii: "a") && css[j] | 0x20 <= UInt8(ascii: "z")) { j += 1 }
            let keyword = String(decoding: css[(i + 1)..<j], as: UTF8.self).lowercased()
            guard ["charset", "import", "namespace"].contains(keyword) else { break }
            var quote: UInt8?
            while j < css.count {
                let c = css[j]
                if let q = quote {
                    if c == UInt8(ascii: "\\") { j += 1 } else if c == q { quote = nil }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: ";") {
                    break
                }
                j += 1
            }
            guard j < css.count else { break }          // unterminated: not a statement to keep ahead
            i = j + 1
            if i < css.count, css[i] == 0x0A { i += 1 }
            end = i
        }
        return end
    }

    /// A CSS string's content: backslash and quote escaped, control characters dropped.
    static func cssString(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
