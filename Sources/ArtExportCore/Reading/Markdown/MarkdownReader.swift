import CCmarkGFM

/// Reads Markdown (CommonMark with GitHub's tables, strikethrough, autolinks,
/// task lists and footnotes) through cmark-gfm. The C tree lives only inside
/// `read`: it is mapped to the model here and freed here.
///
/// Raw HTML is never carried into the model: every HTML block and inline tag
/// is dropped with a warning naming its line (the text between inline tags
/// stays). Links keep only targets `LinkTarget` accepts; others become their text.
package enum MarkdownReader {
    /// - Parameter imageFolder: the folder images are read from (the article's);
    ///   nil when the article has none, so any image is an error.
    package static func read(_ bytes: [UInt8], file: String, imageFolder: LocalPath?) throws(ExportError) -> (Article, [Diagnostic]) {
        let source = try SourceText.decode(bytes, file: file, keepTabs: true)
        let front = try FrontMatter.read(source.lines, file: file)
        var (metadata, warnings) = try MetadataFields.interpret(front.fields, file: file, fallbackLine: front.fallbackLine,
                                                               titleHint: front.titleHint)
        metadata.fields = front.fields
        warnings = source.warnings + warnings

        let body = source.lines[front.bodyStart...]
        let text = body.map(\.text).joined(separator: "\n")
        var converter = Converter(file: file, firstLine: body.first?.number ?? (source.lines.last?.number ?? 1),
                                  images: ImageResolver(folder: imageFolder, file: file))
        let (blocks, footnotes) = try converter.convert(text)
        warnings += converter.warnings
        if blocks.isEmpty {
            warnings.append(Diagnostic(file: file, line: source.lines.last?.number, severity: .warning,
                                       message: "the article has no body text after its metadata"))
        }
        return (Article(metadata: metadata, blocks: blocks, footnotes: footnotes), warnings)
    }
}

private struct Converter {
    let file: String
    /// The file's line number of the body's first line.
    let firstLine: Int
    let images: ImageResolver
    var warnings: [Diagnostic] = []
    var ids = IdentifierSet()
    /// Heading levels move so that the body's highest heading is level 2 (the title is 1).
    var headingShift = 1
    var depth = 0

    /// Deeper nesting (quotes in lists in quotes…) than any article needs; the
    /// writers recurse too, so the reader stops here instead of the stack.
    static let maxDepth = 64

    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    init(file: String, firstLine: Int, images: ImageResolver) {
        self.file = file
        self.firstLine = firstLine
        self.images = images
    }

    mutating func convert(_ text: String) throws(ExportError) -> ([Block], [Footnote]) {
        _ = Self.registered
        guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { throw ExportError(.internalError, file: file, "cmark-gfm could not start") }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        text.withCString { cmark_parser_feed(parser, $0, text.utf8.count) }
        guard let document = cmark_parser_finish(parser) else { throw ExportError(.internalError, file: file, "cmark-gfm could not parse") }
        defer { cmark_node_free(document) }

        var minLevel = 6
        for child in children(document) where cmark_node_get_type(child) == CMARK_NODE_HEADING {
            minLevel = min(minLevel, Int(cmark_node_get_heading_level(child)))
        }
        headingShift = 2 - minLevel

        var blocks: [Block] = []
        var footnotes: [Footnote] = []
        for child in children(document) {
            if cmark_node_get_type(child) == CMARK_NODE_FOOTNOTE_DEFINITION {
                // Definitions come last, in the order of their first reference; a
                // reference's literal is that ordinal.
                footnotes.append(Footnote(id: String(footnotes.count + 1), blocks: try self.blocks(of: child)))
            } else {
                blocks += try block(child)
            }
        }
        return (Self.attachingTableCaptions(blocks), footnotes)
    }

    // MARK: tree walking

