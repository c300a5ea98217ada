@testable import ArtExportCore
@testable import ArtExportEPUB
import TestSupport
import Testing

/// `dir` and `lang` in the XHTML where the text settles them, and an
/// accessibility claim that follows what is marked and what is not.
@Suite struct DirectionLanguageTests {
    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

    static func parts(_ input: String) throws -> EPUBExporter.Parts {
        let (article, _) = try ArtExport.read(Repo.read(input), file: input)
        return EPUBExporter().parts(of: article, modified: modified)
    }

    static func parts(text: String) throws -> EPUBExporter.Parts {
        let (article, _) = try ArtExport.read(Array(text.utf8), file: "inline.txt")
        return EPUBExporter().parts(of: article, modified: modified)
    }

    @Test func worldSample() throws {
        let xhtml = try Self.parts("samples/world.txt").xhtml
        // Hebrew and Arabic paragraphs run right to left; Hebrew is tagged, Arabic script leaves it open.
        #expect(xhtml.contains("<p dir=\"rtl\" lang=\"he\" xml:lang=\"he\">קוראת מחיפה"))
        #expect(xhtml.contains("<p dir=\"rtl\">كتب لنا قارئ"))
        // The English sentence ending that paragraph is isolated with its own period.
        #expect(xhtml.contains("<span dir=\"ltr\">He reads it with his morning coffee and forwards it to his friends, which is how most of our Arabic-speaking readers found us.</span></p>"))
        // Japanese (kana) and Chinese (Simplified-only ideographs) in one paragraph.
        #expect(xhtml.contains("<p lang=\"ja\" xml:lang=\"ja\">大阪の読者からの手紙"))
        #expect(xhtml.contains("<span lang=\"zh-Hans\" xml:lang=\"zh-Hans\">台北的读者写道：「谢谢你们把每篇文章都整理得这么清楚。」</span>"))
        #expect(xhtml.contains("<p lang=\"el\" xml:lang=\"el\">Μια αναγνώστρια"))
        // Cyrillic could be either language the letters name: unmarked, and said so.
        #expect(xhtml.contains("<p>Читач із Києва"))
        let opf = try Self.parts("samples/world.txt").opf
        #expect(opf.contains("Not claimed to meet WCAG 2.1 Level AA: passages in Cyrillic, Arabic script are not marked with their language"))
        #expect(!opf.contains("dcterms:conformsTo"))
    }

    @Test func hebrewLineWithLatinAcronyms() throws {
        let xhtml = try Self.parts("Tests/Fixtures/bidi-names.txt").xhtml
        #expect(xhtml.contains("<p dir=\"rtl\" lang=\"he\" xml:lang=\"he\">אפשר להוריד כל גיליון בפורמט <span dir=\"ltr\" lang=\"en\" xml:lang=\"en\">EPUB</span> או <span dir=\"ltr\" lang=\"en\" xml:lang=\"en\">PDF</span>, לפי מה שנוח לכם לקרוא.</p>"))
        #expect(xhtml.contains("the word “<span dir=\"rtl\">مرحبا</span>” means hello"))
        #expect(xhtml.contains("<h2 id=\"sec\" dir=\"rtl\" lang=\"he\" xml:lang=\"he\">מה נשמע בחיפה</h2>"))
        #expect(xhtml.contains("<p dir=\"rtl\" lang=\"he\" xml:lang=\"he\">בשנת 2024 יצאו 12 גיליונות, ובשנה הבאה נוציא 24.</p>"))
    }

    @Test func rightToLeftArticleWithEnglishRuns() throws {
        let hebrew = try Self.parts("Tests/Fixtures/hebrew.txt")
        #expect(hebrew.xhtml.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"he\" xml:lang=\"he\" dir=\"rtl\">"))
        #expect(hebrew.titlePage.contains("lang=\"he\" xml:lang=\"he\" dir=\"rtl\">"))
        #expect(hebrew.xhtml.contains("ו-<span dir=\"ltr\">Linux</span> משמש"))
        // One Latin word in a Hebrew article is a name or a term: the claim stands.
        #expect(hebrew.opf.contains("dcterms:conformsTo"))

        let mixed = try Self.parts("Tests/Fixtures/hebrew-mixed.txt")
        #expect(mixed.xhtml.contains("<p dir=\"ltr\">Linux and macOS both open the files"))
        #expect(mixed.xhtml.contains("<h2 id=\"what-readers-ask\" dir=\"ltr\">What Readers Ask</h2>"))
        #expect(mixed.xhtml.contains("לשני פורמטים: <span dir=\"ltr\">EPUB</span> או <span dir=\"ltr\">PDF</span>."))
        #expect(mixed.xhtml.contains("כתב לנו: “<span dir=\"ltr\">The EPUB opens fine on my phone</span>”, והוסיף"))
        #expect(mixed.titlePage.contains("<h1 id=\"title\" class=\"title\">ייצוא ל-<span dir=\"ltr\">EPUB</span> או <span dir=\"ltr\">PDF</span></h1>"))
        // A whole English sentence is a passage, which only Latin script cannot name.
        #expect(mixed.opf.contains("passages in Latin script are not marked with their language"))
        #expect(!mixed.opf.contains("dcterms:conformsTo"))
    }

