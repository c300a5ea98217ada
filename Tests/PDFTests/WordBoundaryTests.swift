@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// The word boundaries of the PDF's text layer, strictly: pdftotext's words are the
/// source's words, in order, with no two words glued into one and no word split in
/// two on a line. (`PDFOutputTests.everyWordInOrder` only finds each word somewhere
/// after the last, so `ChoosingWhat` passed it: both words are "there".)
///
/// A token is a whitespace-separated word reduced to its letters and digits, so
/// typography (curly quotes, dashes, narrow no-break spaces before French
/// punctuation) never counts and every word space does. Allowed differences, each
/// checked for what it is:
/// - a source token cut at a line end (our hyphen, which pdftotext removes as it
///   joins the lines; an author's hyphen; a path or identifier broken at a seam):
///   the line's last token and the next line's first make the source token;
/// - lines the PDF adds: the byline and the date (the library's own strings) after
///   the standfirst, the bio's label before the bio, the running head and folio of
///   every page after the first (checked on their own: the head is the title or a
///   prefix of it ended by an ellipsis, the folio the page number);
/// - Chinese and Japanese put no spaces between words, and the PDF breaks and
///   stretches between any two characters: whitespace between two CJK characters
///   (and a line end between them) is removed on both sides;
/// - right-to-left lines, which poppler reorders (see `PopplerBidi`): compared
///   line by line as multisets of whole words, Arabic words as multisets of letters.
@Suite struct WordBoundaryTests {
    init() { TestCache.isolate() }

    static let inputs = Repo.goodInputs + [LongArticle.name]

