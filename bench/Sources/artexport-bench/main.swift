// artexport-bench: the helper behind `make bench` (bench/run.sh).
//
//   artexport-bench markdown INPUT.txt
//       Prints the article as pandoc Markdown (YAML front matter + body), so pandoc
//       can be timed on the very same content artexport converts.
//   artexport-bench markdown --issue ISSUE.yaml
//       The whole issue as one pandoc Markdown document, one chapter per article.
//   artexport-bench text INPUT.txt
//       Prints the body and bio as plain text, one block per paragraph: run.sh
//       compares it with `pandoc -t plain` of the Markdown to catch lost words.
//   artexport-bench typst INPUT.txt
//       Prints the article as a typst document (A4, EB Garamond, justified and
//       hyphenated, title block, running head): the typst peer of `artexport --pdf`.
//   artexport-bench typst --issue ISSUE.yaml
//       The whole issue as one typst document: cover, contents, each article
//       from a new page in its own language.
//   artexport-bench html INPUT.txt
//       Prints the article as one HTML5 file with a print style sheet for
//       WeasyPrint, set like the typst document: the WeasyPrint peer.
//   artexport-bench throughput [--pdf] [--seconds S] [--rounds N] [--workers N] FILE…
//       Exports EPUBs (or PDFs) in-process (ArtExport.read + EPUBExporter.export), in
//       parallel over all cores, from bytes read once into memory; no files are written.
//   artexport-bench generate [--seed S] [--words W] [--issue FILE] N DIR SAMPLE.txt…
//       Writes N varied articles of about W words (default 1,000) made from the samples' text
//       (DIR/article-0001.txt…; the same seed gives the same files) and, with
//       --issue, DIR/FILE: an issue file listing them all, in sections of 10.
//   artexport-bench quality [--theme NAME|PATH] FILE…
//       Prints LineQuality (the in-process line and page measurements the tests
//       check) of each file's typeset PDF pages as a Markdown table.
//
// Plain Swift, no ArgumentParser: this target must build whatever the CLI does.

import ArtExportKit
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Small process helpers

func writeStderr(_ text: String) {
    FileIO.writeAll(fd: 2, Array(text.utf8))
}

func fail(_ message: String, status: Int32 = 64) -> Never {
    writeStderr("artexport-bench: \(message)\n")
    exit(status)
}

let usage = """
    usage: artexport-bench markdown INPUT.txt | --issue ISSUE.yaml
           artexport-bench text INPUT.txt
           artexport-bench typst INPUT.txt | --issue ISSUE.yaml
           artexport-bench html INPUT.txt
           artexport-bench throughput [--pdf] [--seconds S] [--rounds N] [--workers N] FILE…
           artexport-bench generate [--seed S] [--words W] [--issue FILE] N DIR SAMPLE.txt…
           artexport-bench quality [--theme NAME|PATH] FILE…

    """

func readInput(_ path: String) -> [UInt8] {
    do {
        return try FileIO.read(path: LocalPath(path))
    } catch {
        fail(error.description, status: error.exitCode)
    }
}

func readArticle(_ path: String) -> Article {
    do {
        // A Markdown article by its name, as the command line reads it, with its images from its folder.
        let markdown = path.hasSuffix(".md") || path.hasSuffix(".markdown")
        let (article, _) = try ArtExport.read(readInput(path), file: path, format: markdown ? .markdown : .articleText,
                                              imageFolder: markdown ? LocalPath(path).directory : nil)
        return article
    } catch {
        fail(error.description, status: error.exitCode)
    }
}

func readIssue(_ path: String) -> Issue {
    do {
        return try IssueFile(path: LocalPath(path)).read().0
    } catch {
        fail(error.description, status: error.exitCode)
    }
}

// MARK: - Markdown

/// Renders an `Article` as pandoc Markdown. Every `Block` and `Inline` case is
/// handled with an exhaustive `switch`, so a new case in the model is a compile
/// error here rather than silently dropped text.
///
/// Escaping rule: pandoc must reproduce the model's text character for character,
/// so every character pandoc's Markdown (with its default extensions: smart,
/// raw_html, tex_math_dollars, citations, footnotes, sub/superscript, spans,
/// attributes, entities…) could read as markup is backslash-escaped (pandoc's
/// `all_symbols_escapable` makes `\` + any ASCII punctuation literal), plus
/// block markers at the start of a line (`1.` `a)` `-` `>` `:` …).
struct MarkdownWriter {
    /// Footnote ids in the model are free-form; pandoc labels must not contain
    /// spaces or brackets, so notes are renumbered n1, n2… in model order.
    private var noteLabels: [String: String] = [:]

    /// `notePrefix` keeps the notes of articles in one issue document apart.
    init(article: Article, notePrefix: String = "") {
        for (i, note) in article.footnotes.enumerated() where noteLabels[note.id] == nil {
            noteLabels[note.id] = "\(notePrefix)n\(i + 1)"
        }
    }

    func document(_ article: Article) -> String {
        frontMatter(article.metadata) + "\n" + body(article)
    }

    /// A whole issue as one document for one EPUB: the issue's front matter, then each
    /// article as a chapter (pandoc splits the EPUB at level-1 headings): its title as
    /// `#`, its subtitle, standfirst, byline and date as paragraphs, then its body.
    static func issueDocument(_ issue: Issue) -> String {
        let m = issue.metadata
        // Escaping needs no article: a writer of an empty one does it.
        let plain = MarkdownWriter(article: Article(metadata: Metadata(title: ""), blocks: []))
        func scalar(_ s: String) -> String { plain.yaml(plain.escapeInline(s)) }
        var lines = ["---", "title: \(scalar(m.displayTitle))"]
        if let publisher = m.publisher { lines.append("publisher: \(scalar(publisher))") }
        if let date = m.date { lines.append("date: \(scalar(date.written))") }
        lines += ["lang: \(scalar(m.language.value))", "---", ""]
        var out = lines.joined(separator: "\n")
        for (n, article) in issue.articles.enumerated() {
            let writer = MarkdownWriter(article: article, notePrefix: "a\(n + 1)")
            let am = article.metadata
            let localization = Localization(language: am.language)
            var head = ["# " + writer.escapeInline(am.title)]
            if let subtitle = am.subtitle, !subtitle.isEmpty { head.append("*" + writer.escapeInline(subtitle) + "*") }
            if let d = am.description, !d.isEmpty { head.append(writer.escapeInline(d)) }
            if !am.authors.isEmpty { head.append(writer.escapeInline(localization.byline(am.authors))) }
            if let date = am.date { head.append(writer.escapeInline(localization.format(date))) }
            out += "\n" + head.joined(separator: "\n\n") + "\n\n" + writer.body(article)
        }
        return out
    }

