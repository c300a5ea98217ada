import ArtExportCore
import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// Which reader a run uses: the extension, `--from`, and standard input's default.
@Suite struct MarkdownCLITests {
    let markdown = "---\ntitle: Marked\n---\n# Part\n\nSome *emphasis*.\n"
    let article = "| title | author |\n|---|---|\n| Plain | Ann |\nSome *emphasis*.\n"

    func run(_ args: [String], stdin: [UInt8]? = nil, in dir: String) throws -> ProcessResult {
        let cli = try #require(Repo.cli, "the artexport binary is not built; run `make test`")
        return try Subprocess.run(cli, args, stdin: stdin, environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: dir)
    }

    func xhtml(_ epub: [UInt8]) throws -> String {
        let entries = try EPUBExporter.entries(of: epub)
        return String(decoding: try #require(entries.first { $0.name.hasSuffix("article.xhtml") }).bytes, as: UTF8.self)
    }

    @Test(arguments: ["a.md", "a.markdown", "a.MD"])
    func markdownByExtension(_ name: String) throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write(name, Array(markdown.utf8))
        let r = try run(["--epub", name, "-o", "out.epub"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let body = try xhtml(Repo.bytes(atPath: tmp.path + "/out.epub"))
        #expect(body.contains("<em>emphasis</em>"))
        #expect(body.contains("<h2 id=\"part\">Part</h2>"))
    }

    @Test func textFilesAreArticlesAndFromOverridesTheExtension() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", Array(article.utf8))
        _ = try tmp.write("m.txt", Array(markdown.utf8))
        _ = try tmp.write("t.md", Array(article.utf8))
        var r = try run(["--epub", "a.txt"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try xhtml(Repo.bytes(atPath: tmp.path + "/a.epub")).contains("Some *emphasis*."))
        // Markdown front matter read as the article format: its table is missing.
        r = try run(["--epub", "m.txt"], in: tmp.path)
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("m.txt:1: expected the metadata table's header row"))
        r = try run(["--epub", "--from", "markdown", "m.txt"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try xhtml(Repo.bytes(atPath: tmp.path + "/m.epub")).contains("<em>emphasis</em>"))
        r = try run(["--epub", "--from", "article", "t.md"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try xhtml(Repo.bytes(atPath: tmp.path + "/t.epub")).contains("Some *emphasis*."))
        r = try run(["--epub", "--from", "html", "t.md"], in: tmp.path)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--from takes article or markdown, not 'html'"))
    }

    @Test func standardInputIsAnArticleUnlessToldOtherwise() throws {
        let tmp = try TemporaryDirectory()
        var r = try run(["--epub", "-", "-o", "-"], stdin: Array(article.utf8), in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try xhtml(r.stdout).contains("Some *emphasis*."))
        r = try run(["--epub", "-", "-o", "-"], stdin: Array(markdown.utf8), in: tmp.path)
        #expect(r.status == 65)
        r = try run(["--epub", "--from", "markdown", "-", "-o", "-"], stdin: Array(markdown.utf8), in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try xhtml(r.stdout).contains("<em>emphasis</em>"))
    }

    @Test func anUnsafeImageIsExit65WithItsLineAndNoOutput() throws {
        let outer = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: outer.path + "/a", withIntermediateDirectories: true)
        _ = try outer.write("secret.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        for (source, words) in [("../secret.png", "outside the article's folder"), ("/etc/hostname.png", "absolute path"),
                                ("https://example.org/x.png", "is a URL"), ("gone.png", "does not exist")] {
            _ = try outer.write("a/story.md", Array("---\ntitle: T\n---\nText.\n\n![x](\(source))\n".utf8))
            let r = try run(["--epub", "--pdf", "a/story.md"], in: outer.path)
            #expect(r.status == 65, "\(source): \(r.stderr)")
            #expect(r.stderr.hasPrefix("a/story.md:6: the image `\(source)` "), "\(r.stderr)")
            #expect(r.stderr.contains(words), "\(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: outer.path + "/a") == ["story.md"])
        }
    }
}
