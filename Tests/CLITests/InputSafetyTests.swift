import ArtExportCore
import ArtExportEPUB
import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// Inputs that are not articles, names that are not text, values out of range:
/// each gets a message a person can act on and a documented status, at once.
@Suite struct InputSafetyTests {
    let article = Array("| title | author |\n|---|---|\n| A Story | Ann |\nText here.\n".utf8)

    func cli() throws -> String { try #require(Repo.cli, "the artexport binary is not built; run `make test`") }

    func run(_ args: [String], in dir: String, env: [String: String] = [:], stdin: [UInt8]? = nil) throws -> ProcessResult {
        try Subprocess.run(cli(), args, stdin: stdin, environment: ["SOURCE_DATE_EPOCH": "1700000000"].merging(env) { $1 }, directory: dir)
    }

    /// `sh -c SCRIPT` with the binary as $0, for what Foundation cannot pass (raw bytes, pipes, umask).
    func shell(_ script: String, in dir: String) throws -> ProcessResult {
        try Subprocess.run("/bin/sh", ["-c", script, cli()], environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: dir)
    }

    /// A FIFO with no writer would block forever; it is refused and the batch goes on.
    @Test func fifoAndDeviceInputsAreRefusedAndTheBatchGoesOn() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("good.txt", article)
        #expect(mkfifo(tmp.path + "/in.fifo", 0o644) == 0)
        let start = Date()
        let r = try run(["--epub", "in.fifo", "/dev/zero", "good.txt", "--output-dir", "out"], in: tmp.path)
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(r.status == 66)
        #expect(r.stderr.contains("in.fifo: is a FIFO (named pipe), not a regular file"))
        #expect(r.stderr.contains("/dev/zero: is a character device, not a regular file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/out") == ["good.epub"])
    }