    @Test(arguments: inputs)
    func pdftotextHasTheSourceWords(_ input: String) throws {
        let bytes = input == LongArticle.name ? LongArticle.bytes : Repo.read(input)
        let (article, _) = try ArtExport.read(bytes, file: input)
        let pdf = try PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: PDFOutputTests.epoch))
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", pdf)
        let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)

        let source = try SourceLines.of(bytes, article: article)
        let (body, furniture) = PDFText.body(text, title: source.title)
        var problems = furniture
        problems += WordMatch.problems(pdf: PDFText.tokens(body), source: SourceLines.tokens(source.lines))
        #expect(problems.isEmpty, "\(input): \(problems.count) word-boundary problems:\n\(problems.prefix(25).joined(separator: "\n"))")
    }

    /// The same for the Markdown samples and inputs, whose footnotes sit at the
    /// foot of their pages and whose figures may move on (`MarkdownWordMatch`).
    @Test(arguments: Repo.markdownInputs)
    func pdftotextHasTheMarkdownSourceWords(_ input: String) throws {
        let bytes = Repo.read(input)
        let (article, _) = try Repo.article(input)
        let pdf = try PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: PDFOutputTests.epoch))
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", pdf)
        let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
        let source = MarkdownSource.of(bytes, article: article)
        let (body, furniture) = PDFText.body(text, title: source.title)
        var problems = furniture
        problems += MarkdownWordMatch.problems(pdf: PDFText.tokens(body), source: source)
        #expect(problems.isEmpty, "\(input): \(problems.count) word-boundary problems:\n\(problems.prefix(25).joined(separator: "\n"))")
    }

    /// In the typeset pages themselves, whatever an extractor's gap threshold: every
    /// word space of every line (justified body, ragged headings, title block with
    /// byline and date, right-to-left lines) and of the running head is a U+0020
    /// cluster drawn by one glyph, which the painter writes as a space glyph.
    @Test(arguments: inputs)
    func everyWordSpaceIsASpaceGlyph(_ input: String) throws {
        let bytes = input == LongArticle.name ? LongArticle.bytes : Repo.read(input)
        let (article, _) = try ArtExport.read(bytes, file: input)
        let document = try PDFExporter().typeset(article)
        var lines = 0, spaces = 0
        for (p, page) in document.pages.enumerated() {
            for (k, line) in page.lines.enumerated() {
                let runs = page.items.compactMap { item -> GlyphRun? in
                    guard case .glyphs(let run, let element) = item, element.id == line.element.id,
                          abs(run.origin.y - line.origin.y) < 0.01 else { return nil }
                    return run
                }
                let drawn = runs.reduce(0) { $0 + Self.spaceGlyphs(in: $1) }
                let text = runs.map(\.text).joined()
                #expect(drawn == line.fit.spaces.count,
                        "\(input): page \(p + 1), line \(k + 1) `\(text)`: \(line.fit.spaces.count) word spaces, \(drawn) space glyphs")
                lines += 1
                spaces += drawn
            }
            guard p > 0 else { continue }
            // The running head: the artifact runs on the topmost baseline.
            let furniture = page.items.compactMap { item -> GlyphRun? in
                guard case .glyphs(let run, let element) = item, element.kind == .artifact else { return nil }
                return run
            }
            guard let top = furniture.map(\.origin.y).min() else { Issue.record("\(input): page \(p + 1) has no running head"); continue }
            let head = furniture.filter { $0.origin.y == top }.sorted { $0.origin.x < $1.origin.x }
            let headText = head.map(\.text).joined()
            let gaps = headText.filter { $0 == " " }.count
            #expect(head.reduce(0) { $0 + Self.spaceGlyphs(in: $1) } == gaps)
            let cut = headText.hasSuffix("…")
            let titleSpaces = article.metadata.title.split(separator: " ").count - 1
            #expect(cut ? gaps <= titleSpaces : gaps == titleSpaces,
                    "\(input): page \(p + 1): running head `\(headText)` has \(gaps) spaces, the title \(titleSpaces)")
        }
        #expect(lines > 0 && (spaces > 0 || input.hasSuffix("japanese.txt")))
    }

    /// Space clusters of a run drawn by exactly one glyph (a space with none would
    /// leave the text layer without it).
    static func spaceGlyphs(in run: GlyphRun) -> Int {
        let bytes = Array(run.text.utf8)
        var offset = 0, count = 0
        for cluster in run.clusters {
            if cluster.bytes == 1, bytes[offset] == 0x20 {
                #expect(cluster.glyphs == 1, "a space drawn by \(cluster.glyphs) glyphs in `\(run.text)`")
                count += 1
            }
            offset += cluster.bytes
        }
        return count
    }

    /// The checker itself: it finds a glued pair, a split word, a lost word, and
    /// lets through what it must (a hyphenated word across a line end).
    @Test func theCheckerCatchesWhatItShould() {
        func check(_ pdf: [String], _ source: [String]) -> [String] {
            let lines = pdf.enumerated().map { PDFText.Line(page: 1, number: $0.offset + 1, text: $0.element) }
            return WordMatch.problems(pdf: PDFText.tokens(lines), source: SourceLines.tokens(source))
        }
        #expect(check(["Choosing What to Rewrite"], ["Choosing What to Rewrite"]).isEmpty)
        #expect(check(["Choosing What to Re", "write it"], ["Choosing What to Rewrite it"]).isEmpty)
        let glued = check(["ChoosingWhat to Rewrite"], ["Choosing What to Rewrite"])
        #expect(glued.count == 1 && glued[0].contains("glued") && glued[0].contains("line 1"), "\(glued)")
        let split = check(["Choos ing What"], ["Choosing What"])
        #expect(split.count == 1 && split[0].contains("split"), "\(split)")
        let lost = check(["Choosing to Rewrite"], ["Choosing What to Rewrite"])
        #expect(lost.count == 1 && lost[0].contains("What"), "\(lost)")
        // Across a line end only: the same two pieces on one line are a split word.
        #expect(!check(["Choos ing"], ["Choosing"]).isEmpty)
        // CJK: spaces and line ends between ideographs are not word spaces.
        #expect(check(["町の水道を作", "り直す Linux が"], ["町の水道を作り直す Linuxが"]).count == 1)
        #expect(check(["町の水道を作", "り直す Linuxが"], ["町の水道を作り直す Linuxが"]).isEmpty)
        // Right to left: poppler's order within the line is not the source's.
        #expect(check(["\u{202B}\u{202A} 120\u{202C}מיליון שקלים\u{202C}"], ["120 מיליון שקלים"]).isEmpty)
        let rtlGlued = check(["\u{202B}\u{202A}120\u{202C}מיליון שקלים\u{202C}"], ["120 מיליון שקלים"])
        #expect(rtlGlued.count == 1 && rtlGlued[0].contains("glued"), "\(rtlGlued)")
        let rtlSplit = check(["\u{202B}מיל יון שקלים\u{202C}"], ["מיליון שקלים"])
        #expect(rtlSplit.count == 1 && rtlSplit[0].contains("split"), "\(rtlSplit)")
        let rtlLost = check(["\u{202B}מיליון\u{202C}", "\u{202B}שקלים\u{202C}"], ["מיליון שקלים", "120"])
        #expect(rtlLost.count == 1 && rtlLost[0].contains("120"), "\(rtlLost)")
    }

    @Test func popplerBidiPutsMovedSpacesBack() {
        // A right-to-left section on a left-to-right line: the space after it comes first.
        #expect(PopplerBidi.logical("see \u{202B} עברית\u{202C}and") == "see עברית and")
        // A left-to-right section on a right-to-left line: the space before it (to its left).
        #expect(PopplerBidi.logical("\u{202B}הוא \u{202A} 120\u{202C}מיליון\u{202C}") == "הוא 120 מיליון")
        #expect(PopplerBidi.logical("\u{202B}פורמטים\u{202A} EPUB :\u{202C}או\u{202C}") == "פורמטים: EPUB או")
        #expect(PopplerBidi.logical("\u{202B}ו\u{202A} Linux-\u{202C}משמש\u{202C}") == "ו-Linux משמש")
    }
}

