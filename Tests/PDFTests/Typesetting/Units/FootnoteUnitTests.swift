@testable import ArtExportCore
@testable import ArtExportPDF
import Testing

/// Footnotes at the foot of the page of their reference, the reference raised
/// in the text, and struck-through text, inspected as frames (no Cairo).
@Suite struct FootnoteUnitTests {
    static let words = UnitSamples.words

    /// Paragraphs of body text with `notes` references spread through them, each
    /// note `noteWords(n)` words long.
    static func article(notes: Int, paragraphs: Int = 14, noteWords: (Int) -> Int) -> Article {
        var blocks: [Block] = []
        var n = 0
        for p in 0..<paragraphs {
            var inlines: [Inline] = [.text("\(Self.words) \(Self.words) \(Self.words)")]
            if n < notes, p % max(1, paragraphs / notes) == 0 {
                n += 1
                inlines += [.footnoteReference("n\(n)"), .text(" and then \(Self.words).")]
            }
            blocks.append(.paragraph(inlines))
        }
        let footnotes = (1...notes).map { k in
            Footnote(id: "n\(k)", blocks: [.paragraph([.text("Note \(k): " + Array(repeating: "word", count: noteWords(k)).joined(separator: " ") + ".")])])
        }
        return Article(metadata: Metadata(title: "Footnotes"), blocks: blocks, footnotes: footnotes)
    }

    static func typeset(_ article: Article) throws -> TypesetDocument {
        try Typesetter(article: article, style: Theme.standard.pdf, shaper: TextShaper(language: .english),
                       hyphenator: Hyphenator(language: .english)).typeset()
    }

    /// The page index of each named destination.
    static func destinations(_ document: TypesetDocument) -> [String: Int] {
        var pages: [String: Int] = [:]
        for (i, page) in document.pages.enumerated() {
            for case .destination(let name, _) in page.items where pages[name] == nil { pages[name] = i }
        }
        return pages
    }

    @Test func everyNoteStartsOnThePageOfItsReference() throws {
        let document = try Self.typeset(Self.article(notes: 10) { [8, 30, 12, 70, 9][$0 % 5] })
        let at = Self.destinations(document)
        #expect(document.pages.count >= 2)
        for k in 1...10 {
            let note = try #require(at["note-n\(k)"], "note \(k) placed")
            #expect(note == at["ref-n\(k)"], "note \(k) on the page of its reference")
        }
        // Notes are drawn below the body: their text starts under the page's last body line.
        for page in document.pages {
            let notes = page.items.compactMap { item -> Double? in
                if case .destination(let name, let p) = item, name.hasPrefix("note-") { return p.y }
                return nil
            }
            guard let first = notes.min() else { continue }
            let bodyBottom = page.lines.filter { $0.element.ancestors.first?.kind != .note }.map(\.origin.y).max() ?? 0
            #expect(first > bodyBottom)
            #expect(page.lines.map(\.origin.y).max()! <= Theme.standard.pdf.pageHeight - Theme.standard.pdf.marginBottom + 0.01)
        }
    }

    @Test func aLongNoteIsSplitOntoTheNextPage() throws {
        // One note of 2,000 words cannot fit under its reference: it continues on the next page.
        let document = try Self.typeset(Self.article(notes: 1, paragraphs: 3) { _ in 2000 })
        let noteLines = document.pages.map { page in page.lines.filter { $0.element.ancestors.first?.kind == .note }.count }
        #expect(noteLines.filter { $0 > 0 }.count >= 2, "\(noteLines) \(document.pages.map { $0.lines.count })")
        #expect(noteLines[0] >= 2, "at least two lines under the reference")
    }

    @Test func referencesAreRaisedAndSmaller() throws {
        let article = Self.article(notes: 1, paragraphs: 1) { _ in 5 }
        let context = UnitSamples.context(article)
        let blocks = try ParagraphUnit(content: { if case .paragraph(let c) = article.blocks[0] { return c }; return [] }())
            .layout(in: context.fullMeasure, context)
        let runs = blocks.flatMap(\.lines).compactMap(\.text).flatMap(\.line.runs)
        let reference = try #require(runs.first { $0.text == "1" })
        let body = try #require(runs.first { $0.text.contains("quick") })
        #expect(reference.size < body.size * 0.7)
        #expect(reference.glyphs.allSatisfy { $0.y < -body.size * 0.25 }, "raised a third of an em")
    }

