@testable import ArtExportCore
import ArtExportEPUB
import ArtExportPDF
import Foundation
import Synchronization
import TestSupport
import Testing

/// A batch's progress events and what each result says of its outputs.
@Suite struct BatchTests {
    init() { TestCache.isolate() }

    let good = Array("| title |\n|---|\n| T |\nFirst words here.\nMore words.\n".utf8)
    let bad = Array("| title | author |\n|---|---|\n| one cell |\nText.\n".utf8)

    func jobs(in tmp: TemporaryDirectory, count: Int) -> [ExportJob] {
        (0..<count).map { i in
            ExportJob(input: .bytes(i == 1 ? bad : good, name: "in-\(i)"),
                      outputs: [(.epub, .file(LocalPath(tmp.path + "/out-\(i).epub")))])
        }
    }

    /// Each input starts once, then finishes once with the result the batch returns for it.
    @Test(arguments: [1, 3])
    func everyInputStartsAndFinishesOnce(parallelism: Int) async throws {
        let tmp = try TemporaryDirectory()
        let options = ExportOptions(writers: [EPUBExporter()], sourceDateEpoch: 1_700_000_000)
        for synchronous in [true, false] {
            let events = Mutex<[Batch.Event]>([])
            let record: Batch.ProgressHandler = { event in events.withLock { $0.append(event) } }
            let results = synchronous
                ? Batch.runSynchronously(jobs(in: tmp, count: 5), options: options, parallelism: parallelism, progress: record)
                : await Batch.run(jobs(in: tmp, count: 5), options: options, parallelism: parallelism, progress: record)
            let seen = events.withLock { $0 }
            #expect(seen.count == 10)
            for index in 0..<5 {
                let mine = seen.enumerated().filter {
                    switch $0.element {
                    case .started(let i, _), .finished(let i, _): return i == index
                    }
                }
                guard mine.count == 2, case .started(_, let name) = mine[0].element, case .finished(_, let result) = mine[1].element else {
                    Issue.record("input \(index): \(mine.map(\.element))")
                    continue
                }
                #expect(name == "in-\(index)")
                #expect(result.input == results[index].input && result.errors == results[index].errors)
                #expect(result.outputs == results[index].outputs)
            }
            #expect(results.map { $0.errors.isEmpty } == [true, false, true, true, true])
        }
    }

    /// Path, size and digest of every output, a PDF's pages, the words read and the time taken.
    @Test func resultsDescribeWhatWasWritten() throws {
        let tmp = try TemporaryDirectory()
        let epub = tmp.path + "/a.epub", pdf = tmp.path + "/a.pdf"
        let job = ExportJob(input: .bytes(good, name: "in.txt"), outputs: [(.epub, .file(LocalPath(epub))), (.pdf, .file(LocalPath(pdf)))])
        let result = job.run(options: ExportOptions(writers: [EPUBExporter(), PDFExporter()], sourceDateEpoch: 1_700_000_000))
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.outputs.map(\.format) == [.epub, .pdf])
        #expect(result.outputs.map(\.path) == [epub, pdf] && result.written == [epub, pdf])
        for (output, path) in zip(result.outputs, [epub, pdf]) {
            #expect(output.bytes == Repo.bytes(atPath: path).count)
            // A second implementation of the digest.
            let sum = try Subprocess.run(try #require(Subprocess.which("sha256sum")), [path])
            let sha256 = try #require(output.sha256)
            #expect(String(decoding: sum.stdout, as: UTF8.self).hasPrefix(sha256 + " "), "\(sha256)")
            #expect(output.duration > .zero)
        }
        #expect(result.outputs[0].pages == nil)
        #expect(result.outputs[1].pages == 1)
        #expect(result.words == 5)
        #expect(result.duration >= result.outputs[0].duration + result.outputs[1].duration)

        var options = ExportOptions(writers: [EPUBExporter()], sourceDateEpoch: 1_700_000_000)
        options.digests = false
        let undigested = ExportJob(input: .bytes(good, name: "in.txt"), outputs: [(.epub, .file(LocalPath(tmp.path + "/c.epub")))]).run(options: options)
        // (An EPUB made alone has no page list: smaller than the one made with the PDF.)
        #expect(undigested.outputs.map(\.sha256) == [nil] && undigested.outputs.map(\.bytes) == [Repo.bytes(atPath: tmp.path + "/c.epub").count])
        #expect(undigested.outputs[0].bytes < result.outputs[0].bytes)

        let failed = ExportJob(input: .bytes(bad, name: "bad.txt"), outputs: [(.epub, .file(LocalPath(tmp.path + "/b.epub")))])
            .run(options: ExportOptions(writers: [EPUBExporter()]))
        #expect(failed.outputs.isEmpty && failed.words == nil && failed.error?.diagnostic.line == 3)
    }
}
