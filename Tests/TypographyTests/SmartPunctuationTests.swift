import ArtExportKit
import TestSupport
import Testing

@Suite struct SmartPunctuationTests {
    let en = SmartPunctuation(language: .english)
    let de = SmartPunctuation(language: LanguageTag(normalizing: "de")!)
    let fr = SmartPunctuation(language: LanguageTag(normalizing: "fr")!)

    @Test(arguments: [
        ("\"Quotes\" are straight.", "“Quotes” are straight."),
        ("It's the authors' code.", "It’s the authors’ code."),
        ("She said 'hello' twice.", "She said ‘hello’ twice."),
        ("\"I said 'no,' she said.\"", "“I said ‘no,’ she said.”"),
        ("back in the '90s", "back in the ’90s"),
        ("a -- b", "a — b"),
        ("a --- b", "a — b"),
        ("Wait...", "Wait…"),
        ("(\"quoted\")", "(“quoted”)"),
        ("5'10\" tall", "5′10″ tall"),
        ("<!-- comment -->", "<!-- comment -->"),
        ("run --verbose now", "run --verbose now"),
        ("---- rule", "---- rule"),
        ("x = \"y\"", "x = “y”"),
    ])
    func english(_ input: String, _ expected: String) {
        #expect(en.apply(to: input) == expected)
    }

    @Test(arguments: [
        ("Er sagte \"Hallo\" und ging.", "Er sagte „Hallo“ und ging."),
        ("'Na gut', sagte sie.", "‚Na gut‘, sagte sie."),
        ("geht's", "geht’s"),
        ("hin -- und zurück", "hin – und zurück"),
    ])
    func german(_ input: String, _ expected: String) {
        #expect(de.apply(to: input) == expected)
    }

    @Test(arguments: [
        ("Il a dit \"bonjour\".", "Il a dit «\u{202F}bonjour\u{202F}»."),
        ("Il a dit \" bonjour \".", "Il a dit «\u{202F}bonjour\u{202F}»."),
        ("Vraiment ? Oui !", "Vraiment\u{202F}? Oui\u{202F}!"),
        ("Note : ceci ; cela", "Note\u{202F}: ceci\u{202F}; cela"),
        ("l'été", "l’été"),
        ("10:30", "10:30"),
    ])
    func french(_ input: String, _ expected: String) {
        #expect(fr.apply(to: input) == expected)
    }

    @Test func quotesPairAcrossInlines() {
        let out = en.apply(to: [.text("He said \""), .emphasis([.text("never")]), .text("\" again.")])
        #expect(out == [.text("He said “"), .emphasis([.text("never")]), .text("” again.")])
    }

    @Test func codeAndURLsAreUntouched() {
        let url = Link(url: "https://x.org/a--b'c", content: [.text("https://x.org/a--b'c")], isAutolink: true)
        let input: [Inline] = [.code("x -- 'y' ..."), .text(" see "), .link(url)]
        #expect(en.apply(to: input) == input)
    }

    /// Property: whatever the text, the letters and digits come out unchanged and in order.
    @Test func neverChangesAWord() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("aZé ß'\"-.…;:!?«»,()0129 \t—–ʼ’“”„«עב中🙂&<>".unicodeScalars)
        for language in ["en", "de", "fr", "sv", "pl", "de-CH"] {
            let sp = SmartPunctuation(language: LanguageTag(normalizing: language)!)
            for _ in 0..<300 {
                let length = Int(rng.next() % 60)
                var s = String.UnicodeScalarView()
                for _ in 0..<length { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
                let text = String(s)
                #expect(Words.of(sp.apply(to: text)) == Words.of(text), "\(language): \(text)")
            }
        }
    }
}

/// A tiny seeded generator so property tests are repeatable.