    private func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    /// The file's line of a node; `fallback` when cmark gives none (some inlines).
    private func line(_ node: OpaquePointer, fallback: Int? = nil) -> Int {
        let l = Int(cmark_node_get_start_line(node))
        return l > 0 ? firstLine + l - 1 : (fallback ?? firstLine)
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private mutating func nest(_ node: OpaquePointer) throws(ExportError) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw ExportError(.badInput, file: file, line: line(node),
                              "the Markdown is nested more than \(Self.maxDepth) levels deep here (quotes, lists or emphasis inside each other); flatten it")
        }
    }

    // MARK: blocks

    private mutating func blocks(of node: OpaquePointer) throws(ExportError) -> [Block] {
        try nest(node)
        defer { depth -= 1 }
        var result: [Block] = []
        for child in children(node) { result += try block(child) }
        return Self.attachingTableCaptions(result)
    }

    /// A paragraph starting `Table:` (or `:`, as pandoc writes it) right after a
    /// table, or right before one, is the table's caption.
    static func attachingTableCaptions(_ blocks: [Block]) -> [Block] {
        func caption(_ block: Block) -> [Inline]? {
            guard case .paragraph(var content) = block, case .text(let first)? = content.first else { return nil }
            for marker in ["Table:", "table:", ":"] where first.hasPrefix(marker) {
                let rest = first.dropFirst(marker.count).drop { $0 == " " }
                guard !rest.isEmpty || content.count > 1 else { return nil }
                if rest.isEmpty { content.removeFirst() } else { content[0] = .text(String(rest)) }
                return content
            }
            return nil
        }
        var result: [Block] = []
        var k = 0
        while k < blocks.count {
            if case .table(var table) = blocks[k], table.caption.isEmpty {
                if k + 1 < blocks.count, let c = caption(blocks[k + 1]) {
                    table.caption = c
                    result.append(.table(table))
                    k += 2
                    continue
                }
                if let last = result.last, let c = caption(last) {
                    table.caption = c
                    result[result.count - 1] = .table(table)
                    k += 1
                    continue
                }
            }
            result.append(blocks[k])
            k += 1
        }
        return result
    }

    private mutating func block(_ node: OpaquePointer) throws(ExportError) -> [Block] {
        let type = cmark_node_get_type(node)
        let at = line(node)
        switch type {
        case CMARK_NODE_PARAGRAPH:
            let content = try inlines(of: node, line: at)
            if content.count == 1, case .image(let image) = content[0] {
                return [.figure(Figure(image: image, caption: image.title.map { [.text($0)] } ?? []))]
            }
            return content.isEmpty ? [] : [.paragraph(content)]
        case CMARK_NODE_HEADING:
            let content = try inlines(of: node, line: at)
            let level = min(max(Int(cmark_node_get_heading_level(node)) + headingShift, 2), 6)
            return [.heading(Heading(level: level, content: content, id: ids.make(from: content.plainText)))]
        case CMARK_NODE_BLOCK_QUOTE:
            return [.blockQuote(try blocks(of: node))]
        case CMARK_NODE_LIST:
            try nest(node)
            defer { depth -= 1 }
            var items: [ListItem] = []
            for item in children(node) {
                let task: ListItem.Task? = typeName(item) == "tasklist"
                    ? (cmark_gfm_extensions_get_tasklist_item_checked(item) ? .done : .open) : nil
                items.append(ListItem(try blocks(of: item), task: task))
            }
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            return [.list(List(ordered: ordered, start: ordered ? Int(cmark_node_get_list_start(node)) : 1, items: items,
                               tight: cmark_node_get_list_tight(node) != 0))]
        case CMARK_NODE_CODE_BLOCK:
            var code = literal(node)
            if code.hasSuffix("\n") { code.removeLast() }
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
            return [.codeBlock(language: language, code: code)]
        case CMARK_NODE_HTML_BLOCK:
            warn(at, "dropped a block of raw HTML (artexport does not carry HTML into its output); write it as Markdown")
            return []
        case CMARK_NODE_THEMATIC_BREAK:
            return [.thematicBreak]
        case ccmark_node_table():
            return [.table(try table(node))]
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            return []       // collected by `convert`
        default:
            // Nothing else is made by cmark-gfm's Markdown; keep any content.
            return try blocks(of: node)
        }
    }

    private mutating func table(_ node: OpaquePointer) throws(ExportError) -> Table {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [Table.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for k in 0..<columns {
                switch raw[k] {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        for row in children(node) {
            var cells: [[Inline]] = []
            for cell in children(row) { cells.append(try inlines(of: cell, line: line(cell))) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
        }
        return Table(alignments: alignments, header: header, rows: rows)
    }

    // MARK: inlines

    private mutating func inlines(of node: OpaquePointer, line blockLine: Int) throws(ExportError) -> [Inline] {
        try nest(node)
        defer { depth -= 1 }
        var result: [Inline] = []
        for child in children(node) {
            for inline in try inline(child, line: blockLine) {
                // cmark splits text at every mark it considered; the model keeps one run.
                if case .text(let s) = inline, case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + s)
                } else {
                    result.append(inline)
                }
            }
        }
        return result
    }

    private mutating func inline(_ node: OpaquePointer, line blockLine: Int) throws(ExportError) -> [Inline] {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_TEXT: return [.text(literal(node))]
        case CMARK_NODE_SOFTBREAK: return [.text(" ")]
        case CMARK_NODE_LINEBREAK: return [.lineBreak]
        case CMARK_NODE_CODE: return [.code(literal(node))]
        case CMARK_NODE_HTML_INLINE:
            warn(line(node, fallback: blockLine), "dropped the raw HTML `\(Self.shortened(literal(node)))` (artexport does not carry HTML into its output); the text around it is kept")
            return []
        case CMARK_NODE_EMPH: return [.emphasis(try inlines(of: node, line: blockLine))]
        case CMARK_NODE_STRONG: return [.strong(try inlines(of: node, line: blockLine))]
        case ccmark_node_strikethrough(): return [.strikethrough(try inlines(of: node, line: blockLine))]
        case CMARK_NODE_LINK:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            guard LinkTarget(url) != nil else {
                let content = try inlines(of: node, line: blockLine)
                warn(line(node, fallback: blockLine), "the link to `\(Self.shortened(url))` is set as text: only http, https and mailto links (and #names) are made")
                return content
            }
            var content = try inlines(of: node, line: blockLine)
            var shown = content.plainText
            // `<mailto:a@b.org>` shows the address, as a reader writes it, not the scheme.
            if shown == url, url.lowercased().hasPrefix("mailto:"), content.count == 1 {
                shown = String(url.dropFirst("mailto:".count))
                content = [.text(shown)]
            }
            let isAutolink = shown == url || "mailto:" + shown == url || "http://" + shown == url || "https://" + shown == url
            return [.link(Link(url: url, content: content, isAutolink: isAutolink && content.count == 1))]
        case CMARK_NODE_IMAGE:
            let at = line(node, fallback: blockLine)
            let source = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let title = cmark_node_get_title(node).map { String(cString: $0) }
            let alt = try inlines(of: node, line: blockLine).plainText
            let resource = try images.resolve(source, line: at)
            return [.image(Image(source: source, alt: alt, title: title?.isEmpty == false ? title : nil, resource: resource))]
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            return [.footnoteReference(literal(node))]
        default:
            return try inlines(of: node, line: blockLine)
        }
    }

    private mutating func warn(_ line: Int, _ message: String) {
        warnings.append(Diagnostic(file: file, line: line, severity: .warning, message: message))
    }

    private static func shortened(_ s: String) -> String {
        let oneLine = s.replacing("\n", with: " ")
        return oneLine.count > 40 ? String(oneLine.prefix(39)) + "…" : oneLine
    }
}
