import ArtExportCore
/// Inline content as XHTML with its direction and language marked where the
/// text settles them (see `ScriptRuns`): a run against the block's direction is
/// isolated in `<span dir>`, a run whose script settles another language is in
/// `<span lang xml:lang>`, and code-like tokens may break anywhere.
struct InlineMarkup {
    /// What the writer hands over: markup around text, with the text the reader
    /// sees kept apart so it can be analysed.
    indirect enum Node {
        case text(String)
        /// Markup shown as one piece (inline code, a note number, a line break),
        /// with the text it shows; never split by a run.
        case atom(markup: String, text: String)
        /// An element around its children. Where a run starts or ends inside it,
        /// it is closed and opened again, so the markup stays well nested.
        /// `breaks` says its text already breaks anywhere (a URL), so needs no token spans.
        case element(open: String, close: String, children: [Node], breaks: Bool = false)
    }

    let runs: ScriptRuns
    /// The text the runs index: text nodes and atoms' text, in order.
    let scalars: [Unicode.Scalar]
    /// The content, without the block's own tag.
    let markup: String
    /// The text holds a code-like token or a long URL: a justified line around
    /// one that breaks has a single space to stretch, so such a block is set ragged.
    let holdsTokens: Bool

    /// - Parameters:
    ///   - surrounding: the language the block is in (the article's).
    ///   - direction: the block's direction when decided elsewhere (a name inside a byline).
    init(_ nodes: [Node], surrounding: LanguageTag, direction: ScriptRuns.Direction? = nil) {
        var flat = Flattened()
        flat.add(nodes, path: [], breaks: false)
        runs = ScriptRuns(flat.scalars, surrounding: surrounding, direction: direction, atoms: flat.atoms)
        scalars = flat.scalars
        markup = Self.render(flat, runs)
        holdsTokens = flat.leaves.contains { leaf in
            guard case .text(let text, let tokens) = leaf.content else { return false }
            return leaf.breaks ? text.count >= CodeLikeToken.minimumLength : !tokens.isEmpty
        }
    }

    /// `dir`, `lang` and `xml:lang` for the block's own element, where they differ from its surroundings.
    func blockAttributes(enclosing: ScriptRuns.Direction) -> [(String, String)] {
        var attributes: [(String, String)] = []
        if runs.direction != enclosing { attributes.append(("dir", runs.direction.attribute)) }
        if let language = runs.language { attributes += [("lang", language.value), ("xml:lang", language.value)] }
        return attributes
    }

    /// A reference to a footnote as written: the note's number, the reference's
    /// own id (for the note's back link) and the note's id.
    struct NoteReference {
        var number: Int
        var id: String
        var noteID: String
    }

    /// - Parameters:
    ///   - fragmentHref: the href of a `#name` link (names may live in another document).
    ///   - note: the next reference to a footnote by id, in reading order; nil
    ///     when the article has no such note (the reference is then left out).
    ///   - imageSource: the `src` of an image (its file in the package, once packaged).
    ///   - marks: markup to insert before the source scalar at each offset
    ///     (`TextPosition.offset`): the page breaks of the print edition.
    static func nodes(_ inlines: [Inline], fragmentHref: (LinkTarget) -> String, note: (String) -> NoteReference?,
                      imageSource: (Image) -> String = { $0.source }, marks: [(offset: Int, markup: String)] = []) -> [Node] {
        guard marks.isEmpty else {
            var pending = marks.sorted { $0.offset < $1.offset }[...]
            var position = 0
            var result = marked(inlines, fragmentHref: fragmentHref, note: note, imageSource: imageSource, pending: &pending, position: &position)
            result += pending.map { .atom(markup: $0.markup, text: "") }
            return result
        }
        func children(_ c: [Inline]) -> [Node] { nodes(c, fragmentHref: fragmentHref, note: note, imageSource: imageSource) }
        return inlines.map { inline in
            switch inline {
            case .text(let s): return .text(s)
            case .emphasis(let c): return .element(open: "<em>", close: "</em>", children: children(c))
            case .strong(let c): return .element(open: "<strong>", close: "</strong>", children: children(c))
            case .strikethrough(let c): return .element(open: "<s>", close: "</s>", children: children(c))
            case .code(let s): return .atom(markup: "<code>\(XML.text(s))</code>", text: s)
            case .link(let link):
                // A target LinkTarget refuses (javascript:, file:, data:…) is no link: its text stays.
                guard let target = LinkTarget(link.url) else { return .element(open: "", close: "", children: children(link.content)) }
                let href = target.kind == .fragment ? fragmentHref(target) : target.href
                let cls = link.isAutolink ? " class=\"url\"" : ""
                return .element(open: "<a href=\"\(XML.attribute(href))\"\(cls)>", close: "</a>",
                                children: children(link.content), breaks: link.isAutolink)
            case .lineBreak: return .atom(markup: "<br/>", text: "\n")
            case .footnoteReference(let id):
                guard let ref = note(id) else { return .text("") }
                return .atom(markup: "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#\(XML.attribute(ref.noteID))\" id=\"\(XML.attribute(ref.id))\">\(ref.number)</a></sup>",
                             text: String(ref.number))
            case .image(let image):
                return .atom(markup: "<img src=\"\(XML.attribute(imageSource(image)))\" alt=\"\(XML.attribute(image.alt))\"/>", text: "")
            }
        }
    }

