import ArtExportKit
import Testing

@Suite struct LocalizationTests {
    let date = ArticleDate(written: "x", year: 2024, month: 7, day: 1)

    @Test func bylines() {
        let en = Localization(language: .english)
        #expect(en.byline(["A"]) == "By A")
        #expect(en.byline(["A", "B"]) == "By A and B")
        #expect(en.byline(["A", "B", "C"]) == "By A, B and C")
        #expect(Localization(language: LanguageTag(normalizing: "de")!).byline(["A", "B"]) == "Von A und B")
        #expect(Localization(language: LanguageTag(normalizing: "fr")!).byline(["A", "B"]) == "Par A et B")
    }

    @Test func datesByLanguage() {
        #expect(Localization(language: .english).format(date) == "July 1, 2024")
        #expect(Localization(language: LanguageTag(normalizing: "en-GB")!).format(date) == "1 July 2024")
        #expect(Localization(language: LanguageTag(normalizing: "de")!).format(date) == "1. Juli 2024")
        #expect(Localization(language: LanguageTag(normalizing: "fr")!).format(date) == "1er juillet 2024")
        #expect(Localization(language: .english).format(ArticleDate(written: "x", year: 2024, month: 7)) == "July 2024")
    }

    @Test func languageTags() {
        #expect(LanguageTag(normalizing: "en_us")?.value == "en-US")
        #expect(LanguageTag(normalizing: "zh-hant-tw")?.value == "zh-Hant-TW")
        #expect(LanguageTag(normalizing: "english") == nil)
        #expect(LanguageTag(normalizing: "e") == nil)
        #expect(LanguageTag(normalizing: "en-") == nil)
    }
}
