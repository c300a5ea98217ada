@testable import ArtExportEPUB
import ArtExportCore
import TestSupport
import Testing

@Suite struct FontEmbeddingTests {
    @Test func fileNames() {
        #expect(FontEmbedding.fileName(FontFace(family: "Linux Libertine O", weight: .semibold, italic: true)) == "linux-libertine-o-600-italic")
        #expect(FontEmbedding.fileName(FontFace(family: " EB  Garamond 12 ")) == "eb-garamond-12-400")
        #expect(FontEmbedding.fileName(FontFace(family: "思源宋体", weight: .bold)) == "font-700")
    }

    @Test func rulesGoAfterTheStatementsThatMustComeFirst() throws {
        let fonts = try FontEmbedding(faces: [FontTestFonts.libertine], scalars: Array("ab".unicodeScalars.map(\.value)))
        let standard = fonts.styleSheet(Theme.standard.epubCSS)
        let namespace = try #require(standard.range(of: "@namespace epub"))
        let fontFace = try #require(standard.range(of: "@font-face"))
        let html = try #require(standard.range(of: "html {"))
        #expect(namespace.upperBound < fontFace.lowerBound && fontFace.upperBound < html.lowerBound)
        // Nothing of the theme's is lost or changed.
        #expect(standard.replacingOccurrences(of: "\n/* Fonts embedded by artexport, subset to this book's characters. */\n" + fonts.rules, with: "") == Theme.standard.epubCSS)

        let css = "@charset \"UTF-8\";\n/* c; */ @import url(\"a;b.css\");\np { margin: 0 }\n@namespace late \"x\";\n"
        let sheet = fonts.styleSheet(css)
        #expect(sheet.hasPrefix("@charset \"UTF-8\";\n/* c; */ @import url(\"a;b.css\");\n\n/* Fonts embedded"), "\(sheet)")
        #expect(sheet.hasSuffix("}\np { margin: 0 }\n@namespace late \"x\";\n"))
        #expect(fonts.styleSheet("p { }\n").hasPrefix("/* Fonts embedded"))
        #expect(FontEmbedding.headEnd(Array("@import \"unterminated".utf8)) == 0)
    }

    @Test func rule() throws {
        let fonts = try FontEmbedding(faces: [FontTestFonts.libertineItalic, FontTestFonts.libertineItalic], scalars: [0x61])
        #expect(fonts.files.count == 1)                                  // a face named twice is embedded once
        #expect(fonts.rules == """
            @font-face {
              font-family: "Linux Libertine O";
              font-style: italic;
              font-weight: 400;
              src: url("../fonts/linux-libertine-o-400-italic.otf") format("opentype");
            }

            """)
        #expect(FontEmbedding.cssString(#"A "quoted" \ name"#) == #"A \"quoted\" \\ name"#)
    }

    @Test func shownTextIsTheDocumentsCharacterData() {
        let xhtml = "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<p class=\"x\" title=\"Q\">a &amp; b&#x21A9;<sup>2</sup>&lt;</p>"
        #expect(FontEmbedding.text(ofXHTML: xhtml) == "\n\na & b\u{21A9}2<")
        let article = Article(metadata: Metadata(title: "T"), blocks: [.figure(Figure(image: Image(source: "a.png", alt: "Ω")))])
        let scalars = FontEmbedding.scalars(shownIn: [xhtml], article: article)
        #expect(scalars.contains(0x21A9) && scalars.contains(0x3A9) && scalars.contains(0x39))   // ↩, the alt's Ω, a digit
        #expect(!scalars.contains(0x51) && !scalars.contains(0x0A))                            // not an attribute's, no line feed
        #expect(scalars == scalars.sorted() && Set(scalars).count == scalars.count)
    }
}
