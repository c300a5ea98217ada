@testable import ArtExportCore
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// Every sample and test input as PDF, judged by the real tools: pdftotext (every
/// word, in order), pdffonts (every font embedded and subset), qpdf --check,
/// pdfinfo (metadata, tagged), and byte-for-byte reproducibility.
@Suite struct PDFOutputTests {
    init() { TestCache.isolate() }

    static let epoch: Int64 = 1_700_000_000

    static func pdf(_ input: String) throws -> [UInt8] {
        let (article, _) = try Repo.article(input)
        return try PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: epoch))
    }

    @Test(arguments: Repo.allInputs)
    func validPDF(_ input: String) throws {
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", try Self.pdf(input))

        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0, "\(input): qpdf --check failed: \(String(decoding: check.stdout, as: UTF8.self))")

        let fonts = String(decoding: try Tool.run("pdffonts", [path]).stdout, as: UTF8.self)
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty, "\(input): no fonts")
        for row in rows {
            // name type encoding emb sub uni object ID: the three flags come before the object number.
            let cols = row.split(separator: " ", omittingEmptySubsequences: true)
            guard cols.count >= 6 else { continue }
            let flags = cols[cols.count - 5..<cols.count - 2].map(String.init)
            #expect(flags == ["yes", "yes", "yes"], "\(input): font not embedded+subset+unicode: \(row)")
            #expect(!row.contains("Type 3") || row.contains("Emoji"), "\(input): unexpected Type 3 font: \(row)")
        }

        let info = String(decoding: try Tool.run("pdfinfo", [path]).stdout, as: UTF8.self)
        let (article, _) = try Repo.article(input)
        #expect(info.contains("Tagged:          yes"), "\(input): not tagged")
        #expect(info.contains("Creator:         artexport"))
        #expect(info.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"), "\(input): \(info)")
        let title = info.split(separator: "\n").first { $0.hasPrefix("Title:") }.map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        #expect(title == article.metadata.title)
        if !article.metadata.authors.isEmpty { #expect(info.contains("Author:")) }
    }

    @Test(arguments: Repo.goodInputs)
    func everyWordInOrder(_ input: String) throws {
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", try Self.pdf(input))
        let text = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
        let source = SourceWords.of(Repo.read(input))
        let result = PDFWords.match(source, in: text)
        if !result.ok && PDFWords.hasRightToLeft(source) {
            // poppler prints the phrases of a right-to-left paragraph on a mostly
            // left-to-right page in visual order: then every word must be there.
            let missing = PDFWords.missingIgnoringOrder(source, in: text)
            #expect(missing.isEmpty, "\(input): \(missing.prefix(10)) missing from the PDF")
        } else {
            #expect(result.ok, "\(input): source word \(result.index) `\(result.missing ?? "")` is missing from the PDF or out of order")
        }
    }

    @Test(arguments: ["samples/long-form.txt", "samples/field-report.md"])
    func sameInputSameBytes(_ input: String) throws {
        #expect(try Self.pdf(input) == Self.pdf(input))
    }

    /// The PDF of `input` as text, its streams uncompressed (`qpdf --qdf`).
    static func uncompressed(_ input: String) throws -> String {
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", try pdf(input))
        let qdf = tmp.path + "/q.pdf"
        _ = try Tool.run("qpdf", ["--qdf", "--object-streams=disable", path, qdf])
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: qdf)), as: UTF8.self)
    }

    /// The default theme's byline and running head are small capitals of the body's
    /// face. Drawn first, they took the one-byte codes of their letters, and the body's
    /// own glyphs for those letters went to a second subset: a font change around each
    /// (30,192 on a 16-page article, 1,887 a page). Drawn from a second face of the
    /// font, the small capitals have codes of their own and the body keeps one font
    /// per line and style; the byline's text stays one-byte text (for extractors that
    /// read no /ActualText, such as pdfminer).
    @Test func smallCapitalsLeaveTheBodyItsFont() throws {
        let raw = try Self.uncompressed("samples/long-form.txt")
        let lines = raw.split(separator: "\n")
        let fontChanges = lines.filter { $0.hasSuffix(" Tf") }.count
        let textShows = lines.filter { $0.hasSuffix("TJ") || $0.hasSuffix("Tj") }.count
        let pages = lines.filter { $0.hasPrefix("%% Page ") }.count
        #expect(pages > 5)
        #expect(fontChanges < 150 * pages, "\(fontChanges) font changes on \(pages) pages")
        #expect(textShows < 200 * pages, "\(textShows) text-showing operators on \(pages) pages")
        #expect(raw.contains("(Helen)") && raw.contains("(Marc)"), "the small-capital byline is not one-byte text")
    }

    @Test func outlineLinksAndPageLabels() throws {
        let raw = try Self.uncompressed("samples/long-form.txt")
        #expect(raw.contains("/Type /Outlines"))
        #expect(raw.contains("/URI (https://archives.kestrelford.example/hale-reports)"))
        #expect(raw.contains("/PageLabels"))
        #expect(raw.contains("/Dests"))
        let (article, _) = try ArtExport.read(Repo.read("samples/long-form.txt"), file: "x")
        // Every heading is an outline entry, with the title first.
        let typeset = try PDFExporter().typeset(article)
        #expect(typeset.outline.first?.title == article.metadata.title)
        #expect(typeset.outline.filter { $0.level == 2 }.map(\.title).prefix(article.headings.count)
                == article.headings.map { $0.content.plainText }[...])
    }
}

