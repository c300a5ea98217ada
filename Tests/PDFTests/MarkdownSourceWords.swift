@testable import ArtExportCore
import TestSupport

/// A Markdown article's words straight from the file, without the library's
/// reader, in the order the PDF sets them: the title block, then the body as
/// flowing text, tables (whose cells poppler may read column by column) and
/// floats (footnotes at a page foot, figures, which may move to a later page).
/// It knows the Markdown the samples use: front matter, ATX headings, quotes,
/// lists and tasks, fences, pipe tables with captions, images alone in a
/// paragraph, emphasis, code spans, links, autolinks, footnotes.
enum MarkdownSource {
    enum Segment {
        /// Lines of text in reading order.
        case flow([String])
        /// A table's cells; the header's may come again on each page the table continues on.
        case table(words: [String], header: [String])
        /// Lines that stay together but may be set elsewhere: a note, a figure's alternative text and caption.
        case float([String])
    }

    struct Source {
        var title: String
        var segments: [Segment]
    }

    static func of(_ bytes: [UInt8], article: Article) -> Source {
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var front: [String: String] = [:]
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") {
            for line in lines[1..<end] where !line.hasPrefix(" ") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                front[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            lines = Array(lines[(end + 1)...])
        }
        let m = article.metadata
        let localization = Localization(language: m.language)
        let title = front["title"] ?? ""
        var head = [title]
        if let s = front["subtitle"] { head.append(s) }
        if let d = front["description"] { head.append(d) }
        if !m.authors.isEmpty { head.append(localization.byline(m.authors)) }
        if let date = m.date { head.append(localization.format(date)) }

        // Notes are numbered in the order of their first reference.
        var numbers: [String: Int] = [:]
        for line in lines where !line.hasPrefix("[^") {
            var rest = Substring(line)
            while let r = rest.range(of: "[^") {
                let after = rest[r.upperBound...]
                guard let close = after.firstIndex(of: "]") else { break }
                let id = String(after[..<close])
                if numbers[id] == nil { numbers[id] = numbers.count + 1 }
                rest = after[close...]
            }
        }

        var segments: [Segment] = [.flow(head)]
        var flow: [String] = []
        func flush() { if !flow.isEmpty { segments.append(.flow(flow)); flow = [] } }
        var inCode = false
        var note: [String]?
        var table: [[String]] = []
        var pendingCaption: String?
        func closeNote() { if let n = note { flush(); segments.append(.float(n)); note = nil } }
        func closeTable() {
            guard !table.isEmpty else { return }
            if let c = pendingCaption { flow.append(c); pendingCaption = nil }
            flush()
            segments.append(.table(words: table.flatMap { $0 }, header: table[0]))
            table = []
        }
        var k = 0
        while k < lines.count {
            let line = lines[k]
            k += 1
            if line.hasPrefix("```") {
                if !inCode { closeNote(); closeTable() }
                inCode.toggle()
                continue
            }
            if inCode { flow.append(line); continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let n = note, line.hasPrefix("    ") || trimmed.isEmpty {
                if !trimmed.isEmpty { note = n + [inline(listItem(trimmed), numbers)] }
                continue
            }
            closeNote()
            if trimmed.hasPrefix("|") {
                let cells = trimmed.dropFirst().split(separator: "|").map { inline($0.trimmingCharacters(in: .whitespaces), numbers) }
                if !cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { table.append(cells) }
                continue
            }
            if trimmed.isEmpty { continue }
            // Raw HTML blocks are dropped by the reader: a script, style or pre block
            // up to its closing tag, any other up to the next blank line.
            if flow.last == nil || lines[k - 2].trimmingCharacters(in: .whitespaces).isEmpty, htmlBlockStart(trimmed) {
                let closing = ["script", "style", "pre"].first { trimmed.lowercased().hasPrefix("<" + $0) }.map { "</\($0)>" }
                var line = trimmed
                while true {
                    if let c = closing { if line.lowercased().contains(c) { break } } else if line.isEmpty { break }
                    guard k < lines.count else { break }
                    line = lines[k].trimmingCharacters(in: .whitespaces)
                    k += 1
                }
                continue
            }
            // A caption line seen before a table that did not come is text after all.
            if let c = pendingCaption, table.isEmpty { flow.append(c); pendingCaption = nil }
            if let caption = tableCaption(trimmed) {
                // Set above the table, whichever side of it the source puts it.
                if table.isEmpty && k < lines.count { pendingCaption = inline(caption, numbers) } else {
                    flow.append(inline(caption, numbers)); closeTable()
                }
                continue
            }
            if !table.isEmpty { closeTable() }
            if trimmed.hasPrefix("[^"), let close = trimmed.firstIndex(of: "]"), trimmed[trimmed.index(after: close)...].hasPrefix(":") {
                let id = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close])
                let text = trimmed[trimmed.index(close, offsetBy: 2)...].trimmingCharacters(in: .whitespaces)
                flush()
                note = ["\(numbers[id] ?? 0) " + inline(text, numbers)]
                continue
            }
            if trimmed.hasPrefix("!["), trimmed.hasSuffix(")"), let close = trimmed.range(of: "](") {
                flush()
                segments.append(.float([String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close.lowerBound])]))
                continue
            }
            var text = trimmed
            while text.hasPrefix(">") { text = text.dropFirst().trimmingCharacters(in: .whitespaces) }
            while text.hasPrefix("#") { text.removeFirst() }
            flow.append(inline(listItem(text.trimmingCharacters(in: .whitespaces)), numbers))
        }
        closeNote()
        closeTable()
        flush()
        return Source(title: title, segments: segments)
    }

    /// A line that opens a raw HTML block: `<` and a tag name, `</`, or `<!`.
    static func htmlBlockStart(_ line: String) -> Bool {
        guard line.hasPrefix("<"), let next = line.dropFirst().first else { return false }
        return next.isLetter || next == "/" || next == "!"
    }

    static func tableCaption(_ line: String) -> String? {
        for marker in ["Table:", "table:", ": "] where line.hasPrefix(marker) { return String(line.dropFirst(marker.count)) }
        return nil
    }

    /// Without a list marker or task box (the PDF draws a bullet or a box, which
    /// are no words; a number stays).
    static func listItem(_ text: String) -> String {
        var t = Substring(text)
        for bullet in ["- ", "* ", "+ "] where t.hasPrefix(bullet) { t = t.dropFirst(2); break }
        for box in ["[x] ", "[X] ", "[ ] "] where t.hasPrefix(box) { t = t.dropFirst(4); break }
        return String(t)
    }

    /// Inline Markdown to its text: emphasis and code marks go, a link keeps its
    /// text, an autolink its address, a note reference becomes its number.
    static func inline(_ text: String, _ numbers: [String: Int]) -> String {
        var out = ""
        var s = Substring(text)
        var inCode = false
        while let c = s.first {
            if c == "`" { inCode.toggle(); s = s.dropFirst(); continue }
            if inCode { out.append(c); s = s.dropFirst(); continue }
            // Raw HTML within text: the reader drops the tags and comments, keeps the text between.
            if c == "<", s.hasPrefix("<!--"), let end = s.range(of: "-->") { s = s[end.upperBound...]; continue }
            if c == "<", let next = s.dropFirst().first, next.isLetter || next == "/", let close = s.firstIndex(of: ">"),
               !s[s.startIndex..<close].contains(":") || s[s.startIndex..<close].contains(" ") {
                s = s[s.index(after: close)...]
                continue
            }
            if c == "&" {
                var decoded = false
                for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"), ("&quot;", "\"")] where s.hasPrefix(entity) {
                    out += value
                    s = s.dropFirst(entity.count)
                    decoded = true
                    break
                }
                if decoded { continue }
            }
            if s.hasPrefix("[^"), let close = s.firstIndex(of: "]") {
                let id = String(s[s.index(s.startIndex, offsetBy: 2)..<close])
                out += String(numbers[id] ?? 0)
                s = s[s.index(after: close)...]
            } else if c == "[", let mid = s.range(of: "]("), let close = closingParenthesis(s[mid.upperBound...]) {
                out += inline(String(s[s.index(after: s.startIndex)..<mid.lowerBound]), numbers)
                s = s[s.index(after: close)...]
            } else if c == "<", let close = s.firstIndex(of: ">"), s[s.startIndex..<close].contains(":") {
                // An e-mail address is shown without its scheme.
                out += s[s.index(after: s.startIndex)..<close].replacingOccurrences(of: "mailto:", with: "")
                s = s[s.index(after: close)...]
            } else if c == "*" || (c == "~" && s.hasPrefix("~~")) || (c == "_" && (out.last.map { !$0.isLetter } ?? true)) {
                s = s.dropFirst(c == "~" ? 2 : 1)
            } else {
                out.append(c)
                s = s.dropFirst()
            }
        }
        return out
    }
}

