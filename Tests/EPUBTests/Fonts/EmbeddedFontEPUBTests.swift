@testable import ArtExportEPUB
import ArtExportCore
import Foundation
import TestSupport
import Testing

/// An EPUB whose theme embeds Linux Libertine O: valid, listing and linking its
/// fonts, each subset to exactly the characters the book shows, and reproducible.
@Suite struct EmbeddedFontEPUBTests {
    static let input = "samples/world.txt"
    static let faces = [FontTestFonts.libertine, FontTestFonts.libertineItalic, FontTestFonts.libertineSemibold]
    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

    static func theme(_ faces: [FontFace] = faces) -> Theme {
        var theme = Theme.standard
        theme.embeddedFaces = faces
        return theme
    }

    static func export(_ theme: Theme = theme()) throws -> [UInt8] {
        let (article, _) = try Repo.article(input)
        return try EPUBExporter(theme: theme).export(article, modified: modified)
    }

    static func text(_ entries: [(name: String, bytes: [UInt8])], _ name: String) throws -> String {
        String(decoding: try #require(entries.first { $0.name == name }).bytes, as: UTF8.self)
    }

    @Test func validatesWithEPUBCheck() throws {
        let report = try EPUBCheck.check(Self.export(), name: "world-fonts")
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0,
                "\(report.fatals) fatals, \(report.errors) errors, \(report.warnings) warnings\n\(report.messages.joined(separator: "\n"))")
    }

    @Test func manifestStyleSheetAndFiles() throws {
        let entries = try EPUBExporter.entries(of: Self.export())
        let opf = try Self.text(entries, "EPUB/content.opf")
        let names = ["linux-libertine-o-400.otf", "linux-libertine-o-400-italic.otf", "linux-libertine-o-600.otf"]
        for (i, name) in names.enumerated() {
            #expect(opf.contains("<item id=\"font-\(i + 1)\" href=\"fonts/\(name)\" media-type=\"font/otf\"/>"), "\(opf)")
            #expect(entries.contains { $0.name == "EPUB/fonts/\(name)" })
        }
        #expect(opf.contains("<meta property=\"ibooks:specified-fonts\">true</meta>"))
        let css = try Self.text(entries, "EPUB/styles/article.css")
        #expect(css.components(separatedBy: "@font-face {").count == 4)
        for (face, name) in zip(Self.faces, names) {
            #expect(css.contains("""
                  font-family: "Linux Libertine O";
                  font-style: \(face.italic ? "italic" : "normal");
                  font-weight: \(face.weight.rawValue);
                  src: url("../fonts/\(name)") format("opentype");
                """), "\(css)")
        }
        #expect(!css.contains("!important"))
        // The theme's rules follow, as written.
        #expect(css.hasSuffix(Theme.standard.epubCSS.components(separatedBy: "ops\";\n").last!))
    }

    /// Each subset maps exactly the characters of the content documents (and the
    /// few a reading system draws) that the full font has.
    @Test func subsetsHoldWhatTheBookShows() throws {
        let entries = try EPUBExporter.entries(of: Self.export())
        let shown = FontEmbedding.scalars(shownIn: try SpineDocuments.of(Self.export()).map(\.xhtml) + [Self.text(entries, "EPUB/nav.xhtml")],
                                          article: try Repo.article(Self.input).0)
        #expect(shown.contains(0x3B1) && shown.contains(0x5927))         // α (Athens), 大 (Osaka)
        var sizes: [String] = []
        for (face, name) in zip(Self.faces, ["linux-libertine-o-400.otf", "linux-libertine-o-400-italic.otf", "linux-libertine-o-600.otf"]) {
            let bytes = try #require(entries.first { $0.name == "EPUB/fonts/\(name)" }).bytes
            let full = try FontTestFonts.open(face)
            let cut = try HarfBuzzFace(bytes: bytes, source: name)
            let expected = Set(shown).intersection(full.unicodes())
            #expect(Set(cut.unicodes()) == expected, "\(name): \(Set(cut.unicodes()).symmetricDifference(expected).sorted())")
            #expect(expected.contains(0x3B1) && !expected.contains(0x5927))  // Libertine has Greek (α), not Han (大)
            let original = Repo.bytes(atPath: full.source).count
            #expect(bytes.count * 5 < original, "\(name): \(bytes.count) of \(original) bytes")
            sizes.append("\(name) \(bytes.count) of \(original)")
        }
        print("subset sizes for \(Self.input): \(sizes.joined(separator: ", "))")
    }

    @Test func twoExportsAreByteIdentical() throws {
        #expect(try Self.export() == Self.export())
    }

    @Test func noFacesIsTodaysEPUB() throws {
        let (article, _) = try Repo.article(Self.input)
        let plain = try EPUBExporter().export(article, modified: Self.modified)
        #expect(try Self.export(Self.theme([])) == plain)
        #expect(try !EPUBExporter.entries(of: plain).contains { $0.name.contains("fonts/") })
        #expect(try Self.export() != plain)
    }

    @Test func aMissingFamilyFailsTheExport() throws {
        #expect {
            try Self.export(Self.theme([FontTestFonts.libertine, FontFace(family: "Artexport Nonexistent Serif")]))
        } throws: { error in
            let e = error as? ExportError
            return e?.kind == .badInput && e?.description.contains("`Artexport Nonexistent Serif`") == true
        }
    }
}
