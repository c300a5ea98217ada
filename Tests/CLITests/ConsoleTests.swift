import Foundation
import TestSupport
import Testing

/// What a run prints on standard error for people: the progress bar on a
/// terminal only, --verbose's lines, and messages in input order for any --jobs.
@Suite struct ConsoleTests {
    init() { TestCache.isolate() }

    let env = ["SOURCE_DATE_EPOCH": "1700000000"]
    let header = "| title | author |\n|---|---|\n"

    func cli() throws -> String { try #require(Repo.cli, "the artexport binary is not built; run `make test`") }

    func inputs(in tmp: TemporaryDirectory) throws -> [String] {
        _ = try tmp.write("a.txt", Array((header + "| A | Ann |\nText.\n").utf8))
        _ = try tmp.write("warn.txt", Repo.read("Tests/Fixtures/control-chars.txt"))
        _ = try tmp.write("bad.txt", Array((header + "| one cell |\nText.\n").utf8))
        _ = try tmp.write("z.txt", Array((header + "| Z | Zed |\nMore text.\n").utf8))
        return ["a.txt", "warn.txt", "bad.txt", "z.txt"]
    }

    /// The run under a pseudo-terminal (util-linux `script`), as a person sees it:
    /// standard error and output together, each line ending in CR LF.
    func onTerminal(_ args: [String], in dir: String) throws -> (status: Int32, screen: String) {
        let script = try #require(Subprocess.which("script"), "script (util-linux)")
        let command = ([try cli()] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let r = try Subprocess.run(script, ["-qec", command, "/dev/null"], environment: env, directory: dir)
        return (r.status, String(decoding: r.stdout, as: UTF8.self))
    }

    static let clear = "\r\u{1B}[K"

    /// The lines a terminal shows at the end: on each, what follows the last
    /// carriage return and erase-line.
    func visible(_ screen: String) -> [String] {
        screen.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.components(separatedBy: Self.clear).last ?? "" }
    }

    @Test func aTerminalSeesABarThatMessagesDoNotGarble() throws {
        let tmp = try TemporaryDirectory()
        let names = try inputs(in: tmp)
        let (status, screen) = try onTerminal(["--epub", "-j", "2"] + names + ["--output-dir", "out"], in: tmp.path)
        #expect(status == 65, "\(screen)")
        #expect(screen.contains("4/4 ["), "\(screen.debugDescription)")
        #expect(screen.contains(" elapsed, ETA "))
        // Every message starts on a cleared line, and the bar is erased at the end.
        for message in ["warn.txt:3: warning: ", "warn.txt:4: warning: ", "bad.txt:3: the value row"] {
            #expect(screen.contains(Self.clear + message) || screen.contains("\r\n" + message), "\(message) in \(screen.debugDescription)")
            #expect(!screen.contains("]" + message) && !screen.contains("txt" + message), "a message joined to the bar: \(screen.debugDescription)")
        }
        #expect(screen.hasSuffix(Self.clear), "\(screen.suffix(120).debugDescription)")
        // What stays on the screen: the messages alone, the bar nowhere.
        #expect(visible(screen).map { String($0.prefix { $0 != ":" }) } == ["warn.txt", "warn.txt", "bad.txt", ""], "\(screen.debugDescription)")

        // No bar for one input, with --quiet or --json.
        for args in [["--epub", "a.txt", "-o", "one.epub"], ["--epub", "-q"] + names + ["--output-dir", "q"],
                     ["--epub", "--json"] + names + ["--output-dir", "j"]] {
            let (_, quiet) = try onTerminal(args, in: tmp.path)
            #expect(!quiet.contains("elapsed") && !quiet.contains("\u{1B}"), "\(args): \(quiet.debugDescription)")
        }
    }

    @Test func aPipeSeesNoBarAndTheSameMessagesForAnyJobs() throws {
        let tmp = try TemporaryDirectory()
        let names = try inputs(in: tmp)
        var seen: [String] = []
        for jobs in ["1", "4"] {
            let r = try Subprocess.run(cli(), ["--epub", "-j", jobs] + names + ["--output-dir", "out-\(jobs)"], environment: env, directory: tmp.path)
            #expect(r.status == 65)
            #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}"), "\(r.stderr.debugDescription)")
            seen.append(r.stderr)
        }
        #expect(seen[0] == seen[1])
        #expect(seen[0].split(separator: "\n").map { $0.prefix { $0 != ":" } } == ["warn.txt", "warn.txt", "bad.txt"], "\(seen[0])")
    }

    @Test func verboseNamesEachOutputAfterItsInput() throws {
        let tmp = try TemporaryDirectory()
        let names = try inputs(in: tmp)
        let r = try Subprocess.run(cli(), ["--epub", "--pdf", "-v"] + names + ["--output-dir", "out"], environment: env, directory: tmp.path)
        #expect(r.status == 65)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        // In input order: a's outputs, warn's warnings then outputs, bad's error, z's outputs.
        #expect(lines.map { $0.prefix { $0 != ":" } } == ["out/a.epub", "out/a.pdf", "warn.txt", "warn.txt", "out/warn.epub", "out/warn.pdf",
                                                          "bad.txt", "out/z.epub", "out/z.pdf"], "\(r.stderr)")
        for line in lines where line.hasPrefix("out/") {
            let path = String(line.prefix { $0 != ":" })
            let size = try #require(try FileManager.default.attributesOfItem(atPath: tmp.path + "/" + path)[.size] as? Int)
            let pages = path.hasSuffix(".pdf") ? ", 1 page" : ""
            #expect(line.hasPrefix("\(path): \(size) bytes\(pages), ") && line.hasSuffix(" ms"), "\(line)")
        }
        let both = try Subprocess.run(cli(), ["--epub", "-v", "-q", "a.txt"], environment: env, directory: tmp.path)
        #expect(both.status == 64 && both.stderr.contains("use either --verbose or --quiet, not both"), "\(both.stderr)")
    }
}
