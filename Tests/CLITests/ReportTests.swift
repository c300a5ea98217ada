import Foundation
import TestSupport
import Testing

/// `--json`: the real binary's report on a batch with a good input, one with
/// warnings and a bad one, checked against docs/report.schema.json by another
/// validator, and against the files themselves by other tools.
@Suite struct ReportTests {
    init() { TestCache.isolate() }

    static let schema = Repo.path("docs/report.schema.json")
    let env = ["SOURCE_DATE_EPOCH": "1700000000"]

    func cli() throws -> String { try #require(Repo.cli, "the artexport binary is not built; run `make test`") }

    /// 3 + 2 + 3 words in the body, 3 in the bio; the title's are not counted.
    let good = Array("| title | author |\n|---|---|\n| Good Title | Ann Author |\nOne two three.\nA Heading\nFour five six.\nAnn Author writes.\n".utf8)
    let bad = Array("| title | author |\n|---|---|\n| one cell |\nText.\n".utf8)

    func batch(in tmp: TemporaryDirectory) throws {
        _ = try tmp.write("good.txt", good)
        _ = try tmp.write("warn.txt", Repo.read("Tests/Fixtures/control-chars.txt"))
        _ = try tmp.write("bad.txt", bad)
    }

    func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "\(String(decoding: bytes, as: UTF8.self))")
    }

    @Test func aBatchReportIsValidAndTrue() throws {
        let tmp = try TemporaryDirectory()
        try batch(in: tmp)
        let r = try Subprocess.run(cli(), ["--epub", "--pdf", "--json", "good.txt", "warn.txt", "bad.txt", "--output-dir", "out"],
                                   environment: env, directory: tmp.path)
        #expect(r.status == 65, "\(r.stderr)")
        // Messages still go to standard error; standard output is the report alone.
        #expect(r.stderr.contains("warn.txt:3: warning: ") && r.stderr.contains("bad.txt:3: the value row has 1 cell"), "\(r.stderr)")
        #expect(try JSONSchema.violations(of: r.stdout, schema: Self.schema) == [])

        let report = try object(r.stdout)
        #expect(report["version"] as? Int == 1)
        let version = try Subprocess.run(cli(), ["--version"])
        #expect(report["artexportVersion"] as? String == String(decoding: version.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        let inputs = try #require(report["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["input"] as? String } == ["good.txt", "warn.txt", "bad.txt"])
        #expect(inputs.map { $0["status"] as? String } == ["exported", "exported", "failed"])
        #expect(inputs[0]["words"] as? Int == 11)
        #expect((inputs[0]["warnings"] as? [Any])?.isEmpty == true && (inputs[0]["errors"] as? [Any])?.isEmpty == true)

        let warnings = try #require(inputs[1]["warnings"] as? [[String: Any]])
        #expect(warnings.map { "\($0["file"]!):\($0["line"]!): warning: \($0["message"]!)" }
                == r.stderr.split(separator: "\n").filter { $0.hasPrefix("warn.txt:") }.map(String.init))
        #expect(warnings.count == 2)

        let failed = inputs[2]
        #expect((failed["outputs"] as? [Any])?.isEmpty == true)
        #expect(failed["words"] is NSNull)
        let errors = try #require(failed["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors.first?["file"] as? String == "bad.txt" && errors.first?["line"] as? Int == 3 && errors.first?["exitCode"] as? Int == 65)
        #expect((errors.first?["message"] as? String)?.hasPrefix("the value row has 1 cell, the header has 2") == true)

        // Every output as the file on disk says, by tools that are not artexport.
        var bytes = 0
        for input in inputs.prefix(2) {
            let outputs = try #require(input["outputs"] as? [[String: Any]])
            #expect(outputs.map { $0["format"] as? String } == ["epub", "pdf"])
            for output in outputs {
                let path = try #require(output["path"] as? String)
                let file = tmp.path + "/" + path
                let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
                #expect(output["bytes"] as? Int == size, "\(path)")
                bytes += size
                let sum = try Subprocess.run(try #require(Subprocess.which("sha256sum")), [file])
                #expect(String(decoding: sum.stdout, as: UTF8.self).split(separator: " ").first.map(String.init) == output["sha256"] as? String, "\(path)")
                if output["format"] as? String == "pdf" {
                    let info = try Subprocess.run(try #require(Subprocess.which("pdfinfo"), "pdfinfo (poppler-utils)"), [file])
                    let pages = String(decoding: info.stdout, as: UTF8.self).split(separator: "\n")
                        .first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
                    #expect(output["pages"] as? Int == pages && pages != nil, "\(path)")
                } else {
                    #expect(output["pages"] == nil)
                }
            }
        }
        let totals = try #require(report["totals"] as? [String: Any])
        #expect(totals["inputs"] as? Int == 3 && totals["exported"] as? Int == 2 && totals["failed"] as? Int == 1)
        #expect(totals["outputs"] as? Int == 4 && totals["bytes"] as? Int == bytes)
        #expect((totals["ms"] as? Double ?? 0) > 0)
    }

    /// Only the times differ between two runs, whatever the number of jobs.
    @Test func theSameRunGivesTheSameReportButForTimes() throws {
        let tmp = try TemporaryDirectory()
        try batch(in: tmp)
        var reports: [String] = []
        for jobs in ["1", "3"] {
            let r = try Subprocess.run(cli(), ["--epub", "--json", "-j", jobs, "good.txt", "warn.txt", "bad.txt", "--output-dir", "out"],
                                       environment: env, directory: tmp.path)
            #expect(r.status == 65)
            let text = String(decoding: r.stdout, as: UTF8.self)
            #expect(text.contains("\"ms\": "))
            reports.append(text.replacingOccurrences(of: #""ms": [0-9.]+"#, with: "\"ms\": 0", options: .regularExpression))
        }
        #expect(reports[0] == reports[1])
        #expect(reports[0].hasPrefix("{\n  \"version\": 1,\n  \"artexportVersion\": "), "\(reports[0].prefix(80))")
    }

    /// The validation can fail: the schema refuses a report that lacks what it promises.
    @Test func theSchemaRefusesAReportWithAFieldRemoved() throws {
        let tmp = try TemporaryDirectory()
        try batch(in: tmp)
        let r = try Subprocess.run(cli(), ["--epub", "--pdf", "--json", "good.txt", "warn.txt", "bad.txt", "--output-dir", "out"],
                                   environment: env, directory: tmp.path)
        #expect(try JSONSchema.violations(of: r.stdout, schema: Self.schema) == [])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)))
        let paths: [[any Sendable]] = [
            ["version"], ["totals", "bytes"], ["inputs", 0, "words"], ["inputs", 0, "outputs", 1, "pages"],
            ["inputs", 0, "outputs", 0, "sha256"], ["inputs", 1, "warnings", 0, "line"], ["inputs", 2, "errors", 0, "exitCode"],
        ]
        for path in paths {
            let cut = try JSONSerialization.data(withJSONObject: try removing(path[...], from: report))
            let violations = try JSONSchema.violations(of: Array(cut), schema: Self.schema)
            #expect(violations.contains { $0.contains("is a required property") }, "\(path): \(violations)")
        }
    }

    func removing(_ path: ArraySlice<any Sendable>, from value: Any) throws -> Any {
        guard let key = path.first else { return value }
        if let index = key as? Int, var array = value as? [Any] {
            array[index] = try removing(path.dropFirst(), from: array[index])
            return array
        }
        var object = try #require(value as? [String: Any], "\(path)")
        let name = try #require(key as? String)
        #expect(object[name] != nil, "\(path)")
        object[name] = path.count == 1 ? nil : try removing(path.dropFirst(), from: object[name]!)
        return object
    }

    @Test func theReportCannotShareStandardOutput() throws {
        let tmp = try TemporaryDirectory()
        try batch(in: tmp)
        let r = try Subprocess.run(cli(), ["--epub", "--json", "good.txt", "-o", "-"], environment: env, directory: tmp.path)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--json writes its report on standard output"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
