@testable import ArtExportCore
import Foundation
import TestSupport
import Testing

/// The direction and language decision, on mixed paragraphs: each run written
/// as `text|L or R|language`, the language empty when inherited, `?Script`
/// when the script leaves it open.
@Suite struct ScriptRunsTests {
    static let en = LanguageTag.english
    static let he = LanguageTag(normalizing: "he")!

    static func tag(_ s: String) -> LanguageTag { LanguageTag(normalizing: s)! }

    static func describe(_ runs: ScriptRuns, _ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return runs.runs.map { run in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[run.range])
            let language: String
            switch run.language {
            case .inherited: language = ""
            case .tagged(let tag): language = tag.value
            case .unsettled(let script): language = "?" + (script?.rawValue ?? "unknown")
            }
            return "\(String(s))|\(run.direction == .leftToRight ? "L" : "R")|\(language)"
        }
    }

    static func runs(_ text: String, _ language: LanguageTag = en, direction: ScriptRuns.Direction? = nil,
                     atoms: [Range<Int>] = []) -> (runs: ScriptRuns, described: [String]) {
        let r = ScriptRuns(Array(text.unicodeScalars), surrounding: language, direction: direction, atoms: atoms)
        // Every scalar in exactly one run, in order.
        #expect(r.runs.map(\.range.lowerBound) == [0] + r.runs.dropLast().map(\.range.upperBound) || text.isEmpty)
        #expect(r.runs.last?.range.upperBound ?? 0 == text.unicodeScalars.count)
        return (r, describe(r, text))
    }

    // MARK: English articles with other scripts

    @Test func arabicWordInAnEnglishSentenceLeavesItsQuotesOutside() {
        let (r, d) = Self.runs("the word “مرحبا” means hello")
        #expect(r.direction == .leftToRight && r.language == nil)
        #expect(d == ["the word “|L|", "مرحبا|R|?Arabic", "” means hello|L|"])
        #expect(r.unsettledScripts == [.arabic])
    }

    @Test func hebrewParagraphWithLatinAcronyms() {
        let text = "אפשר להוריד כל גיליון בפורמט EPUB או PDF, לפי מה שנוח לכם לקרוא."
        let (r, d) = Self.runs(text)
        #expect(r.direction == .rightToLeft)
        #expect(r.language == Self.he)
        // The acronyms are isolated one by one (Hebrew stands between them) and,
        // inside a Hebrew block, marked with the article's language.
        #expect(d == ["אפשר להוריד כל גיליון בפורמט |R|", "EPUB|L|en", " או |R|", "PDF|L|en", ", לפי מה שנוח לכם לקרוא.|R|"])
    }

    @Test func hebrewQuotedInEnglish() {
        let (r, d) = Self.runs("A reader quoted a line, “הכול בסדר”, and smiled.")
        #expect(r.direction == .leftToRight && r.language == nil)
        #expect(d == ["A reader quoted a line, “|L|", "הכול בסדר|R|he", "”, and smiled.|L|"])
    }

    @Test func adjacentRightToLeftScriptsShareOneIsolate() {
        // Two isolates side by side would be ordered left to right; one group keeps
        // Hebrew and Arabic in right-to-left order, each with its own language.
        let (r, d) = Self.runs("see עברית, العربية here")
        #expect(d == ["see |L|", "עברית|R|he", ", |R|", "العربية|R|?Arabic", " here|L|"])
        #expect(r.directionGroups.map { $0.map(\.range) } == [[0..<4], [4..<9, 9..<11, 11..<18], [18..<23]])
    }

    @Test func numbersGoWithTheStrongTextBeforeThem() {
        let (r, d) = Self.runs("in בשנת 2024 was")
        #expect(d == ["in |L|", "בשנת|R|he", " 2024|R|", " was|L|"])
        #expect(r.directionGroups.count == 3)
        #expect(Self.runs("version 2 of שלום").described == ["version 2 of |L|", "שלום|R|he"])
        // Digits written onto a letter are part of its word, whatever came before.
        #expect(Self.runs("in עברית ’90s and 3D").described == ["in |L|", "עברית|R|he", " ’90s and 3D|L|"])
        // A note number (an atom of digits) is a number too.
        #expect(Self.runs("see שלום7 here", atoms: [8..<9]).described == ["see |L|", "שלום|R|he", "7|R|", " here|L|"])
        // Arabic-Indic digits alone are no run to isolate.
        #expect(Self.runs("page ٣ of 5").described == ["page ٣ of 5|L|"])
    }

    @Test func arabicParagraphEndingInAnEnglishSentenceKeepsItsPeriod() {
        let (r, d) = Self.runs("كتب قارئ: “شكرا”. He thanked us for it.")
        #expect(r.direction == .rightToLeft && r.language == nil)
        // The quote's closing mark stands between Arabic and English: no language of its own.
        #expect(d == ["كتب قارئ: “شكرا|R|?Arabic", "”. |R|", "He thanked us for it.|L|"])
        // Inside an English sentence, the period is the sentence's, not the quote's.
        #expect(Self.runs("She said שלום עולם.").described == ["She said |L|", "שלום עולם|R|he", ".|L|"])
    }

    @Test func greekAndCyrillic() {
        let (_, d) = Self.runs("a proverb, Η γλώσσα κόκκαλα δεν έχει, which")
        #expect(d == ["a proverb, |L|", "Η γλώσσα κόκκαλα δεν έχει|L|el", ", which|L|"])
        // Cyrillic could be Russian, Ukrainian, Bulgarian…: left open.
        #expect(Self.runs("quote русский here").described == ["quote |L|", "русский|L|?Cyrillic", " here|L|"])
        #expect(Self.runs("Привет, мир", Self.tag("ru")).described == ["Привет, мир|L|"])
        #expect(Self.runs("Μια αναγνώστρια γράφει.").runs.language == Self.tag("el"))
    }

    @Test func japaneseAndChineseSentencesSideBySide() {
        let text = "東京の読者は「いつも」と書いた。北京的读者说：“我们每周都读。” Both came."
        let (r, d) = Self.runs(text)
        #expect(r.language == Self.tag("ja"))
        #expect(d == ["東京の読者は「いつも」と書いた。|L|", "北京的读者说：“我们每周都读。”|L|zh-Hans", " |L|", "Both came|L|en", ".|L|"])
    }

    @Test func hanAloneIsOpenUnlessKanaOrTheArticleSettleIt() {
        #expect(Self.runs("and 中文 or 日本語 here").described == ["and |L|", "中文|L|?Han", " or |L|", "日本語|L|?Han", " here|L|"])
        // A Han-only sentence in a block with kana is Japanese.
        #expect(Self.runs("see 日本語。ひらがなです。 ok").described == ["see |L|", "日本語。ひらがなです。|L|ja", " ok|L|"])
        #expect(Self.runs("中文很好。", Self.tag("zh")).described == ["中文很好。|L|"])
        #expect(Self.runs("東京都庁", Self.tag("ja")).described == ["東京都庁|L|"])
        #expect(Self.runs("中文 좋아", Self.tag("ko")).described == ["中文 좋아|L|"])
        // Kana in a Chinese article, Simplified-only ideographs in a Japanese one.
        #expect(Self.runs("他说ひらがな。", Self.tag("zh")).runs.language == Self.tag("ja"))
        #expect(Self.runs("彼は「谢谢」と言った", Self.tag("ja")).described == ["彼は「谢谢」と言った|L|"])
        #expect(Self.runs("谢谢", Self.tag("ja")).runs.language == Self.tag("zh-Hans"))
    }

    @Test func scriptsThatSettleTheirLanguage() {
        #expect(Self.runs("hi 안녕하세요 there").described == ["hi |L|", "안녕하세요|L|ko", " there|L|"])
        #expect(Self.runs("hi สวัสดี there").described == ["hi |L|", "สวัสดี|L|th", " there|L|"])
        #expect(Self.runs("hi カタカナ there").described == ["hi |L|", "カタカナ|L|ja", " there|L|"])
        // Hebrew script in a Yiddish article is Yiddish: inherited.
        #expect(Self.runs("א ביסל", Self.tag("yi")).described == ["א ביסל|R|"])
        #expect(Self.runs("namaste नमस्ते").described == ["namaste |L|", "नमस्ते|L|?Devanagari"])
    }

    // MARK: Right-to-left articles

    @Test func hebrewArticleWithEnglishRuns() {
        let (r, d) = Self.runs("המערכת מייצאת ל-EPUB או PDF. קורא כתב: “The EPUB opens fine”, והוסיף.", Self.he)
        #expect(r.direction == .rightToLeft && r.language == nil)
        #expect(d == ["המערכת מייצאת ל-|R|", "EPUB|L|?Latin", " או |R|", "PDF|L|?Latin", ". קורא כתב: “|R|",
                      "The EPUB opens fine|L|?Latin", "”, והוסיף.|R|"])
    }

    @Test func englishParagraphInAHebrewArticleRunsLeftToRight() {
        let (r, d) = Self.runs("Linux and macOS both open it, שלום.", Self.he)
        #expect(r.direction == .leftToRight)
        #expect(d == ["Linux and macOS both open it|L|?Latin", ", |L|", "שלום|R|", ".|L|"])
        #expect(Self.runs("120 מיליון", Self.he).runs.direction == .rightToLeft)
        #expect(Self.runs("2024", Self.he).runs.direction == .rightToLeft)   // no strong character: the article's
        #expect(Self.runs("2024").runs.direction == .leftToRight)
    }

    // MARK: Structure

    @Test func atomsAreNeverSplitAndSettleNoLanguage() {
        let text = "ראו x = שלום כאן"
        let (_, d) = Self.runs(text, Self.he, atoms: [4..<12])         // "x = שלום" as code
        #expect(d == ["ראו |R|", "x = שלום|L|", " כאן|R|"])
    }

    @Test func noRunCrossesALineBreak() {
        let (_, d) = Self.runs("abc שלום\nעולם def")
        #expect(d == ["abc |L|", "שלום|R|he", "\n|L|", "עולם|R|he", " def|L|"])
    }

    @Test func aFragmentTakesTheDirectionItIsGiven() {
        let (r, d) = Self.runs("דנה לוי", direction: .leftToRight)
        #expect(r.direction == .leftToRight && r.language == Self.he)
        #expect(d == ["דנה לוי|R|"])
        #expect(r.directionGroups.count == 1)
    }

    @Test func combiningMarksStayWithTheirLetters() {
        let (_, d) = Self.runs("Nguye\u{302}\u{303}n and שָׁלוֹם")
        #expect(d == ["Nguye\u{302}\u{303}n and |L|", "שָׁלוֹם|R|he"])
    }

    @Test func emptyAndNeutralText() {
        #expect(Self.runs("").runs.runs.isEmpty)
        #expect(Self.runs("🙂 — 42!").described == ["🙂 — 42!|L|"])
    }

    // MARK: The Simplified Chinese table

    @Test func simplifiedTableIsWhatItsGeneratorMakes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let generator = try #require(python, "python3 is needed to check SimplifiedHan.swift against Sources/ArtExportCore/Typography/simplified-han.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: generator)
        process.arguments = [root.appendingPathComponent("Sources/ArtExportCore/Typography/simplified-han.py").path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let generated = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let checkedIn = try Data(contentsOf: root.appendingPathComponent("Sources/ArtExportCore/Typography/SimplifiedHan.swift"))
        #expect(process.terminationStatus == 0)
        #expect(generated == checkedIn, "Sources/ArtExportCore/Typography/SimplifiedHan.swift differs from `python3 Sources/ArtExportCore/Typography/simplified-han.py`")
        #expect(SimplifiedHan.characters.count == SimplifiedHan.count)
        // Simplified forms are in; forms Japanese, Korean or Traditional Chinese also write are not.
        for c in "们这说读谢时" { #expect(SimplifiedHan.contains(c.unicodeScalars.first!), "\(c)") }
        for c in "的中文大東京読謝國" { #expect(!SimplifiedHan.contains(c.unicodeScalars.first!), "\(c)") }
    }

    /// The shortcut for Latin-only text gives what the full analysis gives, on
    /// random text of letters, digits, punctuation, spaces and line breaks, with
    /// typographic punctuation, bidi controls and a few Hebrew, Arabic and Han
    /// letters mixed in, in languages of several scripts and with every given direction.
    @Test func latinShortcutAgreesWithTheFullAnalysis() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("abcXYZ éüßøĳœŁ 0123 .,;:!?'\"()[]-–/@#%&*+=<>\n\t«»¡¿".unicodeScalars)
            + [0xA0, 0xAD, 0x24F, 0x1, 0x250, 0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026, 0x202F, 0x20AC, 0x2009,
               0x200E, 0x200F, 0x202B, 0x202E, 0x2067, 0x2069, 0x200D, 0x2028, 0x2029, 0x2122, 0x5D0, 0x627, 0x4E2D]
            .map { Unicode.Scalar($0)! }
        let languages = ["en", "de", "fr", "ru", "el", "he", "ar", "ja", "zh", "ko"].map(Self.tag)
        for round in 0..<6000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let language = languages[round % languages.count]
            let direction: ScriptRuns.Direction? = [nil, .leftToRight, .rightToLeft][round % 3]
            let atoms = text.count > 4 && round % 5 == 0 ? [1..<3] : []
            let fast = ScriptRuns(text, surrounding: language, direction: direction, atoms: atoms)
            let full = ScriptRuns(analysing: text, surrounding: language, direction: direction, atoms: atoms)
            #expect(fast == full, "\(language) \(String(describing: direction)) \(String(String.UnicodeScalarView(text)).debugDescription)")
        }
    }
}
