@testable import ArtExportEPUB
import ArtExportCore
import TestSupport
import Testing

/// The EPUB's style sheet and the PDF take their look from the same `Theme`:
/// checked from the values each renderer derives, for every shipped theme.
@Suite struct StyleSheetTests {
    @Test(arguments: ThemeLoader.builtInNames)
    func theStyleSheetAndThePDFAgree(_ name: String) throws {
        let theme = try ThemeLoader.load(name)
        let sheet = StyleSheet(theme: theme)
        let pdf = theme.pdf
        // Families: the PDF's fonts are the sheet's stack without the CSS generic, then the fallbacks.
        let installed = { (stack: [String]) in Theme.Fonts.installed(stack) }
        #expect(Array(pdf.body.families.prefix(installed(sheet.bodyStack).count)) == installed(sheet.bodyStack))
        #expect(Array(pdf.heading(2).families.prefix(installed(sheet.headingStack).count)) == installed(sheet.headingStack))
        #expect(Array(pdf.mono.families.prefix(installed(sheet.codeStack).count)) == installed(sheet.codeStack))
        for level in 2...6 {
            // Heading sizes relative to the body.
            #expect(abs(sheet.headingScale(level) - pdf.heading(level).size / pdf.body.size) < 1e-9, "\(name) h\(level)")
            #expect(pdf.heading(level).weight == theme.heading(level).weight)
            // Colours: the sheet leaves black to the reading system; the PDF draws it.
            #expect((sheet.headingColor(level) ?? .black) == theme.heading(level).color)
        }
        #expect((sheet.linkColor ?? theme.colors.text) == theme.colors.links)
        let css = sheet.css
        #expect(!css.contains("!important"), "the reader's own font and size must win")
        #expect(!css.contains("direction") && !css.contains("unicode-bidi"), "EPUB forbids them in style sheets")
    }

    @Test func aThemesOwnRulesComeLast() throws {
        let theme = try ThemeLoader.load(yaml: "css: |\n  p.standfirst { letter-spacing: 0.02em; }\n", name: "t")
        #expect(theme.epubCSS.hasSuffix("p.standfirst { letter-spacing: 0.02em; }\n"))
    }

    @Test func numbersAreShort() {
        #expect(StyleSheet.number(1.238095) == "1.238")
        #expect(StyleSheet.number(0.5) == ".5")
        #expect(StyleSheet.number(2) == "2")
        #expect(StyleSheet.stack(["EB Garamond 12", "serif"]) == "\"EB Garamond 12\", serif")
    }
}