    /// Body, bio and notes.
    func body(_ article: Article) -> String {
        var sections: [String] = article.blocks.map(block)
        // The bio, as the final paragraph(s) after the body.
        sections += article.bio.map(block)
        for note in article.footnotes {
            let label = noteLabels[note.id] ?? note.id
            let body = note.blocks.map(block).joined(separator: "\n\n")
            sections.append("[^\(label)]: " + indent(body, by: 4, firstLine: false))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    // MARK: Front matter

    func frontMatter(_ m: Metadata) -> String {
        var lines = ["---"]
        func scalar(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("\(key): \(yaml(escapeInline(value)))") }
        }
        func list(_ key: String, _ values: [String]) {
            let values = values.filter { !$0.isEmpty }
            guard !values.isEmpty else { return }
            lines.append("\(key):")
            lines += values.map { "- \(yaml(escapeInline($0)))" }
        }
        scalar("title", m.title)
        scalar("subtitle", m.subtitle)
        list("author", m.authors)
        scalar("date", m.date?.written)
        list("keywords", m.keywords)
        // pandoc's EPUB writer makes dc:subject from `subject`, not `keywords`;
        // artexport writes one dc:subject per keyword, so pandoc gets the same.
        list("subject", m.keywords)
        scalar("description", m.description)
        scalar("publisher", m.publisher)
        scalar("identifier", m.identifier)
        lines.append("lang: \(yaml(m.language.value))")
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML single-quoted scalar: no escapes but `''`, so the Markdown
    /// backslashes inside reach pandoc's Markdown parser unchanged.
    func yaml(_ s: String) -> String {
        "'" + s.replacing("'", with: "''") + "'"
    }

    // MARK: Blocks

    func block(_ b: Block) -> String {
        switch b {
        case .heading(let h):
            let level = min(max(h.level, 1), 6)
            return String(repeating: "#", count: level) + " " + inlines(h.content, singleLine: true)
        case .paragraph(let content):
            return inlines(content, singleLine: false)
        case .list(let list):
            var number = list.start
            var items: [String] = []
            for item in list.items {
                let marker = list.ordered ? "\(number)." : "-"
                number += 1
                let width = max(4, marker.count + 1)
                let padded = marker + String(repeating: " ", count: width - marker.count)
                let body = item.blocks.isEmpty ? "" : item.blocks.map(block).joined(separator: "\n\n")
                items.append(padded + indent(body, by: width, firstLine: false))
            }
            // Blank lines between items (a loose list) keep multi-block items intact.
            return items.joined(separator: "\n\n")
        case .blockQuote(let blocks):
            let body = blocks.map(block).joined(separator: "\n\n")
            return body.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }
                .joined(separator: "\n")
        case .codeBlock(let language, let code):
            let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: code) + 1))
            let info = language.map { " " + $0.filter { !$0.isWhitespace && $0 != "`" && $0 != "{" && $0 != "}" } } ?? ""
            var text = code
            if text.hasSuffix("\n") { text.removeLast() }
            return fence + info + "\n" + text + "\n" + fence
        case .table(let table):
            return pipeTable(table)
        case .figure(let figure):
            let image = figure.image
            // Alone in its paragraph, pandoc makes this a figure.
            return "![\(escapeInline(image.alt))](\(destination(image.source))\(linkTitle(image.title)))"
        case .thematicBreak:
            return "* * *"
        }
    }

    func pipeTable(_ t: Table) -> String {
        let columns = max(t.alignments.count, t.header.count, t.rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return "" }
        func row(_ cells: [[Inline]]) -> String {
            var texts = cells.map { inlines($0, singleLine: true) }
            texts += Array(repeating: "", count: columns - texts.count)
            return "| " + texts.joined(separator: " | ") + " |"
        }
        let rule = (0..<columns).map { i -> String in
            switch i < t.alignments.count ? t.alignments[i] : .none {
            case .none: return "---"
            case .left: return ":--"
            case .center: return ":-:"
            case .right: return "--:"
            }
        }
        var lines = [row(t.header), "|" + rule.joined(separator: "|") + "|"]
        lines += t.rows.map(row)
        return lines.joined(separator: "\n")
    }

    // MARK: Inlines

    /// Renders running text. `singleLine` (headings, table cells) turns line
    /// breaks into spaces; elsewhere they become pandoc's `\` + newline.
    func inlines(_ content: [Inline], singleLine: Bool) -> String {
        var out = ""
        var atLineStart = true
        render(content, into: &out, atLineStart: &atLineStart, singleLine: singleLine)
        return out
    }

    private func render(_ content: [Inline], into out: inout String, atLineStart: inout Bool, singleLine: Bool) {
        for inline in mergingAdjacentCode(content) {
            switch inline {
            case .text(let s):
                let escaped = escapeInline(s, atLineStart: atLineStart)
                if !escaped.isEmpty {
                    out += escaped
                    atLineStart = false
                }
            case .emphasis(let c):
                delimited(c, "*", into: &out, atLineStart: &atLineStart, singleLine: singleLine)
            case .strong(let c):
                delimited(c, "**", into: &out, atLineStart: &atLineStart, singleLine: singleLine)
            case .strikethrough(let c):
                delimited(c, "~~", into: &out, atLineStart: &atLineStart, singleLine: singleLine)
            case .code(let code):
                out += codeSpan(code)
                atLineStart = false
            case .link(let link):
                out += self.link(link, singleLine: singleLine)
                atLineStart = false
            case .lineBreak:
                if singleLine {
                    out += " "
                } else {
                    out += "\\\n"
                    atLineStart = true
                }
            case .footnoteReference(let id):
                out += "[^\(noteLabels[id] ?? sanitizedLabel(id))]"
                atLineStart = false
            case .image(let image):
                out += "![\(escapeInline(image.alt))](\(destination(image.source))\(linkTitle(image.title)))"
                atLineStart = false
            }
        }
    }

    /// Two code spans side by side would fuse their backtick fences (`` ``a```b`` ``),
    /// so adjacent `.code` inlines become one span showing the same text.
    private func mergingAdjacentCode(_ content: [Inline]) -> [Inline] {
        var merged: [Inline] = []
        for inline in content {
            if case .code(let next) = inline, case .code(let previous)? = merged.last {
                merged[merged.count - 1] = .code(previous + next)
            } else {
                merged.append(inline)
            }
        }
        return merged
    }

    /// `*x*`, `**x**`, `~~x~~`: delimiters must hug non-space text, so leading
    /// and trailing spaces move outside them.
    private func delimited(_ content: [Inline], _ mark: String, into out: inout String, atLineStart: inout Bool, singleLine: Bool) {
        var inner = ""
        var innerStart = false
        render(content, into: &inner, atLineStart: &innerStart, singleLine: singleLine)
        let lead = inner.prefix { $0 == " " }
        let trail = inner.dropFirst(lead.count).reversed().prefix { $0 == " " }
        let core = inner.dropFirst(lead.count).dropLast(trail.count)
        out += lead
        if !core.isEmpty { out += mark + core + mark }
        out += String(trail)
        if !inner.isEmpty { atLineStart = false }
    }

    private func link(_ link: Link, singleLine: Bool) -> String {
        let text = link.content.plainText
        let plainContent = link.content.allSatisfy { if case .text = $0 { return true } else { return false } }
        // Autolinks whose text is the URL itself: `<url>` (pandoc shows the URL).
        if plainContent, text == link.url, isAutolinkable(link.url) {
            return "<\(link.url)>"
        }
        var inner = ""
        var start = false
        render(link.content, into: &inner, atLineStart: &start, singleLine: true)
        return "[\(inner)](\(destination(link.url)))"
    }

    /// A URL pandoc takes inside `<…>` unchanged: a scheme, no spaces or angle
    /// brackets, no `&` (pandoc decodes `&amp;` there) and no backslash.
    private func isAutolinkable(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), colon > url.startIndex,
              url[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }),
              url[url.startIndex].isASCII && url[url.startIndex].isLetter else { return false }
        return !url.contains { $0.isWhitespace || "<>&\\".contains($0) || $0.asciiValue.map { $0 < 0x20 } == true }
    }

    /// A link destination: characters that would end or confuse `(…)` are
    /// percent-encoded or escaped; the URL's meaning is unchanged.
    private func destination(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ": out += "%20"
            case "\t": out += "%09"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            case "<": out += "%3C"
            case ">": out += "%3E"
            // `&amp;` would be read as an entity, `\` as an escape.
            case "(", ")", "\\", "&": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func linkTitle(_ title: String?) -> String {
        guard let title, !title.isEmpty else { return "" }
        return " \"" + title.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    private func codeSpan(_ code: String) -> String {
        let flat = code.replacing("\n", with: " ")
        let ticks = String(repeating: "`", count: longestRun(of: "`", in: flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return ticks + pad + flat + pad + ticks
    }

    private func sanitizedLabel(_ id: String) -> String {
        let s = id.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return s.isEmpty ? "note" : s
    }

    // MARK: Escaping

    /// ASCII characters escaped wherever they occur.
    private static let alwaysEscaped: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "{", "}", "<", ">", "#", "$", "^", "~", "@", "&", "|",
        "\"", "'",
        // pandoc's `smart` also re-curls typographic quotes it sees as unbalanced.
        "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}",
    ]

    /// Escapes `text` so pandoc reads it back as exactly this text.
    func escapeInline(_ text: String, atLineStart: Bool = true) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var lineStart = atLineStart
        while i < scalars.count {
            var c = scalars[i]
            // Line structure is the writer's business: newlines and the like in
            // text become spaces; leading spaces on a line would mean code.
            if c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}" { c = " " }
            if lineStart {
                if c == " " || c == "\t" { i += 1; continue }
                lineStart = false
                // Block markers: `-` `+` `*` `>` `:` `=` `%` `(` … at the start, and
                // `1.` `1)` `a.` `iv)` `#.` list numbers.
                if c.isASCII, c.properties.isPatternSyntax || c == "%" {
                    out.append("\\")
                    out.append(c)
                    i += 1
                    continue
                }
                if let end = listNumberEnd(scalars, from: i) {
                    for j in i..<end { out.append(scalars[j]) }
                    out.append("\\")
                    out.append(scalars[end])
                    i = end + 1
                    continue
                }
            }
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            if Self.alwaysEscaped.contains(c)
                || (c == "-" && next == "-")            // smart: -- and ---
                || (c == "." && next == ".")            // smart: ...
                || (c == "!" && next == "[")            // image
            {
                out.append("\\")
            }
            // Trailing spaces before a newline would be a hard break; the writer
            // never emits a newline inside text, so plain spaces are safe here.
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// If a line starting at `i` begins with a list number (`12`, `a`, `iv`, `#`)
    /// followed by `.` or `)`, the index of that `.`/`)`.
    private func listNumberEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        var j = i
        while j < s.count, j - i < 12, s[j].isASCII, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) {
            j += 1
        }
        guard j > i, j < s.count, s[j] == "." || s[j] == ")" else { return nil }
        return j
    }

    // MARK: Helpers

    private func indent(_ text: String, by n: Int, firstLine: Bool) -> String {
        let pad = String(repeating: " ", count: n)
        var first = true
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            defer { first = false }
            if first && !firstLine { return String(line) }
            return line.isEmpty ? "" : pad + line
        }.joined(separator: "\n")
    }

    private func longestRun(of ch: Character, in s: String) -> Int {
        var best = 0, run = 0
        for c in s {
            if c == ch { run += 1; best = max(best, run) } else { run = 0 }
        }
        return best
    }
}

