import ArtExportCore
import ArtExportEPUB
import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// The `artexport` binary as a user runs it: exit codes, messages, files written
/// or not written.
@Suite struct CLITests {
    let header = "| title | author |\n|---|---|\n"

    func cli() throws -> String {
        try #require(Repo.cli, "the artexport binary is not built; run `make test`")
    }

    func run(_ args: [String], stdin: [UInt8]? = nil, env: [String: String] = ["SOURCE_DATE_EPOCH": "1700000000"],
             in dir: String) throws -> ProcessResult {
        try Subprocess.run(cli(), args, stdin: stdin, environment: env, directory: dir)
    }

    @Test func writesBesideTheInput() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("story.txt", Array((header + "| A Story | Ann |\nText.\n").utf8))
        let r = try run(["--epub", "story.txt"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(tmp.files() == ["story.epub", "story.txt"])
    }

    @Test func outputDirAndBatchWithOneBadInput() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("good1.txt", Array((header + "| One | Ann |\nText.\n").utf8))
        _ = try tmp.write("bad.txt", Array("| title | author |\n|---|---|\n| only one cell |\nText.\n".utf8))
        _ = try tmp.write("good2.txt", Array((header + "| Two | Bo |\nText.\n").utf8))
        // The output folder is created when missing.
        let r = try run(["--epub", "good1.txt", "bad.txt", "good2.txt", "--output-dir", "out"], in: tmp.path)
        #expect(r.status == 65)
        #expect(r.stderr == "bad.txt:3: the value row has 1 cell, the header has 2; escape a `|` inside a value as `\\|`\n")
        let out = try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/out").sorted()
        #expect(out == ["good1.epub", "good2.epub"])
    }