/// pdftotext's text as pages of numbered, non-empty lines.
enum PDFText {
    struct Line {
        var page: Int
        /// 1-based among the page's non-empty lines.
        var number: Int
        var text: String
    }

    struct Token {
        /// Letters and digits of a whitespace-separated word.
        var word: String
        var page: Int
        var line: Int
        /// The whole line, for messages.
        var lineText: String
        var firstOnLine: Bool
        var lastOnLine: Bool
        /// On a line poppler reordered (it holds right-to-left text).
        var rightToLeft: Bool
        /// Index of the line among all lines, to group a line's tokens.
        var lineIndex: Int
    }

    static func pages(_ text: String) -> [[Line]] {
        var pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages.enumerated().map { index, page in
            page.split(separator: "\n").map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .enumerated().map { Line(page: index + 1, number: $0.offset + 1, text: $0.element) }
        }
    }

    /// The lines of the articles' text, page furniture taken off and checked: on
    /// every page after the first the running head first (the title), the folio last.
    static func body(_ text: String, title: String) -> (lines: [Line], problems: [String]) {
        var problems: [String] = []
        var body: [Line] = []
        for (index, page) in pages(text).enumerated() {
            let number = index + 1
            guard number > 1 else { body += page; continue }
            guard page.count >= 2 else { problems.append("page \(number): no running head and folio: \(page.map(\.text))"); continue }
            problems += RunningHeadCheck.problems(page[0], title: title, page: number)
            if page[page.count - 1].text.trimmingCharacters(in: .whitespaces) != String(number) {
                problems.append("page \(number), line \(page[page.count - 1].number): folio `\(page[page.count - 1].text)`, not `\(number)`")
            }
            body += page[1..<(page.count - 1)]
        }
        return (body, problems)
    }

