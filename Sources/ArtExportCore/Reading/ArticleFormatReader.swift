/// Reads the newsletter article format (FORMAT.md): optional size line, metadata
/// pipe table, then one block per line, with implicit headings and author bio.
package enum ArticleFormatReader {
    package static func read(_ bytes: [UInt8], file: String) throws(ExportError) -> (Article, [Diagnostic]) {
        let source = try SourceText.decode(bytes, file: file)
        let table = try MetadataTable.parse(source.lines, file: file)
        var (metadata, warnings) = try MetadataFields.interpret(table.fields, file: file, fallbackLine: table.headerLine)
        warnings = source.warnings + warnings

        var blocks: [Block] = []
        var ids = IdentifierSet()
        for line in source.lines[table.bodyStart...] {
            let text = collapseSpaces(line.text)
            if text.isEmpty { continue }
            if HeadingRule.isHeading(text, language: metadata.language) {
                blocks.append(.heading(Heading(level: 2, content: [.text(text)], id: ids.make(from: text))))
            } else {
                blocks.append(.paragraph(Autolinker.inlines(for: text)))
            }
        }
        var bio: [Block] = []
        if case .paragraph(let inlines)? = blocks.last, startsWithAuthor(inlines.plainText, metadata.authors) {
            bio = [blocks.removeLast()]
        }
        // A heading introduces something: one that ends the body is a short paragraph.
        if case .heading(let last)? = blocks.last {
            blocks[blocks.count - 1] = .paragraph(Autolinker.inlines(for: last.content.plainText))
        }
        if blocks.isEmpty && bio.isEmpty {
            warnings.append(Diagnostic(file: file, line: source.lines.last?.number, severity: .warning,
                                       message: "the article has no body text after the metadata table"))
        }
        metadata.fields = table.fields
        return (Article(metadata: metadata, blocks: blocks, bio: bio), warnings)
    }

    /// Runs of spaces (tabs became spaces) collapse to one; ends are trimmed.
    static func collapseSpaces(_ text: String) -> String {
        var previousSpace = true      // a leading space counts as a run
        var needed = false
        for b in text.utf8 {
            let space = b == 0x20
            if space && previousSpace { needed = true; break }
            previousSpace = space
        }
        guard needed || previousSpace else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The bio is the last paragraph when it begins with an author's full name.
    static func startsWithAuthor(_ text: String, _ authors: [String]) -> Bool {
        authors.contains { name in
            guard !name.isEmpty, text.hasPrefix(name) else { return false }
            // The name must end there: not "Anna" for "Annabel" — except in
            // Chinese and Japanese, which put no space after a name.
            guard let next = text.dropFirst(name.count).first else { return true }
            if let scalar = next.unicodeScalars.first, ScriptDetector.isCJK(scalar) { return true }
            return !(next.isLetter || next.isNumber)
        }
    }
}

/// Anchor identifiers from heading text: ASCII slugs, unique within a document,
/// always starting with a letter (NCX ids must be XML names).
struct IdentifierSet {
    // Ids the EPUB writer gives its own sections and headings; `note-…` are the
    // footnotes' (in the EPUB and as PDF destinations).
    private var used: Set<String> = ["titlepage", "title", "body", "about", "about-heading", "notes", "notes-heading",
                                     "toc", "toc-heading", "landmarks"]
    /// Per base, the suffix to try next: every smaller one is taken, so a thousandth
    /// "Introduction" does not try the 999 before it again.
    private var nextSuffix: [String: Int] = [:]

    mutating func make(from text: String, prefix: String = "sec") -> String {
        var slug = ""
        var lastWasDash = true
        for scalar in text.lowercased().unicodeScalars {
            let ascii = Self.fold(scalar)
            if !ascii.isEmpty {
                slug += ascii
                lastWasDash = false
            } else if scalar.generalCategory == .nonspacingMark || scalar == "'" || scalar == "’" {
                continue
            } else if !lastWasDash {
                slug.append("-")
                lastWasDash = true
            }
            if slug.count >= 48 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        var base = slug.isEmpty ? prefix : slug
        // `note-…` and `ref-…` are the footnotes' and their references' ids.
        if let first = base.first, !first.isLetter || base.hasPrefix("note-") || base.hasPrefix("ref-") { base = prefix + "-" + base }
        var candidate = base
        var n = nextSuffix[base] ?? 2
        if used.contains(candidate) {
            repeat {
                candidate = "\(base)-\(n)"
                n += 1
            } while used.contains(candidate)
            nextSuffix[base] = n
        }
        used.insert(candidate)
        return candidate
    }

    /// An ASCII spelling of a letter or digit for anchors (`é` → `e`, `ß` → `ss`);
    /// empty for anything else.
    static func fold(_ s: Unicode.Scalar) -> String {
        if s.isASCII { return s.properties.isAlphabetic || ("0"..."9").contains(s) ? String(s) : "" }
        switch s {
        case "ß": return "ss"
        case "æ": return "ae"
        case "œ": return "oe"
        case "ø": return "o"
        case "đ", "ð": return "d"
        case "ł": return "l"
        case "þ": return "th"
        default: break
        }
        return latinBase[s].map(String.init) ?? ""
    }

    /// Base letters of the accented Latin letters European newsletters use.
    private static let latinBase: [Unicode.Scalar: Character] = {
        let groups: [(Character, String)] = [
            ("a", "àáâãäåāăą"), ("c", "çćĉċč"), ("d", "ď"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"), ("h", "ĥħ"),
            ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀ"), ("n", "ñńņňŉ"), ("o", "òóôõöōŏő"),
            ("r", "ŕŗř"), ("s", "śŝşšș"), ("t", "ţťŧț"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
        ]
        var table: [Unicode.Scalar: Character] = [:]
        for (base, letters) in groups { for scalar in letters.unicodeScalars { table[scalar] = base } }
        return table
    }()
}