    /// Each bad input: its message with the line, its exit code, and no file at all.
    @Test(arguments: [
        ("mismatch.txt", Array("| title | author | created |\n|---|---|---|\n| T | A |\nText.\n".utf8), 65,
         "mismatch.txt:3: the value row has 2 cells, the header has 3; escape a `|` inside a value as `\\|`"),
        ("notitle.txt", Array("| author |\n|---|\n| A |\nText.\n".utf8), 65,
         "notitle.txt:1: the metadata has no `title` field; add a title column (the headline)"),
        ("nodelim.txt", Array("| title | author |\n| T | A |\nText.\n".utf8), 65,
         "nodelim.txt:2: the metadata table has no delimiter row; put a row like `|---|---|` under the header"),
        ("empty.txt", [], 65,
         "empty.txt:1: the file is empty; an article needs at least a metadata table with a title"),
        ("binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], 65,
         "binary.txt:3: this is not a text file (it holds a NUL byte); artexport reads UTF-8 text articles"),
        ("latin1.txt", Array("| title |\n|---|\n| Caf".utf8) + [0xE9] + Array(" |\n".utf8), 65,
         "latin1.txt:3: invalid UTF-8 (byte 0xE9 at column 6); save the file as UTF-8"),
    ] as [(String, [UInt8], Int32, String)])
    func badInput(_ name: String, _ bytes: [UInt8], _ status: Int32, _ message: String) throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write(name, bytes)
        let r = try run(["--epub", name, "-o", "out.epub"], in: tmp.path)
        #expect(r.status == status)
        #expect(r.stderr == message + "\n")
        #expect(tmp.files() == [name], "no output and no temporary file may remain")
    }

    @Test func failedExportLeavesAnExistingOutputAlone() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("bad.txt", Array("| author |\n|---|\n| A |\n".utf8))
        _ = try tmp.write("bad.epub", Array("previous".utf8))
        let r = try run(["--epub", "bad.txt"], in: tmp.path)
        #expect(r.status == 65)
        #expect(try String(contentsOfFile: tmp.path + "/bad.epub", encoding: .utf8) == "previous")
    }

    @Test func missingInput() throws {
        let tmp = try TemporaryDirectory()
        let r = try run(["--epub", "nope.txt"], in: tmp.path)
        #expect(r.status == 66)
        #expect(r.stderr == "nope.txt: no such file\n")
        #expect(tmp.files().isEmpty)
    }

    @Test func outputFolderMissing() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", Array((header + "| A | B |\nText.\n").utf8))
        let r = try run(["--epub", "a.txt", "-o", "no/such/dir/a.epub"], in: tmp.path)
        #expect(r.status == 73)
        #expect(r.stderr.hasPrefix("no/such/dir/a.epub: cannot create the output file"))
    }

    @Test(arguments: [
        ["a.txt"],                                  // no format
        ["--epub"],                                 // no input
        ["--epub", "a.txt", "b.txt", "-o", "x.epub"],
        ["--epub", "-"],                            // stdin with no output name
        ["--epub", "a.txt", "-o", "x", "--output-dir", "d"],
        ["--epub", "--bogus", "a.txt"],
    ])
    func usageErrors(_ args: [String]) throws {
        let tmp = try TemporaryDirectory()
        let r = try run(args, in: tmp.path)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(tmp.files().isEmpty)
    }

    @Test func invalidSourceDateEpochIsAUsageError() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", Array((header + "| A | B |\nText.\n").utf8))
        let r = try run(["--epub", "a.txt"], env: ["SOURCE_DATE_EPOCH": "yesterday"], in: tmp.path)
        #expect(r.status == 64)
        #expect(r.stderr.contains("SOURCE_DATE_EPOCH"))
    }

    @Test func stdinToStdoutMatchesFileOutput() throws {
        let tmp = try TemporaryDirectory()
        let input = Repo.read("samples/fr-article.txt")
        let piped = try run(["--epub", "-", "-o", "-"], stdin: input, in: tmp.path)
        #expect(piped.status == 0, "\(piped.stderr)")
        _ = try tmp.write("fr.txt", input)
        let file = try run(["--epub", "fr.txt", "-o", "fr.epub"], in: tmp.path)
        #expect(file.status == 0)
        #expect(piped.stdout == Array(try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/fr.epub"))))
    }

    @Test func byteIdenticalAcrossRunsAndTimeZones() throws {
        let tmp = try TemporaryDirectory()
        var outputs: [[UInt8]] = []
        for zone in ["UTC", "Asia/Tokyo", "America/Los_Angeles"] {
            let r = try run(["--epub", Repo.path("samples/long-form.txt"), "-o", "-"],
                            env: ["SOURCE_DATE_EPOCH": "1700000000", "TZ": zone], in: tmp.path)
            #expect(r.status == 0)
            outputs.append(r.stdout)
        }
        #expect(outputs[0].count > 1000)
        #expect(outputs.allSatisfy { $0 == outputs[0] })
    }

    @Test func warningsGoToStderrAndQuietSilencesThem() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("c.txt", Array((header + "| Bell\u{07} | A |\nText.\n").utf8))
        let loud = try run(["--epub", "c.txt"], in: tmp.path)
        #expect(loud.status == 0)
        #expect(loud.stderr == "c.txt:3: warning: removed 1 control character that EPUB and PDF cannot carry\n")
        let quiet = try run(["--epub", "-q", "c.txt"], in: tmp.path)
        #expect(quiet.stderr.isEmpty)
    }

    @Test func helpShowsExamplesAndExitCodes() throws {
        let tmp = try TemporaryDirectory()
        let r = try run(["--help"], in: tmp.path)
        let help = String(decoding: r.stdout, as: UTF8.self)
        #expect(r.status == 0)
        #expect(help.contains("EXAMPLES") && help.contains("EXIT STATUS") && help.contains("--output-dir"))
        let v = try run(["--version"], in: tmp.path)
        #expect(String(decoding: v.stdout, as: UTF8.self) == ArtExport.version + "\n")
    }

    @Test func customTheme() throws {
        let tmp = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: tmp.path + "/mytheme", withIntermediateDirectories: false)
        _ = try tmp.write("mytheme/theme.yaml", Array("extends: sans\ncolors:\n  links: \"#123456\"\ncss: \"p.byline { letter-spacing: 0.05em; }\"\n".utf8))
        _ = try tmp.write("a.txt", Array((header + "| A | B |\nText.\n").utf8))
        let r = try run(["--epub", "a.txt", "--theme", "mytheme", "-o", "-"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let css = try EPUBExporter.entries(of: r.stdout).first { $0.name.hasSuffix(".css") }.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        #expect(css.contains("a { color: #123456;") && css.contains("\"Noto Sans\", sans-serif"))
        #expect(css.hasSuffix("p.byline { letter-spacing: 0.05em; }\n"))
        // A shipped theme by name.
        let named = try run(["--epub", "a.txt", "--theme", "large-print", "-o", "-"], in: tmp.path)
        #expect(named.status == 0)
        let missing = try run(["--epub", "a.txt", "--theme", "nothere"], in: tmp.path)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nothere: no such theme; the themes are default, book, sans, newsletter, large-print"))
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/a.epub"))
    }

    @Test func anyNumberOfJobsGivesTheSameFiles() throws {
        let tmp = try TemporaryDirectory()
        for name in ["world", "fr-article", "de-artikel", "hostile"] {
            _ = try tmp.write("\(name).txt", Repo.read("samples/\(name).txt"))
        }
        let inputs = ["world.txt", "fr-article.txt", "de-artikel.txt", "hostile.txt"]
        var outputs: [[String: [UInt8]]] = []
        for n in ["1", "2", "4"] {
            let r = try run(["--epub", "--pdf", "--jobs", n] + inputs + ["--output-dir", "out-\(n)"], in: tmp.path)
            #expect(r.status == 0, "\(r.stderr)")
            let dir = tmp.path + "/out-\(n)"
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            outputs.append(Dictionary(uniqueKeysWithValues: files.map { ($0, Repo.bytes(atPath: dir + "/" + $0)) }))
        }
        #expect(outputs[0].count == 8)
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2], "the files differ with the number of jobs")
        let zero = try run(["--epub", "--jobs", "0", "world.txt"], in: tmp.path)
        #expect(zero.status == 64 && zero.stderr.contains("--jobs takes a number of inputs to export at once, from 1 to 256, not 0"))
    }

    @Test func listThemes() throws {
        let tmp = try TemporaryDirectory()
        let r = try run(["--list-themes"], in: tmp.path)
        #expect(r.status == 0)
        let lines = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.map { String($0.split(separator: " ")[0]) } == ["default", "book", "sans", "newsletter", "large-print"])
        #expect(lines.allSatisfy { $0.split(separator: " ").count > 4 }, "each with its description")
    }

    @Test func aBadThemeStopsTheRunBeforeAnythingIsWritten() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("t/theme.yaml", Array("page:\n  margins:\n    left: 90mm\n    right: 90mm\n".utf8))
        _ = try tmp.write("a.txt", Array((header + "| A | B |\nText.\n").utf8))
        let r = try run(["--epub", "--pdf", "a.txt", "--theme", "t"], in: tmp.path)
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("t/theme.yaml:3: `page` leaves a text area of"), "\(r.stderr)")
        #expect(tmp.files() == ["a.txt", "t"])
        // A family no installed font provides: the PDF writer refuses it, naming the line.
        _ = try tmp.write("f/theme.yaml", Array("fonts:\n  body: [No Such Typeface, serif]\n".utf8))
        let f = try run(["--pdf", "a.txt", "--theme", "f"], in: tmp.path)
        #expect(f.status == 65)
        #expect(f.stderr.hasPrefix("f/theme.yaml:2: `fonts.body`: no installed font provides the family `No Such Typeface`"), "\(f.stderr)")
        #expect(tmp.files() == ["a.txt", "f", "t"])
    }
}