    @Test func settledScriptsKeepTheClaim() throws {
        // Before, any other script took the claim away; marked, they keep it.
        let text = "| title | author |\n|---|---|\n| Words | Ann Author |\nThe Greek Ελληνικά, the Hebrew עברית, the Japanese ひらがな and the Korean 한국어 are all marked.\n"
        let parts = try Self.parts(text: text)
        #expect(parts.opf.contains("<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>"))
        #expect(parts.xhtml.contains("<span lang=\"ko\" xml:lang=\"ko\">한국어</span>"))
        let open = try Self.parts(text: text.replacingOccurrences(of: "are all marked", with: "and العربية and русский are not"))
        #expect(!open.opf.contains("dcterms:conformsTo"))
        #expect(open.opf.contains("passages in Cyrillic, Arabic script are not marked"))
    }

    @Test func namesInTheBylineAreIsolatedAndTagged() throws {
        let text = "| title | author |\n|---|---|\n| Names | Ann Author and דנה לוי and Ὀδυσσεύς |\nText.\n"
        let titlePage = try Self.parts(text: text).titlePage
        #expect(titlePage.contains("<p class=\"byline\">By <span class=\"author\">Ann Author</span>, <span class=\"author\" dir=\"rtl\" lang=\"he\" xml:lang=\"he\">דנה לוי</span> and <span class=\"author\" lang=\"el\" xml:lang=\"el\">Ὀδυσσεύς</span></p>"))
        // Spaceless languages join the byline's word and the name without a space.
        let ja = try Self.parts("Tests/Fixtures/japanese.txt").titlePage
        #expect(ja.contains("<p class=\"byline\">文：<span class=\"author\">山田花子</span></p>"))
    }

    @Test func tocLabelsAreMarkedToo() throws {
        let nav = try Self.parts("Tests/Fixtures/bidi-names.txt").nav
        #expect(nav.contains("<a href=\"text/article.xhtml#sec\" dir=\"rtl\" lang=\"he\" xml:lang=\"he\">מה נשמע בחיפה</a>"))
    }

    // MARK: Markup around runs

    static func markup(_ inlines: [Inline], _ language: LanguageTag = .english) -> String {
        let nodes = InlineMarkup.nodes(inlines, fragmentHref: { $0.href }, note: { id in InlineMarkup.NoteReference(number: 7, id: "fnref-\(id)", noteID: "fn-\(id)") })
        return InlineMarkup(nodes, surrounding: language).markup
    }

    @Test func elementsAreSplitWhereARunStartsInsideThem() {
        // The run starts inside <em>: it is closed and reopened inside the isolate.
        #expect(Self.markup([.emphasis([.text("hello שלום")]), .text(" עולם today")])
                == "<em>hello </em><span dir=\"rtl\" lang=\"he\" xml:lang=\"he\"><em>שלום</em> עולם</span> today")
        #expect(Self.markup([.text("read "), .strong([.text("שלום")]), .text(" now")])
                == "read <span dir=\"rtl\" lang=\"he\" xml:lang=\"he\"><strong>שלום</strong></span> now")
        #expect(Self.markup([.link(Link(url: "https://e.org/", content: [.text("site אתר")])), .text(" x")])
                == "<a href=\"https://e.org/\">site </a><span dir=\"rtl\" lang=\"he\" xml:lang=\"he\"><a href=\"https://e.org/\">אתר</a></span> x")
    }

    @Test func atomsStayWholeInTheirRun() {
        // A note number after Hebrew goes with it (a number follows the strong text before it).
        // (It settles no language: outside the Hebrew span, inside the isolate.)
        #expect(Self.markup([.text("see שלום"), .footnoteReference("n"), .text(" here")])
                == "see <span dir=\"rtl\"><span lang=\"he\" xml:lang=\"he\">שלום</span><sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-n\" id=\"fnref-n\">7</a></sup></span> here")
        // Code takes its own first strong direction, whole.
        #expect(Self.markup([.text("ראו "), .code("x = 1"), .text(" כאן")], LanguageTag(normalizing: "he")!)
                == "ראו <span dir=\"ltr\"><code>x = 1</code></span> כאן")
        #expect(Self.markup([.text("a"), .code(""), .text("b")]) == "a<code></code>b")
        #expect(Self.markup([.code("")]) == "<code></code>")
    }

    @Test func codeLikeTokensMayBreakAnywhere() {
        #expect(Self.markup([.text("a hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b, a path /usr/local/share/artexport/x.css.")])
                == "a hash <span class=\"token\">9f86d081884c7d659a2feaa0c55ad015a3bf4f1b</span>, a path <span class=\"token\">/usr/local/share/artexport/x.css</span>.")
        // Long words, hyphenated compounds and URLs (already breakable) are no tokens.
        #expect(Self.markup([.text("Donaudampfschifffahrtsgesellschaftskapitän and state-of-the-art-compound-words")])
                == "Donaudampfschifffahrtsgesellschaftskapitän and state-of-the-art-compound-words")
        #expect(Self.markup([.link(Link(url: "https://example.org/a/very/long/path/here", content: [.text("https://example.org/a/very/long/path/here")], isAutolink: true))])
                == "<a href=\"https://example.org/a/very/long/path/here\" class=\"url\">https://example.org/a/very/long/path/here</a>")
        #expect(Self.markup([.text("camelCaseIdentifierName ok")]) == "<span class=\"token\">camelCaseIdentifierName</span> ok")
        #expect(Self.markup([.text("短い文章がここにあります、とても長い文章です。")]) == "短い文章がここにあります、とても長い文章です。")
    }
}
