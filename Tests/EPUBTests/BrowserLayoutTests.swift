import ArtExportCore
import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// Every content document of every sample and fixture, with its style sheet,
/// opened in headless Chromium (Blink, the engine of calibre's viewer) at phone
/// and tablet widths: nothing may reach past the viewport, Chinese is drawn in
/// a Chinese face and Japanese in a Japanese one, and byline names are set
/// without the small caps that split them; the same for every shipped theme's
/// style sheet (and embedded fonts). One browser session for all pages
/// (browser/layout.py, with Selenium from .venv/); a screenshot of each page
/// and width is left in the folder the test prints, to be looked at.
@Suite struct BrowserLayoutTests {
    static let widths = [320, 360, 768]

    static var screenshots: String {
        ProcessInfo.processInfo.environment["BROWSER_SCREENSHOTS"] ?? Repo.path(".build/browser-screenshots")
    }

    struct Result: Decodable {
        struct Overflow: Decodable { var what: String; var text: String?; var left: Double; var right: Double }
        struct Font: Decodable {
            var selector: String
            var element: String
            var fonts: [String]
            var fontVariantCaps: String?
            var textTransform: String?
            enum CodingKeys: String, CodingKey {
                case selector, element, fonts
                case fontVariantCaps = "font-variant-caps", textTransform = "text-transform"
            }
        }
        var page: String
        var width: Int
        var scrollWidth: Int
        var clientWidth: Int
        var overflowing: [Overflow]
        var count: Int
        var screenshot: String
        var xmlError: Int
        var fonts: [Font]?
        struct Scroll: Decodable { var what: String; var scrollWidth: Int; var clientWidth: Int }
        /// Boxes that scroll sideways inside themselves (a wide table's wrapper).
        var scrolling: [Scroll]?
    }

    struct Output: Decodable {
        var browser: String
        var results: [Result]
    }

    @Test func nothingOverflowsAndScriptsGetTheirFaces() throws {
        let python = Repo.path(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("missing: \(python) with selenium (make test creates .venv and installs it)")
            return
        }
        // Each input's EPUB, unpacked as a reading system would see it.
        let unpacked = try TemporaryDirectory()
        var pages: [String] = []
        // The samples and fixtures (plain text and Markdown), and the hand-built article that holds every construct.
        func name(_ input: String) -> String { String(input.split(separator: "/").last!.split(separator: ".").first!) }
        var articles: [(name: String, article: Article, theme: Theme)] = try Repo.allInputs.map { input in
            (name(input), try Repo.article(input).0, Theme.standard)
        }
        articles += [(EveryConstruct.name, EveryConstruct.article, .standard), (EveryConstruct.name + "-rtl", EveryConstruct.rightToLeft, .standard),
                     ("images", PackagedImageTests.article, .standard)]
        // Every other shipped theme, with the sample of every construct and the one of every script.
        for theme in ThemeLoader.builtInNames where theme != "default" {
            for input in ["samples/field-report.md", "samples/world.txt"] {
                articles.append(("\(name(input))-\(theme)", try Repo.article(input).0, try ThemeLoader.load(theme)))
            }
        }
        for (name, article, theme) in articles {
            let epub = try EPUBExporter(theme: theme).export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
            for entry in try EPUBExporter.entries(of: epub) where !entry.name.hasSuffix("/") {
                let path = "\(unpacked.path)/\(name)/\(entry.name)"
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(entry.bytes).write(to: URL(fileURLWithPath: path))
            }
            for document in try SpineDocuments.of(epub) {
                let base = (document.name as NSString).lastPathComponent.replacingOccurrences(of: ".xhtml", with: "")
                pages.append("\(name)-\(base)=\(unpacked.path)/\(name)/\(document.name)")
            }
        }
        try? FileManager.default.removeItem(atPath: Self.screenshots)
        let script = Repo.path("Tests/EPUBTests/browser/layout.py")
        let run = try Subprocess.run(python, [script, Self.screenshots, Self.widths.map(String.init).joined(separator: ",")] + pages)
        guard run.status == 0 else {
            Issue.record("""
                the browser test could not run (status \(run.status)); it needs Debian's chromium and \
                chromium-driver and selenium in .venv: \(run.stderr)
                """)
            return
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(run.stdout))
        print("BrowserLayoutTests: Chromium \(output.browser); screenshots of \(pages.count) pages at \(Self.widths) px in \(Self.screenshots)")
        #expect(output.results.count == pages.count * Self.widths.count)

        for r in output.results {
            let at = "\(r.page) at \(r.width) px"
            #expect(r.xmlError == 0, "\(at): the XHTML does not parse")
            #expect(r.clientWidth == r.width, "\(at): viewport is \(r.clientWidth) px")
            #expect(r.scrollWidth <= r.clientWidth, "\(at): scrollWidth \(r.scrollWidth) > clientWidth \(r.clientWidth) (\(r.screenshot))")
            #expect(r.count == 0, """
                \(at): \(r.count) boxes reach outside the viewport (\(r.screenshot)): \
                \(r.overflowing.map { "\($0.what) \($0.text ?? "") [\(Int($0.left))…\(Int($0.right))]" }.joined(separator: "; "))
                """)
            for font in r.fonts ?? [] {
                let tag = font.element.prefix { $0 != ">" }     // the element's own attributes
                if font.selector == ".author" {
                    // Small caps (real or synthesized) and capitals lose letters such as ễ ł ø in some fonts.
                    #expect(font.fontVariantCaps == "normal" && font.textTransform == "none",
                            "\(r.page): a byline name is set in \(font.fontVariantCaps ?? "?") / \(font.textTransform ?? "?"): \(font.element)")
                } else if tag.contains("lang=\"zh-Hans\"") {
                    #expect(font.fonts.contains { $0.hasSuffix(" SC") } && !font.fonts.contains { $0.hasSuffix(" JP") },
                            "\(r.page): Simplified Chinese drawn in \(font.fonts): \(font.element)")
                } else if tag.contains("lang=\"ja\"") {
                    #expect(font.fonts.contains { $0.hasSuffix(" JP") }, "\(r.page): Japanese drawn in \(font.fonts): \(font.element)")
                }
            }
        }
        // Only a table's wrapper may scroll sideways, and the wide table does at phone widths.
        for r in output.results {
            for box in r.scrolling ?? [] {
                #expect(box.what.hasPrefix("div.table-scroll"), "\(r.page) at \(r.width) px: \(box.what) scrolls sideways")
            }
        }
        #expect(output.results.contains { $0.page == "\(EveryConstruct.name)-article" && $0.width == 320 && !($0.scrolling ?? []).isEmpty },
                "the wide table of \(EveryConstruct.name) fits 320 px: it no longer tests the scrolling wrapper")
        // The pages that hold what the checks above are about.
        let fonts = output.results.flatMap { $0.fonts ?? [] }
        #expect(fonts.contains { $0.element.contains("lang=\"zh-Hans\"") } && fonts.contains { $0.element.contains("lang=\"ja\"") })
        #expect(fonts.contains { $0.selector == ".author" && $0.element.contains("Nguyễn") })
    }
}
