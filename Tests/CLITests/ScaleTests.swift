import Foundation
import TestSupport
import Testing

/// Batches and issues far larger than the samples, from generated ~1,000-word articles
/// (`GeneratedArticles`): a batch's peak memory stays under 200 MB and does not grow with
/// its number of articles (each input is read, exported, written and let go before the
/// next is started), every output is written, and a 200-article issue builds with its
/// pages where each article alone would put them. Explicit `--jobs`, so the peaks do not
/// depend on the machine's cores.
@Suite(.serialized) struct ScaleTests {
    init() { TestCache.isolate() }

    static let limit = 200 * 1_048_576
    /// What the large batch may add to the small one's peak. Caches (fonts, hyphenation
    /// dictionaries, shaping) fill up with the first articles of each of the samples'
    /// languages and scripts; what is left is allocator noise, measured under 1.5 MB (debug
    /// build; EPUB 100 → 1,000 articles, 2 jobs: 28.2 → 29.4 MB; PDF 30 → 200, 1 job:
    /// 124.0 → 124.3 MB, after the samples). Keeping each article's model or output for the whole batch would add
    /// several times this (a stand-in keeping 20 KB per input failed the EPUB test).
    static let margin = 6 * 1_048_576

    /// The samples the articles are made from, as `artexport-bench generate` is given them.
    static let samples: [String] = Repo.goodInputs.filter { $0.hasPrefix("samples/") }.map { String(decoding: Repo.read($0), as: UTF8.self) }
    /// About 200 words (an opening, one section, the bio): the tests' binary is a debug
    /// build, ~20 times slower than the release one, and it is the number of articles that
    /// memory must not follow.
    static let generator = GeneratedArticles(samples: samples, words: 100)

    func cli() throws -> String {
        try #require(Repo.cli, "the artexport binary is not built; run `make test`")
    }

    /// Articles 1…count in `tmp/articles/`, by path.
    static func articles(_ count: Int, in tmp: TemporaryDirectory) throws -> [String] {
        try (1...count).map { n in try tmp.write("articles/" + GeneratedArticles.fileName(n), Array(generator.article(n).utf8)) }
    }

    /// Peak memory of one batch run over `files`, after checking that every output is there.
    func batchPeak(_ format: String, _ files: [String], jobs: Int = 2, in tmp: TemporaryDirectory, folder: String) throws -> Int {
        let out = tmp.path + "/" + folder
        let result = try PeakMemory.run(try cli(), ["--" + format, "--quiet", "--jobs", String(jobs), "--output-dir", out] + files)
        #expect(result.status == 0, "\(files.count) articles to \(format) failed")
        let written = Set((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [])
        let missing = files.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent + "." + format }.filter { !written.contains($0) }
        #expect(missing.isEmpty && written.count == files.count, "\(missing.count) of \(files.count) \(format) outputs missing: \(missing.prefix(5))")
        return result.peakBytes
    }

    func megabytes(_ bytes: Int) -> String { "\(bytes / 1_048_576) MB" }