    @Test func notesAreTaggedWithTheirNumberAndLinkBack() throws {
        let document = try Self.typeset(Self.article(notes: 2, paragraphs: 4) { _ in 10 })
        let items = document.pages.flatMap(\.items)
        let labels = items.compactMap { item -> String? in
            if case .glyphs(let run, let e) = item, e.kind == .label, e.ancestors.first?.kind == .note { return run.text }
            return nil
        }
        #expect(labels == ["1", "2"])
        let backLinks = items.compactMap { item -> String? in
            if case .link(_, let target) = item, target.value.hasPrefix("ref-") { return target.value }
            return nil
        }
        #expect(backLinks == ["ref-n1", "ref-n2"])
        // The outline has no end-notes heading any more.
        #expect(!document.outline.contains { $0.destination == "notes" })
    }

    @Test func aListInANoteTakesTheNotesSize() throws {
        var article = Self.article(notes: 1, paragraphs: 1) { _ in 5 }
        article.footnotes[0].blocks.append(.list(List(ordered: false, items: [ListItem([.paragraph([.text("listed inside")])])])))
        let document = try Self.typeset(article)
        let runs = document.pages.flatMap(\.items).compactMap { item -> GlyphRun? in
            if case .glyphs(let run, let e) = item, e.ancestors.first?.kind == .note { return run }
            return nil
        }
        let noteSize = Theme.standard.pdf.body.size * Theme.standard.notes.scale
        let listed = try #require(runs.first { $0.text.contains("listed") })
        #expect(abs(listed.size - noteSize) < 0.01, "\(listed.size) pt, the note's text \(noteSize) pt")
        #expect(runs.filter { $0.text.contains("Note 1") }.allSatisfy { abs($0.size - noteSize) < 0.01 })
    }

    @Test func unreferencedNotesAreStillSet() throws {
        var article = Self.article(notes: 1, paragraphs: 2) { _ in 5 }
        article.footnotes.append(Footnote(id: "lonely", blocks: [.paragraph([.text("Nobody points here.")])]))
        let document = try Self.typeset(article)
        let text = document.pages.flatMap(\.items).compactMap { item -> String? in
            if case .glyphs(let run, _) = item { return run.text }
            return nil
        }.joined()
        #expect(text.contains("Nobody points here."))
        // Its number links back nowhere, so it has no link; the referenced note keeps its own.
        let backLinks = document.pages.flatMap(\.items).compactMap { item -> String? in
            if case .link(_, let target) = item, target.value.hasPrefix("ref-") { return target.value }
            return nil
        }
        #expect(backLinks == ["ref-n1"])
    }

    @Test func struckTextHasALineThroughIt() throws {
        let article = Article(metadata: Metadata(title: "Strike"), blocks: [
            .paragraph([.text("Keep this, "), .strikethrough([.text("drop these three words")]), .text(", keep that.")]),
        ])
        let context = UnitSamples.context(article)
        guard case .paragraph(let content) = article.blocks[0] else { return }
        let line = try #require(try ParagraphUnit(content: content).layout(in: context.fullMeasure, context).first?.lines.first)
        let fills = line.items.compactMap { item -> Rect? in if case .fill(let r, _, _) = item { return r }; return nil }
        #expect(fills.count == 1, "one line across the phrase and its spaces")
        let runs = try #require(line.text).line.runs
        let x = try #require(line.text).x
        // It starts at "drop" and ends after "words", at about half the x-height.
        let text = runs.map(\.text).joined()
        #expect(text.contains("drop these three words"))
        let rule = try #require(fills.first)
        #expect(rule.width > 60 && rule.width < line.text!.line.extent / 1.5)
        #expect(rule.x > x + 20)
        #expect(rule.y < line.baseline && rule.y > line.baseline - 10.5 * 0.6)
    }
}