    static func tokens(_ lines: [Line]) -> [Token] {
        var logical: [(line: Line, text: String, rtl: Bool)] = []
        for line in lines {
            let rtl = line.text.unicodeScalars.contains { PopplerBidi.marks.contains($0) }
            let text = rtl ? PopplerBidi.logical(line.text) : line.text
            // Text that runs on from a CJK character at a line end into one at the next
            // line's start is one run: the PDF broke between two characters.
            if let last = logical.last, CJK.endsWith(last.text), CJK.startsWith(text) {
                logical[logical.count - 1].text += text
                logical[logical.count - 1].rtl = last.rtl || rtl
            } else {
                logical.append((line, text, rtl))
            }
        }
        var result: [Token] = []
        for (index, l) in logical.enumerated() {
            let words = Normalized.words(CJK.removingSpaces(l.text))
            for (k, w) in words.enumerated() {
                result.append(Token(word: w, page: l.line.page, line: l.line.number, lineText: l.line.text,
                                    firstOnLine: k == 0, lastOnLine: k == words.count - 1, rightToLeft: l.rtl, lineIndex: index))
            }
        }
        return result
    }
}

/// Whitespace-separated words reduced to letters and digits; words that had none
/// (punctuation, emoji) are dropped.
enum Normalized {
    static func word(_ raw: Substring) -> String {
        String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(word).filter { !$0.isEmpty }
    }

    /// What two words are compared by: themselves, but as multisets of letters
    /// - for Arabic: poppler writes a ligature's letters reversed (lam-alef:
    ///   سلام → سالم) and may put a shadda after the letter it sits on, while the PDF
    ///   itself is right (docs/fonts.md §5);
    /// - for a word of both directions with no break inside (ב-2023,): poppler
    ///   writes its parts in visual order, which need not be the source's.
    /// A lost letter or a glued word still fails.
    static func key(_ word: String) -> String {
        let rtl = word.unicodeScalars.contains { isArabic($0) || isHebrew($0) }
        guard word.unicodeScalars.contains(where: isArabic)
                || (rtl && word.unicodeScalars.contains { !isArabic($0) && !isHebrew($0) }) else { return word }
        return String(String.UnicodeScalarView(word.unicodeScalars.sorted { $0.value < $1.value }))
    }

    static func isHebrew(_ s: Unicode.Scalar) -> Bool { (0x0590...0x05FF).contains(s.value) || (0xFB1D...0xFB4F).contains(s.value) }

    static func isArabic(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return true
        default: return false
        }
    }
}

/// Scripts written without word spaces.
enum CJK {
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2E80...0x2FFF, 0x3000...0x303F, 0x3040...0x30FF, 0x3100...0x312F, 0x31F0...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x2FFFF: return true
        default: return false
        }
    }

    static func endsWith(_ text: String) -> Bool {
        text.unicodeScalars.last { !$0.properties.isWhitespace }.map(isCJK) ?? false
    }

    static func startsWith(_ text: String) -> Bool {
        text.unicodeScalars.first { !$0.properties.isWhitespace }.map(isCJK) ?? false
    }

    /// `text` without the whitespace between two CJK characters.
    static func removingSpaces(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i].properties.isWhitespace, let before = out.last, isCJK(before) {
                var j = i
                while j < scalars.count, scalars[j].properties.isWhitespace { j += 1 }
                if j < scalars.count, isCJK(scalars[j]) { i = j; continue }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}

