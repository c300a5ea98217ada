import ArtExportCore
import ArtExportEPUB
import ArtExportPDF
import Foundation
import TestSupport
import Testing

/// No run may destroy a file: an output that is an input, a device replaced by a
/// file, permissions widened, temporaries left behind by a signal.
@Suite struct FileSafetyTests {
    let article = Array("| title | author |\n|---|---|\n| A Story | Ann |\nText here.\n".utf8)

    func run(_ args: [String], in dir: String, env: [String: String] = [:]) throws -> ProcessResult {
        let cli = try #require(Repo.cli, "the artexport binary is not built; run `make test`")
        return try Subprocess.run(cli, args, environment: ["SOURCE_DATE_EPOCH": "1700000000"].merging(env) { $1 }, directory: dir)
    }

    /// Every way of naming the input as an output is a usage error, and the input is untouched.
    @Test(arguments: [
        ["--epub", "art.txt", "-o", "art.txt"],
        ["--epub", "art.txt", "-o", "./art.txt"],
        ["--pdf", "art.txt", "-o", "sub/../art.txt"],
        ["--epub", "x.epub"],                          // the output derived from x.epub is x.epub
        ["--epub", "--pdf", "art.txt", "-o", "link"],  // link.epub is a symlink to the input
        ["--epub", "art.txt", "./art.md", "--output-dir", "."],
        ["--epub", "sub/c.txt", "./sub/c.epub"],
        ["--epub", "art.txt", "sub/../art.txt", "--output-dir", "out"],
        ["--epub", "art.txt", "--theme", "theme", "-o", "theme/theme.yaml"],   // a theme file is an input too
    ])
    func outputThatIsAnInputOrAnotherOutput(_ args: [String]) throws {
        let tmp = try TemporaryDirectory()
        for name in ["art.txt", "art.md", "x.epub"] { _ = try tmp.write(name, article) }
        try FileManager.default.createDirectory(atPath: tmp.path + "/sub", withIntermediateDirectories: false)
        _ = try tmp.write("sub/c.txt", article)
        _ = try tmp.write("sub/c.epub", article)
        try FileManager.default.createSymbolicLink(atPath: tmp.path + "/link.epub", withDestinationPath: "art.txt")
        try FileManager.default.createDirectory(atPath: tmp.path + "/theme", withIntermediateDirectories: false)
        _ = try tmp.write("theme/theme.yaml", Array("body:\n  size: 11pt\n".utf8))
        let before = try snapshot(tmp.path)
        let r = try run(args, in: tmp.path)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stderr.contains("would") || r.stderr.contains("is the input"), "\(r.stderr)")
        #expect(try snapshot(tmp.path) == before, "nothing may be written or created")
    }

    /// A device is written to, never replaced by a file; other devices are refused.
    /// Only device nodes made in the test's own folder are used — never the
    /// machine's /dev, which a faulty build would destroy — and only harmless
    /// ones: the null device, /dev/full's numbers (writes fail) and a block
    /// major no driver has.
    @Test func devicesAreWrittenOrRefusedNeverReplaced() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("art.txt", article)
        let made = try Subprocess.run("/bin/sh", ["-c", "mknod null c 1 3 && mknod full c 1 7 && mknod blk b 240 0"], directory: tmp.path)
        try #require(made.status == 0, "mknod needs root: \(made.stderr)")
        let null = try run(["--epub", "art.txt", "-o", "./null"], in: tmp.path)
        #expect(null.status == 0, "\(null.stderr)")
        for device in ["full", "blk"] {
            let r = try run(["--epub", "art.txt", "-o", device], in: tmp.path)
            #expect(r.status == 73, "\(device): \(r.stderr)")
            #expect(r.stderr.contains("device"))
        }
        for (name, kind) in [("null", "c"), ("full", "c"), ("blk", "b")] {
            let p = tmp.path + "/" + name
            let type = try FileManager.default.attributesOfItem(atPath: p)[.type] as? FileAttributeType
            #expect(type == (kind == "c" ? .typeCharacterSpecial : .typeBlockSpecial), "\(name) must stay a device")
        }
        #expect(!tmp.files().contains { $0.hasPrefix(".artexport") })
    }

    /// `-o /dev/stdout` (a pipe here) receives the same bytes as a file would.
    /// /proc/self/fd/1 is what /dev/stdout links to; unlike /dev/stdout itself,
    /// a faulty build cannot replace it.
    @Test func devStdoutIsWrittenDirectly() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("art.txt", article)
        let piped = try run(["--epub", "art.txt", "-o", "/proc/self/fd/1"], in: tmp.path)
        #expect(piped.status == 0, "\(piped.stderr)")
        let file = try run(["--epub", "art.txt", "-o", "a.epub"], in: tmp.path)
        #expect(file.status == 0)
        #expect(piped.stdout == Repo.bytes(atPath: tmp.path + "/a.epub"))
    }

    /// Binary output is not sprayed onto a terminal (`script` gives the run one).
    @Test func standardOutputThatIsATerminalIsRefused() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("art.txt", article)
        let script = try #require(Subprocess.which("script"), "script (util-linux) gives the run a terminal")
        let cli = try #require(Repo.cli)
        let r = try Subprocess.run(script, ["-qec", "\(cli) --epub art.txt -o -", "/dev/null"], directory: tmp.path)
        #expect(r.status == 64)
        #expect(String(decoding: r.stdout, as: UTF8.self).contains("standard output is a terminal"))
        #expect(tmp.files() == ["art.txt"])
    }

    @Test func newFilesHonourTheUmaskAndReplacedFilesKeepTheirMode() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("art.txt", article)
        let cli = try #require(Repo.cli)
        let r = try Subprocess.run("/bin/sh", ["-c", "umask 077 && exec \"$0\" --epub --pdf art.txt -o new", cli],
                                   environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try mode(tmp.path + "/new.epub") == 0o600)
        #expect(try mode(tmp.path + "/new.pdf") == 0o600)
        _ = try tmp.write("keep.epub", Array("old".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: tmp.path + "/keep.epub")
        #expect(try run(["--epub", "art.txt", "-o", "keep.epub"], in: tmp.path).status == 0)
        #expect(try mode(tmp.path + "/keep.epub") == 0o640)
        #expect(Repo.bytes(atPath: tmp.path + "/keep.epub").count > 1000)
    }

    /// Writing through a symlink replaces the file it points to and keeps the link.
    @Test func symlinkOutputKeepsTheLink() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("art.txt", article)
        try FileManager.default.createDirectory(atPath: tmp.path + "/real", withIntermediateDirectories: false)
        _ = try tmp.write("real/a.epub", Array("old".utf8))
        try FileManager.default.createSymbolicLink(atPath: tmp.path + "/a.epub", withDestinationPath: "real/a.epub")
        #expect(try run(["--epub", "art.txt", "-o", "a.epub"], in: tmp.path).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: tmp.path + "/a.epub") == "real/a.epub")
        #expect(Repo.bytes(atPath: tmp.path + "/real/a.epub").count > 1000)
    }

    /// SIGINT, SIGTERM and SIGHUP part-way through a batch: every temporary is
    /// removed, every output left is whole, and the status tells which signal.
    @Test(arguments: [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129)] as [(Int32, Int32)])
    func signalsRemoveTemporaries(_ signal: Int32, _ status: Int32) throws {
        let cli = try #require(Repo.cli)
        let tmp = try TemporaryDirectory()
        let inputs = (1...6).map { "a\($0).txt" }
        for name in inputs { _ = try tmp.write(name, Repo.read("samples/long-form.txt")) }
        // Time one whole run, then interrupt runs at points spread across it.
        let start = Date()
        #expect(try run(["--epub", "--pdf"] + inputs + ["--output-dir", "full"], in: tmp.path).status == 0)
        let whole = Date().timeIntervalSince(start)
        var interrupted = 0
        for fraction in [0.15, 0.3, 0.45, 0.6, 0.75, 0.9] {
            let out = "out-\(Int(fraction * 100))"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: cli)
            process.arguments = ["--epub", "--pdf"] + inputs + ["--output-dir", out]
            process.currentDirectoryURL = URL(fileURLWithPath: tmp.path)
            process.environment = ["SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin", "ARTEXPORT_CACHE_DIR": TestCache.directory]
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(whole * fraction * 1_000_000))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path + "/" + out)) ?? []
            #expect(!left.contains { $0.hasPrefix(".") }, "temporaries left after signal \(signal): \(left)")
            if process.terminationStatus == status {
                interrupted += 1
            } else {
                #expect(process.terminationStatus == 0, "exit \(process.terminationStatus)")
            }
            for name in left {
                #expect(Repo.bytes(atPath: "\(tmp.path)/\(out)/\(name)") == Repo.bytes(atPath: "\(tmp.path)/full/\(name)"),
                        "\(name) must be whole")
            }
        }
        #expect(interrupted >= 3, "most runs should have been interrupted part-way")
    }

    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Every file below `dir` with its bytes (symlinks as their targets).
    private func snapshot(_ dir: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for name in FileManager.default.subpaths(atPath: dir) ?? [] {
            let p = dir + "/" + name
            if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: p) {
                result[name] = Array(("-> " + link).utf8)
            } else if !Repo.isDirectory(p) {
                result[name] = Repo.bytes(atPath: p)
            } else {
                result[name] = []
            }
        }
        return result
    }
}
