import ArtExportCore
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

    /// Code-like text keeps its straight quotes (and dashes) exactly as typed.
    @Test(arguments: [
        ("Set version=\"1.0\" in running text.", "Set version=\"1.0\" in running text."),
        ("Write title=\"Hello world\" there.", "Write title=\"Hello world\" there."),
        ("Use <a href=\"x.html\">this</a> or <meta charset='utf-8'>.", "Use <a href=\"x.html\">this</a> or <meta charset='utf-8'>."),
        ("Read os.environ[\"HOME\"] and call print('hi') first.", "Read os.environ[\"HOME\"] and call print('hi') first."),
        ("Open /home/o'brien/notes.txt or C:\\Users\\O'Neil now.", "Open /home/o'brien/notes.txt or C:\\Users\\O'Neil now."),
        ("Run `git commit -m \"fix\" --amend` again.", "Run `git commit -m \"fix\" --amend` again."),
        ("He typed \\\"hi\\\" there.", "He typed \\\"hi\\\" there."),
        ("Quote it: cd \"$HOME\" and echo '\\n'.", "Quote it: cd \"$HOME\" and echo '\\n'."),
        ("Set it to \"snake_case\".", "Set it to \"snake_case\"."),
        ("The \"snake_case is fine\" rule.", "The “snake_case is fine” rule."),
        ("An empty string \"\" or '' is falsy.", "An empty string \"\" or '' is falsy."),
        ("A sentence naming the characters \" and ' stays straight.", "A sentence naming the characters \" and ' stays straight."),
        ("Use the \" character.", "Use the \" character."),
        ("Type ' or \"", "Type ' or \""),
        ("The '\"' character and the \"'\" one.", "The '\"' character and the \"'\" one."),
        ("Type \" then \"hello\".", "Type \" then “hello”."),
        ("x = \"y\"", "x = “y”"),
        ("it's/that's", "it’s/that’s"),
        ("A test such as \"if a<b && b>c then print('done')\" must pass.", "A test such as “if a<b && b>c then print('done')” must pass."),
        ("A JSON fragment such as {\"ok\": true, \"n\": 1} or {{ title }}.", "A JSON fragment such as {\"ok\": true, \"n\": 1} or {{ title }}."),
        ("Dialogue opens with \"' and closes with '\".", "Dialogue opens with \"' and closes with '\"."),
    ])
    func codeLikeTextStaysStraight(_ input: String, _ expected: String) {
        #expect(en.apply(to: input) == expected)
    }

    /// Elisions take apostrophes (’), never opening quotes.
    @Test(arguments: [
        ("rock 'n' roll", "rock ’n’ roll"),
        ("fish 'n chips", "fish ’n chips"),
        ("wait 'til dawn", "wait ’til dawn"),
        ("'Tis the season.", "’Tis the season."),
        ("\"'Tis true,\" she said.", "“’Tis true,” she said."),
        ("'twas brillig", "’twas brillig"),
        ("tell 'em 'cause I said so", "tell ’em ’cause I said so"),
        ("back in the '90s", "back in the ’90s"),
        ("the summer of '69.", "the summer of ’69."),
        ("class of '04", "class of ’04"),
        ("at five o'clock, y'all", "at five o’clock, y’all"),
        ("rockin' all night", "rockin’ all night"),
        ("the 1990's", "the 1990’s"),
        ("Press 'n' to continue.", "Press ‘n’ to continue."),
    ])
    func englishElisions(_ input: String, _ expected: String) {
        #expect(en.apply(to: input) == expected)
    }

    /// What a copy editor checks besides: nesting, quotes after brackets and dashes,
    /// primes after digits against closing quotes, apostrophes before years.
    @Test(arguments: [
        ("\"He said, 'She said \"no.\"'\"", "“He said, ‘She said “no.”’”"),
        ("[\"quoted\"] and {'x'}", "[“quoted”] and {'x'}"),
        ("—\"Yes,\" he said.", "—“Yes,” he said."),
        ("He paused--\"Really?\"", "He paused—“Really?”"),
        ("\"Really?\"--he paused.", "“Really?”—he paused."),
        ("\"He is 6'2\" tall,\" she said.", "“He is 6′2″ tall,” she said."),
        ("a 12\" record, 45°30'15\"", "a 12″ record, 45°30′15″"),
        ("\"Route 66\" and 'Chapter 5'", "“Route 66” and ‘Chapter 5’"),
        ("'1984' was published", "‘1984’ was published"),
        ("\"Wait...\"", "“Wait…”"),
        ("\"42\" is the answer", "“42” is the answer"),
    ])
    func englishCopyEditing(_ input: String, _ expected: String) {
        #expect(en.apply(to: input) == expected)
    }

    @Test(arguments: [
        ("Setze version=\"1.0\" in die Datei.", "Setze version=\"1.0\" in die Datei."),
        ("Das Zeichen \" heißt Anführungszeichen.", "Das Zeichen \" heißt Anführungszeichen."),
        ("Wie geht's? Am Ku'damm.", "Wie geht’s? Am Ku’damm."),
        ("So 'n Quatsch, 's ist spät.", "So ’n Quatsch, ’s ist spät."),
        ("Andrea's Blumenladen", "Andrea’s Blumenladen"),
        ("in den '90ern", "in den ’90ern"),
        ("\"Er sagte: 'Nein.'\"", "„Er sagte: ‚Nein.‘“"),
        ("Sie zögerte -- \"Nein!\"", "Sie zögerte – „Nein!“"),
        ("Nimm <b class=\"x\"> oder pfad/zu/o'datei.txt.", "Nimm <b class=\"x\"> oder pfad/zu/o'datei.txt."),
        ("\"Er ist 1,80 m\", sagte sie.", "„Er ist 1,80 m“, sagte sie."),
    ])
    func germanCases(_ input: String, _ expected: String) {
        #expect(de.apply(to: input) == expected)
    }

    @Test(arguments: [
        ("Écrivez version=\"1.0\" ici.", "Écrivez version=\"1.0\" ici."),
        ("l'homme d'aujourd'hui, jusqu'à", "l’homme d’aujourd’hui, jusqu’à"),
        ("\"C'est l'été\"", "«\u{202F}C’est l’été\u{202F}»"),
        ("Le caractère \" est droit.", "Le caractère \" est droit."),
        ("Tapez ' ou \" pour citer.", "Tapez ' ou \" pour citer."),
        ("« bonjour »", "«\u{202F}bonjour\u{202F}»"),
        ("Il a dit : \"Oui.\"", "Il a dit\u{202F}: «\u{202F}Oui.\u{202F}»"),
        ("\"Il a dit 'non'\"", "«\u{202F}Il a dit “non”\u{202F}»"),
        ("Voir <a href=\"x\">ici</a>.", "Voir <a href=\"x\">ici</a>."),
    ])
    func frenchCases(_ input: String, _ expected: String) {
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

    /// Typed guillemets get their narrow spaces when the space is in the next inline.
    @Test func frenchGuillemetsAcrossInlines() {
        let out = fr.apply(to: [.text("Il dit «"), .emphasis([.text(" oui")]), .text(" » et \""), .strong([.text("non")]), .text("\".")])
        #expect(out == [.text("Il dit «"), .emphasis([.text("\u{202F}oui")]), .text("\u{202F}» et «\u{202F}"),
                        .strong([.text("non")]), .text("\u{202F}».")])
    }

    /// A value quoted right after a link that ends in `=` is still code.
    @Test func quotedValueAfterALink() {
        let url = Link(url: "https://x.org/a?z=", content: [.text("https://x.org/a?z=")], isAutolink: true)
        let input: [Inline] = [.text("See "), .link(url), .text("\"3\" here, \"quoted\".")]
        #expect(en.apply(to: input) == [.text("See "), .link(url), .text("\"3\" here, “quoted”.")])
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