/// Undoes what poppler's text output does to a line holding right-to-left text.
///
/// poppler (TextOutputDev.cc, `reorderText`) writes each line from its characters in
/// visual order: on a page it reads as left to right, every run from a right-to-left
/// letter up to the next left-to-right letter or digit is reversed and wrapped in
/// U+202B…U+202C, and the neutrals after the letters (to their right), the word
/// space among them, are reversed with it, so the space comes out first:
/// `see ‫ עברית‬and` (hostile.txt: "\u{202B} עברית\u{202C}and"). On a page it reads as
/// right to left, the line is wrapped in U+202B…U+202C and each left-to-right run
/// (with the neutrals to its left) in U+202A…U+202C, written in visual order, so the
/// space after the run comes out before it: `הוא ‪ 120‬מיליון` (hebrew.txt), and a
/// colon before it after it: `פורמטים‪ EPUB :‬או` (hebrew-mixed.txt). The text of the
/// PDF is right (pdfminer reads it in order; the words are separate glyph runs with
/// a space glyph between), but the output's order is poppler's: so such lines are
/// compared as multisets of words, and first each section's leading neutrals are put
/// back after it and its trailing ones before it, where the reader meets them.
enum PopplerBidi {
    static let marks: Set<Unicode.Scalar> = ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}"]

    static func logical(_ line: String) -> String {
        var stack: [String.UnicodeScalarView] = [String.UnicodeScalarView()]
        for s in line.unicodeScalars {
            switch s {
            case "\u{202A}", "\u{202B}", "\u{202D}", "\u{202E}":
                stack.append(String.UnicodeScalarView())
            case "\u{202C}" where stack.count > 1:
                let section = Array(stack.removeLast())
                stack[stack.count - 1].append(contentsOf: reordered(section))
            case "\u{202C}":
                break
            default:
                stack[stack.count - 1].append(s)
            }
        }
        while stack.count > 1 {
            let section = Array(stack.removeLast())
            stack[stack.count - 1].append(contentsOf: reordered(section))
        }
        return String(stack[0])
    }

    /// A section's leading neutrals after its letters, its trailing ones before them.
    private static func reordered(_ section: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let isWordCharacter = { (s: Unicode.Scalar) in s.properties.isAlphabetic || s.properties.numericType != nil }
        guard let first = section.firstIndex(where: isWordCharacter), let last = section.lastIndex(where: isWordCharacter) else {
            return section
        }
        return Array(section[(last + 1)...].reversed()) + Array(section[first...last]) + Array(section[..<first].reversed())
    }
}

/// The source's text as the PDF sets it, line by line: title, subtitle, standfirst,
/// then what the PDF adds to the title block (byline and date, the library's own
/// strings), then every block, with the bio's label before the bio.
enum SourceLines {
    struct Source {
        var title: String
        var lines: [String]
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func of(_ bytes: [UInt8], article: Article) throws -> Source {
        let file = SourceFile(bytes)
        let field = file.field
        let m = article.metadata
        guard let title = field("title") else { throw Missing(description: "no title cell") }
        // This reader knows the plain field names only: a synonym would be missed here.
        if (m.subtitle != nil) != (field("subtitle") != nil) || (m.description != nil) != (field("description") != nil) {
            throw Missing(description: "the metadata's subtitle or description is under another name than this test reads")
        }
        let localization = Localization(language: m.language)
        var result = [title]
        if let s = field("subtitle") { result.append(s) }
        if let d = field("description") { result.append(d) }
        if !m.authors.isEmpty { result.append(localization.byline(m.authors)) }
        if let date = m.date { result.append(localization.format(date)) }
        var body = file.body
        if !article.bio.isEmpty {
            // The bio is the last block; the PDF sets its label above it.
            guard article.bio.count == 1, let last = body.last, Normalized.words(last) == Normalized.words(article.bio[0].plainText) else {
                throw Missing(description: "the bio is not the last line")
            }
            body.insert(localization.aboutAuthors(count: m.authors.count), at: body.count - 1)
        }
        return Source(title: title, lines: result + body)
    }

    struct Token {
        var word: String
        /// The source word as typed: an author's hyphen at its end shows here.
        var raw: String
    }

