import ArtExportCore
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

    @Test func moreLanguages() {
        let ja = Localization(language: LanguageTag(normalizing: "ja")!)
        #expect(ja.byline(["山田花子", "佐藤一郎"]) == "文：山田花子、佐藤一郎")
        #expect(ja.format(date) == "2024年7月1日")
        let he = Localization(language: LanguageTag(normalizing: "he")!)
        #expect(he.byline(["דנה", "רון"]) == "מאת דנה ורון")
        #expect(Localization(language: LanguageTag(normalizing: "es")!).format(date) == "1 de julio de 2024")
        #expect(Localization(language: LanguageTag(normalizing: "it")!).byline(["A", "B"]) == "Di A e B")
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
