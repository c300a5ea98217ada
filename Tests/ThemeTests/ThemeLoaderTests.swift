import ArtExportCore
import Foundation
import TestSupport
import Testing

/// Reading themes: the shipped ones, extension, and every kind of bad theme
/// reported with its file and line before any export starts.
@Suite struct ThemeLoaderTests {
    static func load(_ yaml: String) throws(ExportError) -> Theme { try ThemeLoader.load(yaml: yaml, name: "t", file: "t.yaml") }

    static func failure(_ yaml: String) -> ExportError? {
        do { _ = try load(yaml); return nil } catch { return error }
    }

    @Test func everyShippedThemeLoadsWithADescriptionOfItsOwn() throws {
        let catalog = try ThemeLoader.catalog()
        #expect(catalog.map(\.name) == ["default", "book", "sans", "newsletter", "large-print"])
        #expect(Set(catalog.map(\.description)).count == catalog.count)
        for (name, description) in catalog {
            #expect(!description.isEmpty && !description.contains("\n"), "\(name)")
            let theme = try ThemeLoader.load(name)
            #expect(theme.name == name)
            // Each shipped file on disk is the one compiled in.
            let disk = try ThemeLoader.load(Repo.path("themes/\(name)"))
            #expect(disk.page == theme.page && disk.fonts == theme.fonts && disk.headings == theme.headings, "\(name)")
        }
    }

    @Test func theShippedThemesLookClearlyDifferent() throws {
        let themes = try ThemeLoader.builtInNames.map { try ThemeLoader.load($0) }
        // No two share page, body family and size and alignment all at once.
        for (i, a) in themes.enumerated() {
            for b in themes[(i + 1)...] {
                let same = a.page == b.page && a.fonts.body == b.fonts.body && a.bodySize == b.bodySize && a.paragraphs == b.paragraphs
                #expect(!same, "\(a.name) and \(b.name)")
            }
        }
        let newsletter = try ThemeLoader.load("newsletter")
        #expect(newsletter.page.columns == 2)
        #expect(try ThemeLoader.load("book").fonts.embed)
    }

    @Test func theLargePrintThemeIsLargeRaggedUnhyphenatedAndAAA() throws {
        let t = try ThemeLoader.load("large-print")
        #expect(t.bodySize >= 16)
        #expect(!t.paragraphs.justify && !t.paragraphs.hyphenate)
        #expect(t.leading / t.bodySize >= 1.5)
        #expect(t.notes.scale * t.bodySize >= 14, "notes stay large")
        #expect(t.runningFoot.size >= 12 && t.runningHead.size >= 12)
        let background = t.colors.background
        var text: [(String, ThemeColor)] = [("text", t.colors.text), ("links", t.colors.links), ("title", t.titleBlock.titleColor),
                                            ("accent", t.colors.accent)]
        text += t.headings.enumerated().map { ("h\($0 + 2)", $1.color) }
        for (what, color) in text {
            #expect(color.contrast(with: background) >= 7, "\(what) \(color.hex) on \(background.hex): \(color.contrast(with: background))")
            // On the grounds text can sit on, too.
            for ground in [t.colors.codeBackground, t.colors.quoteBackground, t.colors.tableHeaderBackground].compactMap({ $0 }) {
                #expect(color.contrast(with: ground) >= 7, "\(what) on \(ground.hex)")
            }
        }
        // Rules and bars are not text: WCAG asks 3:1 of them.
        for (what, color) in [("rules", t.colors.rules), ("quote bar", t.colors.quoteBar), ("table rules", t.colors.tableRules)] {
            #expect(color.contrast(with: background) >= 3, "\(what)")
        }
    }

    @Test func contrastIsWCAGs() {
        #expect(abs(ThemeColor.black.contrast(with: .white) - 21) < 0.001)
        #expect(abs(ThemeColor(parsing: "#777")!.contrast(with: .white) - 4.48) < 0.01)
        #expect(ThemeColor(parsing: "#1a4d80")?.hex == "#1a4d80")
        #expect(ThemeColor(parsing: "#abc")?.hex == "#aabbcc")
        #expect(ThemeColor(parsing: "#12345") == nil && ThemeColor(parsing: "blue-ish") == nil)
    }

    @Test func aThemeNamesOnlyWhatItChanges() throws {
        let t = try Self.load("extends: book\npage:\n  size: A5\n")
        let book = try ThemeLoader.load("book")
        #expect(abs(t.page.width - 419.5276) < 0.001)
        #expect(t.fonts == book.fonts && t.headings == book.headings)
        #expect(t.page.marginLeft == book.page.marginLeft)
        // Without `extends`, the default is the base.
        let plain = try Self.load("body:\n  size: 12pt\n")
        #expect(plain.fonts == Theme.standard.fonts && plain.bodySize == 12)
    }

