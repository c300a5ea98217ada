@testable import ArtExportEPUB
import ArtExportCore
import TestSupport
import Testing

@Suite struct FontSubsetterTests {
    static let text = "Hello office, “fine” — 12 €"

    func check(_ face: FontFace, format: FontSubset.Format) throws {
        let font = try FontTestFonts.open(face)
        let wanted = Set(Self.text.unicodeScalars.map(\.value) + [0x4E00])      // 一: in neither font
        let subset = try FontSubsetter.subset(font, to: wanted.sorted())
        #expect(subset.format == format)
        let full = Repo.bytes(atPath: font.source).count
        #expect(subset.bytes.count * 10 < full, "\(subset.bytes.count) bytes of \(full)")
        let cut = try HarfBuzzFace(bytes: subset.bytes, source: "subset")
        // Exactly the wanted characters that the font has: no more, none lost.
        #expect(Set(cut.unicodes()) == wanted.intersection(font.unicodes()))
        #expect(!cut.unicodes().contains(0x4E00) && cut.unicodes().contains(0x20AC))
        #expect(cut.glyphCount < font.glyphCount / 10)
        // The licence travels with the subset.
        #expect(try FontLicence.check(cut, family: face.family).kind == FontLicence.check(font, family: face.family).kind)
        #expect(try FontSubsetter.subset(font, to: wanted.sorted()) == subset)                // deterministic
    }

    @Test func cffFont() throws { try check(FontTestFonts.libertine, format: .cff) }
    @Test func trueTypeFont() throws { try check(FontTestFonts.dejaVuSerif, format: .trueType) }

    @Test func ligaturesAreKept() throws {
        // "ffi" in Libertine is one glyph reached through GSUB `liga`, not the cmap:
        // the subset holds more glyphs than the characters it maps.
        let font = try FontTestFonts.open(FontTestFonts.libertine)
        let withLigature = try HarfBuzzFace(bytes: FontSubsetter.subset(font, to: Array("fi".unicodeScalars.map(\.value))).bytes, source: "fi")
        #expect(withLigature.glyphCount > 3)                                       // .notdef, f, i, and fi
        #expect(withLigature.unicodes() == [0x66, 0x69])
    }
}