// MARK: - Shared by the typst and HTML writers

/// The folder of `path` as an absolute path (images are relative to the article).
func absoluteDirectory(of path: String) -> String {
    var dir = path
    if let slash = dir.lastIndex(of: "/") { dir = String(dir[..<slash]) } else { dir = "." }
    if dir.isEmpty { dir = "/" }
    if dir.hasPrefix("/") { return dir }
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return dir }
    let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return dir == "." ? cwd : cwd + "/" + dir
}

/// An image source as an absolute local path, or nil for a URL.
func localImagePath(_ source: String, directory: String) -> String? {
    if let colon = source.firstIndex(of: ":"), source[..<colon].count > 1,
       source[..<colon].allSatisfy({ $0.isASCII && $0.isLetter }) {
        return source.hasPrefix("file://") ? String(source.dropFirst(7)) : nil
    }
    return source.hasPrefix("/") ? source : directory + "/" + source
}

/// The font stack both peers use: EB Garamond's text cut (Debian's
/// fonts-ebgaramond names it "EB Garamond 12"; plain "EB Garamond" makes
/// fontconfig pick the 08 caption cut, which has no bold), then serif faces
/// for scripts it lacks (Hebrew, Arabic, CJK), then DejaVu Sans for symbols.
let peerFonts = ["EB Garamond 12", "Noto Serif", "Noto Serif Hebrew", "Noto Naskh Arabic", "Droid Sans Fallback", "DejaVu Sans"]
let peerMonoFont = "DejaVu Sans Mono"
/// Body size in points; the other sizes are relative to it.
let peerBodySize = "10.5pt"

// MARK: - Typst

/// Renders an `Article` as a typst document typeset the way a careful typst
/// user would for a newsletter: A4, 25 mm margins, EB Garamond 10.5 pt,
/// justified and hyphenated in the article's language, a title block (title,
/// standfirst, byline, date), `==` headings, the bio set apart at the end and
/// a running head (title, page number) from page 2. Exhaustive `switch`es as in
/// `MarkdownWriter`.
///
/// Escaping rule: typst's markup treats `\` followed by any non-space character
/// as that character, literally. Every character that could start markup
/// (`\ / # $ * _ ` < > @ [ ] ~ ' " - = +`, `..`, `1.` at a block start, and
/// any punctuation right after an embedded `#call[…]`, which could continue
/// it) is escaped, so every word survives and straight quotes stay straight
/// (the model already carries the typography). Structure (emphasis, links,
/// notes…) is written as function calls (`#emph[…]`, `#link("…")[…]`), never
/// as delimiter markup, so no escaping subtlety can change it.
final class TypstWriter {
    let article: Article
    let directory: String
    private let localization: Localization
    private var noteBlocks: [String: [Block]] = [:]
    private var noteLabels: [String: String] = [:]
    private var placedNotes: Set<String> = []

    /// `notePrefix` keeps the notes of articles in one issue document apart.
    init(article: Article, directory: String, notePrefix: String = "") {
        self.article = article
        self.directory = directory
        localization = Localization(language: article.metadata.language)
        for (i, note) in article.footnotes.enumerated() where noteBlocks[note.id] == nil {
            noteBlocks[note.id] = note.blocks
            noteLabels[note.id] = "artexport-note-\(notePrefix)\(i + 1)"
        }
    }

    func document() -> String {
        let m = article.metadata
        var out = "// \(m.title.replacing("\n", with: " "))\n"
        out += "// Written by `artexport-bench typst` from the article model: the same content artexport converts.\n"
        out += "// Compile with the fonts in /usr/share/fonts, e.g. `typst compile --font-path /usr/share/fonts`.\n\n"
        out += Self.preamble(title: m.title, authors: m.authors, description: m.description, keywords: m.keywords,
                             date: m.date, language: m.language)
        return out + titleBlock(asHeading: false) + content()
    }