/// Words of pdftotext output, with words split by a line-end hyphen rejoined
/// where the source has them whole.
enum PDFWords {
    typealias Token = (word: String, hyphenEnd: Bool)

    static func match(_ source: [String], in rawText: String) -> (ok: Bool, missing: String?, index: Int) {
        match(source, tokens: tokens(rawText))
    }

    /// pdftotext's words, running heads and folios off (when `furniture`: the first
    /// and last line of every page after the first), each flagged when it ends a line.
    static func tokens(_ rawText: String, furniture: Bool = true) -> [Token] {
        // Pages are separated by form feeds; from page 2 on, the first line is the
        // running head and the last the folio: drop them so a word hyphenated
        // across a page break joins up.
        let pages = rawText.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        let text = pages.enumerated().map { index, page -> String in
            var lines = page.split(separator: "\n").map(String.init)
            if index > 0 && furniture {
                if !lines.isEmpty { lines.removeFirst() }
                // The folio; poppler may join it to a last line that ends in a
                // hyphen ("Ortsbe-" + "2" → "Ortsbe2"): then only the number goes.
                let folio = String(index + 1)
                if let last = lines.last?.trimmingCharacters(in: .whitespaces) {
                    if last == folio || !last.hasSuffix(folio) { lines.removeLast() } else { lines[lines.count - 1] = String(last.dropLast(folio.count)) }
                }
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
        // Scripts without word spaces (Chinese, Japanese) may break, and be
        // spaced by justification, between any two characters: rejoin them.
        let cjk = { (c: Character?) in c.map { $0.unicodeScalars.first.map { (0x3000...0x9FFF).contains($0.value) } ?? false } ?? false }
        // Only a full line continues its paragraph: a short one ends a block
        // (title, byline, date, heading, last line of a paragraph).
        var joined = ""
        var previous: Character?
        var pending = ""
        var lineLength = 0
        for ch in text {
            if ch == "\n" || ch == " " { pending.append(ch); continue }
            if !pending.isEmpty {
                let newline = pending.contains("\n")
                if !(cjk(previous) && cjk(ch) && (!newline || lineLength >= 20)) { joined += newline ? "\n" : " " }
                if newline { lineLength = 0 }
                pending = ""
            }
            joined.append(ch)
            lineLength += 1
            previous = ch
        }
        // Tokens with a flag: the word ends a line (with or without a hyphen: URLs
        // and identifiers break without one).
        var tokens: [(word: String, hyphenEnd: Bool)] = []
        for line in joined.split(separator: "\n") {
            let words = Words.of(String(line))
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let endsInWord = trimmed.last.map { $0.isLetter || $0.isNumber || "-\u{2010}\u{00AD}_/.".contains($0) } ?? false
            for (i, w) in words.enumerated() { tokens.append((w, endsInWord && i == words.count - 1)) }
        }
        return tokens
    }

    /// Whether `source` appears in `tokens` in order, a few words skipped at most between two.
    static func match(_ source: [String], tokens: [Token]) -> (ok: Bool, missing: String?, index: Int) {
        var used: [Int] = []
        return match(source, tokens: tokens, from: 0, used: &used)
    }

    /// As `match`, from token `start`, recording the tokens it matched in `used`.
    static func match(_ source: [String], tokens: [Token], from start: Int, used: inout [Int]) -> (ok: Bool, missing: String?, index: Int) {
        var j = start
        var i = 0
        while i < source.count {
            let word = source[i]
            var found = false
            // Words may only be skipped over in small numbers (labels such as the
            // byline's "By", running heads, folios): a lost word fails here, near it.
            let limit = min(tokens.count, j + 60)
            while j < limit {
                if tokens[j].word == word { used.append(j); j += 1; i += 1; found = true; break }
                // Our hyphen at a line end: the PDF has the word in two parts (with a
                // page foot's note numbers between them, read as a block of their own).
                // pdftotext may glue the first of those numbers to the hyphen's line ("be-" + "1" → "be1").
                let head = tokens[j].word.hasPrefix(word.prefix(1)) ? String(tokens[j].word.reversed().drop(while: \.isNumber).reversed()) : tokens[j].word
                if tokens[j].hyphenEnd || head != tokens[j].word,
                   let next = (j + 1..<min(tokens.count, j + 6)).first(where: { !tokens[$0].word.allSatisfy(\.isNumber) }),
                   head + tokens[next].word == word {
                    used += [j, next]; j = next + 1; i += 1; found = true; break
                }
                // The author's own hyphen at a line end, which pdftotext removes
                // when it joins the lines: two source words make one PDF word.
                if i + 1 < source.count, tokens[j].word == word + source[i + 1] { used.append(j); j += 1; i += 2; found = true; break }
                j += 1
            }
            if !found {
                let context = source[max(0, i - 5)..<min(source.count, i + 3)].joined(separator: " ")
                let from = max(0, min(tokens.count, j - 70))
                let seen = tokens[from..<max(from, min(tokens.count, j - 50))].map(\.word).joined(separator: " ")
                return (false, "\(word) [source: …\(context)…] [pdf: …\(seen)…]", i)
            }
        }
        return (true, nil, source.count)
    }
}

extension PDFWords {
    static func hasRightToLeft(_ words: [String]) -> Bool {
        words.contains { $0.unicodeScalars.contains { ScriptDetector.script(of: $0) == .hebrew || ScriptDetector.script(of: $0) == .arabic } }
    }

    /// Source words absent from the text, order ignored. Arabic is compared
    /// letter by letter over the whole text: poppler splits and reverses the
    /// lam-alef ligature ("سلام" → "لم" … "س ا"; the PDF itself is right, see
    /// docs/fonts.md). Long tokens broken across lines are found with lines joined.
    static func missingIgnoringOrder(_ source: [String], in text: String) -> [String] {
        let arabic = { (w: String) in w.unicodeScalars.contains { ScriptDetector.script(of: $0) == .arabic } }
        let cjk = { (w: String) in w.unicodeScalars.contains { (0x3000...0x9FFF).contains($0.value) } }
        let joinedText = text.replacingOccurrences(of: "\n", with: "")
        let found = Set(Words.of(text) + Words.of(joinedText))
        var missing = source.filter { !arabic($0) && !cjk($0) && !found.contains($0) }
        // Spaceless scripts: every word somewhere in the text once spaces are gone.
        let compact = joinedText.filter { !$0.isWhitespace }
        missing += source.filter { cjk($0) && !arabic($0) && !compact.contains($0) }
        // By scalar: poppler may put a mark (shadda) apart from its letter.
        var letters: [Unicode.Scalar: Int] = [:]
        for s in text.unicodeScalars where ScriptDetector.script(of: s) == .arabic { letters[s, default: 0] += 1 }
        var needed: [Unicode.Scalar: Int] = [:]
        for word in source where arabic(word) { for s in word.unicodeScalars where ScriptDetector.script(of: s) == .arabic { needed[s, default: 0] += 1 } }
        missing += needed.filter { (letters[$0.key] ?? 0) < $0.value }
            .map { "Arabic U+\(String($0.key.value, radix: 16)) ×\($0.value), found \(letters[$0.key] ?? 0)" }
        return missing
    }
}

/// Poppler and qpdf, which `make test` installs.
enum Tool {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) is not installed; run `make test`, which installs poppler-utils and qpdf" }
    }

