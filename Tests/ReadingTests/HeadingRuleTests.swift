import ArtExportCore
import Testing

@Suite struct HeadingRuleTests {
    @Test(arguments: [
        "What Has Actually Merged",
        "Developer Reception Has Warmed, Slowly",
        "The C Developers' Perspective",
        "Is It Worth It?",
        "Who Pays for a Pipe?",
        "Can a City Plan for a Century?",
        "Stop the Presses!",
        "2024 in Review",
        "Was eine Fahrradstraße eigentlich ist",
        "\"Safe\" Markup and Its Limits",
        "Beyond ASCII: Scripts & Emoji",
        "1. Introduction",
        "2.3. Results and Discussion",
        "A. N. Other Remembers",
        "Dr. Who and the Daleks",
    ])
    func headings(_ line: String) {
        #expect(HeadingRule.isHeading(line), "\(line)")
    }

    @Test(arguments: ["מה הלאה", "ما التالي", "これからの計画", "接下来的计划"])
    func caselessScripts(_ line: String) {
        #expect(HeadingRule.isHeading(line, language: LanguageTag(normalizing: "he")!))
        #expect(!HeadingRule.isHeading(line + ".", language: LanguageTag(normalizing: "he")!))
        #expect(!HeadingRule.isHeading(line + "。", language: LanguageTag(normalizing: "ja")!))
    }

    @Test(arguments: ["Lohnt sich der Aufwand?", "Et maintenant ?", "Was nun?"])
    func uncasedLanguageQuestions(_ line: String) {
        #expect(HeadingRule.isHeading(line, language: LanguageTag(normalizing: "de")!))
        #expect(!HeadingRule.isHeading(line + " Das fragen sich viele in der Stadt", language: LanguageTag(normalizing: "de")!))
    }

    @Test(arguments: [
        "That was the end of it.",
        "It was still raining.",
        "Thanks, everyone.",
        "He said \"no.\"",
        "Why does it matter?",                       // question in sentence case: a paragraph
        "What a day!",
        "First, some background:",
        "and then it rained",                        // starts lower-case
        "See https://example.org for more",          // holds a URL
        "Yes. No",                                   // two sentences
        "This line has far too many words to be a heading in any newsletter we know of",
        "Wait for it…",
    ])
    func notHeadings(_ line: String) {
        #expect(!HeadingRule.isHeading(line), "\(line)")
    }
}