extension MarkdownSource {
    /// The `)` closing a link destination, parentheses inside it balanced.
    static func closingParenthesis(_ s: Substring) -> Substring.Index? {
        var depth = 0
        for i in s.indices {
            if s[i] == "(" { depth += 1 } else if s[i] == ")" {
                if depth == 0 { return i }
                depth -= 1
            }
        }
        return nil
    }
}

/// pdftotext's tokens against a Markdown source: floats found and taken out
/// first (each whole and in order, anywhere), tables as multisets where they
/// fall, the rest strictly with `WordMatch`.
enum MarkdownWordMatch {
    static func problems(pdf: [PDFText.Token], source: MarkdownSource.Source) -> [String] {
        var problems: [String] = []
        var tokens = pdf
        let key = Normalized.key
        for case .float(let lines) in source.segments {
            let words = SourceLines.tokens(lines)
            guard let first = words.first else { continue }
            var found: Range<Int>?
            for start in tokens.indices where key(tokens[start].word) == key(first.word) {
                if let end = prefixEnd(tokens, from: start, words) { found = start..<end; break }
            }
            if let r = found { tokens.removeSubrange(r) } else {
                problems.append("not found whole in the PDF: \(lines.joined(separator: " ").prefix(120))")
            }
        }
        var cursor = 0
        var flow: [SourceLines.Token] = []
        for segment in source.segments {
            switch segment {
            case .flow(let lines): flow += SourceLines.tokens(lines)
            case .float: continue
            case .table(let words, let header):
                let bag = words.flatMap(Normalized.words)
                let headerKeys = Set(header.flatMap(Normalized.words).map(key))
                // The table starts with its first cell (poppler reads the header row first).
                let firstKey = bag.first.map(key)
                guard let (start, end) = (cursor..<tokens.count).lazy
                    .filter({ key(tokens[$0].word) == firstKey })
                    .compactMap({ s in tableEnd(tokens, from: s, bag, headerKeys).map { (s, $0) } }).first else {
                    problems.append("the table starting `\(header.joined(separator: " "))` is not in the PDF as a whole")
                    continue
                }
                problems += WordMatch.problems(pdf: Array(tokens[cursor..<start]), source: flow)
                flow = []
                cursor = end
            }
        }
        problems += WordMatch.problems(pdf: Array(tokens[cursor...]), source: flow)
        return problems
    }

