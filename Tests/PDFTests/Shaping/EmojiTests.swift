import Foundation
import TestSupport
import Testing
@testable import ArtExportCore
@testable import ArtExportPDF

/// Colour emoji: each sequence one picture from Noto Color Emoji over one invisible
/// glyph that carries the sequence's text (`EmojiFont`).
@Suite struct EmojiTests {
    init() { TestCache.isolate() }

    @Test func whatCountsAsAnEmoji() {
        for emoji in ["🙂", "❤️", "1️⃣", "#️⃣", "🇩🇪", "👨‍👩‍👧‍👦", "👍🏽", "🏴‍☠️", "🚀"] {
            #expect(EmojiFont.isEmoji(Character(emoji).unicodeScalars), "\(emoji)")
        }
        // Text presentation by default, or no emoji at all.
        for text in ["❤", "☺", "1", "#", "©", "™", "→", "é", "中"] {
            #expect(!EmojiFont.isEmoji(Character(text).unicodeScalars), "\(text)")
        }
    }

    /// The quick test before graphemes are found: no emoji missed, none in plain prose.
    @Test func textThatMayHoldAnEmoji() {
        for text in ["a 🙂 b", "❤️", "1️⃣", "🇩🇪", "⌚ watch", "tag 🏴󠁧󠁢󠁳󠁣󠁴󠁿"] {
            #expect(EmojiFont.mayHoldEmoji(Array(text.utf8)), "\(text)")
        }
        for text in ["“Quoted” – and — dashed…", "中文 and 日本語", "naïve café", "₂ ≠ ∞", ""] {
            #expect(!EmojiFont.mayHoldEmoji(Array(text.utf8)), "\(text)")
        }
    }

    @Test func sequencesAreOneGlyphWithAPicture() throws {
        let font = try #require(EmojiFont(), "Noto Color Emoji is not at \(EmojiFont.path): run `make test`, which installs fonts-noto-color-emoji")
        var ids: Set<UInt32> = []
        for emoji in ["🙂", "👨‍👩‍👧‍👦", "👩‍👩‍👧", "🇩🇪", "👍🏽", "❤️", "1️⃣", "🚀"] {
            let glyph = try #require(font.glyph(for: emoji), "\(emoji) is not one colour glyph")
            #expect(Array(glyph.png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(emoji): not a PNG")
            // Noto Color Emoji's pictures are 1.245 em wide, standing on the baseline.
            #expect(abs(glyph.advance - 1.245) < 0.05 && glyph.width > 1 && glyph.height > 0.9 && glyph.top > 0.8, "\(emoji): \(glyph.advance)")
            ids.insert(glyph.id)
        }
        #expect(ids.count == 8, "distinct sequences share a glyph: \(ids)")
        // Two people without a joiner are two pictures, not one.
        #expect(font.glyph(for: "👩👩") == nil)
    }

    /// In world.txt's letters paragraph each emoji is one run of one glyph, its whole
    /// sequence as text, with its picture; the words around it are runs as before.
    @Test func aParagraphsEmojiAreRunsOfTheirOwn() throws {
        let (article, _) = try Repo.article("samples/world.txt")
        let document = try PDFExporter().typeset(article)
        var runs: [GlyphRun] = []
        for page in document.pages {
            for item in page.items { if case .glyphs(let run, _) = item, run.colorGlyph != nil { runs.append(run) } }
        }
        #expect(runs.map(\.text) == ["👍", "🙂", "👨‍👩‍👧‍👦"])
        for run in runs {
            #expect(run.glyphs.count == 1 && run.clusters.map(\.bytes) == [run.text.utf8.count], "\(run.text)")
            let picture = try #require(run.colorGlyph)
            // The picture spans the run's advance, on the baseline, about an em high.
            #expect(abs(picture.rect.width - run.width / run.xScale) < 0.1 * run.size, "\(run.text): \(picture.rect) in \(run.width)")
            #expect(picture.rect.y < -0.7 * run.size && picture.rect.height > 0.9 * run.size)
        }
        #expect(document.missingCharacters.isEmpty, "\(document.missingCharacters)")
    }

    /// In the PDF: each emoji an image, the text layer its sequence whole, joiners
    /// included, with no gap around it; qpdf finds nothing (cairo 1.16 names a surface
    /// painted twice on a page twice, so a second 🙂 on a page is a second image).
    @Test func picturesInThePDFAndSequencesInItsText() throws {
        let tmp = try TemporaryDirectory()
        let text = """
            | title | created | author |
            |---|---|---|
            | Emoji | 2025-01-01 09:00 | A. Writer |
            Letters: 👍, 🙂 and 👨‍👩‍👧‍👦 from a family, 🇩🇪 from Berlin, and 🙂 again.

            """
        let (article, _) = try ArtExport.read(Array(text.utf8), file: "emoji.txt", format: .articleText)
        let path = try tmp.write("emoji.pdf", try PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000)))
        let list = String(decoding: try Tool.run("pdfimages", ["-list", path]).stdout, as: UTF8.self)
        let images = list.split(separator: "\n").dropFirst(2).filter { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first == "image" }
        #expect(images.count == 5, "one image per occurrence: \(list)")
        let objects = Set(images.map { $0.split(separator: " ", omittingEmptySubsequences: true)[10] })
        #expect(objects.count == 5, "\(list)")
        let extracted = String(decoding: try Tool.run("pdftotext", [path, "-"]).stdout, as: UTF8.self)
        #expect(extracted.contains("Letters: 👍, 🙂 and 👨‍👩‍👧‍👦 from a family, 🇩🇪 from Berlin, and 🙂 again."), "\(extracted)")
        let check = try Tool.run("qpdf", ["--check", path])
        #expect(check.status == 0, "\(String(decoding: check.stdout, as: UTF8.self)) \(check.stderr)")
    }
}