    @Test func aThemeFolderExtendsAnotherBesideIt() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("base/theme.yaml", Array("extends: sans\ncolors:\n  accent: \"#224466\"\n".utf8))
        _ = try tmp.write("mine/theme.yaml", Array("extends: ../base\nbody:\n  size: 11pt\n".utf8))
        let t = try ThemeLoader.load(tmp.path + "/mine")
        #expect(t.name == "mine" && t.bodySize == 11)
        #expect(t.colors.accent == ThemeColor(parsing: "#224466"))
        #expect(t.page == (try ThemeLoader.load("sans")).page)
        #expect(t.files == [tmp.path + "/mine/theme.yaml", tmp.path + "/base/theme.yaml"])
    }

    @Test func badThemesAreErrorsWithFileAndLine() throws {
        let cases: [(yaml: String, line: Int, says: String)] = [
            ("page:\n  margin:\n    top: 1in\n", 2, "unknown setting `page.margin`; did you mean `page.margins`?"),
            ("colours:\n  text: \"#000\"\n", 1, "unknown setting `colours`; did you mean `colors`?"),
            ("headings:\n  h2: {sise: 12pt}\n", 2, "did you mean `headings.h2.size`?"),
            ("body:\n  size: big\n", 2, "`body.size` must be a length such as 11pt, 25mm, 1.5cm, 1in, not `big`"),
            ("colors:\n  accent: \"#12345\"\n", 2, "`colors.accent` must be a colour"),
            ("paragraphs:\n  hyphenate: sometimes\n", 2, "`paragraphs.hyphenate` must be true or false, not `sometimes`"),
            ("paragraphs:\n  align: centre\n", 2, "`paragraphs.align` must be one of justify, ragged"),
            ("headings:\n  h3: {weight: heavy}\n", 2, "`headings.h3.weight` must be regular, medium, semibold or bold"),
            ("page:\n  size: B5\n", 2, "`page.size` must be A4, A5, Letter, Legal or `WIDTH x HEIGHT`"),
            ("page:\n  margins: {left: 100mm, right: 100mm}\n", 2, "leaves a text area of"),
            ("page:\n  size: A5\n  columns: 4\n", 3, "in 4 columns of"),
            ("fonts:\n  body: []\n", 2, "`fonts.body` names no font family"),
            ("extends: nosuch\n", 1, "`extends: nosuch` names no shipped theme"),
            ("title-block:\n  order: [title, lede]\n", 2, "lists `lede`"),
            ("body:\n  size: [1, 2]\n", 2, "`body.size` must be one value, not a list"),
            ("page: {size: A4\n", 2, "the theme cannot be read"),
            ("running-head:\n  pages: odd\n", 2, "must be one of all, not-first, none"),
        ]
        for c in cases {
            let error = Self.failure(c.yaml)
            #expect(error?.diagnostic.file == "t.yaml", "\(c.yaml)")
            #expect(error?.diagnostic.line == c.line, "\(c.yaml): line \(String(describing: error?.diagnostic.line)), \(String(describing: error))")
            #expect(error?.diagnostic.message.contains(c.says) == true, "\(c.yaml): \(error?.diagnostic.message ?? "no error")")
        }
    }

    @Test func anUnknownThemeNameListsTheShippedOnes() {
        #expect(throws: ExportError.self) { try ThemeLoader.load("glossy") }
        do { _ = try ThemeLoader.load("glossy") } catch {
            #expect(error.diagnostic.message.contains("default, book, sans, newsletter, large-print"))
        }
    }

    @Test func themesThatExtendEachOtherInACircleAreRefused() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a/theme.yaml", Array("extends: ../b\n".utf8))
        _ = try tmp.write("b/theme.yaml", Array("extends: ../a\n".utf8))
        #expect(throws: ExportError.self) { try ThemeLoader.load(tmp.path + "/a") }
    }

    @Test func aLogoIsAnImageInTheThemesFolder() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("t/logo.svg", Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\"/></svg>".utf8))
        _ = try tmp.write("t/theme.yaml", Array("newsletter: The Tide\ntitle-block:\n  masthead: {name: \"{newsletter}\", logo: logo.svg}\n".utf8))
        let t = try ThemeLoader.load(tmp.path + "/t")
        #expect(t.logo?.resource?.mediaType == .svg && t.logo?.alt == "The Tide")
        #expect(t.files.contains(tmp.path + "/t/logo.svg"))
        _ = try tmp.write("u/theme.yaml", Array("title-block:\n  masthead: {logo: ../t/logo.svg}\n".utf8))
        #expect(throws: ExportError.self) { try ThemeLoader.load(tmp.path + "/u") }
        _ = try tmp.write("v/theme.yaml", Array("title-block:\n  masthead: {logo: missing.png}\n".utf8))
        do { _ = try ThemeLoader.load(tmp.path + "/v"); Issue.record("a missing logo loaded") } catch {
            #expect(error.diagnostic.line == 2 && error.diagnostic.message.contains("missing.png"))
        }
    }

    @Test func fieldsFillTemplates() {
        let m = Metadata(title: "Tides", authors: ["Ana", "Ben"], publisher: "The Coast")
        let f = ThemeFields(metadata: m, theme: .standard)
        #expect(f.fill("{title} · {author}") == "Tides · Ana and Ben")
        #expect(f.fill("{newsletter}, page {page}", page: "3") == "The Coast, page 3")
        #expect(f.fill("{nosuch} {title") == "{nosuch} {title")
    }

    @Test func numberedHeadingsCountUnderTheirParents() throws {
        let t = try Self.load("headings:\n  numbered: true\n")
        let blocks: [Block] = [2, 3, 3, 2, 4, 3].enumerated().map { i, level in .heading(Heading(level: level, content: [.text("H")], id: "h\(i)")) }
        let numbers = HeadingNumbers.of(Article(metadata: Metadata(title: "T"), blocks: blocks), theme: t)
        // Default numbering: h2 and h3 only.
        #expect(numbers == ["h0": "1", "h1": "1.1", "h2": "1.2", "h3": "2", "h5": "2.1"])
        #expect(HeadingNumbers.of(Article(metadata: Metadata(title: "T"), blocks: blocks), theme: .standard).isEmpty)
    }
}