    static func tokens(_ lines: [String]) -> [Token] {
        // Lines joined where CJK runs on, as on the PDF side (a title and a byline of
        // ideographs, for one).
        var logical: [String] = []
        for line in lines {
            if let last = logical.last, CJK.endsWith(last), CJK.startsWith(line) {
                logical[logical.count - 1] += line
            } else {
                logical.append(line)
            }
        }
        return logical.flatMap { line in
            CJK.removingSpaces(line).split(whereSeparator: \.isWhitespace)
                .map { Token(word: Normalized.word($0), raw: String($0)) }
                .filter { !$0.word.isEmpty }
        }
    }
}

/// The running head is the title, or a prefix of it that ends in an ellipsis.
enum RunningHeadCheck {
    static func problems(_ head: PDFText.Line, title: String, page: Int) -> [String] {
        let rtl = head.text.unicodeScalars.contains { PopplerBidi.marks.contains($0) }
        let text = rtl ? PopplerBidi.logical(head.text) : head.text
        let words = Normalized.words(text).map(Normalized.key)
        let titleWords = Normalized.words(title).map(Normalized.key)
        if rtl ? words.sorted() == titleWords.sorted() : words == titleWords { return [] }
        let cut = text.trimmingCharacters(in: .whitespaces).hasSuffix("…")
        if cut, !words.isEmpty, words.count <= titleWords.count {
            let n = words.count
            let whole = rtl ? words.sorted() == titleWords[..<n].sorted() : words == Array(titleWords[..<n])
            // Cut inside the first word, when it alone is too wide.
            let inFirstWord = n == 1 && titleWords[0].hasPrefix(words[0])
            if whole || inFirstWord { return [] }
        }
        return ["page \(page), line \(head.number): running head `\(head.text)` is not the title `\(title)` (or a prefix of it ended by …)"]
    }
}

/// Source tokens against pdftotext's, in order.
enum WordMatch {
    static func problems(pdf: [PDFText.Token], source: [SourceLines.Token]) -> [String] {
        var problems: [String] = []
        var i = 0, j = 0
        func at(_ t: PDFText.Token) -> String { "page \(t.page), line \(t.line) `\(t.lineText)`" }
        func key(_ s: String) -> String { Normalized.key(s) }
        while i < source.count || j < pdf.count {
            guard j < pdf.count else {
                problems.append("source words missing at the end of the PDF: \(source[i...].prefix(8).map(\.raw).joined(separator: " "))")
                break
            }
            guard i < source.count else {
                problems.append("\(at(pdf[j])): words the source does not have: \(pdf[j...].prefix(8).map(\.word).joined(separator: " "))")
                break
            }
            if pdf[j].rightToLeft {
                let (next, lineProblems) = matchReorderedLine(pdf: pdf, from: j, source: source, at: i)
                problems += lineProblems
                i = next.source
                j = next.pdf
                continue
            }
            if key(pdf[j].word) == key(source[i].word) { i += 1; j += 1; continue }
            // A word cut at a line end (only there): the line's last token and the
            // next lines' first make the source word.
            var joined = pdf[j].word
            var k = j
            while joined != source[i].word, source[i].word.hasPrefix(joined), pdf[k].lastOnLine, k + 1 < pdf.count,
                  pdf[k + 1].firstOnLine, !pdf[k + 1].rightToLeft {
                k += 1
                joined += pdf[k].word
            }
            if joined == source[i].word { i += 1; j = k + 1; continue }
            // pdftotext removes a line-final hyphen and joins the lines: an author's
            // `pre-` at a line end and the next word make one PDF word.
            if source[i].raw.hasSuffix("-"), i + 1 < source.count, pdf[j].word == source[i].word + source[i + 1].word {
                i += 2; j += 1; continue
            }
            // Glued: one PDF word made of two (or more) source words.
            var glued = source[i].word
            var n = 1
            while glued.count < pdf[j].word.count, i + n < source.count, pdf[j].word.hasPrefix(glued) {
                glued += source[i + n].word
                n += 1
            }
            if n > 1, key(glued) == key(pdf[j].word) {
                problems.append("\(at(pdf[j])): glued `\(pdf[j].word)` = \(source[i..<(i + n)].map { "`\($0.raw)`" }.joined(separator: " + "))")
                i += n; j += 1; continue
            }
            // Split: one source word in two or more PDF words on one line.
            var split = pdf[j].word
            k = j
            while split.count < source[i].word.count, k + 1 < pdf.count, pdf[k + 1].lineIndex == pdf[j].lineIndex, source[i].word.hasPrefix(split) {
                k += 1
                split += pdf[k].word
            }
            if k > j, key(split) == key(source[i].word) {
                problems.append("\(at(pdf[j])): split `\(source[i].raw)` into \(pdf[j...k].map { "`\($0.word)`" }.joined(separator: " + "))")
                i += 1; j = k + 1; continue
            }
            let context = "(source: …\(source[max(0, i - 3)..<min(source.count, i + 4)].map(\.raw).joined(separator: " "))…)"
            if i + 1 < source.count, key(pdf[j].word) == key(source[i + 1].word) {
                problems.append("\(at(pdf[j])): source word `\(source[i].raw)` is missing before `\(pdf[j].word)` \(context)")
                i += 1; continue
            }
            if j + 1 < pdf.count, key(pdf[j + 1].word) == key(source[i].word) {
                problems.append("\(at(pdf[j])): `\(pdf[j].word)` is not in the source \(context)")
                j += 1; continue
            }
            problems.append("\(at(pdf[j])): `\(pdf[j].word)` where the source has `\(source[i].raw)` \(context)")
            (i, j) = resynchronize(pdf: pdf, j, source: source, i)
        }
        return problems
    }