    /// A whole issue as one PDF, set as the articles are alone: a cover page (the
    /// newsletter, number, date and title), the contents (typst's outline of the
    /// articles, with page numbers), then each article from a new page, in its own
    /// language, its title a level-1 heading so the outline lists it.
    static func issueDocument(_ issue: Issue, directory: String) -> String {
        let m = issue.metadata
        let local = Localization(language: m.language)
        var out = "// \(m.displayTitle): written by `artexport-bench typst --issue` from the issue's article models.\n\n"
        let authors = issue.articles.flatMap(\.metadata.authors).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        out += preamble(title: m.displayTitle, authors: authors, description: m.description, keywords: [], date: m.date, language: m.language)
        out += """
            #show heading.where(level: 1): set text(size: 2em, weight: "regular", hyphenate: false)
            #show heading.where(level: 1): set par(justify: false, leading: 0.4em)
            #show heading.where(level: 1): set block(above: 0pt, below: 0.8em)

            """
        var cover = [m.newsletter]
        if let number = m.number { cover.append(local.issue(number)) }
        if let date = m.date { cover.append(local.format(date)) }
        out += "#page(header: none, align(center + horizon, {\n"
        out += "  text(size: 3em)[\(TypstWriter.plainMarkup(cover[0]))]\n  v(1em)\n"
        out += cover.dropFirst().map { "  text(size: 1.3em, smallcaps[\(TypstWriter.plainMarkup($0))])\n  linebreak()\n" }.joined()
        out += "  v(2em)\n  text(size: 2em)[\(TypstWriter.plainMarkup(m.displayTitle))]\n}))\n\n"
        out += "#outline(target: heading.where(level: 1))\n"
        for (n, article) in issue.articles.enumerated() {
            let writer = TypstWriter(article: article, directory: directory, notePrefix: "a\(n + 1)-")
            out += "\n#pagebreak()\n#[\n#set text(\(languageArguments(article.metadata.language).joined(separator: ", ")))\n"
            out += writer.titleBlock(asHeading: true) + writer.content() + "]\n"
        }
        return out
    }

    static func plainMarkup(_ text: String) -> String {
        var m = Markup(lineStart: true)
        m.text(text)
        return m.out
    }

    static func languageArguments(_ lang: LanguageTag) -> [String] {
        var args = ["lang: \(str(lang.primary))"]
        if let region = lang.value.split(separator: "-").dropFirst().first(where: { $0.count == 2 && $0.allSatisfy(\.isLetter) }) {
            args.append("region: \(str(String(region)))")
        }
        return args
    }

    /// PDF metadata and every set and show rule: the page, the text, headings, title.
    static func preamble(title rawTitle: String, authors: [String], description: String?, keywords: [String],
                         date: ArticleDate?, language lang: LanguageTag) -> String {
        // PDF metadata (Info dictionary / XMP).
        var doc = ["title: \(str(rawTitle))"]
        if !authors.isEmpty { doc.append("author: (\(authors.map(str).joined(separator: ", ")),)") }
        if let d = description, !d.isEmpty { doc.append("description: \(str(d))") }
        if !keywords.isEmpty { doc.append("keywords: (\(keywords.map(str).joined(separator: ", ")),)") }
        if let date {
            let t = UTCTime(secondsSinceEpoch: date.secondsSinceEpoch)
            doc.append("date: datetime(year: \(t.year), month: \(t.month), day: \(t.day), hour: \(t.hour), minute: \(t.minute), second: \(t.second))")
        }
        var out = "#set document(\(doc.joined(separator: ", ")))\n\n"

        let textArgs = [
            "font: (\(peerFonts.map(str).joined(separator: ", ")))",
            "size: \(peerBodySize)",
        ] + languageArguments(lang) + ["hyphenate: true"]
        let title = plainMarkup(rawTitle)
        out += """
            // Page: A4, 25 mm margins; from page 2 a running head with the title and the page number.
            #set page(
              paper: "a4",
              margin: (x: 25mm, top: 25mm, bottom: 25mm),
              header-ascent: 40%,
              header: context if here().page() > 1 {
                set text(size: 8.5pt, hyphenate: false)
                set par(justify: false, first-line-indent: 0pt)
                grid(columns: (1fr, auto), column-gutter: 1.5em,
                  box(width: 100%, clip: true, emph[\(title)]),
                  counter(page).display())
              },
            )
            #set text(\(textArgs.joined(separator: ", ")))
            // Justified, first-line indents between paragraphs (none after a heading or
            // block), no extra space between paragraphs: a newspaper column. Lines 1.4 em
            // apart (EB Garamond's cap height 0.65 em + 0.75 em), as the CSS's line-height.
            #set par(justify: true, leading: 0.75em, spacing: 0.75em, first-line-indent: 1.2em)
            // Headings and title in EB Garamond's regular weight: Debian's EB Garamond 12
            // Bold covers basic Latin only (127 glyphs; no ü, ß, é, curly quotes, dashes).
            #show heading: set text(weight: "regular", hyphenate: false)
            #show heading: set par(justify: false)
            #show heading: set block(above: 1.6em, below: 0.8em)
            #show heading.where(level: 2): set text(size: 1.3em)
            #show heading.where(level: 3): set text(size: 1.12em)
            #show heading.where(level: 4): set text(size: 1em, style: "italic")
            #show heading.where(level: 5): set text(size: 1em, style: "italic")
            #show heading.where(level: 6): set text(size: 1em, style: "italic")
            #show title: set text(size: 2em, weight: "regular", hyphenate: false)
            #show title: set par(justify: false, leading: 0.4em)
            #show title: set block(below: 0.8em)
            #show raw: set text(font: \(str(peerMonoFont)), size: 9.2pt)
            #show link: underline.with(stroke: 0.4pt, offset: 1.8pt)
            #set table(stroke: (x: none, y: 0.4pt + luma(55%)), inset: (x: 0.5em, y: 0.3em))


            """
        return out
    }

    /// Title, subtitle, standfirst, byline, date; in an issue the title is a heading.
    func titleBlock(asHeading: Bool) -> String {
        let m = article.metadata
        var out = "#block(width: 100%, below: 2em, {\n  set par(justify: false, first-line-indent: 0pt)\n"
        out += asHeading ? "  heading(level: 1)[\(inlineMarkup(plain: m.title))]\n" : "  title[\(inlineMarkup(plain: m.title))]\n"
        if let subtitle = m.subtitle, !subtitle.isEmpty {
            out += "  block(below: 0.8em, text(size: 1.3em, style: \"italic\")[\(inlineMarkup(plain: subtitle))])\n"
        }
        if let d = m.description, !d.isEmpty {
            out += "  block(below: 1.2em, text(size: 1.15em)[\(inlineMarkup(plain: d))])\n"
        }
        var lines: [String] = []
        if !m.authors.isEmpty { lines.append(inlineMarkup(plain: localization.byline(m.authors))) }
        if let date = m.date { lines.append(inlineMarkup(plain: localization.format(date))) }
        if !lines.isEmpty {
            out += "  text(tracking: 0.03em, smallcaps[\(lines.joined(separator: " \\ "))])\n"
        }
        out += "})\n\n"
        return out
    }

    /// Body, bio and notes never referenced.
    func content() -> String {
        let m = article.metadata
        var out = article.blocks.map(block).joined(separator: "\n\n") + "\n"

        if !article.bio.isEmpty {
            out += "\n// The author bio, set apart from the article.\n"
            out += "#block(width: 100%, above: 2.5em, stroke: (top: 0.5pt + luma(45%)), inset: (top: 0.8em), {\n"
            out += "  set text(size: 0.92em, style: \"italic\")\n"
            out += "  set par(first-line-indent: 0pt, spacing: 0.6em)\n"
            out += "  show heading.where(level: 2): set text(size: 1em, style: \"normal\")\n"
            out += "  show heading: set block(above: 0pt, below: 0.6em)\n"
            out += "  heading(level: 2)[\(inlineMarkup(plain: localization.aboutAuthors(count: m.authors.count)))]\n"
            out += "  [\n" + article.bio.map(block).joined(separator: "\n\n") + "\n  ]\n"
            out += "})\n"
        }
        // Notes never referenced still reach the reader, as in the EPUB.
        let unplaced = article.footnotes.filter { !placedNotes.contains($0.id) }
        if !unplaced.isEmpty {
            out += "\n" + unplaced.map { note -> String in
                placedNotes.insert(note.id)
                return "#footnote[\(note.blocks.map(block).joined(separator: "\n\n"))]"
            }.joined(separator: " ") + "\n"
        }
        return out
    }

