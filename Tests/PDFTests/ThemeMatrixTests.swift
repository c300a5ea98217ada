import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// Every shipped theme with every sample, as PDF: qpdf and the fonts clean,
/// every word in pdftotext in order, the line and page quality within the
/// theme's targets, and the columns of a newsletter's last page balanced.
/// (The default theme's PDFs are judged by PDFOutputTests and PDFQualityTests.)
@Suite struct ThemeMatrixTests {
    init() { TestCache.isolate() }

    static let themes = ThemeLoader.builtInNames.filter { $0 != "default" }
    static let samples = Repo.allInputs.filter { $0.hasPrefix("samples/") }
    static let cases = themes.flatMap { t in samples.map { (t, $0) } }

    static func typeset(_ theme: String, _ input: String) throws -> (Theme, Article, TypesetDocument) {
        let t = try ThemeLoader.load(theme)
        let (article, _) = try Repo.article(input)
        return (t, article, try PDFExporter(theme: t).typeset(article))
    }

    @Test(arguments: cases)
    func validPDFWithEveryWordInOrder(_ theme: String, _ input: String) throws {
        let t = try ThemeLoader.load(theme)
        let (article, _) = try Repo.article(input)
        let pdf = try PDFExporter(theme: t).export(article, modified: UTCTime(secondsSinceEpoch: PDFOutputTests.epoch))
        #expect(pdf == (try PDFExporter(theme: t).export(article, modified: UTCTime(secondsSinceEpoch: PDFOutputTests.epoch))),
                "\(theme) \(input): not reproducible")
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", pdf)
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0, "\(theme) \(input): qpdf --check: \(String(decoding: check.stdout, as: UTF8.self))")
        let fonts = String(decoding: try Tool.run("pdffonts", [path]).stdout, as: UTF8.self)
        for row in fonts.split(separator: "\n").dropFirst(2) {
            let cols = row.split(separator: " ", omittingEmptySubsequences: true)
            guard cols.count >= 6 else { continue }
            #expect(cols[cols.count - 5..<cols.count - 2].map(String.init) == ["yes", "yes", "yes"], "\(theme) \(input): \(row)")
        }
        let problems: [String]
        if t.page.columns > 1 {
            // pdftotext orders a page's blocks by their places, and reads the top of the
            // second column before the foot of the first when the first reaches lower
            // (poppler's block order; the PDF's tags hold the order): read each region
            // the typesetter filled, in its order.
            let document = try PDFExporter(theme: t).typeset(article)
            // Each region's footnotes apart from its text: a note carried to the next
            // column's foot goes on there, after that column's text.
            var pages: [String] = []
            var notes = ""
            func crop(_ page: Int, _ x: Double, _ y: Double, _ w: Double, _ h: Double) throws -> String {
                let box = ["-x", "\(Int(x) - 3)", "-y", "\(Int(y) - 3)", "-W", "\(Int(w) + 6)", "-H", "\(Int(h) + 3)"]
                return String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", "-f", "\(page + 1)", "-l", "\(page + 1)"] + box + [path, "-"]).stdout,
                              as: UTF8.self).replacingOccurrences(of: "\u{0C}", with: "") + "\n"
            }
            for (p, page) in document.pages.enumerated() {
                var text = ""
                for r in page.regions {
                    let inside = page.lines.filter { $0.origin.x >= r.x - 1 && $0.origin.x < r.x + r.width && $0.origin.y > r.y && $0.origin.y <= r.y + r.height + 1 }
                    let noteTop = inside.filter { $0.element.kind == .note || $0.element.ancestors.contains { $0.kind == .note } }
                        .map { $0.origin.y - t.leading * t.notes.scale }.min()
                    let split = noteTop ?? (r.y + r.height)
                    text += try crop(p, r.x, r.y, r.width, split - r.y)
                    if noteTop != nil { notes += try crop(p, r.x, split, r.width, r.y + r.height - split) }
                }
                pages.append(text)
            }
            problems = ThemedWords.problems(article, text: (pages + [notes]).joined(separator: "\u{0C}"), furniture: false)
        } else {
            let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
            problems = ThemedWords.problems(article, text: text)
        }
        #expect(problems.isEmpty, "\(theme) \(input):\n\(problems.prefix(5).joined(separator: "\n"))")
    }

    /// The justified themes' targets for loose lines (a share of the justified
    /// lines), the largest |r| and the widest word space (em). Narrower measures
    /// than the default's 39 em leave the breaker fewer choices. Worst measured when
    /// set (`artexport-bench quality --theme NAME`): book (28 em) 9 of 89 loose
    /// (de-artikel), |r| 1.81 (hostile), 0.522 em (field-report); newsletter (28 em
    /// columns) 7 of 54 (fr-article), |r| 6.36 and 1.204 em (hostile: a column
    /// holds few of its long URLs' seams).
    static let targets: [String: (looseShare: Double, maxRatio: Double, widestSpace: Double)] = [
        "book": (0.12, 2.0, 0.6),
        "newsletter": (0.15, 6.5, 1.25),
    ]

    @Test(arguments: cases)
    func qualityWithinTheThemesTargets(_ theme: String, _ input: String) throws {
        let (t, _, document) = try Self.typeset(theme, input)
        let source = String(decoding: Repo.read(input), as: UTF8.self)
        let q = LineQuality(document)
        let faults = q.findings.map(\.description).joined(separator: "; ")
        // (Below 0 when a run is counted on two lines: lines of one element on one baseline in two columns.)
        #expect(q.runsOffLines <= 0, "\(theme) \(input): \(q.runsOffLines) runs on no line")
        #expect(q.overfullLines == 0, "\(theme) \(input): overfull: \(faults)")
        #expect(q.widows == 0 && q.orphans == 0, "\(theme) \(input): widows/orphans: \(faults)")
        #expect(q.strandedHeadings == 0, "\(theme) \(input): stranded headings: \(faults)")
        #expect(q.longestHyphenRun <= 2, "\(theme) \(input): \(q.longestHyphenRun) hyphens in a row")
        if let target = Self.targets[theme] {
            let lines = Double(q.justifiedLines)
            #expect(Double(q.looseLines) <= 1 + target.looseShare * lines, "\(theme) \(input): \(q.looseLines) loose of \(q.justifiedLines): \(faults)")
            #expect(q.maxAbsRatio <= target.maxRatio, "\(theme) \(input): max |r| \(q.maxAbsRatio)")
            #expect(q.wordSpaces.max <= target.widestSpace, "\(theme) \(input): a word space of \(q.wordSpaces.max) em")
        } else {
            // Ragged themes justify nothing.
            #expect(q.justifiedLines == 0, "\(theme) \(input)")
        }
        if !t.paragraphs.hyphenate {
            // Only the author's own hyphens (Online-|Umfragen) may end a line.
            for page in document.pages {
                for line in page.lines where line.fit.hyphenated {
                    let last = page.items.compactMap { item -> GlyphRun? in
                        if case .glyphs(let r, let e) = item, e.id == line.element.id, abs(r.origin.y - line.origin.y) < 0.01 { return r } else { return nil }
                    }.max { $0.origin.x < $1.origin.x }
                    #expect(last?.text.hasSuffix("-") == true && source.containsBytes((last?.text.split(separator: " ").last.map(String.init) ?? "")),
                            "\(theme) \(input): a hyphen the author did not write: `\(last?.text ?? "")`")
                }
            }
        }
        // Every page's items stay on the page.
        for (p, page) in document.pages.enumerated() {
            for case .glyphs(let run, _) in page.items {
                #expect(run.origin.x >= 0 && run.origin.x + run.width <= page.width + 0.5 && run.origin.y <= page.height,
                        "\(theme) \(input) page \(p + 1): `\(run.text)` off the page")
            }
        }
    }

    /// The columns of a newsletter's last page end close together: within one line
    /// when the text can be split anywhere (ColumnLayoutTests), within the lines
    /// the widow, orphan and keep rules may hold back (a paragraph of three lines
    /// moves whole) when it cannot. Notes count: they close their column.
    @Test(arguments: samples)
    func theNewslettersLastPageIsBalanced(_ input: String) throws {
        let (t, _, document) = try Self.typeset("newsletter", input)
        let style = t.pdf
        guard let last = document.pages.last else { Issue.record("no pages"); return }
        let split = style.marginLeft + style.columnWidth + style.gutter / 2
        // Below the last block across the columns (the title, a wide figure or table).
        let floor = last.lines.filter { $0.fit.measure > style.columnWidth + 1 }.map(\.origin.y).max() ?? 0
        let body = last.lines.filter { $0.origin.y > floor }
        let left = body.filter { $0.origin.x < split }.map(\.origin.y), right = body.filter { $0.origin.x >= split }.map(\.origin.y)
        guard let l = left.max(), let r = right.max() else { return }   // one column's worth of text
        // A note goes to the column of its reference line, and that line cannot move without it.
        let noteLines = body.filter { $0.element.kind == .note || $0.element.ancestors.contains { $0.kind == .note } }.count
        // (With the space above the notes, where their separator is drawn: a line.)
        let slack = Double(2 + 1) * style.leading + Double(noteLines) * style.leading * t.notes.scale + (noteLines > 0 ? style.leading : 0)
        #expect(abs(l - r) <= slack + 0.5, "\(input): columns end at \(l) and \(r), leading \(style.leading)")
    }

    @Test func theNewsletterSetsTwoColumnsAndTheTitleAcrossThem() throws {
        let (t, _, document) = try Self.typeset("newsletter", "samples/long-form.txt")
        let style = t.pdf
        let first = document.pages[0]
        let title = try #require(first.lines.first { $0.element.kind == .h1 })
        #expect(title.fit.measure > style.columnWidth * 1.5, "the title runs across both columns")
        let columns = Set(first.lines.filter { $0.element.kind == .p }.map { $0.origin.x < style.marginLeft + style.columnWidth ? 0 : 1 })
        #expect(columns == [0, 1])
        for line in document.pages.flatMap(\.lines) where line.element.kind == .p {
            #expect(line.fit.measure <= style.columnWidth + 0.01, "a body line wider than its column")
        }
    }
}

