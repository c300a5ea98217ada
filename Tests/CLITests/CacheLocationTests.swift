import Foundation
import TestSupport
import Testing

/// Where `artexport` keeps compiled hyphenation dictionaries: `$ARTEXPORT_CACHE_DIR`,
/// else `$XDG_CACHE_HOME/artexport`, else `$HOME/.cache/artexport` (an empty value
/// counts as unset) — and nowhere else.
@Suite struct CacheLocationTests {
    /// German: its dictionary is large enough to be cached.
    static let article = Array("| title | lang |\n|---|---|\n| Ein Test | de |\nDie Bundesverkehrswegeplanung braucht Geduld.\n".utf8)

    @Test(arguments: ["ARTEXPORT_CACHE_DIR", "XDG_CACHE_HOME", "HOME"])
    func cacheGoesWhereTheEnvironmentSays(_ variable: String) throws {
        let cli = try #require(Repo.cli, "the artexport binary is not built; run `make test`")
        let tmp = try TemporaryDirectory()
        _ = try tmp.write("de.txt", Self.article)
        let chosen = tmp.path + "/chosen"
        var environment = ["ARTEXPORT_CACHE_DIR": "", "XDG_CACHE_HOME": "", "HOME": tmp.path + "/other-home"]
        environment[variable] = chosen
        let result = try Subprocess.run(cli, ["--pdf", "de.txt", "-o", "de.pdf"], environment: environment, directory: tmp.path)
        #expect(result.status == 0, "\(result.stderr)")

        let folder = switch variable {
        case "ARTEXPORT_CACHE_DIR": chosen
        case "XDG_CACHE_HOME": chosen + "/artexport"
        default: chosen + "/.cache/artexport"
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(files.contains { $0.hasPrefix("hyph_de") && $0.hasSuffix(".bin") }, "\(variable): \(folder) holds \(files)")
        #expect(Set(tmp.files()) == ["chosen", "de.pdf", "de.txt"], "\(variable): written besides the cache: \(tmp.files())")
    }
}
