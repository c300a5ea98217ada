@testable import ArtExportCore
@testable import ArtExportEPUB
@testable import ArtExportPDF
import Foundation
import TestSupport
import Testing

@Suite struct LocalPathTests {
    @Test func plainNamesShowAsWritten() {
        #expect(LocalPath("samples/long-form.txt").description == "samples/long-form.txt")
        #expect(LocalPath("Ελληνικά/日本語.txt").description == "Ελληνικά/日本語.txt")
    }

    @Test func oddNamesAreQuotedAndEscaped() {
        #expect(LocalPath("a\nb.txt").description == #""a\nb.txt""#)
        #expect(LocalPath(bytes: Array("caf".utf8) + [0xE9] + Array(".txt".utf8)).description == #""caf\xE9.txt""#)
        #expect(LocalPath("").description == #""""#)
        #expect(LocalPath("x\u{202E}txt.exe").description == #""x\xE2\x80\xAEtxt.exe""#)   // a bidi override cannot reorder a message
        #expect(LocalPath("say \"hi\"\t.txt").description == #""say \"hi\"\t.txt""#)
    }

    @Test func components() {
        let p = LocalPath("a/b/c.tar.txt")
        #expect(p.directory == "a/b")
        #expect(p.lastComponent == "c.tar.txt")
        #expect(p.stem == "c.tar")
        #expect(LocalPath("c").directory == ".")
        #expect(LocalPath("/c").directory == "/")
        #expect(LocalPath(".profile").stem == ".profile")
        #expect(LocalPath("out/").appending("a.epub") == "out/a.epub")
    }
}

@Suite struct ByteCountTests {
    @Test func parses() {
        #expect(ByteCount.parse("123") == 123)
        #expect(ByteCount.parse("64M") == 64 << 20)
        #expect(ByteCount.parse("64 MiB") == 64 << 20)
        #expect(ByteCount.parse("1.5G") == 3 << 29)
        #expect(ByteCount.parse("2kb") == 2048)
        for bad in ["", "M", "0", "-1", "12X", "1e9", "999999999999G"] { #expect(ByteCount.parse(bad) == nil, "\(bad)") }
    }

    @Test func describes() {
        #expect(ByteCount.describe(64 << 20) == "64 MiB")
        #expect(ByteCount.describe(70_000_000) == "66.8 MiB")
        #expect(ByteCount.describe(1024) == "1 KiB")
        #expect(ByteCount.describe(40) == "40 bytes")
    }
}

@Suite struct OutputPlanTests {
    @Test func sameFileUnderTwoSpellingsClashes() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", [0x41])
        try FileManager.default.createDirectory(atPath: tmp.path + "/x", withIntermediateDirectories: false)
        let jobs = [
            ExportJob(input: .file(LocalPath(tmp.path + "/a.txt")), outputs: [(.epub, .file(LocalPath(tmp.path + "/./x/../a.txt")))]),
        ]
        #expect(OutputPlan.clashes(in: jobs).count == 1)
        let twoNew = [
            ExportJob(input: .standardInput, outputs: [(.epub, .file(LocalPath(tmp.path + "/new/n.epub")))]),
            ExportJob(input: .bytes([], name: "x"), outputs: [(.epub, .file(LocalPath(tmp.path + "/new/../new/n.epub")))]),
        ]
        #expect(OutputPlan.clashes(in: twoNew) == ["- and x would both be written to \(tmp.path)/new/n.epub and \(tmp.path)/new/../new/n.epub (the same file)"])
        let fine = [
            ExportJob(input: .file(LocalPath(tmp.path + "/a.txt")), outputs: [(.epub, .file(LocalPath(tmp.path + "/a.epub"))), (.pdf, .standardOutput)]),
        ]
        #expect(OutputPlan.clashes(in: fine).isEmpty)
    }
}

