@testable import ArtExportCore
import Testing

/// Which tags are written right to left: by language, or by a script subtag
/// whatever the language (`az-Arab`, `yi-Hebr`), and not by look-alike subtags.
@Suite struct LanguageTagTests {
    func rtl(_ raw: String) -> Bool { LanguageTag(normalizing: raw)!.isRightToLeft }

    @Test func byLanguage() {
        for tag in ["he", "iw", "ar", "ar-EG", "fa-IR", "ur", "yi", "ps", "syr", "dv", "ckb", "HE_il"] {
            #expect(rtl(tag), "\(tag)")
        }
        for tag in ["en", "de-CH", "arn", "hy", "fr", "sr-Latn", "zh-Hant"] {
            #expect(!rtl(tag), "\(tag)")
        }
    }

    @Test func byScriptSubtag() {
        #expect(rtl("az-arab"))
        #expect(rtl("pa-Arab-PK"))
        #expect(rtl("en-Hebr"))
        #expect(!rtl("az-Latn"))
        #expect(!rtl("en-arabic"))   // a variant, not the script
    }

    @Test func bytesSearch() {
        #expect("see https://x".containsBytes("://"))
        #expect(!"Chapter One".containsBytes("://"))
        #expect("ab".containsBytes(""))
        #expect(!"a".containsBytes("ab"))
        #expect("über www.x".containsBytes(" www."))
        #expect("aab".containsBytes("ab"))
    }
}
