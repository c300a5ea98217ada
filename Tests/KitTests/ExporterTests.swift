import ArtExportKit
import Foundation
import Synchronization
import TestSupport
import Testing

/// The library's front door as a newsletter system uses it: the same files as the
/// command line, editions in memory, batches that isolate a bad input, and the
/// example program.
@Suite struct ExporterTests {
    let exporter = Exporter(sourceDateEpoch: 1_700_000_000)

    @Test func theSameFilesAsTheCommandLine() throws {
        let tmp = try TemporaryDirectory()
        let input = try tmp.write("world.txt", Repo.read("samples/world.txt"))
        let cli = try #require(Repo.cli)
        let r = try Subprocess.run(cli, ["--epub", "--pdf", input, "-o", tmp.path + "/cli"], environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let (article, _) = try exporter.article(contentsOf: input)
        let editions = try exporter.editions(of: article)
        #expect(editions.epub == Repo.bytes(atPath: tmp.path + "/cli.epub"))
        #expect(editions.pdf == Repo.bytes(atPath: tmp.path + "/cli.pdf"))
        #expect(editions.pages >= 1)
        // Made alone, an EPUB has no page list.
        let alone = try exporter.epub(of: article)
        #expect(alone.count < editions.epub.count)
    }

    @Test func readingFromTextAndBytes() throws {
        let text = "| title | author |\n|---|---|\n| Dues | Ann |\n\nThe board raised the dues.\n"
        let (a, _) = try exporter.article(from: text, name: "store:1")
        let (b, _) = try exporter.article(from: Array(text.utf8), name: "store:1")
        #expect(a == b && a.metadata.title == "Dues")
        #expect { _ = try exporter.article(from: "| title |\n|---|\n", name: "store:2") } throws: {
            ($0 as? ExportError)?.diagnostic.file == "store:2"
        }
        let (md, _) = try exporter.article(from: "---\ntitle: M\n---\n\nText *here*.\n", name: "m", format: .markdown)
        #expect(md.metadata.title == "M")
    }

    @Test func aBatchIsolatesABadInputAndRefusesClashes() throws {
        let tmp = try TemporaryDirectory()
        let good = try tmp.write("in/good.txt", Repo.read("samples/world.txt"))
        let bad = try tmp.write("in/bad.txt", Array("| title | author |\n|---|---|\n| one |\nText.\n".utf8))
        let issue = try tmp.write("in/issue.yaml", Array("newsletter: N\narticles: [good.txt]\n".utf8))
        let events = EventLog()
        let results = exporter.batch([good, bad, issue], formats: [.epub], naming: OutputNaming(folder: LocalPath(tmp.path + "/out"), formats: [.epub]),
                                     jobs: 2, progress: { events.add($0) })
        #expect(results.map(\.errors.isEmpty) == [true, false, true])
        #expect(results[1].error?.diagnostic.line == 3 && results[1].error?.exitCode == 65)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/out")) == ["good.epub", "issue.epub"])
        #expect(events.finished == 3)
        // A library caller gets each output's digest (ExportOptions' default), as `sha256sum` gives it.
        let written = try #require(results[0].outputs.first)
        let sum = try Subprocess.run(try #require(Subprocess.which("sha256sum")), [tmp.path + "/out/good.epub"])
        #expect(written.sha256.map { String(decoding: sum.stdout, as: UTF8.self).hasPrefix($0 + " ") } == true, "\(String(describing: written.sha256))")
        // Two inputs named alike would write one file: nothing is written at all.
        let twin = try tmp.write("other/good.txt", Repo.read("samples/fr-article.txt"))
        let clash = exporter.batch([good, twin], formats: [.epub], naming: OutputNaming(folder: LocalPath(tmp.path + "/clash"), formats: [.epub]))
        #expect(clash.allSatisfy { $0.error?.exitCode == 64 } && !FileManager.default.fileExists(atPath: tmp.path + "/clash"))
    }

    @Test func theExampleProgram() throws {
        let example = try #require(Repo.cli.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("newsroom-example").path },
                                   "the example is built with the tests")
        let tmp = try TemporaryDirectory()
        let r = try Subprocess.run(example, [Repo.path("samples/issue.yaml"), tmp.path + "/out"], directory: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/out"))
        #expect(files.isSuperset(of: ["issue.epub", "issue.pdf", "store-4711.epub", "field-report.pdf"]), "\(files)")
        let report = try EPUBCheck.check(Repo.bytes(atPath: tmp.path + "/out/store-4711.epub"), name: "store")
        #expect(report.errors == 0 && report.warnings == 0, "\(report.messages)")
    }
}

/// Progress events, counted from the threads that send them.
final class EventLog: Sendable {
    private let count = Mutex(0)
    func add(_ event: Batch.Event) { if case .finished = event { count.withLock { $0 += 1 } } }
    var finished: Int { count.withLock { $0 } }
}
