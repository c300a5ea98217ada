import ArtExportCore
import Foundation
import TestSupport
import Testing

/// `artexport` links the EPUB writer only, and opens libzip on first use; a run
/// that asks for a PDF is handed to `artexport-pdf` beside it. What each binary maps is asked of the dynamic
/// loader itself (LD_TRACE_LOADED_OBJECTS, what ldd does).
@Suite struct LinkedLibrariesTests {
    /// Libraries of the PDF typesetter and what they pull in.
    static let graphics = ["libcairo", "libpango", "libharfbuzz", "libfreetype", "libfontconfig", "libhyphen",
                           "libglib", "libgobject", "libpixman", "libpng", "libX11", "libxcb", "libfribidi", "libthai"]

    func cli() throws -> String { try #require(Repo.cli, "the artexport binary is not built; run `make test`") }

    func libraries(of binary: String) throws -> [String] {
        let r = try Subprocess.run(binary, [], environment: ["LD_TRACE_LOADED_OBJECTS": "1"])
        #expect(r.status == 0, "\(r.stderr)")
        return String(decoding: r.stdout, as: UTF8.self).split(separator: "\n")
            .compactMap { $0.split(separator: " ").first.map { String($0.trimmingCharacters(in: .whitespaces)) } }
    }

    @Test func epubBinaryMapsNoGraphicsLibrary() throws {
        let epub = try libraries(of: cli())
        #expect(epub.contains { $0.hasPrefix("libc.so") }, "\(epub)")
        // libzip (and libcrypto, libbz2 and libz with it) is opened when an EPUB is written, not at start-up.
        #expect(!epub.contains { $0.hasPrefix("libzip") || $0.hasPrefix("libcrypto") }, "\(epub)")
        for lib in epub { #expect(!Self.graphics.contains { lib.hasPrefix($0) }, "artexport maps \(lib)") }
        // The check can fail: the PDF binary maps them.
        let pdf = try libraries(of: try #require(try sibling("artexport-pdf")))
        #expect(pdf.contains { $0.hasPrefix("libcairo") } && pdf.contains { $0.hasPrefix("libpango") }, "\(pdf)")
        #expect(pdf.count > epub.count + 10, "artexport \(epub.count) libraries, artexport-pdf \(pdf.count)")
    }

    /// An EPUB that embeds no font never opens HarfBuzz or fontconfig, which only
    /// font embedding loads (Sources/CHarfBuzzSubset/shim.h). The loader's own
    /// log (LD_DEBUG=files) names every library, dlopen'd ones too.
    @Test func epubWithoutEmbeddedFontsOpensNoFontLibrary() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", Array("| title |\n|---|\n| T |\nSome text.\n".utf8))
        let r = try Subprocess.run(cli(), ["--epub", "a.txt"], environment: ["LD_DEBUG": "files", "SOURCE_DATE_EPOCH": "1700000000"],
                                   directory: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        // The check can fail: libzip, opened the same way, is in the log.
        #expect(r.stderr.contains("libzip.so"), "\(r.stderr.prefix(2000))")
        #expect(!r.stderr.contains("libharfbuzz") && !r.stderr.contains("libfontconfig"))
    }

    /// libcrypto hashes the outputs for --json only: a PDF run without it (no
    /// libzip, which brings libcrypto) never opens it.
    @Test func onlyTheReportOpensLibcrypto() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a.txt", Array("| title |\n|---|\n| T |\nSome text.\n".utf8))
        let env = ["LD_DEBUG": "files", "SOURCE_DATE_EPOCH": "1700000000"]
        let plain = try Subprocess.run(cli(), ["--pdf", "a.txt"], environment: env, directory: tmp.path)
        #expect(plain.status == 0)
        #expect(!plain.stderr.contains("libcrypto"), "\(plain.stderr.prefix(2000))")
        let report = try Subprocess.run(cli(), ["--pdf", "--json", "a.txt"], environment: env, directory: tmp.path)
        #expect(report.status == 0)
        #expect(report.stderr.contains("libcrypto.so"), "\(report.stderr.prefix(2000))")
    }

    @Test func pdfRunIsHandedOverWithItsArgumentsAndStatus() throws {
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("a b.txt", Array("| title |\n|---|\n| T |\nSome text.\n".utf8))
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        let r = try Subprocess.run(cli(), ["--epub", "--pdf", "a b.txt", "-o", "out"], environment: env, directory: tmp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let direct = try Subprocess.run(try #require(try sibling("artexport-pdf")), ["--pdf", "a b.txt", "-o", "direct.pdf"],
                                        environment: env, directory: tmp.path)
        #expect(direct.status == 0)
        #expect(Repo.bytes(atPath: tmp.path + "/out.pdf") == Repo.bytes(atPath: tmp.path + "/direct.pdf"))
        #expect(Repo.bytes(atPath: tmp.path + "/out.epub").starts(with: Array("PK".utf8)))
        // A mistake in the arguments is reported by the delegate in the same words and status.
        let bad = try Subprocess.run(cli(), ["--pdf", "--max-input-size", "lots", "a b.txt"], directory: tmp.path)
        let badEPUB = try Subprocess.run(cli(), ["--epub", "--max-input-size", "lots", "a b.txt"], directory: tmp.path)
        #expect(bad.status == 64 && badEPUB.status == 64)
        #expect(bad.stderr == badEPUB.stderr)
        // An input named --pdf after -- is an input, not a request for a PDF.
        _ = try tmp.write("--pdf", Array("| title |\n|---|\n| T |\nText.\n".utf8))
        let named = try Subprocess.run(cli(), ["--epub", "-o", "named.epub", "--", "--pdf"], environment: env, directory: tmp.path)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp.path + "/named.epub"))
    }

    @Test func pdfWithoutTheDelegateIsExit69AndWritesNothing() throws {
        let tmp = try TemporaryDirectory()
        let lonely = tmp.path + "/artexport"
        try FileManager.default.copyItem(atPath: cli(), toPath: lonely)
        _ = try tmp.write("a.txt", Array("| title |\n|---|\n| T |\nText.\n".utf8))
        let r = try Subprocess.run(lonely, ["--pdf", "a.txt"], directory: tmp.path)
        #expect(r.status == 69)
        #expect(r.stderr.contains("artexport-pdf"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/a.pdf"))
        // EPUB still works from the same binary alone.
        let e = try Subprocess.run(lonely, ["--epub", "a.txt"], directory: tmp.path)
        #expect(e.status == 0, "\(e.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp.path + "/a.epub"))
    }

    func sibling(_ name: String) throws -> String? {
        let path = URL(fileURLWithPath: try cli()).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}