    static func run(_ name: String, _ args: [String]) throws -> ProcessResult {
        guard let path = Subprocess.which(name) else { throw Missing(name: name) }
        return try Subprocess.run(path, args)
    }
}

@Suite struct PDFTypesetTests {
    init() { TestCache.isolate() }

    @Test(arguments: Repo.allInputs)
    func everyCharacterHasAGlyph(_ input: String) throws {
        let (article, _) = try Repo.article(input)
        let document = try PDFExporter().typeset(article)
        #expect(document.missingCharacters.isEmpty,
                "\(input): no glyph for \(document.missingCharacters.map { "U+" + String($0.value, radix: 16) })")
    }

    @Test func letterPagesFromTheTheme() throws {
        let theme = try ThemeLoader.load(yaml: "page:\n  size: Letter\n", name: "letter")
        let (article, _) = try ArtExport.read(Repo.read("samples/fr-article.txt"), file: "x")
        let document = try PDFExporter(theme: theme).typeset(article)
        #expect(document.pages.allSatisfy { $0.width == 612 && $0.height == 792 })
    }

    @Test func theSansThemeSetsLetterPagesAndKeepsTheDefaultsItDoesNotName() throws {
        let theme = try ThemeLoader.load("sans")
        #expect(theme.pdf.pageWidth == 612 && theme.pdf.pageHeight == 792)
        #expect(abs(theme.pdf.marginLeft - 79.2) < 0.001)                  // 1.1 in
        // The code family is the default's, set at the sans body's scale.
        #expect(theme.pdf.mono.families.prefix(2) == Theme.standard.pdf.mono.families.prefix(2))
        #expect(theme.pdf.mono.size == theme.bodySize * Theme.standard.code.scale)
        #expect(theme.tables == Theme.standard.tables)
    }

    @Test func headingsAreDestinationsOnTheirPages() throws {
        let (article, _) = try ArtExport.read(Repo.read("samples/long-form.txt"), file: "x")
        let document = try PDFExporter().typeset(article)
        var names: [String] = []
        for page in document.pages {
            for case .destination(let name, _) in page.items { names.append(name) }
        }
        #expect(names.first == "title")
        #expect(Array(names.dropFirst().prefix(article.headings.count)) == article.headings.map(\.id))
        // Page labels and the running head from page 2 on.
        #expect(document.pages.map(\.label) == document.pages.indices.map { String($0 + 1) })
    }
}

