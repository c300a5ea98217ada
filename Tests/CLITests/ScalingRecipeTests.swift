import Foundation
import TestSupport
import Testing

/// docs/scaling.md's GNU parallel recipe, run as the page writes it, on this machine
/// (`hosts=:`, two shards two at a time): each article goes to exactly one artexport
/// run, and the outputs are those of one serial run, byte for byte, each written once.
@Suite struct ScalingRecipeTests {
    init() { TestCache.isolate() }

    /// The shell block after "## GNU parallel over ssh hosts", its settings replaced.
    static func recipe(settings: [String: String]) throws -> String {
        let doc = String(decoding: Repo.read("docs/scaling.md"), as: UTF8.self)
        let section = try #require(doc.range(of: "## GNU parallel over ssh hosts"), "docs/scaling.md lost its parallel section")
        let rest = doc[section.upperBound...]
        let start = try #require(rest.range(of: "```sh\n")), end = try #require(rest[start.upperBound...].range(of: "```"))
        var lines = rest[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (name, value) in settings {
            let index = try #require(lines.firstIndex { $0.hasPrefix(name + "=") }, "the recipe sets no \(name)")
            lines[index] = "\(name)=\(value)"
        }
        return lines.joined(separator: "\n")
    }

    @Test func theParallelRecipeWritesEveryOutputOnceAsASerialRunDoes() throws {
        let cli = try #require(Repo.cli, "the artexport binary is not built; run `make test`")
        try #require(Subprocess.which("parallel") != nil, "GNU parallel is not installed; run `make test`, which installs it")
        let tmp = try TemporaryDirectory()
        // Short articles (a few hundred words): the recipe, not the typesetter, is tested.
        let generator = GeneratedArticles(samples: Repo.goodInputs.filter { $0.hasPrefix("samples/") }.map { String(decoding: Repo.read($0), as: UTF8.self) },
                                          seed: 7, words: 250)
        let count = 6
        for n in 1...count { _ = try tmp.write("articles/" + GeneratedArticles.fileName(n), Array(generator.article(n).utf8)) }
        // artexport as the recipe finds it on PATH: a wrapper that logs its inputs, one run per line.
        let wrapper = """
            #!/bin/sh
            printf '%s\\n' "$*" >>\(tmp.path)/runs.log
            exec \(cli) "$@"

            """
        let bin = try tmp.write("bin/artexport", Array(wrapper.utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin)

        let script = try Self.recipe(settings: ["dir": tmp.path, "hosts": ":", "per_host": "2", "shards": "2"])
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let run = try Subprocess.run("/bin/bash", ["-euo", "pipefail", "-c", script],
                                     environment: ["PATH": tmp.path + "/bin:" + path, "SOURCE_DATE_EPOCH": "1700000000"],
                                     directory: tmp.path)
        #expect(run.status == 0, "the recipe failed: \(run.stderr)")

        // Two shards, two runs; every article in exactly one of them.
        let runs = String(decoding: Repo.bytes(atPath: tmp.path + "/runs.log"), as: UTF8.self).split(separator: "\n")
        #expect(runs.count == 2, "\(runs)")
        let given = runs.flatMap { $0.split(separator: " ").filter { $0.hasSuffix(".txt") }.map(String.init) }
        let articles = (1...count).map { "articles/" + GeneratedArticles.fileName($0) }
        #expect(given.sorted() == articles, "\(given)")

        let serial = try Subprocess.run(cli, ["--epub", "--pdf"] + articles + ["--output-dir", "serial"],
                                        environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: tmp.path)
        #expect(serial.status == 0, "\(serial.stderr)")
        let expected = articles.flatMap { a in ["epub", "pdf"].map { String(a.dropFirst("articles/".count).dropLast(4)) + "." + $0 } }.sorted()
        let written = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path + "/out")) ?? []
        #expect(written.sorted() == expected, "out/ holds \(written.sorted())")
        for name in expected {
            let ours = Repo.bytes(atPath: tmp.path + "/out/" + name)
            #expect(!ours.isEmpty && ours == Repo.bytes(atPath: tmp.path + "/serial/" + name), "\(name) differs from the serial run's")
        }
    }
}
