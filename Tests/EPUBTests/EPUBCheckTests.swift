import ArtExportCore
import ArtExportEPUB
import TestSupport
import Testing

/// Every sample and test input, exported and judged by EPUBCheck 5: zero fatals,
/// zero errors, zero warnings.
@Suite struct EPUBCheckTests {
    @Test(arguments: Repo.goodInputs)
    func validates(_ input: String) throws {
        let (article, _) = try ArtExport.read(Repo.read(input), file: input)
        let epub = try EPUBExporter().export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
        let name = input.split(separator: "/").last!.split(separator: ".").first!
        let report = try EPUBCheck.check(epub, name: String(name))
        #expect(report.version.hasPrefix("5."), "EPUBCheck \(report.version) is not version 5")
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0,
                "\(input): \(report.fatals) fatals, \(report.errors) errors, \(report.warnings) warnings\n\(report.messages.joined(separator: "\n"))")
    }

    @Test(arguments: Repo.markdownInputs)
    func validatesMarkdown(_ input: String) throws {
        let (article, _) = try ArtExport.read(Repo.read(input), file: input, format: .markdown,
                                              imageFolder: LocalPath(Repo.path(input)).directory)
        let epub = try EPUBExporter().export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
        let name = input.split(separator: "/").last!.split(separator: ".").first!
        let report = try EPUBCheck.check(epub, name: String(name))
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0,
                "\(input): \(report.fatals) fatals, \(report.errors) errors, \(report.warnings) warnings\n\(report.messages.joined(separator: "\n"))")
    }

    @Test func samplesAndFixturesExist() {
        #expect(Repo.markdownInputs.contains("samples/markdown-guide.md"))
        #expect(Repo.goodInputs.filter { $0.hasPrefix("samples/") }.count >= 3)
        #expect(Repo.goodInputs.filter { $0.hasPrefix("Tests/Fixtures/") }.count >= 3)
    }
}

/// Every shipped theme with every sample, as EPUB: EPUBCheck 0/0 (the style
/// sheet, embedded fonts, masthead and numbered headings each theme brings).
@Suite struct ThemeEPUBCheckTests {
    static let cases = ThemeLoader.builtInNames.filter { $0 != "default" }.flatMap { t in
        Repo.allInputs.filter { $0.hasPrefix("samples/") }.map { (t, $0) }
    }

    @Test(arguments: cases)
    func validates(_ theme: String, _ input: String) throws {
        let (article, _) = try Repo.article(input)
        let t = try ThemeLoader.load(theme)
        let epub = try EPUBExporter(theme: t).export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))
        #expect(epub == (try EPUBExporter(theme: t).export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000))), "not reproducible")
        let name = input.split(separator: "/").last!.split(separator: ".").first!
        let report = try EPUBCheck.check(epub, name: "\(name)-\(theme)")
        #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0,
                "\(theme) \(input): \(report.fatals) fatals, \(report.errors) errors, \(report.warnings) warnings\n\(report.messages.joined(separator: "\n"))")
    }
}