    /// `nodes` with the marks inserted where their offsets fall: inside a text, the
    /// text is cut there; before code, a line break, a note or an image, ahead of it.
    private static func marked(_ inlines: [Inline], fragmentHref: (LinkTarget) -> String, note: (String) -> NoteReference?,
                               imageSource: (Image) -> String, pending: inout ArraySlice<(offset: Int, markup: String)>,
                               position: inout Int) -> [Node] {
        var out: [Node] = []
        func flush(before end: Int) {
            while let m = pending.first, m.offset < end {
                out.append(.atom(markup: m.markup, text: ""))
                pending.removeFirst()
            }
        }
        for inline in inlines {
            switch inline {
            case .text(let s):
                let scalars = Array(s.unicodeScalars)
                var from = 0
                while let m = pending.first, m.offset < position + scalars.count {
                    let cut = max(from, m.offset - position)
                    if cut > from { out.append(.text(String(String.UnicodeScalarView(scalars[from..<cut])))) }
                    out.append(.atom(markup: m.markup, text: ""))
                    pending.removeFirst()
                    from = cut
                }
                if from < scalars.count { out.append(.text(from == 0 ? s : String(String.UnicodeScalarView(scalars[from...])))) }
                position += scalars.count
            case .emphasis, .strong, .strikethrough, .link:
                let c: [Inline]
                switch inline {
                case .emphasis(let x), .strong(let x), .strikethrough(let x): c = x
                case .link(let l): c = l.content
                default: c = []
                }
                // The element itself as `nodes` writes it, its children marked.
                let shell = nodes([inline], fragmentHref: fragmentHref, note: note, imageSource: imageSource)
                let children = marked(c, fragmentHref: fragmentHref, note: note, imageSource: imageSource, pending: &pending, position: &position)
                if case .element(let open, let close, _, let breaks)? = shell.first {
                    out.append(.element(open: open, close: close, children: children, breaks: breaks))
                } else {
                    out += children
                }
            default:
                let count = inline.sourceScalarCount
                flush(before: position + max(count, 1))
                out += nodes([inline], fragmentHref: fragmentHref, note: note, imageSource: imageSource)
                position += count
            }
        }
        return out
    }

    // MARK: - Flattening

    /// The nodes as leaves in reading order, each with the elements around it.
    private struct Flattened {
        /// A text's code-like tokens are found once, here (none where it already breaks).
        enum Content { case text([Unicode.Scalar], tokens: [Range<Int>]), atom(String) }
        struct Leaf { var content: Content; var path: [Int]; var range: Range<Int>; var breaks: Bool }
        var scalars: [Unicode.Scalar] = []
        var atoms: [Range<Int>] = []
        var leaves: [Leaf] = []
        var elements: [(open: String, close: String)] = []