    // MARK: Blocks

    func block(_ b: Block) -> String {
        switch b {
        case .heading(let h):
            let level = min(max(h.level, 2), 6)
            return String(repeating: "=", count: level) + " " + inlines(h.content)
        case .paragraph(let content):
            return inlines(content)
        case .list(let list):
            let tight = list.items.allSatisfy { $0.blocks.count <= 1 }
            let items = list.items.map { "  [" + $0.blocks.map(block).joined(separator: "\n\n") + "]," }
            let head = list.ordered ? "#enum(start: \(list.start), tight: \(tight),\n" : "#list(tight: \(tight),\n"
            return head + items.joined(separator: "\n") + "\n)"
        case .blockQuote(let blocks):
            return "#quote(block: true)[\n" + blocks.map(block).joined(separator: "\n\n") + "\n]"
        case .codeBlock(let language, let code):
            var text = code
            if text.hasSuffix("\n") { text.removeLast() }
            let lang = language.map { "lang: \(str($0)), " } ?? ""
            return "#raw(block: true, \(lang)\(str(text)))"
        case .table(let t):
            let columns = max(t.alignments.count, t.header.count, t.rows.map(\.count).max() ?? 0)
            guard columns > 0 else { return "" }
            let aligns = (0..<columns).map { i -> String in
                switch i < t.alignments.count ? t.alignments[i] : .none {
                case .none, .left: return "left"
                case .center: return "center"
                case .right: return "right"
                }
            }
            func cells(_ row: [[Inline]], header: Bool = false) -> String {
                var c = row.map { header ? "strong[" + inlines($0) + "]" : "[" + inlines($0) + "]" }
                c += Array(repeating: "[]", count: columns - c.count)
                return c.joined(separator: ", ")
            }
            var lines = ["#table(", "  columns: \(columns),", "  align: (\(aligns.joined(separator: ", ")),),"]
            if !t.header.isEmpty { lines.append("  table.header(\(cells(t.header, header: true))),") }
            lines += t.rows.map { "  " + cells($0) + "," }
            lines.append(")")
            return lines.joined(separator: "\n")
        case .figure(let figure):
            let image = figure.image
            let caption = "caption: [\(inlineMarkup(plain: image.alt))]"
            if let path = localImagePath(image.source, directory: directory), FileIO.exists(LocalPath(path)) {
                // Absolute paths are resolved against the typst root: compile with root "/".
                return "#figure(image(\(str(path)), alt: \(str(image.alt))), \(caption))"
            }
            // A remote or missing image: its alt text in a frame, as a placeholder.
            return "#figure(box(stroke: 0.5pt + luma(60%), inset: 1em)[\(inlineMarkup(plain: image.source))], \(caption))"
        case .thematicBreak:
            return "#align(center, line(length: 30%, stroke: 0.5pt + luma(55%)))"
        }
    }

    // MARK: Inlines

    /// Markup for plain text (titles, bylines). It goes at the start of a content
    /// block (`emph[…]`), which typst reads as a line start: `12.` is escaped there.
    func inlineMarkup(plain text: String) -> String {
        var m = Markup(lineStart: true)
        m.text(text)
        return m.out
    }

    func inlines(_ content: [Inline]) -> String {
        var m = Markup(lineStart: true)
        render(content, into: &m)
        return m.out
    }

    private func render(_ content: [Inline], into m: inout Markup) {
        for inline in content {
            switch inline {
            case .text(let s):
                m.text(s)
            case .emphasis(let c):
                nested(c, "#emph[", into: &m)
            case .strong(let c):
                nested(c, "#strong[", into: &m)
            case .strikethrough(let c):
                nested(c, "#strike[", into: &m)
            case .code(let code):
                m.call("#raw(\(str(code.replacing("\n", with: " "))))")
            case .link(let link):
                nested(link.content, "#link(\(str(link.url)))[", into: &m)
            case .lineBreak:
                m.raw(" \\ ")
                m.lineStart = false
            case .image(let image):
                m.text(image.alt)   // the peers' inline images are not compared
            case .footnoteReference(let id):
                guard let label = noteLabels[id], let blocks = noteBlocks[id] else {
                    m.text("[\(id)]")   // a dangling reference: keep what the author wrote
                    continue
                }
                if placedNotes.contains(id) {
                    m.call("#footnote(<\(label)>)")
                } else {
                    placedNotes.insert(id)
                    m.call("#footnote[" + blocks.map(block).joined(separator: "\n\n") + "]<\(label)>")
                }
            }
        }
    }

    /// `#emph[…]` and the like. A content block starts a line for typst (`12.`
    /// there would be a list), so its text is escaped as at a line start, and
    /// leading spaces, which that would drop, move before the call.
    private func nested(_ content: [Inline], _ open: String, into m: inout Markup) {
        if let first = content.plainText.unicodeScalars.first,
           first == " " || first == "\t" || first == "\n" || first == "\r" || first == "\u{2028}" || first == "\u{2029}" {
            m.raw(" ")
        }
        var inner = Markup(lineStart: true)
        render(content, into: &inner)
        m.call(open + inner.out + "]")
    }

    /// Escaped typst markup being written.
    struct Markup {
        var out = ""
        var lineStart: Bool
        /// The last thing written was `#call(…)[…]`: a `.`, `(`, `[` or `;`
        /// right after it would continue the call, so punctuation is escaped.
        var afterCall = false

        init(lineStart: Bool) { self.lineStart = lineStart }

        static let alwaysEscaped: Set<Unicode.Scalar> = [
            "\\", "/", "#", "$", "*", "_", "`", "<", ">", "@", "[", "]", "~", "'", "\"", "-", "=", "+",
        ]

        mutating func raw(_ s: String) { out += s; afterCall = false }

        mutating func call(_ s: String) {
            out += s
            lineStart = false
            afterCall = true
        }

        mutating func text(_ text: String) {
            let scalars = Array(text.unicodeScalars)
            var i = 0
            while i < scalars.count {
                var c = scalars[i]
                // Line structure is the writer's: breaks inside text become spaces.
                if c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}" || c == "\t" { c = " " }
                if lineStart {
                    if c == " " { i += 1; continue }
                    lineStart = false
                    // `12.` at the start of a block would be an enumeration item.
                    var j = i
                    while j < scalars.count, ("0"..."9").contains(scalars[j]) { j += 1 }
                    if j > i, j < scalars.count, scalars[j] == "." {
                        for k in i..<j { out.unicodeScalars.append(scalars[k]) }
                        out += "\\."
                        i = j + 1
                        afterCall = false
                        continue
                    }
                }
                let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
                if Self.alwaysEscaped.contains(c)
                    || (c == "." && next == ".")
                    || (afterCall && c.isASCII && c.properties.isPatternSyntax) {
                    out += "\\"
                }
                out.unicodeScalars.append(c)
                afterCall = false
                i += 1
            }
        }
    }
}

