// artexport-bench: the helper behind `make bench` (bench/run.sh).
//
//   artexport-bench markdown INPUT.txt
//       Prints the article as pandoc Markdown (YAML front matter + body), so pandoc
//       can be timed on the very same content artexport converts.
//   artexport-bench text INPUT.txt
//       Prints the body and bio as plain text, one block per paragraph: run.sh
//       compares it with `pandoc -t plain` of the Markdown to catch lost words.
//   artexport-bench throughput [--seconds S] FILE…
//       Exports EPUBs in-process (ArtExport.read + EPUBExporter.export), in parallel
//       over all cores, from bytes read once into memory; no files are written.
//
// Plain Swift, no ArgumentParser: this target must build whatever the CLI does.

import ArtExportKit
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
    usage: artexport-bench markdown INPUT.txt
           artexport-bench text INPUT.txt
           artexport-bench throughput [--seconds S] [--rounds N] [--workers N] FILE…

    """

func readInput(_ path: String) -> [UInt8] {
    do {
        return try FileIO.read(path: path)
    } catch {
        fail(error.description, status: error.exitCode)
    }
}

func readArticle(_ path: String) -> Article {
    do {
        let (article, _) = try ArtExport.read(readInput(path), file: path)
        return article
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

    init(article: Article) {
        for (i, note) in article.footnotes.enumerated() where noteLabels[note.id] == nil {
            noteLabels[note.id] = "n\(i + 1)"
        }
    }

    func document(_ article: Article) -> String {
        var out = frontMatter(article.metadata)
        var sections: [String] = article.blocks.map(block)
        // The bio, as the final paragraph(s) after the body.
        sections += article.bio.map(block)
        for note in article.footnotes {
            let label = noteLabels[note.id] ?? note.id
            let body = note.blocks.map(block).joined(separator: "\n\n")
            sections.append("[^\(label)]: " + indent(body, by: 4, firstLine: false))
        }
        out += "\n" + sections.joined(separator: "\n\n") + "\n"
        return out
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
                let body = item.isEmpty ? "" : item.map(block).joined(separator: "\n\n")
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
        case .image(let image):
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

// MARK: - Plain text

/// The words a reader sees in the body and bio, block by block (table cells,
/// list items and quotes flattened), for the Markdown round-trip check.
func plainText(_ blocks: [Block]) -> [String] {
    blocks.flatMap { block -> [String] in
        switch block {
        case .heading(let h): return [h.content.plainText]
        case .paragraph(let c): return [c.plainText]
        case .list(let l): return l.items.flatMap(plainText)
        case .blockQuote(let b): return plainText(b)
        case .codeBlock(_, let code): return [code]
        case .table(let t): return (t.header + t.rows.flatMap { $0 }).map(\.plainText)
        case .image(let i): return [i.alt]
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

/// One export, start to end, from bytes in memory: parse + typography + EPUB.
@inline(never)
func exportOnce(_ bytes: [UInt8], name: String, modified: UTCTime) -> Int {
    do {
        let (article, _) = try ArtExport.read(bytes, file: name)
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
func round(inputs: [(name: String, bytes: [UInt8])], seconds: Double, workers: Int, modified: UTCTime) async -> RoundResult {
    let start = now()
    let deadline = start + seconds
    let (articles, bytes) = await withTaskGroup(of: (Int, Int).self) { group in
        for w in 0..<workers {
            group.addTask {
                var n = 0, total = 0, k = w % inputs.count
                repeat {
                    let input = inputs[k]
                    total &+= exportOnce(input.bytes, name: input.name, modified: modified)
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
        default:
            files.append(args[i])
            i += 1
        }
    }
    guard !files.isEmpty else { fail("throughput needs at least one article file\n" + usage) }

    // Read once; check every input exports before timing anything.
    let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)
    let inputs = files.map { (name: $0, bytes: readInput($0)) }
    for input in inputs { _ = exportOnce(input.bytes, name: input.name, modified: modified) }

    // Warm-up (caches, allocator, thread pool), not reported.
    _ = await round(inputs: inputs, seconds: min(0.5, seconds), workers: workers, modified: modified)
    var rates: [Double] = []
    for r in 1...rounds {
        let result = await round(inputs: inputs, seconds: seconds, workers: workers, modified: modified)
        rates.append(result.rate)
        writeStderr("  round \(r): \(result.articles) articles in \(format1(result.seconds * 1000)) ms, "
                    + "\(format1(Double(result.bytes) / result.seconds / 1_048_576)) MiB EPUB/s\n")
    }
    let list = rates.map(format1).joined(separator: " ")
    print("in-process epub: median \(format1(median(rates))) articles/s over \(rounds) rounds (\(workers == Machine.cores ? "\(workers) cores" : "\(workers) workers on \(Machine.cores) cores")) [\(list)]")
}

// MARK: - Main

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
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
case "throughput":
    await throughput(Array(arguments.dropFirst()))
case "-h", "--help", "help":
    print(usage, terminator: "")
default:
    fail("unknown or missing subcommand\n" + usage)
}
