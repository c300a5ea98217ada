import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// `--issue`: one EPUB and one PDF of a whole issue, or an error that names the
/// issue file (or the article) and the line, with nothing written.
@Suite struct IssueCLITests {
    func run(_ args: [String], in dir: String) throws -> ProcessResult {
        let cli = try #require(Repo.cli, "the artexport binary is not built; run `make test`")
        return try Subprocess.run(cli, args, environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: dir)
    }

    /// The issue's folder: three articles and the issue file naming two, the third given after it.
    func folder() throws -> TemporaryDirectory {
        let tmp = try TemporaryDirectory()
        for name in ["world.txt", "fr-article.txt", "de-artikel.txt"] { _ = try tmp.write("articles/\(name)", Repo.read("samples/\(name)")) }
        _ = try tmp.write("issue.yaml", Array("newsletter: The Test Letter\nnumber: 5\narticles:\n  - articles/world.txt\n  - articles/fr-article.txt\n".utf8))
        return tmp
    }

    @Test func oneEPUBAndOnePDF() throws {
        let tmp = try folder()
        let r = try run(["--epub", "--pdf", "--issue", "issue.yaml", "articles/de-artikel.txt", "-o", "issue-5"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let out = tmp.files().filter { $0.hasPrefix("issue-5") }
        #expect(out == ["issue-5.epub", "issue-5.pdf"])
        let info = String(decoding: try Subprocess.run(try #require(Subprocess.which("pdfinfo")), [tmp.path + "/issue-5.pdf"]).stdout, as: UTF8.self)
        #expect(info.contains("Title:           The Test Letter, Issue 5"))
        let epub = Repo.bytes(atPath: tmp.path + "/issue-5.epub")
        // Cover, contents and three articles, the one given after the issue file last.
        let spine = try SpineDocuments.of(epub)
        #expect(spine.count == 5 && spine[4].xhtml.contains("Vorfahrt fürs Rad"))
        // Made with the PDF, the EPUB lists its pages; made alone, it has no page list.
        let nav = try #require(try EPUBExporterEntries.nav(epub))
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        // The contents' own page is marked in the navigation document, which is the contents.
        #expect(pages > 5 && nav.components(separatedBy: "epub:type=\"pagebreak\"").count == 2
                && nav.contains("epub:type=\"page-list\"") && nav.components(separatedBy: "<li><a href=\"text/").count - 1 >= pages - 2)
        // Beside the issue file, named after it, without -o.
        let beside = try run(["--epub", "--issue", "issue.yaml"], in: tmp.path)
        #expect(beside.status == 0 && FileManager.default.fileExists(atPath: tmp.path + "/issue.epub"), "\(beside.stderr)")
        let alone = try #require(try EPUBExporterEntries.nav(Repo.bytes(atPath: tmp.path + "/issue.epub")))
        #expect(!alone.contains("page-list"))
    }

    @Test(arguments: [
        ("newsletter: N\nnumbr: 5\narticles: [articles/world.txt]\n", 65, "issue.yaml:2: unknown setting `numbr`; did you mean `number`?"),
        ("newsletter: N\narticles:\n  - articles/world.txt\n  - articles/gone.txt\n", 66, "issue.yaml:4: the article articles/gone.txt"),
        ("newsletter: N\narticles: [articles/bad.txt]\n", 65, "articles/bad.txt:3: the value row has 1 cell, the header has 2"),
        ("newsletter: N\narticles: [articles/world.txt\n", 65, "issue.yaml:"),
    ] as [(String, Int32, String)])
    func aBadIssueWritesNothing(_ yaml: String, _ status: Int32, _ message: String) throws {
        let tmp = try folder()
        _ = try tmp.write("articles/bad.txt", Array("| title | author |\n|---|---|\n| only one cell |\nText.\n".utf8))
        _ = try tmp.write("issue.yaml", Array(yaml.utf8))
        let r = try run(["--epub", "--pdf", "--issue", "issue.yaml", "-o", "issue"], in: tmp.path)
        #expect(r.status == status && r.stderr.hasPrefix(message), "\(r.status): \(r.stderr)")
        #expect(!tmp.files().contains { $0.hasPrefix("issue.") && $0 != "issue.yaml" }, "\(tmp.files())")
    }

    /// An output that is one of the issue's articles is refused before anything is written.
    @Test func anOutputThatIsAnArticleIsRefused() throws {
        let tmp = try folder()
        let before = Repo.bytes(atPath: tmp.path + "/articles/world.txt")
        let r = try run(["--epub", "--issue", "issue.yaml", "-o", "articles/world.txt"], in: tmp.path)
        #expect(r.status == 64 && r.stderr.contains("is the input"), "\(r.stderr)")
        #expect(Repo.bytes(atPath: tmp.path + "/articles/world.txt") == before)
    }
}

enum EPUBExporterEntries {
    static func nav(_ epub: [UInt8]) throws -> String? {
        try EPUBExporter.entries(of: epub).first { $0.name == "EPUB/nav.xhtml" }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }
}