/// The article's words, checked in a PDF of any theme: each footnote's words in
/// order and each figure's (both may move from where they are written: to a
/// page foot, to the next page), each table's and code block's words all there
/// (poppler may read a table's columns, or a code line's far-right comment, out
/// of order), then the rest in order.
enum ThemedWords {
    static func problems(_ article: Article, text: String, furniture: Bool = true) -> [String] {
        var tokens = PDFWords.tokens(text, furniture: furniture)
        var problems: [String] = []
        var flow: [String] = Words.of(article.metadata.title)
        var floats: [[String]] = []
        var alts: [[String]] = []
        var tables: [[String]] = []
        func block(_ b: Block) -> [String] {
            switch b {
            case .heading(let h): return Words.of(h.content)
            case .paragraph(let c): return Words.of(c)
            case .list(let l): return l.items.flatMap(\.blocks).flatMap(block)
            case .blockQuote(let inner): return inner.flatMap(block)
            case .codeBlock(_, let code):
                // Poppler reads a comment aligned far right of its code line as a block of its own.
                tables.append(Words.of(code))
                return []
            case .table(let t):
                tables.append(Words.of(t.caption) + (t.header + t.rows.flatMap { $0 }).flatMap { Words.of($0) })
                return []
            case .figure(let f):
                alts.append(Words.of(f.image.alt))
                floats.append(Words.of(f.caption))
                return []
            case .thematicBreak: return []
            }
        }
        for b in article.blocks + article.bio { flow += block(b) }
        let notes = article.footnotes.map { $0.blocks.flatMap(block) }
        let rightToLeft = PDFWords.hasRightToLeft(flow)
        // Out-of-flow pieces first; their tokens are taken out before the flow is matched.
        // A figure's alternative text is drawn beneath its image, where extractors
        // read it in any order: its words need only be there (the flow skips them).
        for word in alts.joined() where !rightToLeft && !tokens.contains(where: { $0.word == word }) {
            problems.append("alternative text word missing: \(word)")
        }
        /// The tightest place `words` appear in order.
        func place(_ words: [String]) -> [Int]? {
            var best: [Int]?
            for start in tokens.indices where tokens[start].word == words[0] {
                var used: [Int] = []
                if PDFWords.match(words, tokens: tokens, from: start, used: &used).ok, let first = used.first, let last = used.last,
                   best.map({ last - first < $0.last! - $0.first! }) ?? true {
                    best = used
                }
            }
            return best
        }
        for piece in notes + floats where !piece.isEmpty {
            if let used = place(piece) {
                for k in used.sorted(by: >) { tokens.remove(at: k) }
            } else if !rightToLeft {
                problems.append("not in order in the PDF: \(piece.prefix(12).joined(separator: " "))…")
            }
        }
        // A table's or code block's words: all there, near where it starts, taken out.
        for bag in tables where !bag.isEmpty {
            guard let start = tokens.indices.first(where: { tokens[$0].word == bag[0] }) else {
                problems.append("not in the PDF: \(bag.prefix(8).joined(separator: " "))…")
                continue
            }
            for word in bag {
                let window = start..<min(tokens.count, start + bag.count + 40)
                // The first place it is, whole or broken over a line end (a wrapped code line).
                if let k = window.first(where: { k in
                    tokens[k].word == word || (k + 1 < tokens.count && tokens[k].hyphenEnd && tokens[k].word + tokens[k + 1].word == word)
                }) {
                    tokens.removeSubrange(k...(tokens[k].word == word ? k : k + 1))
                } else if !rightToLeft {
                    problems.append("table or code word missing: \(word)")
                }
            }
        }
        if rightToLeft {
            // An author's hyphen at a line end, which pdftotext takes out: zero-|width → zerowidth.
            let joined = Set(Words.of(text.replacingOccurrences(of: "-\n", with: "")))
            let missing = PDFWords.missingIgnoringOrder(flow, in: text).filter { w in !joined.contains { $0.contains(w) } }
            if !missing.isEmpty { problems.append("missing: \(missing.prefix(10))") }
        } else {
            let r = PDFWords.match(flow, tokens: tokens)
            if !r.ok { problems.append("flow word \(r.index): \(r.missing ?? "")") }
        }
        return problems
    }
}