/// A typst string literal.
func str(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

// MARK: - HTML for WeasyPrint

/// Renders an `Article` as one standalone HTML5 file with a print style sheet
/// for WeasyPrint that asks for what `TypstWriter` sets: A4, 25 mm margins, the
/// same fonts and sizes, justified, `hyphens: auto` in the article's language
/// (`lang` on `<html>`), title block, bio set apart, running head (title via
/// `string-set`, page counter) from page 2, footnotes as `float: footnote`.
/// Text is escaped for HTML (`& < >`, and `"` in attributes); nothing else
/// in HTML text is markup. Headings are in the regular weight, for the reason
/// the typst preamble gives (Debian's EB Garamond 12 Bold is basic Latin only).
final class HTMLWriter {
    let article: Article
    let directory: String
    private let localization: Localization
    private var noteBlocks: [String: [Block]] = [:]
    private var placedNotes: Set<String> = []
    private var noteNumbers: [String: Int] = [:]

    init(article: Article, directory: String) {
        self.article = article
        self.directory = directory
        localization = Localization(language: article.metadata.language)
        for note in article.footnotes where noteBlocks[note.id] == nil { noteBlocks[note.id] = note.blocks }
    }

    static let css = """
        @page {
          size: A4;
          margin: 25mm;
          @top-left {
            content: string(running-title);
            font-style: italic; font-size: 8.5pt;
            vertical-align: bottom; padding-bottom: 5mm;
            overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
          }
          @top-right {
            content: counter(page);
            font-size: 8.5pt; vertical-align: bottom; padding-bottom: 5mm;
          }
        }
        @page :first {
          @top-left { content: none; }
          @top-right { content: none; }
        }
        html {
          font-family: \(peerFonts.map { "\"\($0)\"" }.joined(separator: ", ")), serif;
          font-size: \(peerBodySize);
          line-height: 1.4;
          font-kerning: normal;
        }
        body {
          margin: 0;
          text-align: justify;
          hyphens: auto;
          hyphenate-limit-chars: 6 3 2;
          widows: 2;
          orphans: 2;
        }
        header.titlepage { margin: 0 0 2em; text-align: left; hyphens: manual; }
        header.titlepage p { text-indent: 0; }
        h1.title {
          string-set: running-title content(text);
          font-size: 2em; font-weight: normal; line-height: 1.15; margin: 0 0 0.6em;
        }
        p.subtitle { font-size: 1.3em; font-style: italic; margin: 0 0 0.8em; }
        p.standfirst { font-size: 1.15em; line-height: 1.35; margin: 0 0 1.2em; text-align: left; }
        p.byline, p.dateline { font-variant: small-caps; letter-spacing: 0.03em; margin: 0; text-align: left; }
        /* Justified, first-line indents between paragraphs, none after a heading. */
        p { margin: 0; text-indent: 0; }
        p + p { text-indent: 1.2em; }
        h2, h3, h4, h5, h6 {
          font-weight: normal; line-height: 1.2; text-align: left; hyphens: manual;
          break-after: avoid; margin: 1.6em 0 0.6em;
        }
        h2 { font-size: 1.3em; }
        h3 { font-size: 1.12em; }
        h4, h5, h6 { font-size: 1em; font-style: italic; }
        a { color: inherit; text-decoration: underline; text-decoration-thickness: 0.4pt; }
        /* Long URLs may break anywhere rather than run into the margin. */
        a.url { overflow-wrap: anywhere; hyphens: none; }
        code, pre { font-family: "\(peerMonoFont)", monospace; font-size: 0.88em; }
        pre { white-space: pre-wrap; margin: 1em 0; text-align: left; }
        blockquote { margin: 1em 1.5em; }
        ul, ol { margin: 0.8em 0; padding-left: 1.5em; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border-bottom: 0.4pt solid #8c8c8c; padding: 0.3em 0.5em; }
        figure { margin: 1em 0; text-align: center; }
        figure img { max-width: 100%; }
        hr { border: 0; border-top: 0.5pt solid #8c8c8c; margin: 1.5em 35%; }
        section.bio {
          margin: 2.5em 0 0; padding-top: 0.8em; border-top: 0.5pt solid #737373;
          font-size: 0.92em; font-style: italic;
        }
        section.bio h2 { font-size: 1em; font-style: normal; margin: 0 0 0.6em; }
        section.bio p { text-indent: 0; margin: 0 0 0.6em; }
        .footnote { float: footnote; font-size: 0.85em; text-align: left; text-indent: 0; font-style: normal; }
        ::footnote-call { font-size: 0.7em; vertical-align: super; line-height: 0; }
        ::footnote-marker { padding-right: 0.4em; }
        """

    func document() -> String {
        let m = article.metadata
        var out = "<!DOCTYPE html>\n"
        out += "<!-- Written by artexport-bench html from the article model: the same content artexport converts. -->\n"
        out += "<html lang=\"\(attr(m.language.value))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>\(esc(m.title))</title>\n"
        for author in m.authors { out += "<meta name=\"author\" content=\"\(attr(author))\">\n" }
        if let d = m.description, !d.isEmpty { out += "<meta name=\"description\" content=\"\(attr(d))\">\n" }
        if !m.keywords.isEmpty { out += "<meta name=\"keywords\" content=\"\(attr(m.keywords.joined(separator: ", ")))\">\n" }
        if let date = m.date { out += "<meta name=\"dcterms.created\" content=\"\(attr(date.w3cdtf))\">\n" }
        out += "<style>\n\(Self.css)\n</style>\n</head>\n<body>\n"

        out += "<header class=\"titlepage\">\n<h1 class=\"title\">\(esc(m.title))</h1>\n"
        if let s = m.subtitle, !s.isEmpty { out += "<p class=\"subtitle\">\(esc(s))</p>\n" }
        if let d = m.description, !d.isEmpty { out += "<p class=\"standfirst\">\(esc(d))</p>\n" }
        if !m.authors.isEmpty { out += "<p class=\"byline\">\(esc(localization.byline(m.authors)))</p>\n" }
        if let date = m.date {
            out += "<p class=\"dateline\"><time datetime=\"\(attr(date.w3cdtf))\">\(esc(localization.format(date)))</time></p>\n"
        }
        out += "</header>\n<main>\n"
        out += article.blocks.map(block).joined(separator: "\n") + "\n</main>\n"
        if !article.bio.isEmpty {
            out += "<section class=\"bio\">\n<h2>\(esc(localization.aboutAuthors(count: m.authors.count)))</h2>\n"
            out += article.bio.map(block).joined(separator: "\n") + "\n</section>\n"
        }
        let unplaced = article.footnotes.filter { !placedNotes.contains($0.id) }
        if !unplaced.isEmpty {
            out += "<p>" + unplaced.map { note -> String in
                placedNotes.insert(note.id)
                return noteSpan(note.blocks)
            }.joined() + "</p>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    func block(_ b: Block) -> String {
        switch b {
        case .heading(let h):
            let level = min(max(h.level, 2), 6)
            return "<h\(level) id=\"\(attr(h.id))\">\(inlines(h.content))</h\(level)>"
        case .paragraph(let content):
            return "<p>\(inlines(content))</p>"
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            let start = list.ordered && list.start != 1 ? " start=\"\(list.start)\"" : ""
            let items = list.items.map { item -> String in
                if item.blocks.count == 1, case .paragraph(let c) = item.blocks[0] { return "<li>\(inlines(c))</li>" }
                return "<li>" + item.blocks.map(block).joined(separator: "\n") + "</li>"
            }
            return "<\(tag)\(start)>\n" + items.joined(separator: "\n") + "\n</\(tag)>"
        case .blockQuote(let blocks):
            return "<blockquote>\n" + blocks.map(block).joined(separator: "\n") + "\n</blockquote>"
        case .codeBlock(let language, let code):
            var text = code
            if text.hasSuffix("\n") { text.removeLast() }
            let cls = language.map { " class=\"language-\(attr($0))\"" } ?? ""
            return "<pre><code\(cls)>\(esc(text))</code></pre>"
        case .table(let t):
            let columns = max(t.alignments.count, t.header.count, t.rows.map(\.count).max() ?? 0)
            guard columns > 0 else { return "" }
            func row(_ cells: [[Inline]], _ tag: String) -> String {
                var out = "<tr>"
                for i in 0..<columns {
                    var style = ""
                    switch i < t.alignments.count ? t.alignments[i] : .none {
                    case .none, .left: style = " style=\"text-align: left\""
                    case .center: style = " style=\"text-align: center\""
                    case .right: style = " style=\"text-align: right\""
                    }
                    out += "<\(tag)\(style)>\(i < cells.count ? inlines(cells[i]) : "")</\(tag)>"
                }
                return out + "</tr>"
            }
            var lines = ["<table>"]
            if !t.header.isEmpty { lines.append("<thead>\(row(t.header, "th"))</thead>") }
            lines.append("<tbody>")
            lines += t.rows.map { row($0, "td") }
            lines.append("</tbody></table>")
            return lines.joined(separator: "\n")
        case .figure(let figure):
            let image = figure.image
            var src = image.source
            if let path = localImagePath(image.source, directory: directory) { src = "file://" + path }
            let title = image.title.map { " title=\"\(attr($0))\"" } ?? ""
            return "<figure><img src=\"\(attr(src))\" alt=\"\(attr(image.alt))\"\(title)><figcaption>\(esc(image.alt))</figcaption></figure>"
        case .thematicBreak:
            return "<hr>"
        }
    }

    func inlines(_ content: [Inline]) -> String {
        var out = ""
        for inline in content {
            switch inline {
            case .text(let s): out += esc(s)
            case .emphasis(let c): out += "<em>\(inlines(c))</em>"
            case .strong(let c): out += "<strong>\(inlines(c))</strong>"
            case .strikethrough(let c): out += "<s>\(inlines(c))</s>"
            case .code(let s): out += "<code>\(esc(s))</code>"
            case .link(let l):
                let cls = l.isAutolink ? " class=\"url\"" : ""
                out += "<a\(cls) href=\"\(attr(l.url))\">\(inlines(l.content))</a>"
            case .lineBreak: out += "<br>"
            case .image(let i): out += "<img src=\"\(attr(i.source))\" alt=\"\(attr(i.alt))\">"
            case .footnoteReference(let id):
                if let number = noteNumbers[id] {
                    out += "<sup>\(number)</sup>"   // a second reference: the note's number
                } else if let blocks = noteBlocks[id] {
                    placedNotes.insert(id)
                    noteNumbers[id] = noteNumbers.count + 1   // WeasyPrint numbers notes as placed
                    out += noteSpan(blocks)
                } else {
                    out += "[\(esc(id))]"   // a dangling reference: keep what the author wrote
                }
            }
        }
        return out
    }

    /// A footnote as WeasyPrint wants it: an inline element floated to the page
    /// foot; its blocks become inline runs, separated by a space.
    private func noteSpan(_ blocks: [Block]) -> String {
        let body = plainBlocks(blocks).joined(separator: " ")
        return "<span class=\"footnote\">\(body)</span>"
    }

    private func plainBlocks(_ blocks: [Block]) -> [String] {
        blocks.flatMap { b -> [String] in
            switch b {
            case .heading(let h): return [inlines(h.content)]
            case .paragraph(let c): return [inlines(c)]
            case .list(let l): return l.items.map(\.blocks).flatMap(plainBlocks)
            case .blockQuote(let q): return plainBlocks(q)
            case .codeBlock(_, let code): return ["<code>\(esc(code))</code>"]
            case .table(let t): return (t.header + t.rows.flatMap { $0 }).map(inlines)
            case .figure(let f): return [esc(f.image.alt)]
            case .thematicBreak: return []
            }
        }
    }

    func esc(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    func attr(_ s: String) -> String { esc(s).replacing("\"", with: "&quot;") }
}

// MARK: - Plain text

/// The words a reader sees in the body and bio, block by block (table cells,
/// list items and quotes flattened), for the Markdown round-trip check.
func plainText(_ blocks: [Block]) -> [String] {
    blocks.flatMap { block -> [String] in
        switch block {
        case .heading(let h): return [h.content.plainText]
        case .paragraph(let c): return [c.plainText]
        case .list(let l): return l.items.map(\.blocks).flatMap(plainText)
        case .blockQuote(let b): return plainText(b)
        case .codeBlock(_, let code): return [code]
        case .table(let t): return (t.header + t.rows.flatMap { $0 }).map(\.plainText)
        case .figure(let f): return [f.image.alt]
        case .thematicBreak: return []
        }
    }
}

// MARK: - Throughput

/// Monotonic seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// One export, start to end, from bytes in memory: parse + typography + EPUB
/// (or PDF: shaping, line breaking, pagination, painting).
@inline(never)
func exportOnce(_ bytes: [UInt8], name: String, modified: UTCTime, pdf: Bool = false) -> Int {
    do {
        let (article, _) = try ArtExport.read(bytes, file: name)
        if pdf { return try PDFExporter().export(article, modified: modified).count }
        return try EPUBExporter().export(article, modified: modified).count
    } catch {
        fail(error.description, status: error.exitCode)
    }
}

struct RoundResult: Sendable {
    var articles: Int
    var bytes: Int
    var seconds: Double
    var rate: Double { Double(articles) / seconds }
}

/// One round: `workers` tasks each export articles (round-robin over the
/// inputs, offset per worker) until `seconds` have passed; the round's time runs
/// until the last worker finishes its last article.
func round(inputs: [(name: String, bytes: [UInt8])], seconds: Double, workers: Int, modified: UTCTime, pdf: Bool) async -> RoundResult {
    let start = now()
    let deadline = start + seconds
    let (articles, bytes) = await withTaskGroup(of: (Int, Int).self) { group in
        for w in 0..<workers {
            group.addTask {
                var n = 0, total = 0, k = w % inputs.count
                repeat {
                    let input = inputs[k]
                    total &+= exportOnce(input.bytes, name: input.name, modified: modified, pdf: pdf)
                    n += 1
                    k = (k + 1) % inputs.count
                } while now() < deadline
                return (n, total)
            }
        }
        var articles = 0, bytes = 0
        for await (n, b) in group { articles += n; bytes &+= b }
        return (articles, bytes)
    }
    return RoundResult(articles: articles, bytes: bytes, seconds: now() - start)
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func format1(_ x: Double) -> String {
    let tenths = (x * 10).rounded()
    return "\(Int(tenths) / 10).\(abs(Int(tenths)) % 10)"
}

func throughput(_ args: [String]) async {
    var seconds = 3.0
    var rounds = 5
    var workers = Machine.cores
    var pdf = false
    var files: [String] = []
    var i = 0
    while i < args.count {
        switch args[i] {
        case "--seconds":
            guard i + 1 < args.count, let s = Double(args[i + 1]), s > 0 else { fail("--seconds needs a positive number") }
            seconds = s
            i += 2
        case "--rounds":
            guard i + 1 < args.count, let r = Int(args[i + 1]), r > 0 else { fail("--rounds needs a positive whole number") }
            rounds = r
            i += 2
        case "--workers":
            guard i + 1 < args.count, let w = Int(args[i + 1]), w > 0 else { fail("--workers needs a positive whole number") }
            workers = w
            i += 2
        case "--pdf":
            pdf = true
            i += 1
        default:
            files.append(args[i])
            i += 1
        }
    }
    guard !files.isEmpty else { fail("throughput needs at least one article file\n" + usage) }

    // Read once; check every input exports before timing anything.
    let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)
    let inputs = files.map { (name: $0, bytes: readInput($0)) }
    for input in inputs { _ = exportOnce(input.bytes, name: input.name, modified: modified, pdf: pdf) }

    // Warm-up (caches, allocator, thread pool), not reported.
    _ = await round(inputs: inputs, seconds: min(0.5, seconds), workers: workers, modified: modified, pdf: pdf)
    var rates: [Double] = []
    for r in 1...rounds {
        let result = await round(inputs: inputs, seconds: seconds, workers: workers, modified: modified, pdf: pdf)
        rates.append(result.rate)
        writeStderr("  round \(r): \(result.articles) articles in \(format1(result.seconds * 1000)) ms, "
                    + "\(format1(Double(result.bytes) / result.seconds / 1_048_576)) MiB \(pdf ? "PDF" : "EPUB")/s\n")
    }
    let list = rates.map(format1).joined(separator: " ")
    print("in-process \(pdf ? "pdf" : "epub"): median \(format1(median(rates))) articles/s over \(rounds) rounds (\(workers == Machine.cores ? "\(workers) cores" : "\(workers) workers on \(Machine.cores) cores")) [\(list)]")
}

// MARK: - Generated articles

/// `generate`: articles for the batch and issue timings, written at run time.
func generate(_ arguments: [String]) {
    var seed: UInt64 = 2025
    var words = 1000
    var issue: String?
    var rest: [String] = []
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--seed":
            guard i + 1 < arguments.count, let s = UInt64(arguments[i + 1]) else { fail("--seed needs a whole number") }
            seed = s
            i += 2
        case "--words":
            guard i + 1 < arguments.count, let w = Int(arguments[i + 1]), w > 0 else { fail("--words needs a positive whole number") }
            words = w
            i += 2
        case "--issue":
            guard i + 1 < arguments.count, !arguments[i + 1].contains("/") else { fail("--issue needs a file name (no folder: it goes in DIR)") }
            issue = arguments[i + 1]
            i += 2
        default:
            rest.append(arguments[i])
            i += 1
        }
    }
    guard rest.count >= 3, let count = Int(rest[0]), count > 0 else { fail("generate takes N DIR SAMPLE.txt…\n" + usage) }
    let dir = rest[1]
    let samples = rest[2...].map { String(decoding: readInput($0), as: UTF8.self) }
    let generator = GeneratedArticles(samples: samples, seed: seed, words: words)
    if !FileIO.isDirectory(LocalPath(dir)) {
        do { try FileIO.makeDirectory(LocalPath(dir)) } catch { fail(error.description, status: error.exitCode) }
    }
    func write(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0, FileIO.writeAll(fd: fd, Array(text.utf8)), close(fd) == 0 else { fail("cannot write \(path)", status: 73) }
    }
    var names: [String] = []
    for n in 1...count {
        let name = GeneratedArticles.fileName(n)
        write(dir + "/" + name, generator.article(n))
        names.append(name)
    }
    // Beside the articles, so it lists them by name.
    if let issue { write(dir + "/" + issue, GeneratedArticles.issue(files: names)) }
}

// MARK: - Line quality

/// One row per input of what `LineQuality` measures on its typeset pages.
func quality(_ arguments: [String]) {
    // `--theme NAME|PATH` first sets the theme (default: the default theme).
    var files = arguments
    var theme = Theme.standard
    if files.first == "--theme", files.count >= 2 {
        do { theme = try ThemeLoader.load(files[1]) } catch { fail(error.description, status: error.exitCode) }
        files.removeFirst(2)
    }
    guard !files.isEmpty else { fail("quality takes input files\n" + usage) }
    let columns = ["sample", "pages", "justified", "max |r|", "loose r>1", "tight r<-0.5", "no glue",
                   "space em mean", "space em sd", "space em min–max", "hyphens", "longest run", "hyphen at page end",
                   "widows", "orphans", "stranded headings", "overfull", "off-line runs"]
    print("| " + columns.joined(separator: " | ") + " |")
    print("|" + String(repeating: "---|", count: columns.count))
    for file in files {
        let article = readArticle(file)
        let document: TypesetDocument
        do { document = try PDFExporter(theme: theme).typeset(article) } catch { fail(error.description, status: error.exitCode) }
        let q = LineQuality(document)
        func f(_ x: Double) -> String { String(format3(x)) }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let row = [name, "\(document.pages.count)", "\(q.justifiedLines)", f(q.maxAbsRatio), "\(q.looseLines)", "\(q.tightLines)",
                   "\(q.unjustifiableLines)", f(q.wordSpaces.mean), f(q.wordSpaces.stdev), "\(f(q.wordSpaces.min))–\(f(q.wordSpaces.max))",
                   "\(q.hyphenatedLines)", "\(q.longestHyphenRun)", "\(q.hyphensAtPageEnd)", "\(q.widows)", "\(q.orphans)",
                   "\(q.strandedHeadings)", "\(q.overfullLines)", "\(q.runsOffLines)"]
        print("| " + row.joined(separator: " | ") + " |")
    }
}

func format3(_ x: Double) -> String {
    let scaled = (x * 1000).rounded() / 1000
    return "\(scaled)"
}

// MARK: - Main

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "markdown" where arguments.count == 3 && arguments[1] == "--issue":
    let text = MarkdownWriter.issueDocument(readIssue(arguments[2]))
    guard FileIO.writeAll(fd: 1, Array(text.utf8)) else { fail("cannot write to standard output", status: 74) }
case "typst" where arguments.count == 3 && arguments[1] == "--issue":
    let text = TypstWriter.issueDocument(readIssue(arguments[2]), directory: absoluteDirectory(of: arguments[2]))
    guard FileIO.writeAll(fd: 1, Array(text.utf8)) else { fail("cannot write to standard output", status: 74) }
case "markdown":
    guard arguments.count == 2 else { fail("markdown takes one input file\n" + usage) }
    let article = readArticle(arguments[1])
    let text = MarkdownWriter(article: article).document(article)
    guard FileIO.writeAll(fd: 1, Array(text.utf8)) else { fail("cannot write to standard output", status: 74) }
case "text":
    guard arguments.count == 2 else { fail("text takes one input file\n" + usage) }
    let article = readArticle(arguments[1])
    let text = plainText(article.blocks + article.bio).joined(separator: "\n\n") + "\n"
    guard FileIO.writeAll(fd: 1, Array(text.utf8)) else { fail("cannot write to standard output", status: 74) }
case "typst":
    guard arguments.count == 2 else { fail("typst takes one input file\n" + usage) }
    let article = readArticle(arguments[1])
    let text = TypstWriter(article: article, directory: absoluteDirectory(of: arguments[1])).document()
    guard FileIO.writeAll(fd: 1, Array(text.utf8)) else { fail("cannot write to standard output", status: 74) }
case "html":
    guard arguments.count == 2 else { fail("html takes one input file\n" + usage) }
    let article = readArticle(arguments[1])
    let text = HTMLWriter(article: article, directory: absoluteDirectory(of: arguments[1])).document()
    guard FileIO.writeAll(fd: 1, Array(text.utf8)) else { fail("cannot write to standard output", status: 74) }
case "throughput":
    await throughput(Array(arguments.dropFirst()))
case "quality":
    quality(Array(arguments.dropFirst()))
case "generate":
    generate(Array(arguments.dropFirst()))
case "-h", "--help", "help":
    print(usage, terminator: "")
default:
    fail("unknown or missing subcommand\n" + usage)
}
