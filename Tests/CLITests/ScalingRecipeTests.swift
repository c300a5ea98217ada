import Foundation
import TestSupport
import Testing

/// docs/scaling.md's GNU parallel recipe, run as the page writes it, on this machine
/// (`hosts=:`, two shards two at a time): each article goes to exactly one artexport
/// run, and the outputs are those of one serial run, byte for byte, each written once.
/// And its two report merges (jq, Python), as it writes them, on two shards' reports.
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

    /// The shell blocks after "## Merging the shards' reports": the one that runs `jq`, and the one that runs `python3`.
    static func merges() throws -> (jq: String, python: String) {
        let doc = String(decoding: Repo.read("docs/scaling.md"), as: UTF8.self)
        let section = try #require(doc.range(of: "## Merging the shards' reports"), "docs/scaling.md lost its merge section")
        var rest = doc[section.upperBound...]
        if let next = rest.range(of: "\n## ") { rest = rest[..<next.lowerBound] }
        let blocks = rest.matches(of: /```sh\n((?s).*?)```/).map { String($0.output.1) }
        let jq = try #require(blocks.first { $0.hasPrefix("jq ") }, "no jq merge in \(blocks)")
        let python = try #require(blocks.first { $0.hasPrefix("python3 ") }, "no Python merge in \(blocks)")
        return (jq, python)
    }

    @Test func theReportMergesGiveOneValidReportOfEveryInput() throws {
        let cli = try #require(Repo.cli, "the artexport binary is not built; run `make test`")
        try #require(Subprocess.which("jq") != nil, "jq is not installed (the Makefile's DEBIAN_TEST should install it)")
        let (jq, python) = try Self.merges()
        let tmp = try TemporaryDirectory()
        let generator = GeneratedArticles(samples: Repo.goodInputs.filter { $0.hasPrefix("samples/") }.map { String(decoding: Repo.read($0), as: UTF8.self) },
                                          seed: 11, words: 200)
        let articles = (1...5).map { "articles/" + GeneratedArticles.fileName($0) }
        for (n, path) in articles.enumerated() { _ = try tmp.write(path, Array(generator.article(n + 1).utf8)) }
        // A failed input too, so `failed` and the error fields are summed and carried.
        _ = try tmp.write("articles/bad.txt", Array("| title | author |\n|---|---|\n| one cell |\nText.\n".utf8))
        let shards = [Array(articles.prefix(3)), Array(articles.dropFirst(3)) + ["articles/bad.txt"]]
        var reports: [[String: Any]] = []
        for (n, shard) in shards.enumerated() {
            let r = try Subprocess.run(cli, ["--epub", "--pdf", "--json"] + shard + ["--output-dir", "out"],
                                       environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: tmp.path)
            #expect(r.status == (n == 1 ? 65 : 0), "\(r.stderr)")
            _ = try tmp.write("reports/report-\(n).json", r.stdout)
            reports.append(try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any]))
        }
        let shardInputs = reports.flatMap { ($0["inputs"] as? [[String: Any]]) ?? [] }
        #expect(shardInputs.count == 6)

        var merged: [[String: Any]] = []
        for (name, script) in [("jq", jq), ("Python", python)] {
            let run = try Subprocess.run("/bin/bash", ["-euo", "pipefail", "-c", script], directory: tmp.path)
            #expect(run.status == 0, "the \(name) merge failed: \(run.stderr)")
            let bytes = Repo.bytes(atPath: tmp.path + "/report.json")
            try FileManager.default.removeItem(atPath: tmp.path + "/report.json")
            let violations = try JSONSchema.violations(of: bytes, schema: Repo.path("docs/report.schema.json"))
            #expect(violations == [], "the \(name) merge breaks docs/report.schema.json: \(violations)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "\(name): \(String(decoding: bytes, as: UTF8.self))")
            #expect(report["version"] as? Int == 1 && report["artexportVersion"] as? String == reports[0]["artexportVersion"] as? String, "\(name)")
            let inputs = try #require(report["inputs"] as? [[String: Any]], "\(name)")
            // Every input once, as its shard reported it, the shards in order.
            let names = inputs.compactMap { $0["input"] as? String }
            #expect(names == shardInputs.compactMap { $0["input"] as? String } && names.sorted() == (articles + ["articles/bad.txt"]).sorted(), "\(name): \(names)")
            #expect(NSArray(array: inputs).isEqual(to: shardInputs), "\(name): the inputs as the shards reported them")
            // The totals are the shards' sums, and true of the merged inputs.
            let totals = try #require(report["totals"] as? [String: Any], "\(name)")
            let shardTotals = reports.compactMap { $0["totals"] as? [String: Any] }
            for key in ["inputs", "exported", "failed", "outputs", "bytes"] {
                #expect(totals[key] as? Int == shardTotals.reduce(0) { $0 + (($1[key] as? Int) ?? -1_000_000) }, "\(name): totals.\(key)")
            }
            let ms = shardTotals.reduce(0.0) { $0 + (($1["ms"] as? Double) ?? -1_000_000) }
            #expect(abs((totals["ms"] as? Double ?? -1) - ms) < 0.001, "\(name): totals.ms")
            let outputs = inputs.flatMap { ($0["outputs"] as? [[String: Any]]) ?? [] }
            #expect(totals["inputs"] as? Int == 6 && totals["exported"] as? Int == 5 && totals["failed"] as? Int == 1, "\(name): \(totals)")
            #expect(totals["outputs"] as? Int == outputs.count && outputs.count == 10, "\(name): \(totals)")
            #expect(totals["bytes"] as? Int == outputs.reduce(0) { $0 + (($1["bytes"] as? Int) ?? 0) }, "\(name): \(totals)")
            merged.append(report)
        }
        #expect(merged.count == 2 && NSDictionary(dictionary: merged[0]).isEqual(to: merged[1]), "jq and Python merge alike")
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