    /// A line poppler reordered: its words, as a multiset, are the next source words.
    static func matchReorderedLine(pdf: [PDFText.Token], from j: Int, source: [SourceLines.Token], at i: Int)
        -> (next: (source: Int, pdf: Int), problems: [String]) {
        var end = j
        while end < pdf.count, pdf[end].lineIndex == pdf[j].lineIndex { end += 1 }
        let key = Normalized.key
        var left: [String: Int] = [:]
        for t in pdf[j..<end] { left[key(t.word), default: 0] += 1 }
        var remaining = end - j
        // The source words the line holds, in order; those it does not hold meanwhile.
        var unmatched: [Int] = []
        var next = i
        var k = i
        while k < source.count, remaining > 0, unmatched.count <= 8 {
            if let n = left[key(source[k].word)], n > 0 {
                left[key(source[k].word)] = n - 1
                remaining -= 1
                next = k + 1
            } else {
                unmatched.append(k)
            }
            k += 1
        }
        guard remaining > 0 || unmatched.contains(where: { $0 < next }) else { return ((next, end), []) }
        var extra: [String] = []
        for t in pdf[j..<end] where (left[key(t.word)] ?? 0) > 0 {
            left[key(t.word)]! -= 1
            extra.append(t.word)
        }
        let place = "page \(pdf[j].page), line \(pdf[j].line) `\(pdf[j].lineText)`"
        var problems: [String] = []
        var explained = Set<Int>()
        var used = Set<Int>()
        for (n, word) in extra.enumerated() where !used.contains(n) {
            if let a = unmatched.first(where: { a in unmatched.contains(a + 1) && !explained.contains(a)
                    && key(source[a].word + source[a + 1].word) == key(word) }) {
                problems.append("\(place): glued `\(word)` = `\(source[a].raw)` + `\(source[a + 1].raw)`")
                explained.formUnion([a, a + 1])
                next = max(next, a + 2)
            } else if let (m, a) = extra.indices.lazy.filter({ $0 != n && !used.contains($0) }).compactMap({ m -> (Int, Int)? in
                        unmatched.first { a in !explained.contains(a) && (key(word + extra[m]) == key(source[a].word)
                                                                          || key(extra[m] + word) == key(source[a].word)) }.map { (m, $0) }
                    }).first {
                problems.append("\(place): split `\(source[a].raw)` into `\(word)` and `\(extra[m])`")
                used.insert(m)
                explained.insert(a)
                next = max(next, a + 1)
            } else {
                problems.append("\(place): `\(word)` is not in the source here")
            }
        }
        for a in unmatched where a < next && !explained.contains(a) {
            problems.append("\(place): source word `\(source[a].raw)` is missing")
        }
        return ((next, end), problems)
    }