    /// An endless standard input stops at the limit instead of filling memory.
    @Test func endlessStandardInputStopsAtTheLimit() throws {
        let tmp = try TemporaryDirectory()
        let r = try shell("yes | exec \"$0\" --epub - -o y.epub", in: tmp.path)
        #expect(r.status == 65)
        #expect(r.stderr == "-: holds more than 64 MiB, over the limit of 64 MiB for one article; "
                + "if it really is an article, raise the limit with --max-input-size\n")
        #expect(tmp.files().isEmpty)
    }

    @Test func largeFileIsRefusedBeforeReadingAndTheLimitCanBeRaised() throws {
        let tmp = try TemporaryDirectory()
        let path = try tmp.write("big.txt", article)
        #expect(truncate(path, 65 << 20) == 0)        // sparse: 65 MiB of NULs
        let r = try run(["--epub", "big.txt"], in: tmp.path)
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("big.txt: is 65 MiB, over the limit of 64 MiB for one article"))
        let small = try run(["--epub", "-", "-o", "s.epub", "--max-input-size", "40"], in: tmp.path, stdin: article)
        #expect(small.status == 65)
        #expect(small.stderr.contains("over the limit of 40 bytes"))
        let raised = try run(["--epub", "-", "-o", "s.epub", "--max-input-size", "1K"], in: tmp.path, stdin: article)
        #expect(raised.status == 0, "\(raised.stderr)")
        for bad in ["lots", "0", "-5", "12X"] {
            #expect(try run(["--epub", "-", "-o", "s.epub", "--max-input-size", bad], in: tmp.path, stdin: article).status == 64)
        }
    }

    @Test(arguments: ["UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32"])
    func wideEncodingsAreNamed(_ encoding: String) throws {
        let tmp = try TemporaryDirectory()
        let text = String(decoding: article, as: UTF8.self)
        let converted: [UInt8]
        switch encoding {
        case "UTF-16": converted = Array(text.data(using: .utf16)!)             // with a byte-order mark
        case "UTF-16LE": converted = Array(text.data(using: .utf16LittleEndian)!)
        case "UTF-16BE": converted = Array(text.data(using: .utf16BigEndian)!)
        default: converted = Array(text.data(using: .utf32)!)
        }
        _ = try tmp.write("wide.txt", converted)
        let r = try run(["--epub", "wide.txt"], in: tmp.path)
        #expect(r.status == 65)
        let family = encoding.hasPrefix("UTF-32") ? "UTF-32" : "UTF-16"
        #expect(r.stderr == "wide.txt:1: the file is \(family), not UTF-8; save it as UTF-8 (in most editors: Save As… → Encoding → UTF-8)\n")
    }

    /// A Latin-1 file name opens, and its output keeps the same bytes.
    @Test func fileNameThatIsNotUTF8() throws {
        let tmp = try TemporaryDirectory()
        let r = try shell("printf '| title |\\n|---|\\n| T |\\nText.\\n' > \"$(printf 'caf\\351.txt')\" && exec \"$0\" --epub \"$(printf 'caf\\351.txt')\"",
                          in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let names = try Subprocess.run("/bin/sh", ["-c", "ls | od -An -c | tr -s ' '"], directory: tmp.path)
        #expect(String(decoding: names.stdout, as: UTF8.self).contains("c a f 351 . e p u b"))
        let missing = try shell("exec \"$0\" --epub \"$(printf 'nix\\351.txt')\"", in: tmp.path)
        #expect(missing.status == 66)
        #expect(missing.stderr == "\"nix\\xE9.txt\": no such file\n")
    }

    /// A name cannot forge a line of the output: control characters are escaped.
    @Test func fileNamesWithNewlinesAreQuoted() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("bad\nname.txt", Array("| title |\n|---|\n".utf8))
        let r = try run(["--epub", "bad\nname.txt"], in: tmp.path)
        #expect(r.status == 65)
        #expect(r.stderr == "\"bad\\nname.txt\":3: the metadata table has no value row; add one row of values under the delimiter row\n")
    }

    @Test func longestFileNameWorks() throws {
        let tmp = try TemporaryDirectory()
        let stem = String(repeating: "x", count: 250)   // + ".epub" = 255 bytes, the most a name may have
        _ = try tmp.write(stem + ".txt", article)
        let r = try run(["--epub", stem + ".txt"], in: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(tmp.files().contains(stem + ".epub"))
    }

    @Test(arguments: [
        ["--epub", "a.txt", "-o", ""],
        ["--epub", "a.txt", "--output-dir", ""],
        ["--epub", "a.txt", "a.txt", "--output-dir", "newdir"],      // a clash: the folder must not appear
    ])
    func usageErrorsCreateNothing(_ args: [String]) throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", article)
        let r = try run(args, in: tmp.path)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(tmp.files() == ["a.txt"])
    }

    @Test(arguments: ["-1", "253402300800", "99999999999999", "1e9"])
    func sourceDateEpochOutOfRange(_ value: String) throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", article)
        let r = try run(["--epub", "a.txt"], in: tmp.path, env: ["SOURCE_DATE_EPOCH": value])
        #expect(r.status == 64)
        #expect(r.stderr.contains("SOURCE_DATE_EPOCH"))
        #expect(tmp.files() == ["a.txt"])
    }

    /// The last second of 9999 gives valid dates in both formats (ZIP's clamped to 2107).
    @Test func lastSecondOfYear9999() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", article)
        let r = try run(["--epub", "--pdf", "a.txt"], in: tmp.path, env: ["SOURCE_DATE_EPOCH": "253402300799"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try EPUBCheck.check(Repo.bytes(atPath: tmp.path + "/a.epub"), name: "year-9999")
        #expect(report.errors == 0 && report.warnings == 0 && report.fatals == 0, "\(report.messages)")
        let opf = try EPUBExporter.entries(of: Repo.bytes(atPath: tmp.path + "/a.epub")).first { $0.name.hasSuffix(".opf") }
        #expect(opf.map { String(decoding: $0.bytes, as: UTF8.self) }?.contains("9999-12-31T23:59:59Z") == true)
        let info = try Subprocess.run(try #require(Subprocess.which("pdfinfo")), ["-isodates", tmp.path + "/a.pdf"])
        #expect(String(decoding: info.stdout, as: UTF8.self).contains("ModDate:         9999-12-31T23:59:59"), "\(info)")
    }

    /// A reader that goes away: a message and status 74, not a silent SIGPIPE.
    @Test func closedOutputPipe() throws {
        let tmp = try TemporaryDirectory()
        // The writer's own status, from a subshell (POSIX sh has no PIPESTATUS).
        let s = try shell("( \"$0\" --pdf \(Repo.path("samples/long-form.txt")) -o - 2>err; echo $? > status ) | (exec <&-; sleep 1)",
                          in: tmp.path)
        #expect(s.status == 0)
        #expect(String(decoding: Repo.bytes(atPath: tmp.path + "/status"), as: UTF8.self) == "74\n")
        #expect(String(decoding: Repo.bytes(atPath: tmp.path + "/err"), as: UTF8.self) == "-: cannot write to standard output: Broken pipe\n")
    }

    /// Both outputs that cannot be written are reported, not only the first.
    @Test func everyUnwritableOutputIsReported() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", article)
        _ = try tmp.write("file", [])
        let r = try run(["--epub", "--pdf", "a.txt", "-o", "file/a"], in: tmp.path)
        #expect(r.status == 73)
        #expect(r.stderr == "file/a.epub: cannot create the output file: Not a directory\n"
                + "file/a.pdf: cannot create the output file: Not a directory\n")
        #expect(tmp.files() == ["a.txt", "file"])
    }
}
