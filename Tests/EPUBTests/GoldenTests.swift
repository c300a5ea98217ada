import ArtExportCore
import ArtExportEPUB
import Foundation
import TestSupport
import Testing

/// The two XHTML documents, OPF, nav and NCX of a plain-text sample, the Markdown sample and `EveryConstruct`, checked in under Golden/ and
/// compared byte for byte. After an intended change, regenerate them with
/// `UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
@Suite struct GoldenTests {
    static let sample = "samples/hostile.txt"
    /// The Markdown reader's XHTML.
    static let markdownSample = "samples/markdown-guide.md"
    static let modified = UTCTime(secondsSinceEpoch: 1_700_000_000)

    static func parts(_ golden: String) throws -> EPUBExporter.Parts {
        if golden == EveryConstruct.name { return EPUBExporter().parts(of: EveryConstruct.article, modified: modified) }
        if golden == "markdown-guide" {
            let (article, _) = try ArtExport.read(Repo.read(markdownSample), file: markdownSample, format: .markdown)
            return EPUBExporter().parts(of: article, modified: modified)
        }
        let (article, _) = try ArtExport.read(Repo.read(sample), file: sample)
        return EPUBExporter().parts(of: article, modified: modified)
    }

    /// The sample's files, and those of the hand-built article that holds every construct.
    static let goldens = ["titlepage.xhtml", "article.xhtml", "content.opf", "nav.xhtml", "toc.ncx"].flatMap { name in
        ["hostile", "markdown-guide", EveryConstruct.name].map { "\($0).\(name)" }
    }

    @Test(arguments: goldens)
    func matchesGolden(_ golden: String) throws {
        let dot = golden.firstIndex(of: ".")!
        let name = String(golden[golden.index(after: dot)...])
        let parts = try Self.parts(String(golden[..<dot]))
        let actual: String
        switch name {
        case "titlepage.xhtml": actual = parts.titlePage
        case "article.xhtml": actual = parts.xhtml
        case "content.opf": actual = parts.opf
        case "nav.xhtml": actual = parts.nav
        default: actual = parts.ncx
        }
        let path = Repo.path("Tests/EPUBTests/Golden/\(golden)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(a, e)).firstIndex { $0 != $1 } ?? min(a.count, e.count)
            Issue.record("""
                \(golden) differs from Golden/\(golden) at line \(line + 1):
                  expected: \(line < e.count ? String(e[line]) : "<end>")
                  actual:   \(line < a.count ? String(a[line]) : "<end>")
                """)
        }
    }
}
