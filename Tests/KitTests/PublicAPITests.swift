import Foundation
import TestSupport
import Testing

/// The library's public API is the designed one and nothing more: what the compiler
/// exports from the built modules (their symbol graphs) is exactly `docs/public-api.txt`,
/// and the example program compiles as another package's code would, seeing no
/// `package` declaration. A change to the API shows as a diff of that file:
/// `UPDATE_PUBLIC_API=1 swift test --filter PublicAPITests` and review it.
@Suite struct PublicAPITests {
    static let modules = ["ArtExportCore", "ArtExportEPUB", "ArtExportPDF", "ArtExportKit"]

    /// The folder of the test build's `.swiftmodule` files.
    static var modulesFolder: String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("Modules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("ArtExportKit.swiftmodule").path) { return candidate.path }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// What a compiler needs besides the Swift modules: the C libraries' module maps
    /// and their headers' folders (the same pkg-config names as Package.swift).
    static func clangFlags() throws -> [String] {
        let maps = try FileManager.default.contentsOfDirectory(atPath: Repo.path("Sources")).filter { $0.hasPrefix("C") }.sorted()
            .map { ["-Xcc", "-fmodule-map-file=" + Repo.path("Sources/\($0)/module.modulemap")] }.flatMap { $0 }
        let pkgConfig = try #require(Subprocess.which("pkg-config"), "pkg-config is missing; run `make test`")
        let r = try Subprocess.run(pkgConfig, ["--cflags-only-I", "libcmark-gfm", "glib-2.0", "cairo", "pangocairo", "pangoft2", "librsvg-2.0", "gdk-pixbuf-2.0"])
        #expect(r.status == 0, "pkg-config: \(r.stderr)")
        let includes = String(decoding: r.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace).flatMap { ["-Xcc", String($0)] }
        return maps + includes
    }

    /// The toolchain's tool beside `swift` (the one on PATH).
    static func tool(_ name: String) throws -> String {
        if let found = Subprocess.which(name) { return found }
        let swift = try #require(Subprocess.which("swift"), "swift is not on PATH")
        return URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name).path
    }

    #if arch(arm64)
    static let target = "aarch64-unknown-linux-gnu"
    #else
    static let target = "x86_64-unknown-linux-gnu"
    #endif

    /// One line per public symbol: module, path, declaration; sorted.
    static func publicSymbols() throws -> [String] {
        let modules = try #require(modulesFolder, "no built modules beside the test runner")
        let tmp = try TemporaryDirectory()
        let extract = try tool("swift-symbolgraph-extract")
        var lines: [String] = []
        for module in Self.modules {
            let r = try Subprocess.run(extract, ["-module-name", module, "-I", modules, "-target", target,
                                                 "-minimum-access-level", "public", "-skip-synthesized-members", "-output-dir", tmp.path] + clangFlags())
            #expect(r.status == 0, "\(module): \(r.stderr)")
            let data = Repo.bytes(atPath: tmp.path + "/\(module).symbols.json")
            let graph = try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any]
            let symbols = try #require(graph?["symbols"] as? [[String: Any]], "\(module): no symbol graph")
            for symbol in symbols {
                let path = (symbol["pathComponents"] as? [String] ?? []).joined(separator: ".")
                let fragments = symbol["declarationFragments"] as? [[String: Any]] ?? []
                let declaration = fragments.compactMap { $0["spelling"] as? String }.joined()
                lines.append("\(module)  \(path)  \(declaration)")
            }
        }
        return lines.sorted()
    }

    @Test func thePublicAPIIsTheListedOne() throws {
        let actual = try Self.publicSymbols().joined(separator: "\n") + "\n"
        let file = Repo.path("docs/public-api.txt")
        if ProcessInfo.processInfo.environment["UPDATE_PUBLIC_API"] == "1" {
            try actual.write(toFile: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: file, encoding: .utf8)
        let a = Set(actual.split(separator: "\n")), e = Set(expected.split(separator: "\n"))
        #expect(a.subtracting(e).isEmpty, "public but not in docs/public-api.txt:\n\(a.subtracting(e).sorted().joined(separator: "\n"))")
        #expect(e.subtracting(a).isEmpty, "in docs/public-api.txt but not public:\n\(e.subtracting(a).sorted().joined(separator: "\n"))")
        // The few entry points the library is for, so an empty graph cannot pass.
        for entry in ["Exporter.batch(_:formats:naming:jobs:progress:)", "EPUBExporter.export(_:sourceDateEpoch:)", "ArtExport.article(contentsOf:limit:)"] {
            #expect(a.contains { $0.split(separator: " ").dropFirst().first == Substring(entry) }, "\(entry) is not public")
        }
        // What only the package uses stays out of sight.
        for hidden in ["LocalPath", "FileIO", "PDFExporter", "PageMap", "Block", "ExportOptions"] {
            #expect(!a.contains { $0.split(separator: " ").dropFirst().first?.split(separator: ".").first == Substring(hidden) }, "\(hidden) is public")
        }
    }

    /// The example program as a newsletter system's own package would build it: with
    /// another package name, `package` declarations are invisible to it.
    @Test func theExampleNeedsOnlyThePublicAPI() throws {
        let modules = try #require(Self.modulesFolder, "no built modules beside the test runner")
        let swiftc = try Self.tool("swiftc")
        let r = try Subprocess.run(swiftc, ["-typecheck", "-I", modules, "-package-name", "newsroom", Repo.path("Examples/Newsroom/main.swift")] + Self.clangFlags())
        #expect(r.status == 0, "Examples/Newsroom needs more than the public API:\n\(r.stderr)")
    }

    /// The check above can fail: a use of a `package` declaration does not compile there.
    @Test func aPackageDeclarationIsRefusedToAnOutsider() throws {
        let modules = try #require(Self.modulesFolder, "no built modules beside the test runner")
        let tmp = try TemporaryDirectory()
        let source = try tmp.write("outsider.swift", Array("import ArtExportKit\nlet path = LocalPath(\"story.md\")\n".utf8))
        let r = try Subprocess.run(try Self.tool("swiftc"), ["-typecheck", "-I", modules, "-package-name", "newsroom", source] + Self.clangFlags())
        #expect(r.status != 0 && r.stderr.contains("LocalPath"), "an outsider could use LocalPath")
    }
}
