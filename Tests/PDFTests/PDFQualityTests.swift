import ArtExportKit
import Foundation
import TestSupport
import Testing

/// Typesetting quality as ../shared/tools/pdf-metrics.py measures it from the
/// finished PDF: no overfull lines, widows, orphans or stranded headings, at most
/// two hyphenated lines in a row, and no more loose lines than typst sets on the
/// same article (its markup written by `artexport-bench typst`).
@Suite(.serialized) struct PDFQualityTests {
    static var python: String { Repo.path(".venv/bin/python") }

    static var metricsScript: String? {
        [Repo.path("../shared/tools/pdf-metrics.py"), "/work/shared/tools/pdf-metrics.py"]
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    static func metrics(_ pdf: String) throws -> [String: Any] {
        let script = try #require(metricsScript, "shared/tools/pdf-metrics.py not found beside the repository")
        let r = try Subprocess.run(python, [script, "--compact", pdf])
        #expect(r.status == 0, "pdf-metrics failed: \(r.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
    }

    static func int(_ m: [String: Any], _ path: String...) -> Int? {
        var value: Any? = m
        for key in path { value = (value as? [String: Any])?[key] }
        return value as? Int
    }

    @Test(arguments: Repo.goodInputs.filter { $0.hasPrefix("samples/") })
    func metricsBeatTypst(_ input: String) throws {
        let tmp = try TemporaryDirectory()
        let (article, _) = try ArtExport.read(Repo.read(input), file: input)
        let ours = try tmp.write("ours.pdf", try PDFExporter().export(article, modified: UTCTime(secondsSinceEpoch: 1_700_000_000)))
        let m = try Self.metrics(ours)
        #expect(Self.int(m, "overfull", "overfull_lines") == 0, "\(input): overfull lines")
        #expect(Self.int(m, "widows") == 0, "\(input): widows")
        #expect(Self.int(m, "orphans") == 0, "\(input): orphans")
        #expect(Self.int(m, "stranded_headings") == 0, "\(input): stranded headings")
        #expect((Self.int(m, "hyphens", "max_consecutive") ?? 99) <= 2, "\(input): more than 2 hyphens in a row")

        // typst on the same article.
        let bench = try #require(Repo.cli.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("artexport-bench").path },
                                 "artexport-bench is not built")
        let typ = try Subprocess.run(bench, ["typst", Repo.path(input)])
        #expect(typ.status == 0, "artexport-bench typst: \(typ.stderr)")
        let typPath = try tmp.write("peer.typ", typ.stdout)
        let peerPDF = tmp.path + "/peer.pdf"
        let compiled = try Subprocess.run(Self.python, [Repo.path("bench/peers/peers.py"), "typst", typPath, peerPDF],
                                          environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(compiled.status == 0, "typst failed: \(compiled.stderr)")
        let peer = try Self.metrics(peerPDF)
        let ourLoose = try #require(Self.int(m, "word_space", "loose_lines"))
        let typstLoose = try #require(Self.int(peer, "word_space", "loose_lines"))
        #expect(ourLoose <= typstLoose, "\(input): \(ourLoose) loose lines, typst \(typstLoose)")
    }
}
