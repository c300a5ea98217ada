#if canImport(Glibc)
import Glibc
#endif

/// Reads a theme folder from disk (`--theme DIR`).
public enum ThemeLoader {
    public static func load(directory: String) throws(ExportError) -> Theme {
        let cssPath = directory.hasSuffix("/") ? directory + "epub.css" : directory + "/epub.css"
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path: cssPath)
        } catch {
            throw ExportError(.missingInput, file: cssPath, "cannot read the theme's style sheet (\(error.diagnostic.message))")
        }
        if let bad = SourceText.firstInvalidUTF8(bytes[...]) {
            throw ExportError(.badInput, file: cssPath, "invalid UTF-8 at byte \(bad); save the style sheet as UTF-8")
        }
        let name = directory.split(separator: "/").last.map(String.init) ?? directory
        return Theme(name: name, epubCSS: String(decoding: bytes, as: UTF8.self))
    }
}