/// Property: random articles of hostile text in many scripts typeset, paint
/// without a cairo error, and lose no word in pdftotext.
@Suite struct PDFRandomTests {
    init() { TestCache.isolate() }

    @Test func randomArticlesLoseNothing() throws {
        var rng = SplitMix64(seed: 11)
        let pieces = ["word", "Äpfel", "naïve", "<b>", "&amp;", "]]>", "\"q\"", "it's", "--", "...", "a|b",
                      "https://x.org/?a=1&b=2", "(www.y.de)", "עברית", "שלום,", "العربية", "سلام.", "中文", "日本語の", "🙂",
                      "C:\\dir", "Heading", "?", "'90s", "5'10\"", "—", "Zoë", "ΑΒΓ", "Ελληνικά", "русский",
                      "ThisIsAnExtremelyLongIdentifierWithNoSpacesAtAllForTesting_v2",
                      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "well-known", "e.g.", "§ 12"]
        func phrase(_ n: Int) -> String {
            (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined(separator: " ")
        }
        let tmp = try TemporaryDirectory()
        for round in 0..<12 {
            var text = "| title | author | lang |\n|---|---|---|\n"
            let lang = ["en", "de", "fr", "he", "ja"][Int(rng.next() % 5)]
            text += "| T\(round) \(phrase(2).replacingOccurrences(of: "|", with: "\\|")) | Ann Author | \(lang) |\n"
            for _ in 0..<(1 + Int(rng.next() % 10)) {
                let n = rng.next() % 4 == 0 ? 1 + Int(rng.next() % 4) : 10 + Int(rng.next() % 80)
                text += "\(rng.next() % 2 == 0 ? "Start" : "") \(phrase(n))\(rng.next() % 2 == 0 ? "." : "")\n"
            }
            let bytes = Array(text.utf8)
            let (article, _) = try ArtExport.read(bytes, file: "random-\(round)")
            let pdf = try PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: 0))
            let path = try tmp.write("r\(round).pdf", pdf)
            let out = String(decoding: try Tool.run("pdftotext", ["-enc", "UTF-8", path, "-"]).stdout, as: UTF8.self)
            // Right-to-left phrases may come out in visual order (poppler decides per
            // page), so compare the multiset of words for those, the order otherwise.
            let source = SourceWords.of(bytes)
            if PDFWords.hasRightToLeft(source) {
                let missing = PDFWords.missingIgnoringOrder(source, in: out)
                #expect(missing.isEmpty, "round \(round): \(missing.prefix(10)) lost\n\(text)")
            } else {
                let result = PDFWords.match(source, in: out)
                #expect(result.ok, "round \(round): `\(result.missing ?? "")` lost from:\n\(text)")
            }
        }
    }
}