@Suite struct FileIOTests {
    /// Staged outputs change nothing until committed, and a discard leaves no trace.
    @Test func stageCommitAndDiscard() throws {
        let tmp = try TemporaryDirectory()
        let target = LocalPath(tmp.path + "/out.bin")
        let before = TemporaryFiles.count
        let staged = try FileIO.stage([1, 2, 3], for: target)
        #expect(!FileIO.exists(target))
        #expect(tmp.files().count == 1 && tmp.files()[0].hasPrefix(".artexport-"))
        try staged.commit()
        #expect(Repo.bytes(atPath: target.string) == [1, 2, 3])
        let second = try FileIO.stage([4], for: target)
        second.discard()
        #expect(Repo.bytes(atPath: target.string) == [1, 2, 3])
        #expect(tmp.files() == ["out.bin"])
        #expect(TemporaryFiles.count == before)
    }

    @Test func readRefusesWhatIsNotARegularFile() throws {
        let tmp = try TemporaryDirectory()
        #expect(mkfifo(tmp.path + "/f", 0o600) == 0)
        #expect(throws: ExportError(.missingInput, file: tmp.path + "/f",
                                   "is a FIFO (named pipe), not a regular file; give an article file, or - to read standard input")) {
            try FileIO.read(path: LocalPath(tmp.path + "/f"))
        }
        let big = try tmp.write("big", [UInt8](repeating: 0x41, count: 2000))
        #expect(throws: ExportError.self) { try FileIO.read(path: LocalPath(big), limit: 1999) }
        #expect(try FileIO.read(path: LocalPath(big), limit: 2000).count == 2000)
    }
}

@Suite struct TimestampTests {
    /// An article date late on 31 December 9999 in a western zone is already
    /// the year 10000 in UTC, which no EPUB or PDF date can hold: it is refused
    /// with the line; the last representable instant is accepted and valid.
    @Test func fourDigitYearsOnly() throws {
        let late = Array("| title | date |\n|---|---|\n| T | 9999-12-31T23:00:00-05:00 |\nText.\n".utf8)
        #expect(throws: ExportError.self) { try ArtExport.read(late, file: "t.txt") }
        let last = Array("| title | date |\n|---|---|\n| T | 9999-12-31T23:59:59Z |\nText.\n".utf8)
        let (article, _) = try ArtExport.read(last, file: "t.txt")
        let time = ArtExport.timestamp(for: article, sourceDateEpoch: nil, now: { 0 })
        #expect(time.iso8601 == "9999-12-31T23:59:59Z")
        #expect(ArtExport.timestamp(for: article, sourceDateEpoch: -99_999_999_999, now: { 0 }).iso8601 == "1000-01-01T00:00:00Z")
        #expect(ArtExport.timestamp(for: article, sourceDateEpoch: .max, now: { 0 }).iso8601 == "9999-12-31T23:59:59Z")
        let report = try EPUBCheck.check(try EPUBExporter().export(article, modified: time), name: "late-date")
        #expect(report.errors == 0 && report.warnings == 0, "\(report.messages)")
    }
}

@Suite struct ErrorLocationTests {
    /// A writer's error names the input file (not the article's title), once, at the job.
    @Test func writerErrorsNameTheInput() throws {
        let tmp = try TemporaryDirectory()
        let article = Article(metadata: Metadata(title: "A Title"), blocks: [.paragraph([.footnoteReference("gone")])])
        #expect(throws: ExportError(.badInput, "a footnote reference names `gone`, which no footnote defines; add the footnote or remove the reference")) {
            try EPUBExporter().export(article, modified: UTCTime(secondsSinceEpoch: 0))
        }
        let e = ExportError(.badInput, line: 4, "what went wrong")
        #expect(e.description == "line 4: what went wrong")
        #expect(e.located(in: "in.txt").description == "in.txt:4: what went wrong")
        #expect(ExportError(.badInput, file: "a.txt", "x").located(in: "b.txt").description == "a.txt: x")
        // A job names its input in a reader's error too (bytes from a store have no path).
        let job = ExportJob(input: .bytes([], name: "store/42"), outputs: [(.pdf, .file(LocalPath(tmp.path + "/x.pdf")))])
        #expect(job.run(options: ExportOptions(writers: [EPUBExporter(), PDFExporter()])).error?.description.hasPrefix("store/42:") == true)
    }
}
