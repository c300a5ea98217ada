@testable import ArtExportCore
import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// The job runs the writers it is given, and names the input in whatever they report.
@Suite struct ExportJobTests {
    /// A writer that warns and then fails on a line, naming no file, as real writers do.
    struct Complaining: FormatWriter {
        var format: ExportJob.Format { .pdf }
        var fail: Bool
        func write(_ article: Article, theme: Theme, modified: UTCTime) throws(ExportError) -> WrittenOutput {
            if fail { throw ExportError(.badInput, line: 3, "cannot set this") }
            return WrittenOutput(bytes: Array("%PDF".utf8), warnings: [Diagnostic(file: "", line: nil, severity: .warning, message: "odd")])
        }
    }

    let article = Array("| title |\n|---|\n| T |\nText.\n".utf8)

    @Test func aFormatWithoutAWriterIsExit69AndWritesNothing() throws {
        let tmp = try TemporaryDirectory()
        let job = ExportJob(input: .bytes(article, name: "store/7"),
                            outputs: [(.epub, .file(LocalPath(tmp.path + "/a.epub"))), (.pdf, .file(LocalPath(tmp.path + "/a.pdf")))])
        let result = job.run(options: ExportOptions(writers: [EPUBExporter()]))
        #expect(result.error?.exitCode == 69)
        #expect(result.error?.description.hasPrefix("store/7: ") == true, "\(String(describing: result.error))")
        #expect(tmp.files().isEmpty, "the EPUB was written although the job failed: \(tmp.files())")
    }

    @Test func writersReportAndTheJobNamesTheInput() throws {
        let tmp = try TemporaryDirectory()
        let out = LocalPath(tmp.path + "/a.pdf")
        let ok = ExportJob(input: .bytes(article, name: "in.txt"), outputs: [(.pdf, .file(out))])
            .run(options: ExportOptions(writers: [Complaining(fail: false)]))
        #expect(ok.errors.isEmpty)
        #expect(ok.warnings.map(\.description) == ["in.txt: warning: odd"])
        #expect(Repo.bytes(atPath: out.description) == Array("%PDF".utf8))
        let failed = ExportJob(input: .bytes(article, name: "in.txt"), outputs: [(.pdf, .file(LocalPath(tmp.path + "/b.pdf")))])
            .run(options: ExportOptions(writers: [Complaining(fail: true)]))
        #expect(failed.error?.description == "in.txt:3: cannot set this")
        #expect(failed.error?.exitCode == 65)
    }
}
