import Foundation
import TestSupport
import Testing

/// `make install` with the executables this test run built (BIN_DIR), so nothing
/// is rebuilt: every file lands where shells and man look for it, and works.
@Suite struct InstallTests {
    init() { TestCache.isolate() }

    func cli() throws -> String { try #require(Repo.cli, "the artexport binary is not built; run `make test`") }

    @Test func installsExecutablesCompletionsAndManPage() throws {
        let tmp = try TemporaryDirectory()
        let bin = URL(fileURLWithPath: try cli()).resolvingSymlinksInPath().deletingLastPathComponent().path
        let make = try #require(Subprocess.which("make"))
        let r = try Subprocess.run(make, ["-s", "install", "DESTDIR=\(tmp.path)/root", "PREFIX=/usr", "BIN_DIR=\(bin)"], directory: Repo.root)
        #expect(r.status == 0, "\(r.stderr)")
        let usr = tmp.path + "/root/usr"
        let files = ["bin/artexport", "bin/artexport-pdf", "share/bash-completion/completions/artexport", "share/zsh/site-functions/_artexport",
                     "share/fish/vendor_completions.d/artexport.fish", "share/man/man1/artexport.1"]
        for file in files {
            #expect(FileManager.default.fileExists(atPath: usr + "/" + file), "\(file) was not installed")
        }
        #expect(FileManager.default.isExecutableFile(atPath: usr + "/bin/artexport") && FileManager.default.isExecutableFile(atPath: usr + "/bin/artexport-pdf"))

        // The installed program runs, and hands a PDF run to the artexport-pdf installed beside it.
        let version = try Subprocess.run(usr + "/bin/artexport", ["--version"])
        let built = try Subprocess.run(try cli(), ["--version"])
        #expect(version.status == 0 && version.stdout == built.stdout)
        _ = try tmp.write("a.txt", Array("| title |\n|---|\n| T |\nSome text.\n".utf8))
        let pdf = try Subprocess.run(usr + "/bin/artexport", ["--pdf", "a.txt"], environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: tmp.path)
        #expect(pdf.status == 0, "\(pdf.stderr)")
        #expect(Repo.bytes(atPath: tmp.path + "/a.pdf").starts(with: Array("%PDF-".utf8)))

        // Each shell's script offers the options, in that shell's own spelling.
        for file in files where file.hasPrefix("share/") && !file.hasSuffix(".1") {
            let script = String(decoding: Repo.bytes(atPath: usr + "/" + file), as: UTF8.self)
            for option in ["epub", "json", "output-dir"] {
                #expect(script.contains(file.hasSuffix(".fish") ? "-l '\(option)'" : "--\(option)"), "\(option) in \(file)")
            }
        }
        let bash = try Subprocess.run(try #require(Subprocess.which("bash")), ["-n", usr + "/share/bash-completion/completions/artexport"])
        #expect(bash.status == 0, "\(bash.stderr)")

        // The page renders without a warning and shows every option the parser knows.
        let page = usr + "/share/man/man1/artexport.1"
        let source = String(decoding: Repo.bytes(atPath: page), as: UTF8.self)
        #expect(source.contains(".TH ARTEXPORT 1 "), "\(source.prefix(200))")
        let help = String(decoding: try Subprocess.run(try cli(), ["--help"]).stdout, as: UTF8.self)
        let options = Set(help.split(whereSeparator: { " ,\n".contains($0) }).filter { $0.hasPrefix("--") && $0.count > 2 }.map(String.init))
        #expect(options.isSuperset(of: ["--epub", "--pdf", "--json", "--verbose", "--output-dir", "--jobs"]), "\(options)")
        if let groff = Subprocess.which("groff") {
            let shown = try Subprocess.run(groff, ["-man", "-Tutf8", "-ww", "-P-cbou", page])
            #expect(shown.status == 0 && shown.stderr.isEmpty, "\(shown.stderr)")
            let text = String(decoding: shown.stdout, as: UTF8.self)
            for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXAMPLES", "EXIT STATUS"] {
                #expect(text.contains("\n" + section + "\n"), "\(section) in\n\(text)")
            }
            for option in options { #expect(text.contains(option), "\(option) is not in the man page") }
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines.contains { $0.hasPrefix("65  an input is not a valid article") }, "the exit status table is reflowed:\n\(text)")
        } else {
            for option in options { #expect(source.contains(option.replacingOccurrences(of: "-", with: "\\-")), "\(option)") }
        }
    }
}