        mutating func add(_ nodes: [Node], path: [Int], breaks: Bool) {
            for node in nodes {
                switch node {
                case .text(let s):
                    let start = scalars.count
                    scalars += s.unicodeScalars
                    if scalars.count > start {
                        let text = Array(scalars[start...])
                        let tokens = breaks ? [] : CodeLikeToken.ranges(in: text)
                        leaves.append(Leaf(content: .text(text, tokens: tokens), path: path, range: start..<scalars.count, breaks: breaks))
                    }
                case .atom(let markup, let text):
                    let start = scalars.count
                    scalars += text.unicodeScalars
                    atoms.append(start..<scalars.count)
                    leaves.append(Leaf(content: .atom(markup), path: path, range: start..<scalars.count, breaks: breaks))
                case .element(let open, let close, let children, let childBreaks):
                    elements.append((open, close))
                    add(children, path: path + [elements.count - 1], breaks: breaks || childBreaks)
                }
            }
        }
    }

    // MARK: - Rendering

    private static func render(_ flat: Flattened, _ runs: ScriptRuns) -> String {
        var out = ""
        var open: [Int] = []
        func closeAll() {
            while let last = open.popLast() { out += flat.elements[last].close }
        }
        func enter(_ path: [Int]) {
            var common = 0
            while common < open.count, common < path.count, open[common] == path[common] { common += 1 }
            while open.count > common { out += flat.elements[open.removeLast()].close }
            for id in path[common...] {
                out += flat.elements[id].open
                open.append(id)
            }
        }
        let end = flat.scalars.count
        func emit(_ range: Range<Int>) {
            // An empty leaf (code with no text) goes with the run at its place, or the last.
            for leaf in flat.leaves where leaf.range.overlaps(range)
                || (leaf.range.isEmpty && (range.contains(leaf.range.lowerBound) || (leaf.range.lowerBound == end && range.upperBound == end))) {
                enter(leaf.path)
                switch leaf.content {
                case .atom(let markup):
                    // Atoms are never split, so an atom belongs to the run holding its start.
                    if range.contains(leaf.range.lowerBound) || leaf.range.lowerBound == end { out += markup }
                case .text(let scalars, let tokens):
                    let lower = max(range.lowerBound, leaf.range.lowerBound) - leaf.range.lowerBound
                    let upper = min(range.upperBound, leaf.range.upperBound) - leaf.range.lowerBound
                    // A run cutting a word can change its tokens: only a whole leaf reuses them.
                    let whole = lower == 0 && upper == scalars.count
                    out += text(scalars[lower..<upper], breaks: leaf.breaks, tokens: whole ? tokens : nil)
                }
            }
        }
        func span(_ attributes: [(String, String)]) -> String {
            "<span\(XMLBuilder.attributes(attributes))>"
        }
        func lang(_ tag: LanguageTag) -> [(String, String)] { [("lang", tag.value), ("xml:lang", tag.value)] }

        if runs.runs.isEmpty { emit(0..<0) }      // no text at all: only empty leaves, if any
        for group in runs.directionGroups {
            let isolate = group.first!.direction != runs.direction
            var groupLanguage: LanguageTag?
            if isolate {
                // One language for the whole isolate: one span says both.
                if group.count == 1, case .tagged(let tag) = group.first!.language { groupLanguage = tag }
                closeAll()
                out += span([("dir", group.first!.direction.attribute)] + (groupLanguage.map(lang) ?? []))
            }
            for run in group {
                if groupLanguage == nil, case .tagged(let tag) = run.language {
                    closeAll()
                    out += span(lang(tag))
                    emit(run.range)
                    closeAll()
                    out += "</span>"
                } else {
                    emit(run.range)
                }
            }
            if isolate {
                closeAll()
                out += "</span>"
            }
        }
        closeAll()
        return out
    }

    /// Escaped text, with code-like tokens in `<span class="token">` (they may break
    /// anywhere); `tokens`, when known, are those of exactly these scalars.
    private static func text(_ scalars: ArraySlice<Unicode.Scalar>, breaks: Bool, tokens: [Range<Int>]?) -> String {
        // Through UTF-8 bytes: appending to a String.UnicodeScalarView one scalar
        // at a time cost 9 % of an EPUB run.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count + scalars.count / 4)
        guard !breaks else {
            XML.appendText(scalars, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        let slice = Array(scalars)
        var at = 0
        for token in tokens ?? CodeLikeToken.ranges(in: slice) {
            XML.appendText(slice[at..<token.lowerBound], to: &bytes)
            bytes += "<span class=\"token\">".utf8
            XML.appendText(slice[token], to: &bytes)
            bytes += "</span>".utf8
            at = token.upperBound
        }
        XML.appendText(slice[at...], to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
