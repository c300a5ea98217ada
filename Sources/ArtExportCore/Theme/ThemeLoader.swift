/// Reads a theme folder from disk (`--theme DIR`). A folder may hold either file
/// or both, and its pdf.theme only the settings it changes; what it lacks comes
/// from the built-in theme.
public enum ThemeLoader {
    public static func load(directory: String) throws(ExportError) -> Theme {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard FileIO.isDirectory(LocalPath(dir)) else {
            throw ExportError(.missingInput, file: dir, "no such theme folder; a theme is a folder holding epub.css and/or pdf.theme")
        }
        var theme = Theme.standard
        theme.name = dir.split(separator: "/").last.map(String.init) ?? dir
        let css = try text(at: "\(dir)/epub.css")
        let pdf = try text(at: "\(dir)/pdf.theme")
        guard css != nil || pdf != nil else {
            throw ExportError(.missingInput, file: dir, "the theme folder holds neither epub.css nor pdf.theme")
        }
        if let css { theme.epubCSS = css }
        if let pdf { theme.pdf = try PDFThemeParser.parse(pdf, file: "\(dir)/pdf.theme", defaults: PDFThemeParser.builtIn) }
        return theme
    }

    private static func text(at path: String) throws(ExportError) -> String? {
        guard FileIO.exists(LocalPath(path)) else { return nil }
        // A theme file is small; the limit keeps a wrong path (a device, a huge file) from filling memory.
        let bytes = try FileIO.read(path: LocalPath(path), limit: 1 << 20)
        if let bad = SourceText.firstInvalidUTF8(bytes[...]) {
            throw ExportError(.badInput, file: path, "invalid UTF-8 at byte \(bad); save the file as UTF-8")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