/// The Markdown samples' own promises: every footnote starts on the page of its
/// reference, and every raster image is drawn once (SVGs as vectors, no image).
@Suite struct MarkdownSampleTests {
    init() { TestCache.isolate() }

    static let samples = Repo.markdownInputs.filter { $0.hasPrefix("samples/") }

    @Test(arguments: samples)
    func everyFootnoteOnThePageOfItsReference(_ input: String) throws {
        let (article, _) = try Repo.article(input)
        let document = try PDFExporter().typeset(article)
        var page: [String: Int] = [:]
        for (i, p) in document.pages.enumerated() {
            for case .destination(let name, _) in p.items where page[name] == nil { page[name] = i + 1 }
        }
        for note in article.footnotes {
            let at = try #require(page["note-\(note.id)"], "\(input): note \(note.id) not set")
            #expect(at == page["ref-\(note.id)"], "\(input): note \(note.id) on page \(at), its reference on \(page["ref-\(note.id)"] ?? 0)")
        }
    }

    @Test(arguments: samples)
    func everyImageDrawn(_ input: String) throws {
        let (article, _) = try Repo.article(input)
        var rasters = Set<String>()
        BlockIdentifiers.walk(article) { block in
            if case .figure(let f) = block, let r = f.image.resource, r.mediaType != .svg { rasters.insert(f.image.source) }
        }
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("out.pdf", try PDFOutputTests.pdf(input))
        let list = String(decoding: try Tool.run("pdfimages", ["-list", path]).stdout, as: UTF8.self)
        let rows = list.split(separator: "\n").dropFirst(2).filter { $0.split(separator: " ").dropFirst(2).first == "image" }
        #expect(rows.count == rasters.count, "\(input): \(rows.count) images drawn, \(rasters.count) in the article:\n\(list)")
        // JPEGs are embedded as they are, not decoded and re-encoded.
        let jpegs = rasters.filter { $0.hasSuffix(".jpg") || $0.hasSuffix(".jpeg") }.count
        #expect(rows.filter { $0.contains(" jpeg ") }.count == jpegs)
    }
}