    /// After a mismatch: the nearest positions where three words agree again.
    static func resynchronize(pdf: [PDFText.Token], _ j: Int, source: [SourceLines.Token], _ i: Int) -> (Int, Int) {
        // Three words in a row agree, or all the words left on both sides.
        func agree(_ a: Int, _ b: Int) -> Bool {
            let n = min(3, source.count - a, pdf.count - b)
            guard n >= 1, n == 3 || (a + n == source.count && b + n == pdf.count) else { return false }
            return (0..<n).allSatisfy { d in Normalized.key(source[a + d].word) == Normalized.key(pdf[b + d].word) }
        }
        for distance in 1...80 {
            for di in 0...distance {
                let dj = distance - di
                if agree(i + di, j + dj) { return (i + di, j + dj) }
            }
        }
        return (i + 1, j + 1)
    }
}

/// A long article of our own: some 9,000 words, many headings with a capital W, T,
/// V or Y after a space (kerned against the space, so the narrowest word spaces),
/// justified paragraphs with such pairs too.
enum LongArticle {
    static let name = "generated: 9,000-word article with headings"

    static let headings = [
        "Choosing What to Rewrite", "Knowing When to Stop", "Taking Stock of What Works", "Finding Time for the Work",
        "Reading What You Wrote", "Keeping What Still Works", "Cutting What Does Not Fit", "Asking Who Will Read It",
        "Writing for the Long Run", "Turning Notes into Drafts", "Sharing Work Before It Is Ready", "Working With an Editor",
        "Measuring What Changed", "Setting the Work Aside", "Listening to Your Readers", "Choosing Which Parts Matter",
        "Learning From Old Mistakes", "Holding On to the Voice", "Putting Value on Time", "Why We Write Again",
    ]

    static let words = """
        the a of to and in that is was for it with as on be at by this had not are but from or have an they which one you \
        were all we her she there would their will when who him been has more if no out so said what up its about into \
        than them can only other new some could time these two may then do first any my now such like our over man me \
        even most made after also did many before must through back years where much your way well down should because \
        each just those people how too little state good very make world still own see men work long get here between \
        both life being under never day same another know while last might us great old year off come since against go \
        came right used take three revision draft sentence paragraph editor reader chapter notebook margin rewrite
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let capitals = ["We", "What", "When", "Which", "Who", "Why", "With", "Work", "To", "The", "Time", "Very", "Value", "You", "Yet"]

    static let bytes: [UInt8] = {
        var rng = SplitMix64(seed: 2024)
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        var lines = [
            "| title | created | author | description |", "|---|---|---|---|",
            "| Choosing What to Rewrite: Notes on Revision | 2024-05-02 | Mara Quill and Tobias Wren | "
                + "A long essay on how writers decide what to keep, what to cut and what to write again. |",
        ]
        var count = 0
        var heading = 0
        while count < 9_000 {
            if count > 0, heading < headings.count, rng.next() % 3 == 0 {
                lines.append(headings[heading])
                count += headings[heading].split(separator: " ").count
                heading += 1
            }
            var paragraph: [String] = []
            let length = 60 + Int(rng.next() % 100)
            var sentence = 0
            for _ in 0..<length {
                var w = rng.next() % 7 == 0 ? pick(capitals) : pick(words)
                if sentence == 0 { w = w.prefix(1).uppercased() + w.dropFirst() }
                sentence += 1
                if sentence > 8 && rng.next() % 6 == 0 { w += pick([".", ".", ",", ";", "?"]); if w.last != "," && w.last != ";" { sentence = 0 } }
                paragraph.append(w)
            }
            lines.append(paragraph.joined(separator: " ") + ".")
            count += length
        }
        while heading < headings.count {
            lines.append(headings[heading])
            lines.append("What remains is short: " + (0..<40).map { _ in pick(words) }.joined(separator: " ") + ".")
            heading += 1
        }
        lines.append("Mara Quill writes about editing and revision.")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }()
}
