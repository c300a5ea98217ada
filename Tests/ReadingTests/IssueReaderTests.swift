@testable import ArtExportCore
import TestSupport
import Testing

/// Issue files: what they list, and every mistake in one named by file and line.
@Suite struct IssueReaderTests {
    func parse(_ yaml: String, newsletter: String = "") throws(ExportError) -> IssueFile {
        try IssueFile(Array(yaml.utf8), file: "issue.yaml", folder: LocalPath(Repo.path("samples")), fallbackNewsletter: newsletter)
    }

    @Test func theSampleIssue() throws {
        let file = try IssueFile(path: LocalPath(Repo.path("samples/issue.yaml")))
        let m = file.metadata
        #expect(m.newsletter == "The Harbour Letter" && m.number == 42 && m.title == "Summer on the Coast")
        #expect(m.issn == "2049-3630" && m.date?.w3cdtf == "2025-06-27" && m.language.value == "en")
        #expect(file.sections.map(\.title) == ["Features", "From Abroad", "Columns"])
        #expect(file.sections.map(\.entries.count) == [2, 3, 2])
        #expect(file.entries.first?.line == 14)
        let (issue, _) = try file.read()
        #expect(issue.articles.map(\.metadata.language.value) == ["en", "en", "en", "fr", "de", "en", "en"])
        #expect(issue.articles[0].metadata.title == "A Year at the Harbour Desk")
    }

    @Test func articlesWithoutSectionsAndMoreAfterIt() throws {
        var file = try parse("newsletter: N\narticles: [world.txt]\n")
        file.append([LocalPath(Repo.path("samples/fr-article.txt"))])
        #expect(file.sections.count == 1 && file.sections[0].title == nil && file.entries.count == 2)
        #expect(file.entries[1].line == nil)
        let (issue, _) = try file.read()
        #expect(issue.metadata.displayTitle == "N")
        #expect(try parse("newsletter: N\nnumber: 7\narticles: [world.txt]\n").metadata.displayTitle == "N, Issue 7")
        #expect(try parse("number: 7\narticles: [world.txt]\n", newsletter: "From the theme").metadata.newsletter == "From the theme")
    }

    @Test func issnCheckDigits() {
        #expect(IssueFile.issn("2049-3630") == "2049-3630")
        #expect(IssueFile.issn("0317-8471") == "0317-8471")
        #expect(IssueFile.issn("2434-561x") == "2434-561X")
        #expect(IssueFile.issn("2049-3631") == nil)
        #expect(IssueFile.issn("2049-363") == nil)
        #expect(IssueFile.issn("ABCD-3630") == nil)
    }

    static let mistakes: [(yaml: String, line: Int, message: String)] = [
        ("newsletter: N\nnumbr: 4\narticles: [world.txt]\n", 2, "unknown setting `numbr`; did you mean `number`?"),
        ("newsletter: N\nnumber: four\narticles: [world.txt]\n", 2, "`number` is the issue's number"),
        ("newsletter: N\nnumber: 0\narticles: [world.txt]\n", 2, "`number` is the issue's number"),
        ("newsletter: N\ndate: someday\narticles: [world.txt]\n", 2, "`someday` is not a date"),
        ("newsletter: N\nlanguage: english\narticles: [world.txt]\n", 2, "`english` is not a language tag"),
        ("newsletter: N\nissn: 2049-3631\narticles: [world.txt]\n", 2, "is not an ISSN"),
        ("newsletter: N\narticles: world.txt\n", 2, "`articles` is a list of article files"),
        ("newsletter: N\nsections:\n  - title: A\n", 3, "the section `A` lists no articles"),
        ("newsletter: N\nsections:\n  - title: A\n    article: [world.txt]\n", 4, "a section has a `title` and `articles`, not `article`"),
        ("newsletter: N\narticles: [world.txt]\nsections:\n  - articles: [de-artikel.txt]\n", 2, "either in `sections` or in `articles`"),
        ("articles: [world.txt]\n", 1, "names no newsletter"),
        ("newsletter: N\nnewsletter: M\narticles: [world.txt]\n", 2, "`newsletter` is set twice"),
        ("newsletter: [N\narticles: [world.txt]\n", 2, "the issue file cannot be read"),
        ("- world.txt\n", 1, "an issue file is a list of settings"),
        ("newsletter: N\ncover: missing.png\narticles: [world.txt]\n", 2, "the image `missing.png` does not exist"),
        ("newsletter: N\ncover: ../README.md\narticles: [world.txt]\n", 2, "the image `../README.md`"),
        ("\n\n", 1, "the issue file is empty"),
    ]

    @Test(arguments: mistakes.indices)
    func mistakesNameTheirLine(_ k: Int) {
        let (yaml, line, message) = Self.mistakes[k]
        #expect {
            _ = try parse(yaml)
        } throws: { error in
            guard let e = error as? ExportError else { return false }
            return e.diagnostic.file == "issue.yaml" && e.diagnostic.line == line && e.diagnostic.message.contains(message) && e.exitCode == 65
        }
    }

    @Test func aMissingArticleNamesTheIssueFileLine() throws {
        let file = try parse("newsletter: N\narticles:\n  - world.txt\n  - nowhere.txt\n")
        #expect {
            _ = try file.read()
        } throws: { error in
            guard let e = error as? ExportError else { return false }
            return e.diagnostic.file == "issue.yaml" && e.diagnostic.line == 4 && e.diagnostic.message.contains("nowhere.txt") && e.exitCode == 66
        }
    }

    @Test func aBadArticleNamesItsOwnFileAndLine() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("bad.txt", Array("| title |\n|---|\n| T |\n\nok line\nnot UTF-8: ".utf8) + [0xFF, 0x0A])
        _ = try tmp.write("good.txt", Repo.read("samples/world.txt"))
        let file = try IssueFile(Array("newsletter: N\narticles: [good.txt, bad.txt]\n".utf8), file: "issue.yaml", folder: LocalPath(tmp.path))
        #expect { _ = try file.read() } throws: { error in
            guard let e = error as? ExportError else { return false }
            return e.diagnostic.file.hasSuffix("bad.txt") && e.diagnostic.line == 6 && e.diagnostic.message.contains("invalid UTF-8")
        }
        let empty = try IssueFile(Array("newsletter: N\narticles: [empty.txt]\n".utf8), file: "issue.yaml", folder: LocalPath(tmp.path))
        _ = try tmp.write("empty.txt", [])
        #expect { _ = try empty.read() } throws: { ($0 as? ExportError)?.diagnostic.file.hasSuffix("empty.txt") == true }
    }

    @Test func theIssuesArticlesTogetherHaveALimit() throws {
        let file = try parse("newsletter: N\narticles: [world.txt, long-form.txt]\n")
        #expect { _ = try file.read(limit: 32_000) } throws: {
            ($0 as? ExportError)?.diagnostic.message.contains("the issue's articles come to more than") == true
        }
    }
}