    func expectFlat(_ format: String, _ small: (count: Int, peak: Int), _ large: (count: Int, peak: Int)) {
        #expect(small.peak < Self.limit && large.peak < Self.limit,
                "\(format): peak \(megabytes(small.peak)) for \(small.count) articles, \(megabytes(large.peak)) for \(large.count); the limit is 200 MB")
        #expect(large.peak <= small.peak + Self.margin,
                "\(format): \(large.count) articles peak at \(megabytes(large.peak)), \(small.count) at \(megabytes(small.peak)): memory grows with the batch")
    }

    @Test func anEPUBBatchOf1000ArticlesPeaksAsOneOf100() throws {
        let tmp = try TemporaryDirectory()
        let files = try Self.articles(1_000, in: tmp)
        let small = try batchPeak("epub", Array(files.prefix(100)), in: tmp, folder: "small")
        let large = try batchPeak("epub", files, in: tmp, folder: "large")
        expectFlat("epub", (100, small), (1_000, large))
    }

    /// One job: the articles then follow each other in the same order every run, so the two
    /// peaks compare exactly. With two, the peak is the caches plus the two articles under
    /// way at that moment; a PDF of all the scripts' fonts weighs ~50 MB more than a Latin
    /// one, and two of them coincide only when the timing says so, sooner in a long batch
    /// (release, 1,000 articles: 145 MB in most runs, 160 in some). So two jobs are held to
    /// the limit only, on the small batch, whose files must be those of one job.
    ///
    /// PDF costs more, so one run serves twice: its 200 PDFs, each article alone, are the
    /// pages a 200-article issue of the same articles must hold, one after the other,
    /// after its cover and contents (the PDF's named destinations give where each starts).
    ///
    /// Both batches open with the samples themselves, whole: a generated article draws a few
    /// of its sample's sections at random, so the later of 200 bring scripts the first 30 did
    /// not, and a font loaded late into a grown heap raised the peak by 19.6 MB (debug, 30 →
    /// 200 articles: 123.0 → 142.6 MB; after the samples: 124.0 → 124.3 MB). That measured
    /// when fonts were first needed, not what a batch keeps per article.
    @Test func aPDFBatchOf200PeaksAsOneOf30AndTheirIssueHoldsTheirPages() throws {
        let tmp = try TemporaryDirectory()
        let files = try Self.articles(200, in: tmp)
        let warm = try Repo.goodInputs.filter { $0.hasPrefix("samples/") }.map { try tmp.write("warm/" + URL(fileURLWithPath: $0).lastPathComponent, Repo.read($0)) }
        let small = try batchPeak("pdf", warm + files.prefix(30), jobs: 1, in: tmp, folder: "small")
        let large = try batchPeak("pdf", warm + files, jobs: 1, in: tmp, folder: "large")
        expectFlat("pdf", (30, small), (200, large))
        let two = try batchPeak("pdf", Array(files.prefix(30)), jobs: 2, in: tmp, folder: "two")
        #expect(two < Self.limit, "pdf, 2 jobs: peak \(megabytes(two)) for 30 articles; the limit is 200 MB")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path + "/two")) ?? [] {
            #expect(Repo.bytes(atPath: tmp.path + "/two/" + name) == Repo.bytes(atPath: tmp.path + "/small/" + name), "\(name) differs with 2 jobs")
        }

        _ = try tmp.write("articles/issue.yaml", Array(GeneratedArticles.issue(files: files.map { URL(fileURLWithPath: $0).lastPathComponent }).utf8))
        let issue = try PeakMemory.run(try cli(), ["--epub", "--pdf", "--quiet", "--issue", tmp.path + "/articles/issue.yaml", "-o", tmp.path + "/issue"])
        #expect(issue.status == 0, "the 200-article issue failed")
        #expect(issue.peakBytes < Self.limit, "the 200-article issue peaks at \(megabytes(issue.peakBytes))")
        let pdfinfo = try #require(Subprocess.which("pdfinfo"), "pdfinfo (poppler-utils) is missing; run `make test`")
        func pages(_ pdf: String) throws -> Int {
            let info = String(decoding: try Subprocess.run(pdfinfo, [pdf]).stdout, as: UTF8.self)
            return try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) })
        }
        let alone = try files.map { try pages(tmp.path + "/large/" + URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent + ".pdf") }
        let total = try pages(tmp.path + "/issue.pdf")
        // Where each article's title is: `pdfinfo -dests` lists "PAGE [ XYZ … ] "a12-title"".
        let dests = String(decoding: try Subprocess.run(pdfinfo, ["-dests", tmp.path + "/issue.pdf"]).stdout, as: UTF8.self)
        var starts = [Int: Int]()
        for line in dests.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let page = fields.first.flatMap({ Int($0) }), let name = fields.last, name.hasPrefix("\"a"), name.hasSuffix("-title\""),
                  let n = Int(name.dropFirst(2).dropLast(7)) else { continue }
            starts[n] = page
        }
        #expect(starts.count == 200, "\(starts.count) article titles among the issue's destinations")
        let first = try #require(starts[1])
        #expect(first >= 3, "article 1 starts on page \(first): before it, a cover and at least one page of contents")
        var expected = first
        for n in 1...200 {
            #expect(starts[n] == expected, "article \(n) starts on page \(starts[n] ?? 0), not \(expected)")
            expected += alone[n - 1]
        }
        #expect(total == expected - 1, "the issue has \(total) pages; cover and contents (\(first - 1)) and the articles alone (\(alone.reduce(0, +))) make \(expected - 1)")
        // The EPUB: the cover, the contents and one document per article.
        #expect(try SpineDocuments.of(Repo.bytes(atPath: tmp.path + "/issue.epub")).count == 202)
    }
}