    /// Where `words` end when they are the tokens from `start`, a word cut at a line end allowed.
    static func prefixEnd(_ tokens: [PDFText.Token], from start: Int, _ words: [SourceLines.Token]) -> Int? {
        var j = start
        for w in words {
            guard j < tokens.count else { return nil }
            var joined = tokens[j].word
            while Normalized.key(joined) != Normalized.key(w.word), w.word.hasPrefix(joined), tokens[j].lastOnLine, j + 1 < tokens.count {
                j += 1
                joined += tokens[j].word
            }
            guard Normalized.key(joined) == Normalized.key(w.word) else { return nil }
            j += 1
        }
        return j
    }

    /// Where a table's words end when they are the tokens from `start`, in any
    /// order, its header's words allowed again (repeated on a new page).
    static func tableEnd(_ tokens: [PDFText.Token], from start: Int, _ words: [String], _ header: Set<String>) -> Int? {
        var left: [String: Int] = [:]
        for w in words { left[Normalized.key(w), default: 0] += 1 }
        var remaining = words.count
        var j = start
        while remaining > 0, j < tokens.count {
            let k = Normalized.key(tokens[j].word)
            if let n = left[k], n > 0 { left[k] = n - 1; remaining -= 1 } else if !header.contains(k) { return nil }
            j += 1
        }
        return remaining == 0 ? j : nil
    }
}
